"""Load extraction records and reference data into the store, one transaction each.

Loading is idempotent: a document's facts live in the named graph of its IRI, and
loading it again replaces that graph (same record: same triples), so nothing is ever
duplicated and a changed article replaces its old facts.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from graph import ids
from graph.build import build_record
from graph.reference import gazetteer_graph, reference_graph
from graph.store import GraphStore, SelectResult
from ingest.record import Record
from ontology.namespace import NHSKG

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILES = ("nhskg.ttl", "principles.ttl")

NEW, REPLACED, UNCHANGED = "new", "replaced", "unchanged"


def record_digest(record: Record) -> str:
    return hashlib.sha256(record.to_json().encode("utf-8")).hexdigest()


def load_record(store: GraphStore, record: Record) -> str:
    """Load one record; returns ``"new"``, ``"replaced"`` or ``"unchanged"``."""
    doc, graph = build_record(record)
    digest = record_digest(record)
    before = stored_record_digest(store, doc)
    if before == digest:
        return UNCHANGED
    graph.add((ids.extraction_iri(doc), NHSKG.recordDigest, Literal(digest)))
    store.replace_graph(str(ids.document_graph(doc)), graph)
    return NEW if before is None else REPLACED


def stored_record_digest(store: GraphStore, doc: URIRef) -> str | None:
    result = store.query(
        f"SELECT ?doc ?digest WHERE {{ GRAPH ?doc {{ ?x <{NHSKG.recordDigest}> ?digest }} }}",
        {"doc": doc},
    )
    assert isinstance(result, SelectResult)
    return str(result.rows[0]["digest"]) if result.rows else None


def stored_document_hash(store: GraphStore, url: str) -> str | None:
    """SHA-256 of the text of the stored document with this URL, or None if not stored."""
    doc = ids.document_iri(url, "")
    result = store.query(
        f"SELECT ?doc ?sha WHERE {{ GRAPH ?doc {{ ?doc <{NHSKG.sha256}> ?sha }} }}", {"doc": doc}
    )
    assert isinstance(result, SelectResult)
    return str(result.rows[0]["sha"]) if result.rows else None


def ontology_graph() -> Graph:
    graph = Graph()
    for name in ONTOLOGY_FILES:
        path = ONTOLOGY_DIR / name
        if path.exists():
            graph.parse(path, format="turtle")
    return graph


def ensure_reference(store: GraphStore) -> None:
    """(Re)load the ontology, the ODS reference data and the gazetteer into their graphs."""
    store.replace_graph(str(ids.ONTOLOGY_GRAPH), ontology_graph())
    store.replace_graph(str(ids.REFERENCE_GRAPH), reference_graph())
    store.replace_graph(str(ids.GAZETTEER_GRAPH), gazetteer_graph())
