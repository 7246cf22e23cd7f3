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
    CHARITY_PHRASES,
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
MAKING_VERBS = {"develop", "build", "make", "create", "design", "power", "train", "code"}
SAYING = {"said", "says", "told", "according"}
GENERIC_NAMES = {"CCG", "ICB", "CSU", "Trust", "NHS Trust", "Foundation Trust", "Board"}
_CAP = r"(?!(?:Trust|Board|CCG|plc|Ltd|Limited|The|A|An|In|At|On|Under|With|And)\b)[A-Z][\w'’.&-]*"
_CHUNK = rf"{_CAP}(?:(?: |, | (?:and|of|for|upon|on|the|&) ){_CAP})*"
FORM_NAME = re.compile(rf"(?<![\w-])(?:Drs? )?{_CHUNK} {FORM_SUFFIX}\b")
LEAD_POS = {"ADP", "DET", "VERB", "AUX", "ADV", "PRON", "SCONJ", "CCONJ", "PUNCT", "PART"}
# Forms the shared lexicon does not know, checked before it (``form_type``).
EXTRA_FORM_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("Trust", re.compile(r"^University Hospitals?\b(?!.*\b(Association|Charity)\b)")),
    (
        "Other",
        re.compile(
            r"(\bAcademic Health Science (Network|Centre|Partnership)\b|\bAHSN\b|"
            r"\bHealth Innovation Network\b|\bTribunal\b|\bWorld Health Organi[sz]ation\b|"
            r"\bUnited Nations\b|\bParty$|\bAssembly$|\bConsortium$|\bCentre for\b)"
        ),
    ),
    (
        "University",
        re.compile(
            r"(\bSchool of\b|(?<!Royal )\bCollege$|\bPolytechnic\b|\bInstitutet\b|"
            r"\bUniversit(y|ies)\b(?!.*\b(Hospitals?|Health|NHS|Trust)\b))"
        ),
    ),
    (
        "GovernmentBody",
        re.compile(
            r"((?<!European )\b(Agency|Commission|Inspectorate|Ombudsman|Directorate|Taskforce|"
            r"Regulator|Executive|Treasury)$|^(HM|His Majesty's|Her Majesty's) [A-Z]|"
            r"\bMinistry\b|\bResearch Council$)"
        ),
    ),
    (
        "Charity",
        re.compile(
            r"(^(\w+'s )?(Cancer|Diabetes|Asthma|Stroke|Heart|Kidney|Lung|Liver|Dementia|"
            r"Alzheimer's|Parkinson's|Arthritis|Autism|Epilepsy|Prostate|Breast Cancer|"
            r"Bowel Cancer|Blood Cancer|Age|Carers|Sepsis|Mental Health)\b.*\b(UK|Research|"
            r"Association|Society|Now|Action|Support|Alliance)$|\bAppeal$|\bHospice\b|"
            r"\bCharitable\b|\bThink Tank$)"
        ),
    ),
    (
        "Company",
        re.compile(
            r"(\b(GmbH|AG|SA|S\.A\.|NV|BV|Pty|Corp|Co\.|Company|Robotics|Genomics|Biosciences|"
            r"Bio|Medtech|MedTech|Imaging|Advisors|Advisers|Investments|Asset Management|"
            r"Consultancy|Insights)$)"
        ),
    ),
]
# Unknown names ending so are products, programmes, data sets or documents, not bodies.
PRODUCT_NAME = re.compile(
    r"(^(Project|Operation|Programme|Scheme|Study|Trial|Version)\b|"
    r"\b(Apps?|Platform|Programme|Program|Scheme|Dataset|Database|Data Store|Datastore|"
    r"Portal|Tool|Toolkit|Chatbot|Index|Registry|Register|Score|Pathway|Prize|Challenge|"
    r"Study|Trial|Report|Standard|Guidance|Charter|Code|Manifesto|Model|Algorithm|Suite|"
    r"System|Device|Headset|Scanner|Sensor|Service Manual|Test)$)"
)
# A part of an organisation ("Department of Radiology"), not one of its own.
DEPARTMENT = re.compile(
    r"^(Department|Dept|Division|Unit|Ward|Directorate) (of|for) (?!(Health|Education|"
    r"Business|Work|Digital|Science|Culture|Transport|Justice|Defence|the Environment|"
    r"Energy|Levelling|International|Veterans|Homeland|Agriculture|Communities)\b)"
)
# An unknown name so ending is a hospital's or a site's, not an organisation's.
SITE_NAME = re.compile(r"\b(Hospital|Infirmary|Hospice|Medical Centre|Health Centre|Campus)$")
# Nouns after "based at/in", "located in": a place follows.
PLACE_CUES = {"based", "located", "headquartered", "situated", "held", "opened"}
# Head words after a known name that make it another body ("Cancer Research UK Imperial
# Centre", "Alder Hey Children's Charity").
ORG_HEADS = {
    "Centre",
    "Center",
    "Institute",
    "Unit",
    "Lab",
    "Laboratory",
    "School",
    "College",
    "Foundation",
    "Charity",
    "Society",
    "Hub",
    "Academy",
    "Network",
    "Appeal",
}
# Head words of names whose full form goes on with "of/for/on/in …" ("Select Committee
# on Artificial Intelligence").
CONTINUED_HEADS = {
    "Committee",
    "Commission",
    "Centre",
    "Center",
    "Institute",
    "Council",
    "Unit",
    "Taskforce",
    "Network",
    "Board",
    "Society",
    "Association",
    "Foundation",
    "School",
    "Department",
    "Office",
    "Agency",
    "Authority",
    "Inquiry",
}
# Descriptions the shared lexicon does not know: "X, the campaign group".
EXTRA_TYPE_NOUNS: dict[str, str] = {
    "college": "University",
    "school": "University",
    "researcher": "University",
    "academic": "University",
    "scientist": "University",
    "union": "Charity",
    "tank": "Charity",
    "campaigner": "Charity",
    "newspaper": "Other",
    "broadcaster": "Other",
    "magazine": "Other",
    "publisher": "Other",
    "committee": "Other",
    "court": "Other",
    "consortium": "Other",
    "quango": "GovernmentBody",
    "commission": "GovernmentBody",
    "bank": "Company",
    "investor": "Company",
    "pharmacy": "Company",
    "retailer": "Company",
    "chain": "Company",
    "drugmaker": "Company",
    "carmaker": "Company",
    "conglomerate": "Company",
    "multinational": "Company",
    "operator": "Company",
}
# "researchers at X": the preposition that makes these nouns describe X.
AT_NOUNS = {"researcher", "academic", "scientist"}
# Lead-ins of a list whose items open with names of this type.
LIST_LEADS = {
    "company": "Company",
    "firm": "Company",
    "start-up": "Company",
    "startup": "Company",
    "supplier": "Company",
    "vendor": "Company",
    "business": "Company",
    "university": "University",
    "charity": "Charity",
}
BULLETS = {"-", "*", "•", "–", "‣"}


@Language.factory(FACTORY)
def make_org_typer(nlp: Language, name: str) -> OrgTyper:
    return OrgTyper(name)


def form_type(name: str) -> str | None:
    for type_, pattern in FORM_TYPES[:2]:
        if pattern.search(name):
            return type_
    for type_, pattern in EXTRA_FORM_TYPES:
        if pattern.search(name):
            return type_
    for type_, pattern in FORM_TYPES[2:]:
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
    return described_as(span, PRODUCT_NOUNS) or made_by(span)


def made_by(span: Span) -> bool:
    """ "InnerEye, developed by Microsoft", "X was built by Y", "X from Microsoft": a product."""
    doc = span.doc
    sent_end = span.sent.end
    i = span.end
    if i < sent_end and doc[i].text == ",":
        i += 1
    if i + 1 < sent_end and doc[i].tag_ == "VBN" and doc[i].lemma_.lower() in MAKING_VERBS:
        return doc[i + 1].lower_ == "by"
    root = span.root
    if root.dep_ == "nsubjpass" and root.head.lemma_.lower() in MAKING_VERBS:
        return any(c.dep_ == "agent" for c in root.head.children)
    if span.end + 1 < sent_end and doc[span.end].lower_ in ("from", "by"):
        after = doc[span.end + 1]
        return any(
            m.start == after.i and m.label_ == "Company" and m.kb_id_.startswith("gaz:")
            for m in state.mentions(doc)
        )
    return False


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
                found.extend((continued(s), ent.label_) for s in clean(ent))
        found.extend((s, "CONTEXT") for s in described_names(doc))
        found.extend(listed_names(doc))
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
        if (
            is_title_part(span)
            or not looks_like_name(span)
            or is_expansion(span)
            or site_list(span)
        ):
            return kept, False
        if is_product(span) and form_type(tidy_name(span.text)) in (None, "Company"):
            return kept, False
        whole = self.known_prefix(doc, kept, span)
        if whole is not None:
            kept.append(whole)
            return kept, True
        if label in ("ORG", "CONTEXT") and looks_like_person(span, self.gazetteer):
            label = "PERSON"
        if (
            label == "PERSON"
            and form_type(tidy_name(span.text)) is None
            and not researched_at(span)
        ):
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

    def known_prefix(self, doc: Doc, kept: list[Span], span: Span) -> Span | None:
        """ "Imperial Centre" right after "Cancer Research UK": one body named by both.

        The known name keeps its mention; the rest names the whole, a body of its own."""
        if span[-1].text not in ORG_HEADS:
            return None
        prefix = [m for m in kept if m.end == span.start and m.label_ != "Person"]
        if not prefix or "\n" in doc[prefix[0].start : span.end].text:
            return None
        name = tidy_name(doc[prefix[0].start : span.end].text)
        known = self.gazetteer.lookup(name) if self.gazetteer is not None else None
        type_ = known.type if known else form_type(name)
        if type_ is None or type_ == "Trust":
            return None
        key = known.key if known else "org:" + org_key(name)
        state.register(doc, key, known.name if known else name, type_)
        return Span(doc, span.start, span.end, label=type_, kb_id=key)

    def person(self, doc: Doc, span: Span, label: str) -> Span | None:
        name = span.text
        if is_non_entity(name) or form_type(name) in ("Trust", "GovernmentBody", "University"):
            return None
        if self.gazetteer is not None and self.gazetteer.is_product(tidy_name(name)):
            return None
        if self.gazetteer is not None and self.gazetteer.lookup(name) is not None:
            return None
        if at_site(span) or (
            span[0].text in ("St", "St.", "Saint")
            and span.end < len(doc)
            and doc[span.end].text in ("'s", "’s")
        ):
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
        if known is not None and site_of_closed(known, name, doc, self.gazetteer):
            return None
        if known is None and (
            is_non_entity(name)
            or at_site(span)
            or not_a_body(name, self.gazetteer)
            or is_common_word(span)
            or is_opening_word(span)
        ):
            return None
        type_ = known.type if known else form_type(name)
        if known is None and type_ not in ("Trust", "University"):
            if type_ is None and SITE_NAME.search(name):
                return None
            described = context_kind(span)
            if described is not None and type_ is not None and described != "Trust":
                type_ = described
        if type_ is None:
            if (
                is_modifier(span)
                or not acronym_ok(name, label)
                or is_common_word(span)
                or is_opening_word(span)
            ):
                return None
            seen = labels.get(name, set())
            context = context_kind(span) or (label[5:] if label.startswith("LIST:") else None)
            if context is None and not ({"ORG", "FORM", "CONTEXT"} & (seen | {label})):
                return None
            if context is None and {"GPE", "LOC"} & seen and len(span) == 1:
                return None
            if context is None and (is_place(span) or self.gazetteer.is_place(name)):
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
    if described_as(span, PERSON_TITLES):
        return True
    if (
        prev is not None
        and prev.lower_ in SAYING
        and len(span) <= 3
        and span.end < len(doc)
        and doc[span.end].text in (",", ".", ";")
        and not known_word(span, gazetteer)
    ):
        return True  # '… ," said Jane Smith, …': quote attribution names a person
    return (
        gazetteer is not None
        and len(span) <= 3
        and span[0].text in gazetteer.first_names
        and span[-1].text not in EXTENSION_WORDS
        and context_kind(span) is None
    )


def known_word(span: Span, gazetteer: Gazetteer | None) -> bool:
    """A word of the name is itself a known organisation or place ("Kheiron Medical")."""
    if gazetteer is None:
        return False
    return any(gazetteer.lookup(t.text) is not None or gazetteer.is_place(t.text) for t in span)


def titled_people(doc: Doc) -> list[Span]:
    """ "Dr Amelia Stone", "chief executive Michalis Papadakis": names NER may miss."""
    out = []
    for token in doc:
        cue = token.text.rstrip(".") in HONORIFIC_SET or token.text in PEERAGE
        cue = cue or (token.is_lower and token.lower_ in PERSON_TITLES and token.pos_ == "NOUN")
        if not cue:
            continue
        end = token.i + 1
        words = 0
        while end < len(doc) and words < 3 and doc[end].pos_ == "PROPN":
            if not doc[end].is_title:
                break
            end += 1
            words += 1
            if (
                end + 1 < len(doc)
                and doc[end].text == "-"
                and not doc[end].whitespace_
                and not doc[end - 1].whitespace_
                and doc[end + 1].is_title
            ):
                end += 2
        if words >= 2 or (token.text in PEERAGE and words == 1):
            start = token.i if token.text in PEERAGE else token.i + 1
            out.append(Span(doc, start, end))
    return out


def site_of_closed(known: KnownOrg, name: str, doc: Doc, gazetteer: Gazetteer) -> bool:
    """ "Musgrove Park Hospital" after its trust closed: the hospital, not the trust."""
    published = (doc._.nhskg_published or "")[:10]
    if known.open or not known.close_date or not published:
        return False
    return published > known.close_date and not gazetteer.is_full_name(known.key, name)


def is_expansion(span: Span) -> bool:
    """ "DRIVE, short for Digital Research, Informatics and …": the words of an acronym."""
    doc = span.doc
    i = span.start - 1
    while i > span.sent.start and (doc[i].is_title or doc[i].text in (",", "and", "&")):
        i -= 1
    return (
        i > span.sent.start and doc[i].lower_ == "for" and doc[i - 1].lower_ in ("short", "stands")
    )


def site_list(span: Span) -> bool:
    """ "three hospitals - Barnet, Chase Farm and the Royal Free": sites listed after."""
    doc = span.doc
    i = span.start - 1
    while i > span.sent.start and (
        doc[i].is_title or doc[i].text in (",", "and", "the", "'s", "’s", "'")
    ):
        i -= 1
    if i <= span.sent.start or doc[i].text not in ("-", "–", ":", "—"):
        return False
    return doc[i - 1].lemma_.lower() in SITE_LEMMAS


def not_a_body(name: str, gazetteer: Gazetteer | None) -> bool:
    """A product, programme, data set or document, or a part of an organisation."""
    if gazetteer is not None and gazetteer.is_product(name):
        return True
    if DEPARTMENT.match(name):
        return True
    return bool(PRODUCT_NAME.search(name)) and form_type(name) in (None, "Company")


def is_opening_word(span: Span) -> bool:
    """ "Software from the Oxford company …": a common word opening a sentence."""
    if len(span) != 1 or span.start != span.sent.start:
        return False
    token = span[0]
    if token.is_upper or not token.is_alpha:
        return False
    common = token.lower_ in PRODUCT_NOUNS or token.lower_ in TYPE_NOUNS
    if not common and token.pos_ not in ("NOUN", "ADJ", "ADV", "VERB"):
        return False
    return sum(t.text == token.text for t in span.doc) == 1


def context_kind(span: Span) -> str | None:
    """The kind the words around a name give it: "the AI company X", "X, a think tank"."""
    found = context_type(span)
    if found is not None:
        return found
    doc = span.doc
    sent = span.sent
    if span.start > sent.start:
        before = doc[span.start - 1]
        lemma = before.lemma_.lower()
        if before.is_lower and lemma in EXTRA_TYPE_NOUNS and lemma not in AT_NOUNS:
            return EXTRA_TYPE_NOUNS[lemma]
        if (
            before.lower_ in ("at", "from")
            and span.start - 2 >= sent.start
            and doc[span.start - 2].lemma_.lower() in AT_NOUNS
        ):
            return "University"
    if span.end + 1 < sent.end and doc[span.end].text == ",":
        window = []
        for token in doc[span.end + 1 : min(sent.end, span.end + 8)]:
            if token.text in (",", ";", ".") or token.pos_ in ("VERB", "AUX"):
                break
            window.append(token.text)
        if CHARITY_PHRASES.search(" ".join(window)):
            return "Charity"
        for token in doc[span.end + 1 : span.end + 1 + len(window)]:
            lemma = token.lemma_.lower()
            if token.is_lower and lemma in EXTRA_TYPE_NOUNS and lemma not in AT_NOUNS:
                return EXTRA_TYPE_NOUNS[lemma]
    return None


def researched_at(span: Span) -> bool:
    """ "researchers at Anglia Ruskin": a place of research, not a person."""
    doc = span.doc
    return (
        span.start >= 2
        and doc[span.start - 1].lower_ in ("at", "from")
        and doc[span.start - 2].lemma_.lower() in AT_NOUNS
    )


def is_place(span: Span) -> bool:
    """ "based at Sci-Tech Daresbury", "Aberdeen, Aberdeenshire and Moray": a place."""
    doc = span.doc
    if (
        span.start >= 2
        and doc[span.start - 1].lower_ in ("at", "in", "near")
        and doc[span.start - 2].lower_ in PLACE_CUES
    ):
        return True
    root = span.root
    linked = [root.head] if root.dep_ == "conj" else []
    linked += [t for t in root.children if t.dep_ == "conj"]
    linked += [t for t in span if t.dep_ == "conj" and t.head.i < span.start]
    linked += [t.head for t in span if t.dep_ == "conj" and t.head.i < span.start]
    return any(t.ent_type_ in ("GPE", "LOC") and not (span.start <= t.i < span.end) for t in linked)


def continued(span: Span) -> Span:
    """A body's name the NER cut short: "… Select Committee" + "on Artificial Intelligence"."""
    if not any(t.text in CONTINUED_HEADS for t in span):
        return span
    doc = span.doc
    end = span.end
    while end + 1 < len(doc) and doc[end].lower_ in ("of", "for", "on", "in"):
        j = end + 1
        while (
            j < len(doc)
            and (doc[j].is_title or doc[j].is_upper)
            and doc[j].is_alpha
            and not doc[j].is_sent_start
            and doc[j].ent_type_ not in ("GPE", "LOC", "DATE", "PERSON", "NORP", "CARDINAL")
        ):
            j += 1
        if j == end + 1:
            break
        end = j
    return span if end == span.end else Span(doc, span.start, end)


def listed_names(doc: Doc) -> list[tuple[Span, str]]:
    """Names opening the items of a list led in by "Among the companies chosen were:"."""
    out: list[tuple[Span, str]] = []
    lead_type: str | None = None
    for sent in doc.sents:
        first = sent[0]
        if first.text not in BULLETS:
            lead_type = None
            if sent[-1].text == ":" or (len(sent) > 1 and sent[-2].text == ":"):
                for token in sent:
                    if token.is_lower and token.lemma_.lower() in LIST_LEADS:
                        lead_type = LIST_LEADS[token.lemma_.lower()]
            continue
        if lead_type is None or len(sent) < 2:
            continue
        end = sent.start + 1
        while end < sent.end and not doc[end].is_lower and not doc[end].is_punct:
            end += 1
        while end < sent.end and doc[end].text in (".", "-") and end + 1 < sent.end:
            if doc[end + 1].is_punct:
                break
            end += 2
        if end > sent.start + 1 and end - sent.start - 1 <= 5:
            out.append((Span(doc, sent.start + 1, end), "LIST:" + lead_type))
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
    if m.start == span.start and span[-1].text in ORG_HEADS and m.label_ != "Person":
        name = tidy_name(span.text)
        known = gaz.lookup(name) if gaz is not None else None
        type_ = known.type if known else form_type(name)
        if type_ is not None and type_ != "Trust":
            key = known.key if known else "org:" + org_key(name)
            state.register(doc, key, known.name if known else name, type_)
            return [*kept, Span(doc, m.end, span.end, label=type_, kb_id=key)]
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
