"""Stable IRIs from the fewest stable keys (see docs/decisions/0001-iri-scheme.md).

An IRI, once minted, never changes: trusts by ODS code, companies by Companies House
number, known organisations by their gazetteer id, anything else by type and normalised
name. Documents by their URL (or, with no URL, their text hash); agreements by document,
type, parties and evidence offsets, so reloading a document mints the same IRIs again.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace, URIRef

BASE = "https://w3id.org/nhskg/"
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
SECTOR = Namespace(BASE + "sector/")
CODE = Namespace(BASE + "code/")
CODE_OF_CONDUCT = CODE["code"]

REFERENCE_GRAPH = GRAPH["reference/ods"]
ONTOLOGY_GRAPH = GRAPH["ontology"]
GAZETTEER_GRAPH = GRAPH["reference/gazetteer"]

TYPE_SEGMENTS = {
    "Trust": "trust",
    "GovernmentBody": "body",
    "Company": "company",
    "University": "university",
    "Charity": "charity",
    "Person": "person",
    "Other": "org",
}

LEGAL_SUFFIXES = re.compile(
    r"\b(plc|p\.l\.c\.|ltd|ltd\.|limited|inc|inc\.|incorporated|llc|llp|corp|corp\.|"
    r"corporation|gmbh|s\.a\.|sa|ag|co\.|company)\s*$"
)


def fold(text: str) -> str:
    """Lower case, accents dropped, ``&`` as ``and``, punctuation as spaces, spaces single."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("&", " and ").replace("’", "'")
    text = re.sub(r"'s\b", "s", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def normalise_org_name(name: str) -> str:
    """The key two spellings of one organisation share: folded, no 'the', no legal form."""
    key = fold(name)
    key = re.sub(r"^the ", "", key)
    previous = None
    while previous != key:
        previous = key
        key = LEGAL_SUFFIXES.sub("", key).strip()
    return key


def slug(text: str) -> str:
    return normalise_org_name(text).replace(" ", "-") or "unnamed"


def short_hash(*parts: object, length: int = 16) -> str:
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def trust_iri(ods_code: str) -> URIRef:
    return ID[f"trust/{ods_code.strip().upper()}"]


def company_number_iri(number: str) -> URIRef:
    return ID[f"company/ch-{number.strip().upper()}"]


def gazetteer_iri(entity_type: str, key: str) -> URIRef:
    return ID[f"{TYPE_SEGMENTS.get(entity_type, 'org')}/{key}"]


HONORIFICS = re.compile(r"^(dr|doctor|prof|professor|sir|dame|mr|mrs|ms|miss|rt hon)\s+")


def person_key(name: str) -> str:
    """Titles that come and go between articles are dropped; peerages ("Lord") are kept."""
    key = fold(name)
    previous = None
    while previous != key:
        previous = key
        key = HONORIFICS.sub("", key)
    return key.replace(" ", "-") or "unnamed"


def name_iri(entity_type: str, name: str) -> URIRef:
    if entity_type == "Person":
        return ID[f"person/{person_key(name)}"]
    return ID[f"{TYPE_SEGMENTS.get(entity_type, 'org')}/{slug(name)}"]


def region_iri(code: str) -> URIRef:
    return ID[f"region/{code}"]


def icb_iri(code: str) -> URIRef:
    return ID[f"body/ods-{code}"]


def document_iri(url: str | None, sha256: str) -> URIRef:
    """From the URL when there is one (a changed article keeps its IRI), else the text hash."""
    if url:
        return ID[f"doc/u{short_hash(url.strip())}"]
    return ID[f"doc/t{sha256[:16]}"]


def document_graph(doc: URIRef) -> URIRef:
    """The named graph holding a document's facts is the document's own IRI."""
    return doc


def span_iri(doc: URIRef, start: int, end: int) -> URIRef:
    return URIRef(f"{doc}/span/{start}-{end}")


def agreement_iri(doc: URIRef, rel_type: str, subject: URIRef, obj: URIRef, start: int) -> URIRef:
    return ID[f"agreement/{short_hash(doc, rel_type, subject, obj, start)}"]


def extraction_iri(doc: URIRef) -> URIRef:
    return URIRef(f"{doc}/extraction")


def extractor_iri(name: str, version: str) -> URIRef:
    return ID[f"extractor/{slug(name)}/{slug(version)}"]


def sector_iri(sector: str) -> URIRef:
    return SECTOR[sector]
