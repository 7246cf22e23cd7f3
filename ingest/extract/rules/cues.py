"""Cue words and the checks every rule shares: is the fact stated, or only hoped for?

A cue ("stake", "royalties", "signed … agreement") counts only when the clause that
holds it is not negated ("was not the subject of the ruling"), not hedged by a modal
("could", "might"), not governed by a verb of wanting or waiting ("plans to", "awaiting
approval", "will need … funding") and not inside an "if"/"whether" clause. The check walks
up the dependency tree from the cue, so "agreed not to sell" in a relative clause does
not cancel the stake it describes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from ingest.extract import state
from ingest.extract.rules.units import Occ, Unit

MODALS = {"could", "would", "might", "may", "should"}
HEDGE_VERBS = {
    "hope",
    "plan",
    "consider",
    "seek",
    "want",
    "need",
    "await",
    "negotiate",
    "propose",
    "explore",
    "discuss",
    "deny",
    "investigate",
    "urge",
    "call",
    "question",
    "scrutinise",
    "encourage",
    "require",
}
HEDGE_MARKS = {"if", "whether", "unless"}
NEGATORS = {"no", "neither", "nor", "never"}
HEDGE_WORDS = re.compile(r"\b(in talks)\b", re.I)
# Words that make the deal they qualify hoped-for: "a potential deal", "the proposed stake".
HEDGE_MODIFIERS = {"potential", "proposed", "would-be", "possible", "planned", "mooted"}
# Reported terms of an agreement that exists: "under the deal, the trust would receive …".
REPORTED_TERMS = re.compile(
    r"\b(under (?:the|its|their|a|an) (?:[\w-]+ ){0,2}(?:terms|deal|agreement|contract|"
    r"arrangement|partnership)|as part of (?:the|its|their|a|an) (?:[\w-]+ ){0,2}(?:deal|"
    r"agreement|contract|arrangement|partnership))\b",
    re.I,
)


@dataclass
class Found:
    """A relation a rule found, before ids and offsets are settled."""

    type: str
    subject: str
    object: str
    evidence: tuple[int, int]
    confidence: float
    attributes: dict[str, Any] = field(default_factory=dict)
    own_evidence: tuple[int, int] | None = None  # the statement alone, when evidence adds context
    takeover: bool = False  # a body buying a company: no purchase of goods, no funding


def cue_tokens(unit: Unit, pattern: re.Pattern[str]) -> list[Token]:
    doc = unit.doc
    out = []
    base = unit.evidence[0]
    for m in unit.matches(pattern):
        span = doc.char_span(base + m.start(), base + m.end(), alignment_mode="expand")
        if span is not None:
            out.append(span.root)
    return out


def stated(token: Token, modals_ok: bool = False) -> bool:
    """False when the cue sits in a negated, hedged or conditional clause (with
    ``modals_ok``, "could/would/may" pass: terms of a deal that exists)."""
    if presupposed(token):
        return True
    node = token
    terms_reported, hedged = sentence_terms(token)
    reported = modals_ok or terms_reported
    for _ in range(4):
        for child in node.children:
            if child.dep_ == "neg" or child.lower_ in NEGATORS:
                return False
            modal = child.dep_ == "aux" and child.lower_ in MODALS
            if modal and not (reported and (modals_ok or child.lower_ == "would")):
                return False
            if child.dep_ in ("amod", "compound") and child.lower_ in HEDGE_MODIFIERS:
                return False
            if child.dep_ == "mark" and child.lower_ in HEDGE_MARKS:
                return False
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in HEDGE_VERBS:
            return False
        if node.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass") and any(d.lower_ in NEGATORS for d in c.children)
            for c in node.children
        ):
            return False  # "Neither intervention concerned a contract", "No firm was paid"
        if node.dep_ in ("ROOT",) or node.head is node:
            break
        if node.dep_ in ("relcl", "acl") and node is not token:
            break
        node = node.head
    return not hedged


def sentence_terms(token: Token) -> tuple[bool, bool]:
    """Of the token's sentence: does it report a deal's terms ("under the deal, …"), and
    is it hedged by words ("in talks", unless a long list), read once per sentence."""
    sent = token.sent
    seen = state.cached(token.doc, "sentence_terms", lambda _: {})
    if sent.start not in seen:
        text = state.doc_text(token.doc)[sent.start_char : sent.end_char]
        seen[sent.start] = (
            bool(REPORTED_TERMS.search(text)),
            bool(HEDGE_WORDS.search(text)) and text.count(",") <= 3,
        )
    return seen[sent.start]


# Words that make a possessed deal a new one: "plans to sign its first contract with X".
NEW_DEAL_WORDS = {"new", "first", "next", "future", "proposed", "planned", "potential"}
PHRASE_POS = {"DET", "PRON", "ADJ", "NOUN", "PROPN", "NUM", "PUNCT", "PART"}


def presupposed(token: Token) -> bool:
    """ "The trust plans to extend its contract with Dedalus", "wants to sell its stake in
    X": a deal named as a body's own exists whatever is planned for it, so the hedge
    above it does not make it hoped-for (unless it is called new or negated)."""
    if token.pos_ != "NOUN":
        return False
    # the words before the noun in its phrase, read off the words themselves ("its
    # electronic patient record (EPR) contract", where the parser hangs "its" on "record"
    # or makes the contract an apposition)
    before = []
    for t in reversed(token.doc[max(token.sent.start, token.i - 8) : token.i]):
        if t.pos_ not in PHRASE_POS:
            break
        before.append(t)
    if not any(t.dep_ == "poss" for t in before):
        return False
    return not any(
        t.lower_ in NEW_DEAL_WORDS or t.dep_ == "neg" or t.lower_ in NEGATORS
        for t in [*before, *token.children]
    )


def stated_cue(unit: Unit, pattern: re.Pattern[str], modals_ok: bool = False) -> Token | None:
    """The first cue of the unit that is stated as a fact, or None."""
    for token in cue_tokens(unit, pattern):
        if stated(token, modals_ok):
            return token
    return None


def first_after(occs: list[Occ], token_i: int) -> Occ | None:
    after = [o for o in occs if o.start > token_i]
    return after[0] if after else None


def pairs(subjects: list[Occ], objects: list[Occ]) -> list[tuple[str, str]]:
    out = []
    for s in subjects:
        for o in objects:
            if s.key != o.key and (s.key, o.key) not in out:
                out.append((s.key, o.key))
    return out


def in_modifier_of(occ: Occ, unit: Unit, others: list[Occ]) -> bool:
    """ "DeepMind, the AI firm owned by Alphabet": Alphabet only describes DeepMind, inside
    a clause or apposition that modifies another of the candidates, so it takes no part
    in the deal."""
    spans = [(o.start, o.end) for o in others if o.key != occ.key]
    token = unit.doc[occ.start : occ.end].root
    for ancestor in token.ancestors:
        if ancestor.i < unit.sent.start:
            break
        if ancestor.dep_ in ("acl", "relcl", "appos"):
            head = ancestor.head
            if any(start <= head.i < end for start, end in spans):
                return True
            if head.dep_ == "appos" and any(start <= head.head.i < end for start, end in spans):
                return True
    return False


def governing_prep(occ: Occ, unit: Unit) -> str | None:
    """The preposition an occurrence is the object of ("in" for "a stake in X")."""
    root = unit.doc[occ.start : occ.end].root
    if root.dep_ == "pobj":
        return root.head.lower_
    if root.dep_ == "agent" or (root.head.dep_ == "agent"):
        return "by"
    return None


def is_subject(occ: Occ, unit: Unit) -> bool:
    root = unit.doc[occ.start : occ.end].root
    return root.dep_ in ("nsubj", "nsubjpass") or (
        root.dep_ == "conj" and root.head.dep_ in ("nsubj", "nsubjpass")
    )


# -- verb frames: which side of a relation each argument of a verb stands for ----------------
# ``a`` is the relation's subject, ``b`` its object, ``?`` either (the types decide). See
# ``rules/frames.py``; a passive clause swaps subject and object.
def _frames(table: dict[tuple[str, ...], tuple[str | None, str | None, dict[str, str]]]):
    from ingest.extract.rules.frames import Frame

    return {
        lemma: Frame(subj, obj, preps)
        for lemmas, (subj, obj, preps) in table.items()
        for lemma in lemmas
    }


# contract: a = buyer, b = supplier
CONTRACT_FRAMES = _frames(
    {
        ("award", "give", "grant", "hand", "offer", "subcontract", "outsource"): (
            "a",
            "b",
            {"to": "b", "with": "b"},
        ),
        (
            "select",
            "choose",
            "pick",
            "appoint",
            "commission",
            "hire",
            "engage",
            "contract",
            "task",
            "enlist",
            "recruit",
            "retain",
            "employ",
            "tap",
            "shortlist",
            "approve",
        ): ("a", "b", {"with": "b", "from": "b"}),
        ("procure", "buy", "purchase", "order", "license", "lease", "rent", "source"): (
            "a",
            None,
            {"from": "b", "with": "b"},
        ),
        ("sign", "agree", "strike", "ink", "seal", "enter", "extend", "renew", "finalise"): (
            "?",
            None,
            {"with": "?", "by": "?"},
        ),
        (
            "win",
            "secure",
            "land",
            "clinch",
            "bag",
            "gain",
            "earn",
            "scoop",
            "obtain",
            "receive",
            "bid",
        ): ("b", None, {"from": "a", "with": "a", "by": "a", "for": "a"}),
        ("go", "pass"): (None, None, {"to": "b"}),  # "the contract went to Z"
        # "firms which hold contracts with the department"
        ("hold", "have"): ("b", None, {"with": "a"}),
        # "the trust paid Epic £200m", "spent £4.5m with Accenture"
        ("pay",): ("a", "b", {"to": "b"}),
        ("spend",): ("a", None, {"with": "b"}),
        (
            "supply",
            "provide",
            "deliver",
            "build",
            "maintain",
            "host",
        ): ("b", "a", {"to": "a", "for": "a", "across": "a", "at": "a"}),
    }
)

# investment: a = funder, b = recipient
INVESTMENT_FRAMES = _frames(
    {
        ("invest", "co-invest", "put", "pump", "inject", "plough", "pour", "sink", "commit"): (
            "a",
            None,
            {"in": "b", "into": "b", "to": "b"},
        ),
        (
            "fund",
            "co-fund",
            "cofund",
            "back",
            "bankroll",
            "finance",
            "sponsor",
            "support",
            "help",
        ): (
            "a",
            "b",
            {"from": "a", "by": "a"},
        ),
        ("award", "give", "grant", "hand", "allocate", "pay", "provide", "offer", "donate"): (
            "a",
            "b",
            {"to": "b", "for": "b", "from": "a"},
        ),
        (
            "raise",
            "secure",
            "receive",
            "win",
            "get",
            "obtain",
            "attract",
            "land",
            "bag",
            "close",
            "net",
            "collect",
            "announce",
            "complete",
        ): ("b", None, {"from": "a", "by": "a", "with": "a"}),
        # "smaller sums go to A (£23.6m) and B (£12.7m)", "eight trusts will share £6m"
        ("go", "flow"): (None, None, {"to": "b"}),
        ("share", "split"): ("b", None, {"from": "a"}),
    }
)
# royalty: a = receiver, b = payer ("Sanofi will pay it royalties", "the university will be
# paid royalties by the company", "entitled to royalties from Vertex")
ROYALTY_FRAMES = _frames(
    {
        ("pay", "owe", "remit", "hand", "give"): ("b", "a", {"to": "a", "by": "b"}),
        (
            "receive",
            "earn",
            "collect",
            "get",
            "take",
            "keep",
            "retain",
            "secure",
            "make",
            "generate",
            "draw",
        ): ("a", None, {"from": "b", "by": "b"}),
        ("entitle",): (None, "a", {"from": "b"}),
        ("share",): ("b", None, {"with": "a"}),
    }
)
# What a round of funding is called: "a round led by Y", "Y led the Series A".
ROUND_NOUNS = {"round", "raise", "financing", "funding", "investment", "series", "fundraise"}
ROUND_VERBS = {"lead", "co-lead", "join", "back", "support", "anchor"}
# Nouns whose "from"/"by" names a funder: "with participation from W and V".
FUNDER_NOUNS = {
    "participation",
    "backing",
    "support",
    "investment",
    "investments",
    "funding",
    "money",
    "grant",
    "cash",
    "capital",
    "contribution",
    "contributions",
    "involvement",
}
