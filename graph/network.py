"""The network projection: organisations and people as nodes, agreements as edges.

The RDF graph keeps agreements as nodes (so terms and sources hang off them); analysts'
tools (Gephi, networkx, a spreadsheet) want an edge list. Each edge keeps its agreement
IRI, type, amount and source so nothing in the projection is unsourced.
"""

from __future__ import annotations

import csv
import io

import networkx as nx

from graph.store import GraphStore, SelectResult

PROJECTION = """
PREFIX nhskg: <https://w3id.org/nhskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
SELECT ?agreement ?kind ?subject ?object
       (COALESCE(SAMPLE(?sp), MIN(?sn)) AS ?subjectLabel)
       (COALESCE(SAMPLE(?op), MIN(?on)) AS ?objectLabel)
       (SAMPLE(?amount) AS ?amountGBP) (SAMPLE(STR(?url)) AS ?source)
WHERE {
  ?agreement nhskg:subjectParty ?subject ; nhskg:objectParty ?object ; a ?class ;
             nhskg:statedIn ?doc .
  ?class nhskg:relationType ?kind .
  OPTIONAL { ?agreement nhskg:amountGBP|nhskg:valueGBP ?amount }
  OPTIONAL { ?doc schema:url ?url }
  OPTIONAL { ?subject skos:prefLabel ?sp } OPTIONAL { ?subject rdfs:label ?sn }
  OPTIONAL { ?object skos:prefLabel ?op } OPTIONAL { ?object rdfs:label ?on }
}
GROUP BY ?agreement ?kind ?subject ?object
ORDER BY ?agreement
"""

# Node types come from a second, separate query: folding them into PROJECTION as
# OPTIONAL patterns with a FILTER multiplied its cost a hundredfold on a large store.
NODE_TYPES = """
PREFIX nhskg: <https://w3id.org/nhskg/ontology#>
SELECT DISTINCT ?node ?class WHERE {
  ?agreement nhskg:subjectParty|nhskg:objectParty ?node .
  ?node a ?class .
}
"""

ONTOLOGY_NS = "https://w3id.org/nhskg/ontology#"

EDGE_FIELDS = ("source", "target", "kind", "agreement", "amount_gbp", "document_url")


def node_types(store: GraphStore) -> dict[str, str]:
    """Each party's nhskg class name ("NHSTrust", "Company"); the first by name if several."""
    result = store.query(NODE_TYPES)
    assert isinstance(result, SelectResult)
    types: dict[str, str] = {}
    for row in result.rows:
        iri = str(row["class"])
        if not iri.startswith(ONTOLOGY_NS):
            continue
        name = iri[len(ONTOLOGY_NS) :]
        node = str(row["node"])
        if node not in types or name < types[node]:
            types[node] = name
    return types


def network(store: GraphStore) -> nx.MultiDiGraph:
    result = store.query(PROJECTION)
    assert isinstance(result, SelectResult)
    types = node_types(store)
    graph = nx.MultiDiGraph()
    for row in result.rows:
        for end in ("subject", "object"):
            node = str(row[end])
            graph.add_node(
                node,
                label=str(row.get(f"{end}Label", node)),
                type=types.get(node, ""),
            )
        amount = row.get("amountGBP")
        graph.add_edge(
            str(row["subject"]),
            str(row["object"]),
            key=str(row["agreement"]),
            kind=str(row["kind"]),
            agreement=str(row["agreement"]),
            amount_gbp=float(str(amount)) if amount is not None else 0.0,
            document_url=str(row.get("source", "")),
        )
    return graph


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    return "\n".join(nx.generate_graphml(graph)).encode("utf-8")


def to_gexf(graph: nx.MultiDiGraph) -> bytes:
    return "\n".join(nx.generate_gexf(graph)).encode("utf-8")


def to_csv(graph: nx.MultiDiGraph) -> bytes:
    """An edge list with labels: one row per agreement."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["source", "source_label", "target", "target_label", *EDGE_FIELDS[2:]])
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: e[2]["agreement"]):
        writer.writerow(
            [
                u,
                graph.nodes[u]["label"],
                v,
                graph.nodes[v]["label"],
                data["kind"],
                data["agreement"],
                data["amount_gbp"] or "",
                data["document_url"],
            ]
        )
    return out.getvalue().encode("utf-8")


NETWORK_FORMATS = {"graphml": to_graphml, "gexf": to_gexf, "csv": to_csv}
