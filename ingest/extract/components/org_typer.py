"""``nhskg.org_typer.v1``: organisations and people the entity ruler does not know.

Candidates are the statistical NER's spans and capitalised names ending in an
organisation form ("… NHS Foundation Trust", "… CCG", "… plc"). Each is cleaned (no "the",
no possessive, honorifics off, "Lord" kept), filtered (products, events, laws, places,
hospital sites, bare acronyms like "AI"), typed by its form ("University of …"), then by
its context ("the AI company X", "X, the campaign group"), then by the NER label, and
resolved: trusts to their ODS code (exactly or fuzzily), other known names to the
gazetteer. Single words ("Sensyne", "Keane") wait for ``nhskg.abbreviations.v1``, which
knows the document's full names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.extract import state
from ingest.extract.gazetteer import Gazetteer, KnownOrg
from ingest.extract.lexicon import (
    ACRONYM_STOPLIST,
    FORM_SUFFIX,
    FORM_TYPES,
    NON_ENTITIES,
    NON_ENTITY_WORDS,
    ORG_LABELS,
    SITE_LEMMAS,
    TYPE_NOUNS,
)
from ingest.extract.names import HONORIFICS, PEERAGE, org_key, person_key, surname, tidy_name
from ingest.extract.naming import factory_name, register_versioned

NAME = "nhskg.org_typer.v1"
FACTORY = factory_name(NAME)
PENDING = "nhskg_pending"
# Words that make a known firm's name into another firm's: "eMed Healthcare UK".
EXTENSION_WORDS = {
    "Holdings",
    "Group",
    "Partners",
    "UK",
    "Healthcare",
    "Health",
    "Technologies",
    "Labs",
    "Ventures",
    "International",
    "Europe",
    "Foundation",
    "Services",
    "Solutions",
    "Digital",
    "Capital",
    "Limited",
    "Ltd",
}
LEGAL_WORDS = {"plc", "PLC", "Ltd", "Ltd.", "Limited", "Inc", "Inc.", "LLP", "LLC"}
HONORIFIC_SET = {h.rstrip(".") for h in HONORIFICS}
# Words of a job title that NER takes into a name ("Health Secretary Matt Hancock").
TITLE_WORDS = {
    "secretary",
    "minister",
    "prime",
    "chancellor",
    "health",
    "social",
    "care",
    "state",
    "mayor",
    "president",
    "chief",
    "executive",
    "director",
    "chair",
    "chairman",
    "officer",
    "commissioner",
    "founder",
    "ceo",
}
PRODUCT_NOUNS = {
    "app",
    "apps",
    "platform",
    "system",
    "software",
    "tool",
    "toolkit",
    "algorithm",
    "device",
    "programme",
    "program",
    "database",
    "dataset",
    "model",
    "technology",
    "project",
    "scheme",
    "study",
    "trial",
    "service",
    "product",
    "suite",
    "chatbot",
    "website",
    "framework",
    "award",
    "fund",
    "network",
    "licence",
    "licences",
}
NAMING_WORDS = {"its", "their", "called", "named", "dubbed", "branded"}
GENERIC_NAMES = {"CCG", "ICB", "CSU", "Trust", "NHS Trust", "Foundation Trust", "Board"}
_CAP = r"(?!(?:Trust|Board|CCG|plc|Ltd|Limited|The|A|An|In|At|On|Under|With|And)\b)[A-Z][\w'’.&-]*"
_CHUNK = rf"{_CAP}(?:(?: |, | (?:and|of|for|upon|on|the|&) ){_CAP})*"
FORM_NAME = re.compile(rf"(?<![\w-])(?:Drs? )?{_CHUNK} {FORM_SUFFIX}\b")
LEAD_POS = {"ADP", "DET", "VERB", "AUX", "ADV", "PRON", "SCONJ", "CCONJ", "PUNCT", "PART"}


@Language.factory(FACTORY)
def make_org_typer(nlp: Language, name: str) -> OrgTyper:
    return OrgTyper(name)


def form_type(name: str) -> str | None:
    for type_, pattern in FORM_TYPES:
        if pattern.search(name):
            return type_
    return None


def is_non_entity(name: str) -> bool:
    return (
        org_key(name) in NON_ENTITIES
        or bool(NON_ENTITY_WORDS.search(name))
        or name in GENERIC_NAMES
    )


def is_common_word(span: Span) -> bool:
    """ "Software" opening a sentence: a word the text also uses in lower case."""
    if len(span) != 1:
        return False
    lower = span.text.lower()
    return any(t.text == lower for t in span.doc)


def acronym_ok(name: str, label: str) -> bool:
    """An unknown upper-case word is a firm only if NER says so and it is short ("ITB")."""
    if not (name.isupper() and " " not in name):
        return True
    return label == "ORG" and name not in ACRONYM_STOPLIST and len(name) <= 4


def looks_like_name(span: Span) -> bool:
    """A name has a capitalised last word and is not a place's adjective ("Oxford-based")."""
    last = span[-1]
    if not (last.is_title or last.is_upper or not last.is_alpha) or last.is_lower:
        return False
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.text == "-" and span.end + 1 < len(doc):
        return doc[span.end + 1].lower_ not in ("based", "headquartered", "born", "led")
    return True


def is_product(span: Span) -> bool:
    """ "its Streams app", "Kheiron's Mia", "Mia, an AI tool": a product, not a firm."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.is_lower and nxt.lemma_.lower() in PRODUCT_NOUNS:
        return True
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_ in NAMING_WORDS:
        return True
    if prev is not None and prev.text in ("'s", "’s", "'", "’") and span.start >= 2:
        owner = doc[span.start - 2]
        if any(m.start <= owner.i < m.end and m.label_ == "Company" for m in state.mentions(doc)):
            return True
    return described_as(span, PRODUCT_NOUNS)


def described_as(span: Span, nouns: set[str]) -> bool:
    """An apposition ", a/an/the … <noun>" right after the span whose head is one of ``nouns``."""
    doc = span.doc
    sent = span.sent
    if span.end + 1 >= sent.end or doc[span.end].text != ",":
        return False
    if doc[span.end + 1].lower_ not in ("a", "an", "the", "its", "their"):
        return False
    for token in doc[span.end + 2 : min(sent.end, span.end + 8)]:
        if token.text in (",", ";", ".", "(") or token.pos_ in ("VERB", "AUX", "ADP"):
            return False
        if token.is_lower and token.lemma_.lower() in nouns:
            return True
    return False


def is_title_part(span: Span) -> bool:
    """ "Health and Social Care" in "Health and Social Care Secretary" is part of a title."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in ("secretary", "minister", "committee"):
        return True
    before = doc[max(0, span.start - 3) : span.start].text.lower()
    return "secretary of" in before or "minister of" in before or "minister for" in before


class OrgTyper:
    def __init__(self, name: str = NAME) -> None:
        self.name = name
        self.gazetteer: Gazetteer | None = None

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        if gazetteer is None:
            raise ValueError(f"{self.name}: initialize needs gazetteer=")
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        if self.gazetteer is None:
            raise RuntimeError(f"{self.name} used before initialize(gazetteer=...)")
        self.set_annotations(doc, self.match(doc))
        return doc

    # -- match: cleaned candidate spans with their NER label ---------------------------
    def match(self, doc: Doc) -> list[tuple[Span, str]]:
        found: list[tuple[Span, str]] = []
        for m in FORM_NAME.finditer(doc.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                found.extend((s, "FORM") for s in clean(span))
        for ent in doc.ents:
            if ent.label_ in ORG_LABELS:
                found.extend((s, ent.label_) for s in clean(ent))
        found.extend((s, "CONTEXT") for s in described_names(doc))
        found.extend((s, "PERSON") for s in titled_people(doc))
        found.sort(key=lambda c: (-(c[0].end - c[0].start), c[0].start))
        return found

    # -- set_annotations --------------------------------------------------------------
    def set_annotations(self, doc: Doc, candidates: list[tuple[Span, str]]) -> None:
        labels = doc_labels(doc)
        pending: list[Span] = []
        kept = list(state.mentions(doc))
        for span, label in candidates:
            kept, _ = self.place(doc, kept, span, label, labels, pending)
        state.set_mentions(doc, kept)
        merge_people(doc)
        doc.spans[PENDING] = pending

    def place(
        self,
        doc: Doc,
        kept: list[Span],
        span: Span,
        label: str,
        labels: dict[str, set[str]],
        pending: list[Span],
    ) -> tuple[list[Span], bool]:
        overlapping = [m for m in kept if m.start < span.end and span.start < m.end]
        if overlapping:
            return extend_known(doc, kept, span, overlapping, self.gazetteer), False
        if is_product(span) or is_title_part(span) or not looks_like_name(span):
            return kept, False
        if label in ("ORG", "CONTEXT") and looks_like_person(span, self.gazetteer):
            label = "PERSON"
        if label == "PERSON" and form_type(tidy_name(span.text)) is None:
            person = self.person(doc, span, label)
            if person is not None:
                if len(person) == 1:
                    pending.append(Span(doc, person.start, person.end, label="Person"))
                    return kept, False
                if not any(m.start < person.end and person.start < m.end for m in kept):
                    state.register(doc, person.kb_id_, tidy_name(person.text), "Person")
                    kept.append(person)
                    return kept, True
                return kept, False
        org = self.organisation(doc, span, label, labels)
        if org is None:
            return kept, False
        if len(span) == 1 and org.label_ != "Trust" and not org.kb_id_.startswith(("gaz:", "ods:")):
            pending.append(Span(doc, span.start, span.end, label=org.label_, kb_id=org.kb_id_))
            return kept, False
        kept.append(org)
        return kept, True

    def person(self, doc: Doc, span: Span, label: str) -> Span | None:
        name = span.text
        if is_non_entity(name) or form_type(name) in ("Trust", "GovernmentBody", "University"):
            return None
        if self.gazetteer is not None and self.gazetteer.lookup(name) is not None:
            return None
        if at_site(span):
            return None
        start = span.start
        while start < span.end - 1 and (
            doc[start].lower_ in TITLE_WORDS or doc[start].text.rstrip(".") in HONORIFIC_SET
        ):
            start += 1
        prev = doc[start - 1] if start > span.sent.start else None
        if (prev is not None and prev.text in PEERAGE) or (
            span.end - start == 1
            and prev is not None
            and prev.pos_ == "PROPN"
            and prev.is_title
            and prev.lower_ not in TITLE_WORDS
            and prev.text not in HONORIFIC_SET
            and prev.ent_type_ in ("", "PERSON")
        ):
            start -= 1
        full = Span(doc, start, span.end)
        odd = any(not (t.is_title or t.text in PEERAGE or t.text in ("-", "'")) for t in full)
        if odd and not all(t.is_alpha or t.text in "-'’." for t in full):
            return None
        if any(t.is_upper and len(t) > 1 for t in full) or len(full) > 4:
            return None
        key = "person:" + person_key(full.text)
        return Span(doc, full.start, full.end, label="Person", kb_id=key)

    def organisation(
        self, doc: Doc, span: Span, label: str, labels: dict[str, set[str]]
    ) -> Span | None:
        assert self.gazetteer is not None
        name = tidy_name(span.text)
        known = self.gazetteer.lookup(name)
        if known is None and (is_non_entity(name) or at_site(span)):
            return None
        type_ = known.type if known else form_type(name)
        if type_ is None:
            if is_modifier(span) or not acronym_ok(name, label) or is_common_word(span):
                return None
            seen = labels.get(name, set())
            context = context_type(span)
            if context is None and not ({"ORG", "FORM", "CONTEXT"} & (seen | {label})):
                return None
            if context is None and "GPE" in seen and len(span) == 1:
                return None
            type_ = context or "Company"
        if known is None:
            known = self.resolve(name, type_)
        if known is not None:
            state.register(doc, known.key, known.name, known.type, known.identifiers, [name])
            return Span(doc, span.start, span.end, label=known.type, kb_id=known.key)
        key = "org:" + org_key(name)
        state.register(doc, key, name, type_)
        return Span(doc, span.start, span.end, label=type_, kb_id=key)

    def resolve(self, name: str, type_: str) -> KnownOrg | None:
        assert self.gazetteer is not None
        if type_ in ("Trust", "GovernmentBody", "Company", "University", "Charity"):
            return self.gazetteer.fuzzy(name, type_)
        return None


PERSON_TITLES = {
    "chief",
    "executive",
    "director",
    "founder",
    "co-founder",
    "chair",
    "chairman",
    "chairwoman",
    "president",
    "minister",
    "secretary",
    "adviser",
    "advisor",
    "editor",
    "professor",
    "consultant",
    "surgeon",
    "officer",
    "head",
    "lead",
    "manager",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "commissioner",
}


def looks_like_person(span: Span, gazetteer: Gazetteer | None) -> bool:
    """An unknown two- or three-word name described by a job title is a person."""
    name = tidy_name(span.text)
    if not 2 <= len(span) <= 4 or form_type(name) or not all(t.is_title for t in span):
        return False
    if gazetteer is not None and gazetteer.lookup(name) is not None:
        return False
    doc = span.doc
    if span[0].text.rstrip(".") in HONORIFIC_SET:
        return True
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and (prev.lower_ in PERSON_TITLES or prev.text in HONORIFIC_SET):
        return True
    return described_as(span, PERSON_TITLES)


def titled_people(doc: Doc) -> list[Span]:
    """ "Dr Amelia Stone", "chief executive Michalis Papadakis": names NER may miss."""
    out = []
    for token in doc:
        cue = token.text.rstrip(".") in HONORIFIC_SET or token.text in PEERAGE
        cue = cue or (token.is_lower and token.lower_ in PERSON_TITLES and token.pos_ == "NOUN")
        if not cue:
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 3 and doc[end].pos_ == "PROPN":
            if not doc[end].is_title:
                break
            end += 1
        if end - token.i - 1 >= 2 or (token.text in PEERAGE and end - token.i - 1 == 1):
            start = token.i if token.text in PEERAGE else token.i + 1
            out.append(Span(doc, start, end))
    return out


def described_names(doc: Doc) -> list[Span]:
    """ "the German digital health company Alcediag": a name right after its description."""
    out = []
    for token in doc:
        if not (token.is_lower and token.pos_ == "NOUN" and token.lemma_ in TYPE_NOUNS):
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].is_lower:
            end += 1
        if end > token.i + 1 and end - token.i - 1 <= 4:
            out.append(Span(doc, token.i + 1, end))
    return out


def clean(span: Span) -> list[Span]:
    """The span cut at line breaks, without leading function words or a trailing "'s"."""
    out = []
    start = span.start
    doc = span.doc
    for i in range(span.start, span.end + 1):
        if i == span.end or "\n" in doc[i].text or doc[i].is_space:
            part = trim(doc, start, i)
            if part is not None:
                out.append(part)
            start = i + 1
    return out


def trim(doc: Doc, start: int, end: int) -> Span | None:
    while start < end and (
        doc[start].lower_ in ("the", "a", "an")
        or (doc[start].pos_ in LEAD_POS and doc[start].is_lower)
    ):
        start += 1
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].is_punct):
        if doc[end - 1].text in (")",) and "(" in doc[start:end].text:
            break
        end -= 1
    return Span(doc, start, end) if end > start else None


def doc_labels(doc: Doc) -> dict[str, set[str]]:
    labels: dict[str, set[str]] = defaultdict(set)
    for ent in doc.ents:
        for part in clean(ent):
            labels[tidy_name(part.text)].add(ent.label_)
    return labels


def is_modifier(span: Span) -> bool:
    """ "Oxford" in "the Oxford firm": a name modifying a common noun is not a mention."""
    root = span.root
    head = root.head
    return (
        root.dep_ in ("compound", "amod", "nmod", "npadvmod")
        and head.i >= span.end
        and head.pos_ == "NOUN"
        and head.is_lower
    )


def at_site(span: Span) -> bool:
    """Hospital and site names in "St Mary's, Hammersmith and Charing Cross hospitals"."""
    token = span.root
    for _ in range(4):
        if token.dep_ not in ("conj", "compound", "appos", "nmod", "amod"):
            break
        token = token.head
        if token.lemma_.lower() in SITE_LEMMAS and token.i >= span.end:
            return True
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.lower_ in {w + "s" for w in SITE_LEMMAS} | SITE_LEMMAS


def context_type(span: Span) -> str | None:
    """The kind an apposition or a preceding description gives: "the AI company X"."""
    doc = span.doc
    sent = span.sent
    if span.start > sent.start:
        before = doc[span.start - 1]
        if before.is_lower and before.lemma_.lower() in TYPE_NOUNS:
            return TYPE_NOUNS[before.lemma_.lower()]
    if span.end + 1 < sent.end and doc[span.end].text == ",":
        for token in doc[span.end + 1 : min(sent.end, span.end + 8)]:
            if token.text in (",", ";", ".") or token.pos_ in ("VERB", "AUX"):
                break
            if token.is_lower and token.lemma_.lower() in TYPE_NOUNS:
                return TYPE_NOUNS[token.lemma_.lower()]
    return None


def extend_known(
    doc: Doc, kept: list[Span], span: Span, overlapping: list[Span], gaz: Gazetteer | None
) -> list[Span]:
    """A longer candidate around a known name: same entity with a legal form, or a new one."""
    if len(overlapping) != 1:
        return kept
    m = overlapping[0]
    if not (span.start <= m.start and m.end <= span.end) or (span.start, span.end) == (
        m.start,
        m.end,
    ):
        return kept
    residual = [t for t in span if not (m.start <= t.i < m.end)]
    if all(t.text in LEGAL_WORDS for t in residual):
        ents = state.entities(doc)
        if m.kb_id_ in ents:
            state.add_alias(ents[m.kb_id_], tidy_name(span.text))
        return [s for s in kept if s is not m] + [
            Span(doc, span.start, span.end, label=m.label_, kb_id=m.kb_id_)
        ]
    extra_ok = (
        m.start == span.start
        and all(t.text in EXTENSION_WORDS for t in residual)
        and m.label_ == "Company"
    )
    if not extra_ok:
        return kept
    name = tidy_name(span.text)
    type_ = form_type(name) or "Company"
    key = "org:" + org_key(name)
    state.register(doc, key, name, type_)
    return [s for s in kept if s is not m] + [
        Span(doc, span.start, span.end, label=type_, kb_id=key)
    ]


def merge_people(doc: Doc) -> None:
    """People sharing a surname are one person unless their first names differ."""
    ents = state.entities(doc)
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key, ent in ents.items():
        if ent["type"] == "Person":
            by_surname[surname(ent["name"]).lower()].append(key)
    rename: dict[str, str] = {}
    for keys in by_surname.values():
        if len(keys) < 2:
            continue
        head = keys[0]
        for other in keys[1:]:
            a, b = ents[head]["name"].split(), ents[other]["name"].split()
            firsts = {a[0], b[0]} - set(PEERAGE)
            if len(a) > 1 and len(b) > 1 and len(firsts) > 1:
                continue
            rename[other] = head
            state.add_alias(ents[head], ents[other]["name"])
    if not rename:
        return
    spans = [
        Span(doc, s.start, s.end, label=s.label_, kb_id=rename.get(s.kb_id_, s.kb_id_))
        for s in state.mentions(doc)
    ]
    for other in rename:
        ents.pop(other, None)
    state.set_mentions(doc, spans)


register_versioned(NAME, make_org_typer)
