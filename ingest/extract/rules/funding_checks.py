"""Checks that keep a money statement honest, for ``investment``.

Who is not a party ("University of Oxford spin-outs" are not the university; an owner
"owned by Alphabet" is no funder), who is when nobody else is named (the national body
announcing where its money goes), and money that is not given at all ("asked the fund
for £19m", "would lose £8m of funding") or is shared out ("A and B will share £2m").
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest.extract.rules.cues import stated
from ingest.extract.rules.equity_stake import names_origin
from ingest.extract.rules.regulatory_finding import REGULATORS
from ingest.extract.rules.units import Occ, Unit, keys, token_at

# What comes out of a body, not the body ("University of Oxford spin-outs", "Oxford
# science"); "the Oxford project" is still Oxford's.
OFFSPRING_NOUNS = {
    "spin-out",
    "spinout",
    "spin-off",
    "spin-outs",
    "spinouts",
    "company",
    "firm",
    "start-up",
    "startup",
    "business",
    "science",
    "patient",
    "resident",
}


OWNING_VERBS = {"own", "acquire", "buy", "purchase", "control"}


def owner_not_funder(unit: Unit, occ: Occ) -> bool:
    """ "both owned by Alphabet": an owner is a holder of shares, not a funder."""
    root = token_at(unit.doc, occ)
    agent = root.head if root.dep_ == "pobj" else None
    return agent is not None and agent.dep_ == "agent" and agent.head.lemma_.lower() in OWNING_VERBS


def describes_offspring(unit: Unit, occ: Occ) -> bool:
    """A name used as a modifier of what comes out of it ("University of Oxford
    spin-outs", "Oxford science") stands for no recipient."""
    root = token_at(unit.doc, occ)
    if names_origin(unit, occ):
        return True
    return root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in OFFSPRING_NOUNS


# Money asked for, lost or taken back is money not given.
NOT_GIVEN = {
    "ask",
    "apply",
    "bid",
    "seek",
    "request",
    "lobby",
    "lose",
    "forfeit",
    "withhold",
    "withdraw",
    "repay",
    "refuse",
    "reject",
}


def money_not_given(cue: Token) -> bool:
    """The cue, or a verb it hangs from, asks for, loses or refuses the money."""
    node = cue
    for _ in range(4):
        if node.pos_ == "VERB" and node.lemma_.lower() in NOT_GIVEN:
            return True
        if node.head is node:
            break
        node = node.head
    return any(c.lemma_.lower() in NOT_GIVEN and c.pos_ == "VERB" for c in cue.children)


def sharing_verb(unit: Unit) -> Token | None:
    """ "A and B will share £2m from the NHS AI Lab" (a verb; "Pfizer's share" is not)."""
    return next(
        (
            t
            for t in unit.sent
            if t.pos_ == "VERB" and t.lemma_.lower() in ("share", "split") and stated(t)
        ),
        None,
    )


ANNOUNCING = {"say", "announce", "confirm", "state", "reveal"}


def announcing_body(unit: Unit, recipients: list[Occ]) -> list[Occ]:
    """ "Smaller sums go to A and B, the Department of Health said": the national body
    announcing where its money goes is the one paying it."""
    out = []
    for o in unit.of("GovernmentBody"):
        root = token_at(unit.doc, o)
        if (
            root.dep_ == "nsubj"
            and root.head.lemma_.lower() in ANNOUNCING
            and o.key not in keys(recipients)
            and o.key not in REGULATORS
        ):
            out.append(o)
    return out[:1]
