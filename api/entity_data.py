"""Entities for the API: label search and an entity with its sourced facts.

These run inside the query workers (``api.jobs``), against the read-only store. A
worker's store never changes while it lives, so the label index is built once per worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import Literal, URIRef

from graph import ids
from graph.store import GraphStore, SelectResult

PREFIXES = """
PREFIX nhskg: <https://w3id.org/nhskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def prefixed(query: str) -> str:
    return PREFIXES + query


# The IRI path segments of things a person would search for (see graph/ids.py).
SEARCHABLE = (*dict.fromkeys(ids.TYPE_SEGMENTS.values()), "region")
REFERENCE_SOURCES = {
    str(ids.REFERENCE_GRAPH): "NHS Organisation Data Service reference data",
    str(ids.GAZETTEER_GRAPH): "nhskg gazetteer of known organisations",
    str(ids.ONTOLOGY_GRAPH): "nhskg ontology",
}
LABELS = prefixed("""
SELECT DISTINCT ?entity ?property ?label WHERE {
  VALUES ?property { skos:prefLabel rdfs:label skos:altLabel }
  ?entity ?property ?label .
  FILTER(isIRI(?entity) && STRSTARTS(STR(?entity), "https://w3id.org/nhskg/id/"))
}""")
MENTION_COUNTS = prefixed("""
SELECT ?entity (COUNT(DISTINCT ?doc) AS ?documents) WHERE { ?doc schema:mentions ?entity }
GROUP BY ?entity""")
SOURCES = prefixed("""
SELECT ?source ?url ?title ?publisher ?published ?licence WHERE {
  { ?source nhskg:sha256 ?sha . } UNION { ?source dcterms:license ?licence . }
  OPTIONAL { ?source schema:url ?url } OPTIONAL { ?source dcterms:title ?title }
  OPTIONAL { ?source dcterms:publisher ?publisher } OPTIONAL { ?source dcterms:issued ?published }
  OPTIONAL { ?source dcterms:source ?url }
}""")
STATEMENTS = """
SELECT ?entity ?property ?value ?graph WHERE { GRAPH ?graph { ?entity ?property ?value } }
ORDER BY ?property ?value ?graph"""
INBOUND = "ASK { ?s ?p ?entity }"
AGREEMENTS = prefixed("""
SELECT ?entity ?agreement ?role ?kind ?party ?partyLabel ?doc ?evidence WHERE {
  { ?agreement nhskg:subjectParty ?entity ; nhskg:objectParty ?party . BIND("subject" AS ?role) }
  UNION
  { ?agreement nhskg:objectParty ?entity ; nhskg:subjectParty ?party . BIND("object" AS ?role) }
  ?agreement a ?class . ?class nhskg:relationType ?kind .
  OPTIONAL { ?agreement nhskg:statedIn ?doc }
  OPTIONAL { ?agreement nhskg:evidence/nhskg:spanText ?evidence }
  OPTIONAL {
    SELECT ?party (COALESCE(SAMPLE(?pp), MIN(?pn)) AS ?partyLabel) WHERE {
      ?party rdfs:label ?pn . OPTIONAL { ?party skos:prefLabel ?pp }
    } GROUP BY ?party
  }
} ORDER BY ?kind ?partyLabel ?agreement""")
AGREEMENT_TERMS = prefixed("""
SELECT ?entity ?agreement ?property ?value WHERE {
  ?agreement nhskg:subjectParty|nhskg:objectParty ?entity ; ?property ?value .
  FILTER(isLiteral(?value) && ?property != rdfs:label)
}""")
MENTIONED_IN = prefixed("""
SELECT ?entity ?doc WHERE { ?doc schema:mentions ?entity } ORDER BY ?doc""")


@dataclass
class Indexed:
    iri: str
    segment: str
    label: str
    folded: list[tuple[str, str]]  # (folded label, label) for every label and alias
    documents: int


_INDEX: dict[int, list[Indexed]] = {}
_SOURCES: dict[int, dict[str, dict[str, Any]]] = {}


def select(store: GraphStore, sparql: str, **bindings: Any) -> SelectResult:
    result = store.query(sparql, bindings)
    assert isinstance(result, SelectResult)
    return result


def label_index(store: GraphStore) -> list[Indexed]:
    if id(store) in _INDEX:
        return _INDEX[id(store)]
    labels: dict[str, dict[str, list[str]]] = {}
    for row in select(store, LABELS).rows:
        by_property = labels.setdefault(str(row["entity"]), {})
        by_property.setdefault(str(row["property"]).rsplit("#", 1)[-1], []).append(
            str(row["label"])
        )
    counts = {
        str(row["entity"]): int(str(row["documents"])) for row in select(store, MENTION_COUNTS).rows
    }
    index = []
    for iri, by_property in labels.items():
        segment = iri[len(str(ids.ID)) :].split("/", 1)[0]
        if segment not in SEARCHABLE:
            continue
        every = sorted({name for names in by_property.values() for name in names})
        best = by_property.get("prefLabel") or sorted(by_property.get("label") or every)
        folded = [(ids.fold(name), name) for name in every]
        index.append(Indexed(iri, segment, best[0], folded, counts.get(iri, 0)))
    _INDEX[id(store)] = index
    return index


def rank(query: str, entry: Indexed) -> tuple[int, str] | None:
    """How well ``query`` (already folded) names ``entry``: lower is better; None: not at all."""
    words = query.split()
    best: tuple[int, str] | None = None
    for folded, name in entry.folded:
        padded = " " + folded
        if folded == query:
            score = 0
        elif folded.startswith(query):
            score = 1
        elif all(" " + word in padded for word in words):
            score = 2
        elif query in folded:
            score = 3
        else:
            continue
        if best is None or score < best[0]:
            best = (score, name)
    return best


def search(store: GraphStore, q: str = "", type: str | None = None, limit: int = 50) -> dict:
    """Entities whose label or alias matches ``q`` (case and accents ignored), best first."""
    query = ids.fold(q)
    hits = []
    for entry in label_index(store):
        if type and entry.segment != type:
            continue
        ranked = rank(query, entry) if query else (4, entry.label)
        if ranked is not None:
            hits.append((ranked[0], -entry.documents, entry.label.lower(), entry, ranked[1]))
    hits.sort(key=lambda hit: hit[:3])
    results = [
        {
            "id": entry.iri,
            "path": "/id/" + entry.iri[len(str(ids.ID)) :],
            "label": entry.label,
            "type": entry.segment,
            "matched": matched,
            "score": score,
            "documents": entry.documents,
        }
        for score, _, _, entry, matched in hits[:limit]
    ]
    return {"results": results, "truncated": len(hits) > limit, "total": len(hits)}


def sources(store: GraphStore) -> dict[str, dict[str, Any]]:
    """Every document and reference graph, by IRI, with what a citation needs."""
    if id(store) in _SOURCES:
        return _SOURCES[id(store)]
    found: dict[str, dict[str, Any]] = {}
    for row in select(store, SOURCES).rows:
        iri = str(row["source"])
        entry = found.setdefault(iri, {"id": iri})
        for key in ("url", "title", "publisher", "published", "licence"):
            if key in row and key not in entry:
                entry[key] = str(row[key])
    for iri, label in REFERENCE_SOURCES.items():
        found.setdefault(iri, {"id": iri}).setdefault("title", label)
    _SOURCES[id(store)] = found
    return found


def source_of(store: GraphStore, iri: str | None) -> dict[str, Any] | None:
    if iri is None:
        return None
    return sources(store).get(iri, {"id": iri})


def entity(store: GraphStore, iri: str) -> dict | None:
    """The entity with every statement about it and every agreement it is party to,
    each with its source (document or reference data) and, for agreements, the sentence
    that states it. None if the graph says nothing about ``iri``."""
    node = URIRef(iri)
    statements = _statements(store, node)
    inbound = store.query(INBOUND, {"entity": node})
    if not statements and not inbound:
        return None
    labels = {s["name"]: s["value"] for s in reversed(statements) if s["valueType"] == "literal"}
    return {
        "id": iri,
        "path": "/id/" + iri[len(str(ids.ID)) :] if iri.startswith(str(ids.ID)) else None,
        "label": labels.get("prefLabel") or labels.get("label") or iri,
        "types": sorted({s["value"] for s in statements if s["name"] == "type"}),
        "statements": statements,
        "agreements": _agreements(store, node),
        "mentionedIn": [
            source_of(store, str(row["doc"]))
            for row in select(store, MENTIONED_IN, entity=node).rows
        ],
    }


def _statements(store: GraphStore, node: URIRef) -> list[dict[str, Any]]:
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for row in select(store, STATEMENTS, entity=node).rows:
        prop, value = str(row["property"]), row["value"]
        key = (prop, value.n3())
        if key not in merged:
            merged[key] = {
                "property": prop,
                "name": local_name(prop),
                "value": str(value),
                "valueType": "literal" if isinstance(value, Literal) else "uri",
                "sources": [],
            }
        merged[key]["sources"].append(source_of(store, str(row["graph"])))
    return list(merged.values())


def _agreements(store: GraphStore, node: URIRef) -> list[dict[str, Any]]:
    terms: dict[str, dict[str, Any]] = {}
    for row in select(store, AGREEMENT_TERMS, entity=node).rows:
        terms.setdefault(str(row["agreement"]), {})[local_name(str(row["property"]))] = plain(
            row["value"]
        )
    out: dict[str, dict[str, Any]] = {}
    for row in select(store, AGREEMENTS, entity=node).rows:
        iri = str(row["agreement"])
        if iri in out:
            continue
        party = str(row["party"])
        out[iri] = {
            "agreement": iri,
            "kind": str(row["kind"]),
            "role": str(row["role"]),
            "party": {"id": party, "label": str(row.get("partyLabel", party))},
            "terms": terms.get(iri, {}),
            "source": source_of(store, str(row["doc"]) if "doc" in row else None),
            "evidence": str(row["evidence"]) if "evidence" in row else None,
        }
    return list(out.values())


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def plain(term: Any) -> Any:
    """A literal as JSON wants it: numbers as numbers, booleans as booleans."""
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float | str):
            return value
        if type(value).__name__ == "Decimal":
            return int(value) if value == value.to_integral_value() else float(value)
        return str(term)
    return str(term)
