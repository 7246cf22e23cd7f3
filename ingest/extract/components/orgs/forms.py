"""Typing an organisation by the form of its name, and finding where that name starts and ends.

A name that ends in a form ("… NHS Foundation Trust", "University of …", "… plc") says what
kind of body it is without any context, so ``form_type`` is the first and surest test the
org typer makes. The rest of this module finds the name's true extent: ``clean`` and
``trim`` cut NER spans down to the name ("the", possessives and line breaks off),
``continued`` lengthens names NER cut short ("… Select Committee" + "on Artificial
Intelligence"), and ``extend_known`` decides whether a longer name around a known one is
the same body with a legal form or another body.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ingest.extract import state
from ingest.extract.gazetteer import Gazetteer
from ingest.extract.lexicon import ACRONYM_STOPLIST, FORM_SUFFIX, FORM_TYPES
from ingest.extract.names import org_key, tidy_name

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
_CAP = r"(?!(?:Trust|Board|CCG|plc|Ltd|Limited|The|A|An|In|At|On|Under|With|And)\b)[A-Z][\w'’.&-]*"
_CHUNK = rf"{_CAP}(?:(?: |, | (?:and|of|for|upon|on|the|&) ){_CAP})*"
FORM_NAME = re.compile(rf"(?<![\w-])(?:Drs? )?{_CHUNK} {FORM_SUFFIX}\b")
# A company's name ends so often in one of these words that a capitalised name ending in
# one is a company even where NER misses it ("Kelvane Health has agreed …").
COMPANY_ENDINGS = (
    "Health|Healthcare|Analytics|Technologies|Technology|Biotechnology|Therapeutics|"
    "Diagnostics|Genetics|AI|Labs|Systems|"
    "Software|Solutions|Pharma|Pharmaceuticals|Biotech|Genomics|Robotics|Imaging|Medical|"
    "Biosciences|Bio|Ventures|Capital|Holdings"
)
COMPANY_FORM_NAME = re.compile(
    rf"(?<![\w'’-])((?:{_CAP} ){{1,3}}(?:{COMPANY_ENDINGS}))(?![\w'’-])"
    r"(?! (?:[A-Z]|and (?:Social )?Care|of ))"
)
# First words that make "… Health" a field, a title or a publication, not a firm.
GENERIC_FIRST = {
    "Public",
    "Mental",
    "Digital",
    "Global",
    "Population",
    "Sexual",
    "Planetary",
    "One",
    "Oral",
    "Environmental",
    "Occupational",
    "Primary",
    "Community",
    "Child",
    "Children's",
    "Women's",
    "Men's",
    "Maternal",
    "Reproductive",
    "Animal",
    "Social",
    "Clinical",
    "Medical",
    "National",
    "Royal",
    "General",
    "Private",
    "Health",
    "Care",
    "Patient",
    "Venture",
    "Urgent",
    "Secondary",
    "Acute",
    "Emergency",
    "Rural",
    "Integrated",
    "Pharma",
    "Big",
    "Information",
    "Assistive",
    "Educational",
}
# Words that end the name of a company an NHS body or university owns ("Northumbria
# Healthcare Facilities Management", "Oxford University Innovation").
SUBSIDIARY_END = re.compile(
    r"\b(Facilities Management|Management|Services|Solutions|Innovation|Innovations|"
    r"Enterprises|Ventures|Facilities|Estates|Commercial|Trading|Consulting|Pharmacy)$"
)
LEAD_POS = {"ADP", "DET", "VERB", "AUX", "ADV", "PRON", "SCONJ", "CCONJ", "PUNCT", "PART"}
# Forms the shared lexicon does not know, checked before it (``form_type``).
EXTRA_FORM_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("Trust", re.compile(r"^University Hospitals?\b(?!.*\b(Association|Charity)\b)")),
    (
        "Other",
        re.compile(
            r"(\bAcademic Health Science (Network|Centre|Partnership)\b|\bAHSN\b|"
            r"\bHealth Innovation Network\b|\bTribunal\b|\bWorld Health Organi[sz]ation\b|"
            r"\bUnited Nations\b|\bParty$|\bAssembly$|\bConsortium\b|\bCentre for\b|"
            r"\bCentre of Excellence\b|"
            r"\bCo-?operative$|\bCollaborative$|\b(?:Science|Health|Care|Research) Alliance$|"
            r"\b(?:Imaging|Pathology|Cancer|Care|Clinical|Research) Network$|"
            r"\bCourt of Appeal\b|\bHigh Court\b|\bSupreme Court\b)"
        ),
    ),
    # "the US National Institute on Drug Abuse": a state research funder, no university
    ("GovernmentBody", re.compile(r"^(?:(?:US|UK|U\.S\.) )?National Institutes? (?:of|on|for) ")),
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
# Lower-case words inside an NER span that join two names rather than make one.
SPLITTING_WORDS = {"to", "from", "than", "versus", "vs", "via", "into"}
# Head words that end a name the NER may leave out ("the … Imaging Co-operative").
TRAILING_HEADS = {"Co-operative", "Cooperative", "Consortium", "Collaborative", "Alliance"}
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


def acronym_ok(name: str, label: str) -> bool:
    """An unknown upper-case word is a firm only if NER says so and it is short ("ITB")."""
    if not (name.isupper() and " " not in name):
        return True
    return label == "ORG" and name not in ACRONYM_STOPLIST and len(name) <= 4


def coined(token: Token) -> bool:
    """A brand written in lower case that NER still took for a name ("snap40",
    "eConsult"): a digit or a capital inside the word says it is coined, not a noun."""
    text = token.text
    return (
        bool(token.ent_type_)
        and token.ent_type_ not in ("PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY")
        and text[:1].islower()
        and text.isalnum()
        and any(c.isdigit() or c.isupper() for c in text[1:])
    )


def looks_like_name(span: Span) -> bool:
    """A name has a capitalised last word ("LifeArc" and "AstraZeneca" too) and is not a
    place's adjective ("Oxford-based"); a legal form after it ("Zephyr Health plc") is
    part of the name."""
    last = span[-1]
    if last.text in LEGAL_WORDS and len(span) > 1:
        last = span[-2]
    capitalised = (last.text[:1].isupper() or not last.is_alpha) and not last.is_lower
    if not capitalised and not (len(span) == 1 and coined(last)):
        return False
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.text == "-" and span.end + 1 < len(doc):
        return doc[span.end + 1].lower_ not in ("based", "headquartered", "born", "led")
    return True


def continued(span: Span) -> Span:
    """A body's name the NER cut short: "… Select Committee" + "on Artificial Intelligence",
    "Northern Pathology Imaging" + "Co-operative"."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text in TRAILING_HEADS:
        span = Span(doc, span.start, span.end + 1)
    if not any(t.text in CONTINUED_HEADS for t in span):
        return span
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


@state.per_span
def clean(span: Span) -> list[Span]:
    """The span cut at line breaks and at words no name holds ("Keytruda to Canada Pension
    Plan Investment Board" is two names), without leading function words or a trailing
    "'s"."""
    out = []
    start = span.start
    doc = span.doc
    for i in range(span.start, span.end + 1):
        if (
            i == span.end
            or "\n" in doc[i].text
            or doc[i].is_space
            or (doc[i].text in SPLITTING_WORDS and span.start < i < span.end - 1)
        ):
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
    while end > start and (
        doc[end - 1].text in ("'s", "’s", "'", "’")
        or doc[end - 1].is_punct
        or (doc[end - 1].like_num and end - 1 > start)  # "Novo Holdings 10.5 per cent"
    ):
        if doc[end - 1].text in (")",) and "(" in doc[start:end].text:
            break
        end -= 1
    return Span(doc, start, end) if end > start else None


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
    prefix = [t for t in span if t.i < m.start]
    if (
        prefix
        and m.label_ == "Company"
        and all(
            t.is_title and t.is_alpha and t.ent_type_ not in ("GPE", "NORP", "LOC") for t in prefix
        )
        and prefix[0].lower_ != "the"
        and (m.end == span.end or all(t.text in LEGAL_WORDS for t in span if t.i >= m.end))
    ):
        # "Frontier IP Group plc" is not IP Group: a capitalised word before a known name
        # makes another company's name
        name = tidy_name(span.text)
        key = "org:" + org_key(name)
        state.register(doc, key, name, "Company")
        return [s for s in kept if s is not m] + [
            Span(doc, span.start, span.end, label="Company", kb_id=key)
        ]
    if m.start == span.start and span[-1].text in ORG_HEADS and m.label_ != "Person":
        name = tidy_name(span.text)
        known = gaz.lookup(name) if gaz is not None else None
        type_ = known.type if known else form_type(name)
        if type_ is not None and type_ != "Trust":
            key = known.key if known else "org:" + org_key(name)
            state.register(doc, key, known.name if known else name, type_)
            return [*kept, Span(doc, m.end, span.end, label=type_, kb_id=key)]
    subsidiary = SUBSIDIARY_END.search(span.text) and m.label_ != "Company" and len(residual) >= 1
    if (
        m.start == span.start
        and (span[-1].text in LEGAL_WORDS or subsidiary)
        and m.label_ != "Company"
    ):
        # "York Teaching Hospital Facilities Management LLP": a trust's company, its own body
        name = tidy_name(span.text)
        key = "org:" + org_key(name)
        state.register(doc, key, name, "Company")
        return [s for s in kept if s is not m] + [
            Span(doc, span.start, span.end, label="Company", kb_id=key)
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


def company_form_names(doc: Doc) -> list[Span]:
    """Capitalised names ending in a company word ("Kelvane Health", "Orbis AI") that no
    NER span covers: the model misses new names most at the start of a sentence."""
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end) if ent.label_ == "ORG"}
    out = []
    for m in COMPANY_FORM_NAME.finditer(state.doc_text(doc)):
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="strict")
        if span is None or span[0].text in GENERIC_FIRST:
            continue
        if any(i in covered for i in range(span.start, span.end)):
            continue
        if any(not (t.is_title or t.is_upper) for t in span):
            continue
        if span[0].ent_type_ in ("GPE", "NORP", "LOC"):
            continue  # "the London AI company": a place and a field
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.is_lower and after.pos_ == "NOUN":
            continue  # a modifier: "the Kelvane Health app"
        out.append(span)
    return out
