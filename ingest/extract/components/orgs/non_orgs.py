"""Telling capitalised names that are not organisations apart from those that are.

NER labels many things ORG that the graph must not hold as bodies: products and
programmes ("its Streams app", "InnerEye, developed by Microsoft"), parts of an
organisation ("Department of Radiology"), hospital sites ("Musgrove Park Hospital" after
its trust closed), places ("based at Sci-Tech Daresbury"), the words of an acronym's
expansion, words of a job title, and common words opening a sentence. Each test here
says no to one such kind, so a false body never gets an IRI of its own.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ingest.extract import state
from ingest.extract.components.orgs.forms import form_type
from ingest.extract.gazetteer import Gazetteer, KnownOrg
from ingest.extract.lexicon import (
    NON_ENTITIES,
    NON_ENTITY_WORDS,
    SITE_LEMMAS,
    TITLE_NAME,
    TYPE_NOUNS,
)
from ingest.extract.names import org_key

PRODUCT_NOUNS = {
    "drug",
    "medicine",
    "treatment",
    "therapy",
    "immunotherapy",
    "vaccine",
    "jab",
    "injection",
    "pill",
    "tablet",
    "compound",
    "molecule",
    "antibody",
    "medication",
    "inhibitor",
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
MAKING_VERBS = {
    "develop",
    "build",
    "make",
    "create",
    "design",
    "power",
    "train",
    "code",
    "market",
    "sell",
    "manufacture",
    "discover",
    "invent",
}
# "sales of X", "maker of X": X is what is sold or made.
ROYALTY_NOUNS = {"royalty", "royalties", "interest", "sales", "revenue", "revenues"}
MAKER_NOUNS = {"sales", "maker", "makers", "developer", "developers", "producer", "manufacturer"}
GENERIC_NAMES = {
    "CCG",
    "ICB",
    "CSU",
    "Trust",
    "NHS Trust",
    "Foundation Trust",
    "Board",
    "LLP",
    "PLC",
    "Ltd",
}
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
# Nouns after "based at/in", "located in": a place follows.
PLACE_CUES = {"based", "located", "headquartered", "situated", "held", "opened"}


def is_non_entity(name: str) -> bool:
    return (
        org_key(name) in NON_ENTITIES
        or bool(NON_ENTITY_WORDS.search(name))
        or bool(TITLE_NAME.search(name))
        or name in GENERIC_NAMES
    )


def is_common_word(span: Span) -> bool:
    """ "Software" opening a sentence: a word the text also uses in lower case."""
    if len(span) != 1 or span.text.islower():
        return False  # a coined name written in lower case ("snap40") is its own word
    return span.text.lower() in lower_case_words(span.doc)


def lower_case_words(doc: Doc) -> set[str]:
    """The document's lower-case words, read once per document."""
    return state.cached(doc, "lower_words", lambda d: {t.text for t in d if t.is_lower})


@state.per_span
def is_product(span: Span) -> bool:
    """ "its Streams app", "Kheiron's Mia", "Mia, an AI tool": a product, not a firm."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.is_lower and nxt.lemma_.lower() in PRODUCT_NOUNS:
        return True
    if (
        nxt is not None
        and nxt.text == "("
        and span.end + 1 < len(doc)
        and doc[span.end + 1].is_lower
        and doc[span.end + 1].is_alpha
    ):
        return True  # a brand and its generic name: "Keytruda (pembrolizumab)"
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_ in NAMING_WORDS:
        return True
    if prev is not None and prev.lower_ == "name" and span.start >= 2:
        return True  # "under the brand name Epanutin"
    if (
        prev is not None
        and prev.lower_ == "as"
        and span.start >= 2
        and doc[span.start - 2].lemma_.lower() in ("sell", "market", "brand", "license")
    ):
        return True  # "sold as Leqvio"
    root = span.root
    linked = [t for t in root.children if t.dep_ == "conj"] + (
        [root.head] if root.dep_ == "conj" else []
    )
    if any(t.is_lower and t.lemma_.lower() in PRODUCT_NOUNS for t in linked):
        return True  # "Orkambi and two other Vertex medicines"
    if span.start >= 2 and prev.lower_ == "of" and doc[span.start - 2].lower_ in MAKER_NOUNS:
        return True  # "worldwide sales of Temodal", "INPS, maker of Vision"
    if (
        span.start >= 2
        and prev.lower_ in ("on", "in")
        and doc[span.start - 2].lemma_.lower() in ROYALTY_NOUNS
    ):
        return True  # "its royalty on Keytruda", "a royalty interest in Kalydeco"
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
    end = span.end
    if end < sent.end and doc[end].text == "(":  # "Keytruda (pembrolizumab), the …"
        close = next((t.i for t in doc[end : min(sent.end, end + 8)] if t.text == ")"), None)
        end = close + 1 if close is not None else end
    if end + 1 >= sent.end or doc[end].text != ",":
        return False
    if doc[end + 1].lower_ in nouns and doc[end + 1].is_lower:
        return True  # "Demis Hassabis, co-founder of DeepMind": a bare title
    if doc[end + 1].lower_ not in ("a", "an", "the", "its", "their"):
        return False
    head = None
    for token in doc[end + 2 : min(sent.end, end + 8)]:
        if token.text in (",", ";", ".", "(") or token.pos_ in ("VERB", "AUX", "ADP", "CCONJ"):
            break
        if token.is_lower and token.pos_ == "NOUN":
            head = token  # the last noun of the phrase is its head: "the drug maker"
    return head is not None and head.lemma_.lower() in nouns


def is_title_part(span: Span) -> bool:
    """ "Health and Social Care" in "Health and Social Care Secretary" is part of a title."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in ("secretary", "minister", "committee"):
        return True
    before = doc[max(0, span.start - 3) : span.start].text.lower()
    return "secretary of" in before or "minister of" in before or "minister for" in before


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


EXCHANGES = {"LSE", "NASDAQ", "Nasdaq", "NYSE", "AIM", "FTSE", "TSX", "ASX", "Euronext", "OTC"}


def is_ticker(doc: Doc, span: Span) -> bool:
    """ "(LSE: CAT; NASDAQ: CATG)": a stock exchange before a colon, or the ticker symbol
    after one, names no body."""
    after = doc[span.end] if span.end < len(doc) else None
    if span.text in EXCHANGES and after is not None and after.text == ":":
        return True
    return (
        span.start >= 2
        and doc[span.start - 1].text == ":"
        and doc[span.start - 2].text in EXCHANGES
    )
