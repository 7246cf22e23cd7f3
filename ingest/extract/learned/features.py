"""What the scorer knows about a candidate: general signals of how a sentence states a
relation, never the names in it.

Every feature is a string, present or absent, tied to the relation type
(``contract|anc:award``) so each type learns its own cues. Lexical features are lemmas:
the word that governs both parties in the parse, the words between them, the statement's
verbs; the rules' cue word lists add what the annotated articles are too few to teach.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ingest.extract.learned.candidates import Candidate, Pair
from ingest.extract.rules import (
    contract,
    data_sharing,
    equity_stake,
    investment,
    partnership,
    regulatory_finding,
    royalty,
)
from ingest.extract.rules.units import Occ, Unit

MAX_PATH = 5
MAX_BETWEEN = 12
CUES: dict[str, tuple[re.Pattern[str], ...]] = {
    "partnership": (partnership.CUE, partnership.ADOPTION),
    "data_sharing": (data_sharing.CUE, data_sharing.DATA),
    "equity_stake": (equity_stake.STAKE, equity_stake.HOLDING),
    "royalty": (royalty.CUE,),
    "contract": (contract.CUE, contract.DEAL),
    "investment": (investment.CUE,),
    "regulatory_finding": (regulatory_finding.CUE,),
}
HEDGES = {"could", "would", "may", "might", "should", "plan", "hope", "consider", "propose"}
NEGATIONS = {"not", "never", "no", "n't"}


def unit_features(unit: Unit) -> list[str]:
    """What the statement says whichever pair is scored (computed once per statement)."""
    out = ["bias"]
    for relation, patterns in CUES.items():
        if any(unit.search(p) for p in patterns):
            out.append(f"cue:{relation}")
    sent = unit.sent
    out.append(f"root:{sent.root.lemma_.lower()}")
    for token in sent:
        if token.pos_ == "VERB":
            out.append(f"verb:{token.lemma_.lower()}")
        if token.lower_ in NEGATIONS:
            out.append("negated")
        if token.lemma_.lower() in HEDGES:
            out.append(f"hedge:{token.lemma_.lower()}")
    for kind in ("money", "percent", "shares"):
        if unit.quantities_of(kind):
            out.append(f"has:{kind}")
    if unit.is_item:
        out.append("list_item")
    if unit.items:
        out.append("lead_in")
    orgs = len({o.key for o in unit.occs if o.type != "Person"})
    out.append(f"orgs:{min(orgs, 5)}")
    return out


def pair_features(c: Pair) -> list[str]:
    """What is particular to the two parties."""
    s, o = c.subject, c.object
    out = [f"types:{s.type}>{o.type}"]
    here_s, here_o = c.here(s), c.here(o)
    out.append(f"loc:{'here' if here_s else 'before'}>{'here' if here_o else 'before'}")
    out.append(f"s_named:{s.named}")
    out.append(f"o_named:{o.named}")
    focus = {f.key for f in c.unit.focus}
    if s.key in focus:
        out.append("s_focus")
    if o.key in focus:
        out.append("o_focus")
    if here_s:
        out.append(f"s:{role(c.unit, s)}")
    if here_o:
        out.append(f"o:{role(c.unit, o)}")
    if here_s and here_o and same_sentence(c.unit, s, o):
        out += between(c.unit, s, o)
        out += path(c.unit, s, o)
    return out


def features(c: Candidate, shared: list[str]) -> list[str]:
    """Every feature of the candidate, tied to its relation type; ``shared`` are its
    statement's :func:`unit_features`."""
    return [f"{c.type}|{f}" for f in untyped_features(c.pair, shared)]


def untyped_features(pair: Pair, shared: list[str]) -> list[str]:
    """The pair's features before they are tied to a type (the same for every type)."""
    own = pair_features(pair)
    return [*shared, *own, *conjunctions(own)]


def conjunctions(own: list[str]) -> list[str]:
    """Pairs a linear model cannot form itself: the parties' types with the governing
    word, their places and the path, and the two parties' roles together ("a company as
    subject of 'award' and a trust after 'to'" is a contract; either alone says little)."""
    by_kind: dict[str, list[str]] = {}
    for f in own:
        by_kind.setdefault(f.split(":", 1)[0], []).append(f)
    types = by_kind["types"][0]
    out = [
        f"{types}&{f}"
        for kind in ("anc", "loc", "path_anc", "s", "o")
        for f in by_kind.get(kind, [])
    ]
    out += [f"{s}&{o}" for s in by_kind.get("s", []) for o in by_kind.get("o", [])]
    return out


def root(unit: Unit, occ: Occ) -> Token:
    """The occurrence's head token (read once per occurrence)."""
    roots = unit.extra.setdefault("learned_roots", {})
    if (occ.start, occ.end) not in roots:
        roots[occ.start, occ.end] = unit.doc[occ.start : occ.end].root
    return roots[occ.start, occ.end]


def same_sentence(unit: Unit, s: Occ, o: Occ) -> bool:
    """Both in the statement's own sentence (a lead-in's statement also holds the parties
    its list items name)."""
    start, end = unit.sent.start, unit.sent.end
    return start <= s.start and s.end <= end and start <= o.start and o.end <= end


def role(unit: Unit, occ: Occ) -> str:
    """The party's grammatical role: subject, object, the preposition it follows, or the
    noun it modifies (read once per occurrence: a party is in many pairs)."""
    roles = unit.extra.setdefault("learned_roles", {})
    if (occ.start, occ.end) not in roles:
        roles[occ.start, occ.end] = read_role(unit, occ)
    return roles[occ.start, occ.end]


def read_role(unit: Unit, occ: Occ) -> str:
    token = root(unit, occ)
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    dep = token.dep_
    if dep == "pobj":
        return f"pobj:{token.head.lower_}:{token.head.head.lemma_.lower()}"
    if dep in ("compound", "poss", "nmod", "amod"):
        return f"{dep}:{token.head.lemma_.lower()}"
    if dep in ("nsubj", "nsubjpass", "dobj", "attr", "agent"):
        return f"{dep}:{token.head.lemma_.lower()}"
    return dep


def between(unit: Unit, s: Occ, o: Occ) -> list[str]:
    first, second = (s, o) if s.start < o.start else (o, s)
    out = [f"order:{'so' if first is s else 'os'}"]
    gap = unit.doc[first.end : second.start]
    out.append(f"gap:{bucket(len(gap))}")
    others = sum(1 for x in unit.occs if first.end <= x.start and x.end <= second.start)
    out.append(f"others_between:{min(others, 3)}")
    if len(gap) <= MAX_BETWEEN:
        for token in gap:
            if not token.is_punct and not token.is_stop:
                out.append(f"btw:{token.lemma_.lower()}")
            elif token.lower_ in ("and", "or", ",", "with", "by", "from", "to", "of", "in"):
                out.append(f"btw:{token.lower_}")
    return out


def bucket(n: int) -> str:
    for limit in (0, 2, 5, 10, 20):
        if n <= limit:
            return str(limit)
    return "more"


def path(unit: Unit, s: Occ, o: Occ) -> list[str]:
    """The dependency path between the parties: its length, the word governing both and
    the labels on each side."""
    a, b = root(unit, s), root(unit, o)
    up_a, up_b = ancestors(a), ancestors(b)
    meeting = meeting_point(up_a, up_b)
    if meeting is None:
        return ["path:none"]
    steps_a, steps_b = meeting
    common = up_a[steps_a]
    out = [f"path_len:{min(steps_a + steps_b, MAX_PATH + 1)}"]
    out.append(f"anc:{common.lemma_.lower()}")
    if common.i in (a.i, b.i):
        out.append("one_governs")
    if steps_a + steps_b <= MAX_PATH:
        deps_a = ">".join(t.dep_ for t in up_a[:steps_a])
        deps_b = ">".join(t.dep_ for t in up_b[:steps_b])
        out.append(f"path:{deps_a}^{deps_b}")
        out.append(f"path_anc:{deps_a}^{common.lemma_.lower()}^{deps_b}")
        for t in up_a[1:steps_a] + up_b[1:steps_b]:
            out.append(f"via:{t.lemma_.lower()}")
    if (a.dep_ == "conj" and a.head.i == b.i) or (b.dep_ == "conj" and b.head.i == a.i):
        out.append("coordinated")
    return out


def meeting_point(up_a: list[Token], up_b: list[Token]) -> tuple[int, int] | None:
    """How many steps up each chain of ancestors (``ancestors``) the two meet, or None
    when they are in different sentences."""
    index_b = [t.i for t in up_b]
    steps_a = next((n for n, t in enumerate(up_a) if t.i in index_b), None)
    if steps_a is None:
        return None
    return steps_a, index_b.index(up_a[steps_a].i)


def governing_word(a: Token, b: Token) -> Token | None:
    """The word governing both tokens in the parse (one of them, when it governs the
    other), or None across sentences."""
    up_a = ancestors(a)
    meeting = meeting_point(up_a, ancestors(b))
    return up_a[meeting[0]] if meeting is not None else None


def ancestors(token: Token) -> list[Token]:
    out = [token]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out
