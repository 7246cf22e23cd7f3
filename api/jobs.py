"""The work a query worker does: one function per job, store first, picklable results.

The web process never touches the store; it sends ``(job name, keyword arguments)`` to a
worker (``api.worker``), which looks the job up here. Results cross the process boundary,
so they are plain data: dicts, lists, strings and bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rdflib import URIRef

from api import entity_data
from graph.questions import QuestionError, answer, get_question
from graph.store import GraphStore, QueryError, raw_query

ENTITY_RDF = "CONSTRUCT { ?entity ?p ?o . ?s ?q ?entity } WHERE { { ?entity ?p ?o } UNION { ?s ?q ?entity } }"  # noqa: E501


def sparql(store: GraphStore, query: str, **options: Any) -> dict[str, Any]:
    """A SPARQL query, serialised by the store in the formats asked for."""
    return vars(raw_query(store, query, **options))


def question(
    store: GraphStore, slug: str, values: dict[str, str], max_rows: int | None
) -> dict[str, Any]:
    """A named question answered through ``graph.questions.answer`` (values bound, never
    pasted), with rows as plain JSON values."""
    try:
        result = answer(store, slug, values, max_rows=max_rows)
    except (QueryError, QuestionError):
        raise
    except ValueError as exc:  # a value the store cannot hold, such as a malformed IRI
        raise QuestionError(f"a parameter value cannot be used: {exc}") from exc
    rows = [
        {var: entity_data.plain(row[var]) if var in row else None for var in result.variables}
        for row in result.rows
    ]
    effective = {p.name: values.get(p.name, p.default) for p in get_question(slug).params}
    return {
        "variables": result.variables,
        "rows": rows,
        "truncated": result.truncated,
        "notices": result.notices,
        "params": effective,
    }


def search(store: GraphStore, **options: Any) -> dict[str, Any]:
    return entity_data.search(store, **options)


def entity(store: GraphStore, iri: str) -> dict[str, Any] | None:
    return entity_data.entity(store, iri)


def entity_rdf(store: GraphStore, iri: str, graph_format: str) -> dict[str, Any] | None:
    result = raw_query(
        store, ENTITY_RDF, graph_format=graph_format, bindings={"entity": URIRef(iri)}
    )
    return vars(result) if result.count else None


def network(store: GraphStore) -> dict[str, Any]:
    """The network projection as nodes and edges (the web process writes the formats)."""
    from graph.network import network as projection

    graph = projection(store)
    return {
        "nodes": [{"id": node, **data} for node, data in graph.nodes(data=True)],
        "edges": [{"source": u, "target": v, **data} for u, v, data in graph.edges(data=True)],
    }


def export(store: GraphStore, fmt: str) -> bytes:
    return store.dump(fmt)


def ping(store: GraphStore) -> int:
    return len(store)


JOBS: dict[str, Callable[..., Any]] = {
    job.__name__: job
    for job in (sparql, question, search, entity, entity_rdf, network, export, ping)
}
