"""The triple store behind nhskg: the one module that imports the store library.

``open_store`` returns a :class:`GraphStore`. The default is an embedded on-disk Oxigraph
store (pyoxigraph): fast, transactional, no server to install. Everything else talks to
the store through this class in library-neutral terms (rdflib terms and graphs), so a
remote SPARQL 1.1 store can be added behind the same methods without touching callers.

Each document's facts live in their own named graph; ``replace_graph`` swaps one graph
in a single transaction, so a crash mid-load leaves the store as it was and a reload
never duplicates facts.

Queries see the merge of all named graphs as their default graph, as a *set*: a fact
stated by twelve sources is one triple, as SPARQL users (and rdflib, Jena and Virtuoso)
expect. Oxigraph's own union default graph is a multiset (one solution per graph holding
the triple), so the store keeps that merge materialised in its default graph and
``replace_graph`` updates it in the same transaction (ADR 0002).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
QUAD_FORMATS = {"nq", "trig"}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# Prefixes for readable Turtle/TriG exports.
PREFIXES = {
    "nhskg": "https://w3id.org/nhskg/ontology#",
    "sector": "https://w3id.org/nhskg/sector/",
    "code": "https://w3id.org/nhskg/code/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
}
PREFIXED_FORMATS = {"ttl", "trig", "rdfxml"}


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says why."""


class QueryError(ValueError):
    """A query the engine rejects; the message is the parser's (with its position)."""


@dataclass
class SelectResult:
    """Rows of a SELECT query as rdflib terms; ``truncated`` says the row cap cut it short."""

    variables: list[str]
    rows: list[dict[str, Node]] = field(default_factory=list)
    truncated: bool = False
    notices: list[str] = field(default_factory=list)

    def values(self, row: Mapping[str, Node]) -> list[str | None]:
        return [None if row.get(v) is None else str(row[v]) for v in self.variables]


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> GraphStore:
    """Open (creating if missing) the on-disk store at ``path``; ``None`` is in memory."""
    if path is None:
        return GraphStore(ox.Store(), None)
    path = Path(path)
    try:
        if read_only:
            if not path.exists():
                raise StoreError(f"no store at {path}: build one with `nhskg build` first")
            store = GraphStore(ox.Store.read_only(str(path)), path)
            if store._unmerged():
                raise StoreError(
                    f"the store at {path} predates the merged default graph: "
                    "run `nhskg build` or `nhskg load` once to upgrade it"
                )
            return store
        path.mkdir(parents=True, exist_ok=True)
        store = GraphStore(ox.Store(str(path)), path)
        store.ensure_merged()
        return store
    except OSError as exc:
        raise StoreError(f"cannot open the store at {path}: {exc}") from exc


class GraphStore:
    def __init__(self, store: ox.Store, path: Path | None) -> None:
        self._store = store
        self.path = path

    # -- writing -----------------------------------------------------------------

    def replace_graph(self, graph_iri: str, graph: Graph) -> None:
        """Replace the named graph ``graph_iri`` with ``graph``'s triples, atomically."""
        try:
            data = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
        except Exception as exc:  # rdflib raises bare Exception for unserialisable IRIs
            raise StoreError(f"could not write graph {graph_iri}: {exc}") from exc
        self.replace_graph_ntriples(graph_iri, data)

    def replace_graph_ntriples(self, graph_iri: str, ntriples: str) -> None:
        """Drop and refill one graph in a single update: a crash leaves old or new, never half.

        The merged default graph loses the old facts no other graph states and gains the
        new ones, in the same update.
        """
        update = (
            f"{_unmerge(graph_iri)} ;\n"
            f"DROP SILENT GRAPH <{graph_iri}> ;\n"
            f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples}\n}} }} ;\n"
            f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
        )
        try:
            self._store.update(update)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"could not write graph {graph_iri}: {one_line(str(exc))}") from exc

    def drop_graph(self, graph_iri: str) -> None:
        self._store.update(f"{_unmerge(graph_iri)} ;\nDROP SILENT GRAPH <{graph_iri}>")

    def ensure_merged(self) -> None:
        """Merge the named graphs into the default graph if a store predates the merge."""
        if self._unmerged():
            self.merge_default_graph()

    def _unmerged(self) -> bool:
        """Named graphs but an empty default graph: a store written before the merge."""
        default = self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        return (
            next(iter(default), None) is None and next(self._store.named_graphs(), None) is not None
        )

    def merge_default_graph(self) -> None:
        """Rebuild the merged default graph from the named graphs (stores built before it)."""
        self._store.update(
            "DROP SILENT DEFAULT ;\nINSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
        )

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    # -- reading -----------------------------------------------------------------

    def has_graph(self, graph_iri: str) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(graph_iri))

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        """Distinct triples: the facts of all documents, each counted once."""
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        max_rows: int | None = None,
    ) -> SelectResult | Graph | bool:
        """Run a SPARQL query; its default graph is the merge of all graphs (a set).

        ``bindings`` are bound as values (SEP-0007 substitutions), never pasted into the
        text. SELECT gives a :class:`SelectResult`, ASK a bool, CONSTRUCT/DESCRIBE a Graph.
        """
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            result = self._store.query(sparql, substitutions=substitutions or None)
        except SyntaxError as exc:
            raise QueryError(one_line(str(exc))) from exc
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from exc
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            return _select_result(result, max_rows)
        graph = Graph()
        for triple in result:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        return graph

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node]]:
        """Every fact with the named graph (document) that states it."""
        for q in self._named_quads():
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name)

    def triples(self) -> Iterator[tuple[Node, Node, Node]]:
        """Every distinct fact once: the merged default graph."""
        for q in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)

    def _named_quads(self) -> Iterator[Any]:
        for q in self._store.quads_for_pattern(None, None, None, None):
            if not isinstance(q.graph_name, ox.DefaultGraph):
                yield q

    def dump(self, fmt: str) -> bytes:
        """Serialise the store: quad formats keep the named graphs, others merge them."""
        if fmt not in RDF_FORMATS:
            raise ValueError(f"unknown RDF format {fmt!r}; choose from {', '.join(RDF_FORMATS)}")
        prefixes = PREFIXES if fmt in PREFIXED_FORMATS else None
        if fmt in QUAD_FORMATS:  # the documents' graphs; the merge is implied by them
            quads = sorted(self._named_quads(), key=str)
            return ox.serialize(quads, format=RDF_FORMATS[fmt], prefixes=prefixes) or b""
        triples = [
            ox.Triple(q.subject, q.predicate, q.object)
            for q in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        ]
        return (
            ox.serialize(sorted(triples, key=str), format=RDF_FORMATS[fmt], prefixes=prefixes)
            or b""
        )

    def dataset(self) -> Dataset:
        """The named graphs as an rdflib Dataset (for tests)."""
        ds = Dataset()
        ds.parse(data=self.dump("nq"), format="nquads")
        return ds

    def union_graph(self) -> Graph:
        """The merged default graph as an rdflib Graph (for SHACL validation)."""
        graph = Graph()
        for triple in self.triples():
            graph.add(triple)
        return graph


def _unmerge(graph_iri: str) -> str:
    """The update that takes from the merged default graph what only ``graph_iri`` states."""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph_iri}>) }} }}"
    )


def _select_result(solutions: ox.QuerySolutions, max_rows: int | None) -> SelectResult:
    variables = [v.value for v in solutions.variables]
    out = SelectResult(variables)
    for solution in solutions:
        if max_rows is not None and len(out.rows) >= max_rows:
            out.truncated = True
            break
        row = {}
        for var in variables:
            term = solution[var]
            if term is not None:
                row[var] = from_ox(term)
        out.rows.append(row)
    return out


def one_line(message: str, limit: int = 300) -> str:
    """Parser messages can list every expected token over many lines; keep one short line."""
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def from_ox(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def to_ox(term: Node) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


# -- raw results for the SPARQL endpoint ----------------------------------------------
#
# The query service answers SPARQL 1.1 Protocol clients with bytes serialised by the
# store itself (SPARQL JSON/XML/CSV/TSV results, RDF for CONSTRUCT and DESCRIBE), so the
# formats are exactly the engine's. Rows beyond ``max_rows`` are never serialised: the
# kept solutions are written as TSV (term syntax from the engine), parsed back into a
# result set and serialised natively in the format asked for.

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = ("ttl", "nt", "jsonld", "rdfxml")


@dataclass
class RawResult:
    """A serialised query result: ``kind`` is ``solutions``, ``boolean`` or ``graph``."""

    kind: str
    body: bytes
    media_type: str
    count: int = 0
    truncated: bool = False


def raw_query(
    store: GraphStore,
    sparql: str,
    *,
    results_format: str = "json",
    graph_format: str = "ttl",
    max_rows: int | None = None,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    bindings: Mapping[str, Node] | None = None,
) -> RawResult:
    """Run ``sparql`` and serialise its result: SELECT/ASK in ``results_format``
    (json, xml, csv, tsv), CONSTRUCT/DESCRIBE in ``graph_format`` (ttl, nt, jsonld,
    rdfxml). With no ``default_graphs`` the default graph is the merge of all graphs."""
    if results_format not in RESULT_FORMATS or graph_format not in GRAPH_FORMATS:
        raise ValueError(f"unknown format {results_format!r} / {graph_format!r}")
    options: dict[str, Any] = {}
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs]
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
    if bindings:
        options["substitutions"] = {ox.Variable(k): to_ox(v) for k, v in bindings.items()}
    try:
        result = store._store.query(sparql, **options)
        if isinstance(result, ox.QueryBoolean):
            fmt = RESULT_FORMATS[results_format]
            return RawResult("boolean", result.serialize(format=fmt) or b"", fmt.media_type, 1)
        if isinstance(result, ox.QuerySolutions):
            return _raw_solutions(result, RESULT_FORMATS[results_format], max_rows)
        return _raw_triples(result, graph_format, max_rows)
    except SyntaxError as exc:
        raise QueryError(one_line(str(exc))) from exc
    except (OSError, ValueError) as exc:  # evaluation errors, e.g. a failing SERVICE call
        raise QueryError(f"query failed: {one_line(str(exc))}") from exc


def _raw_solutions(
    solutions: ox.QuerySolutions, fmt: ox.QueryResultsFormat, max_rows: int | None
) -> RawResult:
    variables = solutions.variables
    lines = ["\t".join(str(v) for v in variables)]
    truncated = False
    for solution in solutions:
        if max_rows is not None and len(lines) > max_rows:
            truncated = True
            break
        lines.append("\t".join("" if solution[v] is None else str(solution[v]) for v in variables))
    tsv = ("\n".join(lines) + "\n").encode("utf-8")
    kept = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    assert isinstance(kept, ox.QuerySolutions)
    body = kept.serialize(format=fmt) or b""
    return RawResult("solutions", body, fmt.media_type, len(lines) - 1, truncated)


def _raw_triples(triples: Any, graph_format: str, max_rows: int | None) -> RawResult:
    kept: list[Any] = []
    truncated = False
    for triple in triples:
        if max_rows is not None and len(kept) >= max_rows:
            truncated = True
            break
        kept.append(triple)
    fmt = RDF_FORMATS[graph_format]
    prefixes = PREFIXES if graph_format in PREFIXED_FORMATS else None
    body = ox.serialize(kept, format=fmt, prefixes=prefixes) or b""
    return RawResult("graph", body, fmt.media_type, len(kept), truncated)
