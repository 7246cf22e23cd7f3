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
HEDGE_WORDS = re.compile(r"\b(in talks|potential|proposed|would-be|possible)\b", re.I)


@dataclass
class Found:
    """A relation a rule found, before ids and offsets are settled."""

    type: str
    subject: str
    object: str
    evidence: tuple[int, int]
    confidence: float
    attributes: dict[str, Any] = field(default_factory=dict)


def cue_tokens(unit: Unit, pattern: re.Pattern[str]) -> list[Token]:
    doc = unit.doc
    out = []
    base = unit.evidence[0]
    for m in pattern.finditer(unit.text):
        span = doc.char_span(base + m.start(), base + m.end(), alignment_mode="expand")
        if span is not None:
            out.append(span.root)
    return out


def stated(token: Token) -> bool:
    """False when the cue sits in a negated, hedged or conditional clause."""
    node = token
    for _ in range(4):
        for child in node.children:
            if child.dep_ == "neg":
                return False
            if child.dep_ == "aux" and child.lower_ in MODALS:
                return False
            if child.dep_ == "mark" and child.lower_ in HEDGE_MARKS:
                return False
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in HEDGE_VERBS:
            return False
        if node.dep_ in ("ROOT",) or node.head is node:
            break
        if node.dep_ in ("relcl", "acl") and node is not token:
            break
        node = node.head
    return not HEDGE_WORDS.search(token.sent.text) or token.sent.text.count(",") > 3


def stated_cue(unit: Unit, pattern: re.Pattern[str]) -> Token | None:
    """The first cue of the unit that is stated as a fact, or None."""
    for token in cue_tokens(unit, pattern):
        if stated(token):
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
