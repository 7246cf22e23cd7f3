"""NHS bodies trying out a firm's product: "Leeds will test Kheiron's Mia software",
"Barts is trialling a tool made by Qure.ai", "the trusts will compare the findings of its
platform with their pathologists'". A pilot is a ``partnership`` (the guidelines), told
here without the word: the NHS bodies that do the trying pair with the maker named in what
they try (its owner, "from X", "made by X", or "its" for the firm just named).
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest.extract.rules import frames
from ingest.extract.rules.cues import stated
from ingest.extract.rules.regulatory_finding import REGULATORS
from ingest.extract.rules.units import NHS_TYPES, Occ, Unit, occs_in_phrase

# ("trialling" is lemmatised "trialle" by the small model)
TRIAL_VERBS = {
    "test",
    "trial",
    "trialle",
    "pilot",
    "evaluate",
    "assess",
    "validate",
    "compare",
    "try",
}
# What is tried must be a product, not a patient or an idea.
PRODUCT_WORDS = {
    "software",
    "system",
    "platform",
    "app",
    "tool",
    "tools",
    "technology",
    "algorithm",
    "algorithms",
    "device",
    "product",
    "model",
    "test",
    "findings",
    "service",
    "chatbot",
    "sensor",
    "headset",
    "robot",
}


def product_trials(unit: Unit) -> list[tuple[Occ, Occ]]:
    """(NHS body, maker) pairs of the statement."""
    out: list[tuple[Occ, Occ]] = []
    for verb in unit.sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in TRIAL_VERBS or not stated(verb):
            continue
        subject = frames.subject_of(verb)
        if subject is None or frames.is_passive(verb):
            continue
        triers = [
            o for o in _within(unit, subject) if o.type in NHS_TYPES and o.key not in REGULATORS
        ]
        makers = [m for obj in _objects(verb) for m in _makers(unit, obj, triers)]
        out += [(t, m) for t in triers for m in makers if t.key != m.key]
    return out


def _objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "dobj" and _is_product(c)]


def _is_product(noun: Token) -> bool:
    words = {noun.lemma_.lower(), *(t.lemma_.lower() for t in noun.subtree)}
    return bool(words & PRODUCT_WORDS)


def _makers(unit: Unit, obj: Token, triers: list[Occ]) -> list[Occ]:
    named = [o for o in occs_in_phrase(unit, obj) if o.type == "Company"]
    if named:
        return named
    # "Five trusts are to test software from Ibex. A and B will compare the findings of its
    # platform …": "its" is the firm just named, not the trusts themselves
    owned = any(t.dep_ == "poss" and t.lower_ in ("its", "their") for t in obj.subtree)
    firms = [o for o in unit.context_of("Company") if o.key not in {t.key for t in triers}]
    return firms[-1:] if owned and triers else []


def _within(unit: Unit, token: Token) -> list[Occ]:
    return occs_in_phrase(unit, token) or frames.occ_at(unit, token)
