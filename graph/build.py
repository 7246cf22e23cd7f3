"""Extraction records → RDF: one named graph per document, provenance on every fact.

The record's relation types map to agreement classes through the ontology itself
(``nhskg:relationType``, ``nhskg:subjectProperty``, ``nhskg:objectProperty`` on each
class), so adding a relation type is an ontology edit plus, when it has attributes of its
own, one small function in ``ATTRIBUTE_BUILDERS``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from graph import ids
from graph.reference import class_for
from graph.resolve import entity_iri
from ingest.record import CODE_OBJECT_ID, Entity, Record, Relation
from ontology.namespace import NHSKG

ONTOLOGY_TTL = Path(__file__).resolve().parent.parent / "ontology" / "nhskg.ttl"
SCHEMA_URL = URIRef("https://schema.org/url")
SCHEMA_MENTIONS = URIRef("https://schema.org/mentions")
DOCUMENT_CLASSES = {
    "news_article": NHSKG.NewsArticle,
    "press_release": NHSKG.PressRelease,
    "register_entry": NHSKG.RegisterEntry,
}

Triple = tuple[Any, Any, Any]


@dataclass(frozen=True)
class RelationTerms:
    cls: URIRef
    label: str
    subject_property: URIRef
    object_property: URIRef


@cache
def relation_terms() -> dict[str, RelationTerms]:
    """Relation type → its agreement class and party properties, read from the ontology."""
    onto = Graph().parse(ONTOLOGY_TTL, format="turtle")
    terms = {}
    for cls, rel_type in onto.subject_objects(NHSKG.relationType):
        subject_property = onto.value(cls, NHSKG.subjectProperty)
        object_property = onto.value(cls, NHSKG.objectProperty)
        if not isinstance(subject_property, URIRef) or not isinstance(object_property, URIRef):
            raise ValueError(f"ontology: {cls} needs subject and object properties")
        terms[str(rel_type)] = RelationTerms(
            cls=URIRef(str(cls)),
            label=str(onto.value(cls, RDFS.label)),
            subject_property=subject_property,
            object_property=object_property,
        )
    return terms


# -- literals ----------------------------------------------------------------------

DATE_FORMS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
)


def partial_date(value: str) -> Literal | None:
    """``2018-09-05`` → xsd:date, ``2018-09`` → xsd:gYearMonth, ``2018`` → xsd:gYear."""
    for pattern, datatype in DATE_FORMS:
        if pattern.match(value.strip()):
            return Literal(value.strip(), datatype=datatype)
    return None


def decimal(value: Any) -> Literal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite():
        return None
    text = format(number.normalize(), "f")
    if "." not in text:  # the canonical xsd:decimal form, so Turtle round-trips unchanged
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


def integer(value: Any) -> Literal | None:
    try:
        return Literal(int(value), datatype=XSD.integer)
    except (TypeError, ValueError):
        return None


def boolean(value: Any) -> Literal | None:
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "y", "1"):
        return Literal(True)
    if isinstance(value, str) and value.strip().lower() in ("false", "no", "n", "0"):
        return Literal(False)
    return None


def text(value: Any) -> Literal | None:
    return Literal(str(value)) if value not in (None, "") else None


# -- attributes --------------------------------------------------------------------

COMMON_ATTRIBUTES: dict[str, tuple[URIRef, Callable[[Any], Literal | None]]] = {
    "amount_gbp": (NHSKG.amountGBP, decimal),
    "value_gbp": (NHSKG.valueGBP, decimal),
    "percent": (NHSKG.percent, decimal),
    "shares": (NHSKG.shares, integer),
    "records": (NHSKG.recordCount, integer),
    "per_year": (NHSKG.perYear, boolean),
    "duration_years": (NHSKG.durationYears, decimal),
    "date": (NHSKG.date, partial_date),
    "start": (NHSKG.startDate, partial_date),
    "end": (NHSKG.endDate, partial_date),
    "agreement": (NHSKG.agreementName, text),
    "identifier": (NHSKG.identifier, text),
}


def _attribute_triples(
    node: URIRef, attributes: dict[str, Any], own: dict[str, tuple[URIRef, Callable]]
) -> Iterator[Triple]:
    table = {**COMMON_ATTRIBUTES, **own}
    for key, value in attributes.items():
        if value is None or value == "":
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            prop, convert = table.get(key, (None, None))
            literal = convert(item) if convert else None
            if prop is not None and literal is not None:
                yield node, prop, literal
            else:  # keep what we cannot type, rather than lose it
                yield node, NHSKG.attribute, Literal(f"{key}={item}")


def partnership_attributes(node: URIRef, attrs: dict[str, Any]) -> Iterator[Triple]:
    yield from _attribute_triples(node, attrs, {})


def data_sharing_attributes(node: URIRef, attrs: dict[str, Any]) -> Iterator[Triple]:
    own = {
        "dataset": (NHSKG.dataset, text),
        "legal_basis": (NHSKG.legalBasis, text),
        "commercial": (NHSKG.commercialPurpose, boolean),
    }
    yield from _attribute_triples(node, attrs, own)


def equity_stake_attributes(node: URIRef, attrs: dict[str, Any]) -> Iterator[Triple]:
    yield from _attribute_triples(node, attrs, {})


def royalty_attributes(node: URIRef, attrs: dict[str, Any]) -> Iterator[Triple]:
    yield from _attribute_triples(node, attrs, {})


def contract_attributes(node: URIRef, attrs: dict[str, Any]) -> Iterator[Triple]:
    yield from _attribute_triples(node, attrs, {})


def investment_attributes(node: URIRef, attrs: dict[str, Any]) -> Iterator[Triple]:
    yield from _attribute_triples(node, attrs, {})


def role_attributes(node: URIRef, attrs: dict[str, Any]) -> Iterator[Triple]:
    yield from _attribute_triples(node, attrs, {"title": (NHSKG.roleTitle, text)})


def endorsement_attributes(node: URIRef, attrs: dict[str, Any]) -> Iterator[Triple]:
    yield from _attribute_triples(node, attrs, {})


def finding_attributes(node: URIRef, attrs: dict[str, Any]) -> Iterator[Triple]:
    yield from _attribute_triples(node, attrs, {"outcome": (NHSKG.outcome, text)})


ATTRIBUTE_BUILDERS: dict[str, Callable[[URIRef, dict[str, Any]], Iterator[Triple]]] = {
    "partnership": partnership_attributes,
    "data_sharing": data_sharing_attributes,
    "equity_stake": equity_stake_attributes,
    "royalty": royalty_attributes,
    "contract": contract_attributes,
    "investment": investment_attributes,
    "role": role_attributes,
    "endorses_code": endorsement_attributes,
    "regulatory_finding": finding_attributes,
}


# -- the record ----------------------------------------------------------------------


def record_document_iri(record: Record) -> URIRef:
    return ids.document_iri(record.source.url, record.source.sha256)


def build_record(record: Record) -> tuple[URIRef, Graph]:
    """The document IRI (also its named graph) and the graph of everything it states."""
    doc = record_document_iri(record)
    graph = Graph()
    for triple in record_triples(record, doc):
        graph.add(triple)
    return doc, graph


def record_triples(record: Record, doc: URIRef) -> Iterator[Triple]:
    yield from document_triples(record, doc)
    extraction = ids.extraction_iri(doc)
    yield from extraction_triples(record, doc, extraction)
    entity_iris = {e.id: entity_iri(e) for e in record.entities}
    names = {e.id: e.name for e in record.entities}
    for entity in record.entities:
        yield from entity_triples(entity, entity_iris[entity.id], doc)
    for relation in record.relations:
        yield from relation_triples(relation, entity_iris, names, doc, extraction)


def document_triples(record: Record, doc: URIRef) -> Iterator[Triple]:
    src = record.source
    yield doc, RDF.type, DOCUMENT_CLASSES.get(src.kind or "", NHSKG.Document)
    yield doc, NHSKG.sha256, Literal(src.sha256)
    if src.url:
        yield doc, SCHEMA_URL, URIRef(src.url.strip())
    if src.title:
        yield doc, DCTERMS.title, Literal(src.title)
        yield doc, RDFS.label, Literal(src.title)
    else:
        yield doc, RDFS.label, Literal(src.url or f"document {src.sha256[:12]}")
    if src.publisher:
        yield doc, DCTERMS.publisher, Literal(src.publisher)
    if src.published and (date := partial_date(src.published)) is not None:
        yield doc, DCTERMS.issued, date


def extraction_triples(record: Record, doc: URIRef, extraction: URIRef) -> Iterator[Triple]:
    name = record.extractor.name if record.extractor else "unknown"
    version = record.extractor.version if record.extractor else "unknown"
    agent = ids.extractor_iri(name, version)
    yield extraction, RDF.type, NHSKG.Extraction
    yield extraction, PROV.used, doc
    yield extraction, PROV.wasAssociatedWith, agent
    yield agent, RDF.type, NHSKG.Extractor
    yield agent, RDFS.label, Literal(name)
    yield agent, NHSKG.extractorVersion, Literal(version)


def span_triples(doc: URIRef, start: int, end: int, span_text: str) -> Iterator[Triple]:
    span = ids.span_iri(doc, start, end)
    yield span, RDF.type, NHSKG.EvidenceSpan
    yield span, NHSKG.inDocument, doc
    yield span, NHSKG.startOffset, Literal(start, datatype=XSD.integer)
    yield span, NHSKG.endOffset, Literal(end, datatype=XSD.integer)
    yield span, NHSKG.spanText, Literal(span_text)


def entity_triples(entity: Entity, iri: URIRef, doc: URIRef) -> Iterator[Triple]:
    yield iri, RDF.type, class_for(entity.type)
    yield iri, RDFS.label, Literal(entity.name)
    yield doc, SCHEMA_MENTIONS, iri
    for alias in entity.aliases:
        if alias != entity.name:
            yield iri, SKOS.altLabel, Literal(alias)
    for scheme, value in entity.identifiers.items():
        if not value:
            continue
        if scheme.lower() == "ods":
            yield iri, NHSKG.odsCode, Literal(value.upper())
        elif scheme.lower() == "companies_house":
            yield iri, NHSKG.companiesHouseNumber, Literal(value)
        else:
            yield iri, NHSKG.identifier, Literal(f"{scheme}:{value}")
    for sector in entity.sectors:
        yield iri, NHSKG.sector, ids.sector_iri(sector)
    for mention in entity.mentions:
        span = ids.span_iri(doc, mention.start, mention.end)
        yield from span_triples(doc, mention.start, mention.end, mention.text)
        yield span, RDF.type, NHSKG.Mention
        yield span, NHSKG.mentionOf, iri


def relation_triples(
    relation: Relation,
    entity_iris: dict[str, URIRef],
    names: dict[str, str],
    doc: URIRef,
    extraction: URIRef,
) -> Iterator[Triple]:
    terms = relation_terms()[relation.type]
    subject = entity_iris[relation.subject]
    if relation.type == "endorses_code" and relation.object == CODE_OBJECT_ID:
        obj, obj_name = ids.CODE_OF_CONDUCT, "the code of conduct"
    else:
        obj, obj_name = entity_iris[relation.object], names[relation.object]
    ev = relation.evidence
    node = ids.agreement_iri(doc, relation.type, subject, obj, ev.start)
    yield node, RDF.type, terms.cls
    yield node, RDFS.label, Literal(f"{terms.label}: {names[relation.subject]} – {obj_name}")
    yield node, terms.subject_property, subject
    yield node, terms.object_property, obj
    yield node, NHSKG.subjectParty, subject
    yield node, NHSKG.objectParty, obj
    yield node, NHSKG.statedIn, doc
    yield node, PROV.wasGeneratedBy, extraction
    yield node, NHSKG.confidence, decimal(round(relation.confidence, 4))
    yield from span_triples(doc, ev.start, ev.end, ev.text)
    yield node, NHSKG.evidence, ids.span_iri(doc, ev.start, ev.end)
    yield from ATTRIBUTE_BUILDERS[relation.type](node, relation.attributes)
