"""Who does what to whom: the two sides of a relation read off the dependency parse.

A frame table (``cues.CONTRACT_FRAMES``, ``cues.INVESTMENT_FRAMES``) says, per verb lemma,
which side of the relation its subject, its object and the object of each preposition
stand for: ``"a"`` the relation's subject (buyer, funder), ``"b"`` its object (supplier,
recipient), ``"?"`` either (a symmetric verb such as "sign … with": the types decide).
A passive clause swaps them ("was selected by the trust": the agent is the subject's
side). Prepositions count on the verb and on its object noun ("awarded a contract to
Z", "signed a deal with Z", "a round led by Y"). A name stands for its conjuncts too ("Accenture
and PwC"), a relative pronoun for the noun it qualifies, and a noun that names no one
for the first name inside it ("a consortium led by Palantir").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ingest.extract.rules.units import Occ, Unit

SUBJ = ("nsubj",)
PASS = ("nsubjpass",)
OBJ = ("dobj", "dative")
RELATIVE = {"which", "that", "who", "whom"}


@dataclass(frozen=True)
class Frame:
    subj: str | None = None
    obj: str | None = None
    preps: dict[str, str] = field(default_factory=dict)


@dataclass
class Sides:
    a: list[Occ] = field(default_factory=list)
    b: list[Occ] = field(default_factory=list)
    either: list[Occ] = field(default_factory=list)
    verbs: list[Token] = field(default_factory=list)

    def add(self, side: str | None, occs: list[Occ]) -> None:
        if side is None:
            return
        target = {"a": self.a, "b": self.b, "?": self.either}[side]
        for o in occs:
            if all(o.key != t.key for t in target):
                target.append(o)


def occ_at(unit: Unit, token: Token, deep: bool = True, skip: Token | None = None) -> list[Occ]:
    """The entities a token stands for (its conjuncts included); ``skip`` is a clause
    under the token not to look into (the verb whose subject it is)."""
    if token.lower_ in RELATIVE and token.head.dep_ == "relcl":
        token = token.head.head
    out: list[Occ] = []
    hidden = {t.i for t in skip.subtree} if skip is not None else set()
    # "backed by Leaps by Bayer, …, as well as Hitachi Ventures": the list may hang off any
    # word of a name the parser split
    own = next((o for o in unit.occs if o.start <= token.i < o.end), None)
    inside = [unit.doc[i] for i in range(own.start, own.end) if i != token.i] if own else []
    listed = [c for t in inside for c in conjuncts(t) if not (own.start <= c.i < own.end)]
    for t in [token, *conjuncts(token), *listed]:
        found = [o for o in unit.occs if o.start <= t.i < o.end]
        if not found and deep and t.dep_ == "appos":
            # "iCAIRD, a programme funded by Innovate UK": the programme is iCAIRD
            found = [o for o in unit.occs if o.start <= t.head.i < o.end]
        if not found and t.pos_ == "NOUN":
            # "ten trusts, including A and B", "firms such as A and B": every one named
            for example in _examples(t):
                found += [o for o in occ_at(unit, example, deep=False) if o not in found]
        if not found and deep and t.pos_ in ("NOUN", "PROPN", "PRON"):
            # "a consortium led by Palantir", "the NHS England Cancer Programme"
            left = [o for o in unit.occs if t.left_edge.i <= o.start and o.end <= t.i]
            right = [
                o
                for o in unit.occs
                if t.i < o.start and o.end <= t.right_edge.i + 1 and o.start not in hidden
            ]
            found = (left[-1:] if t.pos_ == "PROPN" else []) or right[:1]
        out.extend(o for o in found if o not in out)
    return out


def _examples(noun: Token) -> list[Token]:
    """The named examples of a common noun: "trusts including A", "firms such as A"."""
    out = []
    for child in noun.children:
        if child.dep_ != "prep":
            continue
        if child.lower_ in ("including", "like") or (
            child.lower_ == "as" and child.i > 0 and child.doc[child.i - 1].lower_ == "such"
        ):
            out += [g for g in child.children if g.dep_ == "pobj"]
        elif child.lower_ == "such":
            out += [g for a in child.children if a.lower_ == "as" for g in a.children]
    listed = [t for t in out if t.dep_ == "pobj"]
    for child in noun.children:
        # "a group that includes A, B and C", "a consortium which comprises A and B"
        if child.dep_ == "relcl" and child.lemma_.lower() in ("include", "comprise"):
            listed += [g for g in child.children if g.dep_ == "dobj"]
    return listed


# "W, along with V", "W as well as V", "W alongside V": V is a further party
ALONG = {"along": "with", "alongside": None, "plus": None}


def along(token: Token) -> list[Token]:
    """The further parties "along with" / "alongside" a token names."""
    out = []
    for c in token.children:
        if c.dep_ != "prep" or c.lower_ not in ALONG:
            continue
        nxt = ALONG[c.lower_]
        heads = [g for g in c.children if g.dep_ == "prep" and g.lower_ == nxt] if nxt else [c]
        out += [g for h in heads for g in h.children if g.dep_ == "pobj"]
    return out


def conjuncts(token: Token) -> list[Token]:
    out = []
    stack = [c for c in token.children if c.dep_ in ("conj", "appos")] + along(token)
    while stack:
        t = stack.pop(0)
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
        stack.extend(along(t))
    return out


def preps_of(token: Token):
    """(preposition, object) pairs of a token, the agent of a passive as "by"."""
    yield from _preps(token)


def _preps(token: Token):
    for child in token.children:
        if child.dep_ == "prep" or (child.dep_ == "dative" and child.pos_ == "ADP"):
            for grand in child.children:
                if grand.dep_ == "pobj":
                    yield child.lower_, grand
        elif child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    yield "by", grand


def subject_of(verb: Token) -> Token | None:
    """The clause subject, inherited along "xcomp"/"conj" chains ("agreed to supply")."""
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ in SUBJ + PASS:
                return child
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head is not node:
            node = node.head
            continue
        if node.dep_ in ("acl", "relcl") and node.head is not node:
            return node.head  # "a firm selected by X", "Z, which won the contract"
        break
    return None


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def sides(unit: Unit, frames: dict[str, Frame], carries: set[int] | None = None) -> Sides:
    """Both sides of every verb of the table in the statement (with ``carries``, token
    indices of cue words: only the verbs that are a cue or have one under them)."""
    out = Sides()
    for token in unit.sent:
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in frames:
            continue
        if carries is not None and not carries_cue(token, carries):
            continue
        frame = frames[token.lemma_.lower()]
        passive = is_passive(token)
        subj_side, obj_side = (frame.obj, frame.subj) if passive else (frame.subj, frame.obj)
        subj = subject_of(token)
        if subj is not None:
            out.add(subj_side, occ_at(unit, subj, skip=token))
        for child in token.children:
            if child.dep_ in OBJ:
                out.add(obj_side if not passive else frame.obj, occ_at(unit, child, deep=False))
                for prep, pobj in _preps(child):
                    out.add(frame.preps.get(prep), occ_at(unit, pobj))
        for prep, pobj in _preps(token):
            side = frame.subj if prep == "by" and passive else frame.preps.get(prep)
            out.add(side, occ_at(unit, pobj))
        out.verbs.append(token)
    return out


def carries_cue(verb: Token, cue_ids: set[int]) -> bool:
    """The verb is a cue, or a cue word is among its own arguments (not inside a clause
    of its own under the verb)."""
    if verb.i in cue_ids:
        return True
    stack = list(verb.children)
    while stack:
        t = stack.pop()
        if t.i in cue_ids:
            return True
        if t.dep_ in ("conj", "ccomp", "advcl", "parataxis") and t.pos_ in ("VERB", "AUX"):
            continue
        stack.extend(t.children)
    return False


def clause_head(token: Token) -> Token:
    """The verb of the clause a cue word sits in ("contract" in "X won a contract")."""
    node = token
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            return node
        node = node.head
    return node


def in_clause(unit: Unit, cue: Token, occs: list[Occ]) -> list[Occ]:
    """The occurrences inside the clause of the cue (its verb's subtree)."""
    head = clause_head(cue)
    lo, hi = head.left_edge.i, head.right_edge.i
    if head.dep_ == "ROOT":
        lo, hi = min(lo, unit.sent.start), max(hi, unit.sent.end - 1)  # a rejoined sentence
    # a lead-in's list items ("… were awarded to: - BT - CSC") belong to its clause
    return [o for o in occs if (lo <= o.start and o.end - 1 <= hi) or o.start >= unit.sent.end]


def narrowed(unit: Unit, cue: Token, first: list[Occ], second: list[Occ]):
    """Both sides cut to the cue's clause when it names both, else as they were."""
    a, b = in_clause(unit, cue, first), in_clause(unit, cue, second)
    if a and b:
        return a, b
    return first, second
