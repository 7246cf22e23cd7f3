"""Investors named without a money verb of their own, after the text has said who raised
the money: "LRVHealth and OSF HealthCare also invested", "Par Equity took part again, as
did MMC Ventures", "the round also drew in A and B", "the new investors include A and B",
"A and B are among its investors". Each named one funds the company that raised the round
(``funders.prepare`` finds it); a statement naming no raiser gives nothing.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ingest.extract import state
from ingest.extract.rules.cues import stated
from ingest.extract.rules.frames import occ_at
from ingest.extract.rules.funders import FUNDER_TYPES
from ingest.extract.rules.units import Occ, Unit, most_named, occs_in_phrase, one_per_entity

# Verbs that, said of an investor with no object, mean it put money into the round.
JOINING_VERBS = {"invest", "co-invest", "participate"}
# "took part", "drew in", "chipped in", "piled in": a verb and its particle.
PHRASAL = {
    ("take", "part"),
    ("draw", "in"),
    ("chip", "in"),
    ("pile", "in"),
    ("come", "in"),
    ("put", "in"),
}
# "the companies funding that first phase are A and B": a noun made an investor by its verb
FUNDING_PARTICIPLES = {"fund", "back", "finance", "bankroll", "support", "invest"}
# (shareholders are holders of equity: ``equity_stake.shareholders``)
INVESTOR_NOUNS = {"investor", "backer", "funder", "supporter", "participant"}
LISTING = {"include", "be", "comprise"}
BACKER_TYPES = (*FUNDER_TYPES, "Person")  # an angel investor named among them
RECIPIENT_TYPES = ("Company", "Charity", "University", "Trust", "Other")
# lemmas any of the shapes starts from
CANDIDATE_LEMMAS = {
    *JOINING_VERBS,
    *(verb for verb, _ in PHRASAL),
    *INVESTOR_NOUNS,
}
SUBJECTS = ("nsubj", "nsubjpass", "punct", "aux", "advmod")
THEY = {"they", "these", "those"}


def named_backers(unit: Unit, raisers: list[Occ]) -> list[Occ]:
    """The investors a statement names in one of the shapes above."""
    if not raisers:
        return []
    return _named(unit, raisers, verbs=True)


INVESTOR_WORDS = re.compile(
    r"\b(investors?|backers?|funders?|supporters?|participants?|fund\w*|back\w*|"
    r"financ\w*|bankroll\w*|support\w*|invest\w*)\b",
    re.I,
)


def listed_backers(unit: Unit) -> tuple[list[Occ], list[Occ]]:
    """With no company named as raising money: investors the statement lists outright
    ("The companies funding that first phase are A and B") and the body they fund, the
    one the text is about."""
    if not unit.search(INVESTOR_WORDS):
        return [], []
    funders = _named(unit, [], verbs=False)
    taken = {o.key for o in funders}
    about = unit.focus_of(*RECIPIENT_TYPES) + unit.context_of(*RECIPIENT_TYPES)
    recipient = [o for o in about if o.key not in taken][:1] or most_named(
        unit, RECIPIENT_TYPES, taken
    )
    return (funders, recipient) if funders and recipient else ([], [])


def _named(unit: Unit, raisers: list[Occ], verbs: bool) -> list[Occ]:
    found: list[Occ] = []
    for token in unit.sent:
        if token.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        lemma = token.lemma_.lower()
        if lemma not in CANDIDATE_LEMMAS and not (
            token.pos_ == "NOUN" and any(c.dep_ == "acl" for c in token.children)
        ):
            continue  # the cheap test before the costly one
        if not stated(token):
            continue
        if verbs and token.pos_ == "VERB" and _joins(token):
            found += _subjects(unit, token)
            if _particle(token) == "in":  # "drew in A and B": the object
                found += [o for c in token.children if c.dep_ == "dobj" for o in _within(unit, c)]
                found += [
                    o
                    for c in token.children
                    if c.dep_ == "prep" and c.lower_ == "in"
                    for g in c.children
                    if g.dep_ == "pobj"
                    for o in _within(unit, g)
                ]
            found += _as_did(unit, token)
        elif token.pos_ == "NOUN" and (
            token.lemma_.lower() in INVESTOR_NOUNS or _funding_participle(token)
        ):
            found += _listed_investors(unit, token)
    if verbs:
        found += _they_include(unit)
    raiser_keys = {o.key for o in raisers}
    return [o for o in one_per_entity(found) if o.type in BACKER_TYPES and o.key not in raiser_keys]


def _joins(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in JOINING_VERBS:
        # "also invested" with no object: "invested in X" names its own recipient
        return not any(c.dep_ == "prep" and c.lower_ in ("in", "into") for c in verb.children)
    return (lemma, _particle(verb)) in PHRASAL


def _particle(verb: Token) -> str | None:
    for c in verb.children:
        if c.dep_ in ("prt", "dobj", "prep") and c.lower_ in ("part", "in"):
            return c.lower_
    return None


def _subjects(unit: Unit, verb: Token) -> list[Occ]:
    subjects = [o for c in verb.children if c.dep_ == "nsubj" for o in _within(unit, c)]
    if verb.dep_ == "conj" and verb.head.pos_ in ("PROPN", "NOUN"):
        # "Giant Ventures, which …, and Speedinvest put in more money": the parser made
        # the verb a list member of the first name
        subjects += [o for o in unit.occs if o.start <= verb.head.i < o.end]
    if subjects or verb.dep_ not in ("acl", "relcl"):
        return subjects
    # "KHP Ventures, a collaboration between …, also invested": the parser hung the verb
    # on the description; the name it describes is the subject
    head = verb.head
    while head.dep_ == "appos" and head.head is not head:
        head = head.head
    return [o for o in unit.occs if o.start <= head.i < o.end]


def _funding_participle(noun: Token) -> bool:
    return any(c.dep_ == "acl" and c.lemma_.lower() in FUNDING_PARTICIPLES for c in noun.children)


def _within(unit: Unit, token: Token) -> list[Occ]:
    """Every name in a phrase: a list the parser did not see as one ("A, B, Section 32
    and C") is still every one of them; a name inside a relative clause is not."""
    hidden = {t.i for c in token.subtree if c.dep_ in ("relcl", "acl") for t in c.subtree}
    # "Demis Hassabis, co-founder of DeepMind": the body a description names is no backer
    hidden |= {
        t.i
        for c in token.subtree
        if c.dep_ == "appos"
        for p in c.children
        if p.dep_ == "prep"
        for t in p.subtree
    }
    # "Scottish Enterprise's Scottish Investment Bank": the owner named to describe a backer
    owners = {
        o.key
        for o in unit.occs
        if unit.doc[o.start : o.end].root.dep_ == "poss"
        and unit.doc[o.start : o.end].root.head.pos_ == "PROPN"
    }
    inside = [
        o for o in occs_in_phrase(unit, token) if o.start not in hidden and o.key not in owners
    ]
    return inside or occ_at(unit, token)


def _as_did(unit: Unit, verb: Token) -> list[Occ]:
    """ "Par Equity took part again, as did MMC Ventures"."""
    out = []
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(c.lower_ == "as" for c in clause.children):
            out += [o for c in clause.children if c.dep_ == "nsubj" for o in _within(unit, c)]
    return out


def _they_include(unit: Unit) -> list[Occ]:
    """ "The largest of its original supporters took part. They include A, B and C"."""
    first, root = unit.sent[0], unit.sent.root
    if first.lower_ not in THEY or root.lemma_.lower() not in ("include", "be"):
        return []
    before = state.doc_text(unit.doc)[unit.context_evidence[0] : unit.evidence[0]].lower()
    if not any(word in before for word in (*INVESTOR_NOUNS, "took part", "invested")):
        return []
    return [o for c in root.children if c.dep_ in ("dobj", "attr") for o in _within(unit, c)]


def _listed_investors(unit: Unit, noun: Token) -> list[Occ]:
    """ "the new investors include A and B", "A and B are among its investors"."""
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in LISTING:
        # "the new investors include A and B", "… include funds from Asia, among them A"
        return [o for c in head.children if c.dep_ not in SUBJECTS for o in _within(unit, c)]
    if noun.dep_ == "pobj" and head.lower_ == "among" and head.head.lemma_.lower() == "be":
        verb = head.head
        return [o for c in verb.children if c.dep_ == "nsubj" for o in _within(unit, c)]
    if noun.dep_ == "ROOT" or noun.i == unit.sent.start + 1:
        # "The companies funding that first phase are A, B and C", parsed as a fragment:
        # the names after the first "are"/"include" that follows the noun
        verb = next((t for t in unit.sent if t.i > noun.i and t.lemma_.lower() in LISTING), None)
        if verb is not None:
            return [o for o in unit.occs if o.start > verb.i and o.named]
    return []
