"""Statements the relation rules read: a sentence, or a list item with its lead-in.

A unit knows the entities it mentions (named, or by "the trust", "it", "both trusts":
one occurrence per entity), the quantities inside it, and its context: the entities of
the sentence before it, or of the line that introduces a list ("What MKUH gets in return
comes in three parts:"), which the rules use when the statement leaves one side implicit
("The trust will also receive royalties").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from ingest.extract import state
from ingest.extract.rules import patterns

LIST_ITEM = re.compile(r"^\s*(?:[-*•‣–]|\d+[.)])\s+")
NHS_TYPES = ("Trust", "GovernmentBody", "Other")
PARTNER_TYPES = ("Company", "University", "Charity")
ORG_TYPES = ("Trust", "GovernmentBody", "Other", "Company", "University", "Charity")


@dataclass
class Occ:
    key: str
    type: str
    start: int  # token indices
    end: int
    named: bool
    text: str
    identifiers_ods: bool = False  # a CCG, ICB or trust with an ODS code

    @property
    def is_nhs(self) -> bool:
        return self.type in NHS_TYPES


@dataclass
class Unit:
    doc: Doc
    sent: Span
    occs: list[Occ]
    context: list[Occ]
    quantities: list[dict[str, Any]]
    context_quantities: list[dict[str, Any]]
    evidence: tuple[int, int]
    context_evidence: tuple[int, int]
    is_item: bool = False
    lead_in: Span | None = None
    items: list[Span] = field(default_factory=list)
    focus: list[Occ] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # what rules prepare per document
    # the statement after this one, when it goes on about the same deal ("The contract,
    # worth £2m, runs from …"): its quantities and the evidence reaching over both
    follow_quantities: list[dict[str, Any]] = field(default_factory=list)
    follow_evidence: tuple[int, int] | None = None

    text: str = ""  # the document text between the evidence offsets
    text_lower: str | None = None
    searched: dict[int, tuple[re.Pattern[str], re.Match[str] | None]] = field(default_factory=dict)

    def of(self, *types: str) -> list[Occ]:
        return [o for o in self.occs if o.type in types]

    def context_of(self, *types: str) -> list[Occ]:
        return [o for o in self.context if o.type in types]

    def focus_of(self, *types: str) -> list[Occ]:
        """The document's main entity of these types, when the text leaves it implicit."""
        return [o for o in self.focus if o.type in types]

    def keys_of(self, *types: str) -> list[str]:
        return unique(o.key for o in self.of(*types))

    def tokens(self) -> Span:
        return self.sent

    def search(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """``pattern.search(self.text)`` (see :meth:`matches`)."""
        found = self.matches(pattern)
        return found[0] if found else None

    def matches(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """``pattern.finditer(self.text)``, read once per statement and pattern: the rules
        and the scorer ask the same patterns of a statement many times (see
        ``patterns.py`` for why the scan runs on the lower-cased text)."""
        # by identity (cheaper than hashing a pattern); the pattern is kept with its
        # answer, so its identity cannot pass to another while the statement lives
        key = id(pattern)
        if key not in self.searched:
            found = list(patterns.finditer(pattern, self.text, self.lowered()))
            self.searched[key] = (pattern, found)
        return self.searched[key][1]

    def lowered(self) -> str:
        if self.text_lower is None:
            self.text_lower = self.text.lower()
        return self.text_lower

    def quantities_of(self, kind: str, context: bool = False) -> list[dict[str, Any]]:
        qs = self.quantities + (self.context_quantities if context else [])
        return [q for q in qs if q["kind"] == kind]


def unique(items) -> list:
    out = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def keys(occs: list[Occ]) -> set[str]:
    """The entities a list of occurrences stands for."""
    return {o.key for o in occs}


def one_per_entity(occs: list[Occ]) -> list[Occ]:
    """The first occurrence of each entity, in order."""
    seen: set[str] = set()
    out = []
    for o in occs:
        if o.key not in seen:
            seen.add(o.key)
            out.append(o)
    return out


def occurrences(doc: Doc) -> list[Occ]:
    ents = state.entities(doc)
    out = []
    for m in state.mentions(doc):
        if m.kb_id_ in ents:
            out.append(Occ(m.kb_id_, ents[m.kb_id_]["type"], m.start, m.end, True, m.text))
            out[-1].identifiers_ods = "ods" in ents[m.kb_id_]["identifiers"]
    for r in state.refs(doc):
        for key in state.ref_keys(r):
            if key in ents:
                out.append(Occ(key, ents[key]["type"], r.start, r.end, False, r.text))
    out.sort(key=lambda o: (o.start, o.end))
    return out


def in_span(occs: list[Occ], span: Span) -> list[Occ]:
    start, end = span.start, span.end
    return [o for o in occs if start <= o.start and o.end <= end]


def sentences(doc: Doc, occs: list[Occ]) -> list[Span]:
    """The parser's sentences, rejoined where a name runs across a boundary."""
    out: list[Span] = []
    text = state.doc_text(doc)
    inside_names = {i for o in occs for i in range(o.start + 1, o.end)}
    for sent in doc.sents:
        if not text[sent.start_char : sent.end_char].strip():
            continue
        if out and sent.start in inside_names:
            out[-1] = Span(doc, out[-1].start, sent.end)
        else:
            out.append(sent)
    return out


def units(doc: Doc) -> list[Unit]:
    occs = occurrences(doc)
    sents = sentences(doc, occs)
    doc_text = state.doc_text(doc)
    quantities = doc._.nhskg_quantities or []
    focus = focus_entities(occs)
    out: list[Unit] = []
    i = 0
    while i < len(sents):
        sent = sents[i]
        items = []
        j = i + 1
        if doc_text[sent.start_char : sent.end_char].rstrip().endswith(":"):
            while j < len(sents) and LIST_ITEM.match(
                doc_text[sents[j].start_char : sents[j].end_char]
            ):
                items.append(sents[j])
                j += 1
        prev = sents[i - 1] if i > 0 else None
        out.append(make_unit(doc, doc_text, sent, prev, occs, quantities, items=items))
        for item in items:
            out.append(make_unit(doc, doc_text, item, sent, occs, quantities, lead_in=sent))
        i = j if items else i + 1
    for n, unit in enumerate(out):
        unit.focus = focus
        if n + 1 < len(out) and not unit.items:
            link_follower(unit, out[n + 1])
    return out


# "The contract, worth £2m, …", "It is worth …", "The deal runs …", "Its value …"
FOLLOW_START = re.compile(
    r"^\W*(?:(?:the|this|that|its|their|each|both|a|an|such)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:contracts?|deals?|agreements?|awards?|investments?|funding|round|grants?|stakes?|"
    r"arrangements?|partnerships?|collaborations?|value|sums?|money|payments?|shares|"
    r"framework|tranche|package)\b|(?:it|this|that|they)\s+(?:is|was|are|were|will|has|have|"
    r"had|would|runs?|ran|covers?|included?|includes)\b|(?:worth|valued at)\b)",
    re.I,
)


# "… the trust put the value of the extension at £6.5m", "the deal's value is …": a
# statement about the value of a deal named before, wherever the phrase stands in it.
VALUE_OF_DEAL = re.compile(
    r"\b(?:value|cost|price|worth) of (?:the|this|that|its|their) (?:[\w-]+ ){0,3}?"
    r"(?:contracts?|deals?|agreements?|extensions?|awards?|frameworks?|renewals?)\b|"
    r"\b(?:contract|deal|agreement|extension)(?:'s|’s)? (?:total |full |overall )?value\b",
    re.I,
)


def link_follower(unit: Unit, nxt: Unit) -> None:
    """Let a statement read the amounts of the next one when that one only goes on
    about the same deal (starts "The contract …", "It is worth …", or speaks of "the
    value of the extension") and names no new organisation."""
    if nxt.is_item or unit.is_item:
        return
    if not FOLLOW_START.match(nxt.text) and not VALUE_OF_DEAL.search(nxt.text):
        return
    own = {o.key for o in unit.occs}
    if any(o.named and o.key not in own and o.type != "Person" for o in nxt.occs):
        return
    unit.follow_quantities = nxt.quantities
    unit.follow_evidence = (unit.evidence[0], nxt.evidence[1])


def focus_entities(occs: list[Occ]) -> list[Occ]:
    """The most mentioned company, and the most mentioned NHS organisation, of the
    document (named mentions), each if it stands out."""
    out = []
    for types in (("Company",), ("Trust", "GovernmentBody")):
        counts: dict[str, int] = {}
        first: dict[str, Occ] = {}
        for o in occs:
            if o.named and o.type in types:
                counts[o.key] = counts.get(o.key, 0) + 1
                first.setdefault(o.key, o)
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and (len(ranked) == 1 or ranked[1][1] * 2 <= ranked[0][1]):
            out.append(first[ranked[0][0]])
    return out


def make_unit(
    doc: Doc,
    doc_text: str,
    sent: Span,
    prev: Span | None,
    occs: list[Occ],
    quantities: list[dict[str, Any]],
    items: list[Span] | None = None,
    lead_in: Span | None = None,
) -> Unit:
    start, end = sent.start_char, sent.end_char
    own_end = end
    if items:
        end = items[-1].end_char
    text = doc_text[start:end]
    end = start + len(text.rstrip())
    context_span = lead_in if lead_in is not None else prev
    ctx_start = context_span.start_char if context_span is not None else start
    own = in_span(occs, sent)
    for item in items or []:
        named = [o for o in in_span(occs, item) if o.named]
        if named:
            own.append(named[0])
    return Unit(
        doc=doc,
        sent=sent,
        occs=own,
        context=in_span(occs, context_span) if context_span is not None else [],
        quantities=[q for q in quantities if start <= q["start"] and q["end"] <= own_end],
        context_quantities=[q for q in quantities if ctx_start <= q["start"] and q["end"] <= start],
        evidence=(start, end),
        context_evidence=(ctx_start, end),
        is_item=lead_in is not None,
        text=doc_text[start:end],
        lead_in=lead_in,
        items=items or [],
    )


def token_at(doc: Doc, occ: Occ) -> Token:
    return doc[occ.start : occ.end].root


def occ_of_token(
    unit: Unit, token: Token, relative_deps: tuple[str, ...] = ("relcl",)
) -> Occ | None:
    """The entity a token stands for: its own mention, the name a relative pronoun
    ("which", "who") refers to, or the last mention inside the phrase it heads."""
    if token.lower_ in ("which", "that", "who") and token.head.dep_ in relative_deps:
        token = token.head.head
    for o in unit.occs:
        if o.start <= token.i < o.end:
            return o
    inside = [o for o in unit.occs if token.left_edge.i <= o.start and o.end <= token.i + 1]
    return inside[-1] if inside else None


def occs_in_phrase(unit: Unit, token: Token) -> list[Occ]:
    """Every entity mentioned inside the phrase a token heads (its whole subtree)."""
    lo, hi = token.left_edge.i, token.right_edge.i
    return [o for o in unit.occs if lo <= o.start and o.end <= hi + 1]


def most_named(
    unit: Unit, types: tuple[str, ...], exclude: set[str] | frozenset = frozenset()
) -> list[Occ]:
    """The body of one of ``types`` the document names most often (the one it is about),
    as an occurrence standing for the whole document."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for m in state.mentions(unit.doc):
        if m.label_ in types and m.kb_id_ not in exclude:
            counts[m.kb_id_] = counts.get(m.kb_id_, 0) + 1
            labels[m.kb_id_] = m.label_
    if not counts:
        return []
    key = max(counts, key=lambda k: counts[k])
    name = state.entities(unit.doc).get(key, {}).get("name", key)
    return [Occ(key, labels[key], 0, 0, False, name)]
