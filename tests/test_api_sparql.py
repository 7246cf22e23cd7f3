"""/sparql against the real server, through real third-party clients.

SPARQLWrapper and rdflib's SPARQLStore must read every result format we send; the
protocol's GET and both POST forms work; CONSTRUCT round-trips into rdflib; errors are
400s with the parser's position; updates, LOAD and SERVICE are refused.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
from xml.dom.minidom import Document

import pytest
import requests
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import to_isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from graph import ids
from graph.store import open_store

pytest.register_assert_rewrite("tests.api_support")
from tests.api_support import BODY_LIMIT, NANDU, QUILLMOOR, ROW_LIMIT  # noqa: E402

pytest_plugins = ["tests.api_support"]
# SPARQLWrapper and rdflib's JSON-LD parser still build ConjunctiveGraphs: theirs to fix.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")

PREFIXES = """PREFIX nhskg: <https://w3id.org/nhskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""
STAKE = PREFIXES + (
    f"""SELECT ?company ?label ?amount WHERE {{
  ?stake a nhskg:EquityStake ; nhskg:holder <{QUILLMOOR}> ; nhskg:issuer ?company ;
         nhskg:amountGBP ?amount .
  ?company rdfs:label ?label .
}}"""
)
ASK_STAKE = PREFIXES + f"ASK {{ ?stake nhskg:holder <{QUILLMOOR}> }}"
CONSTRUCT = PREFIXES + (
    """CONSTRUCT { ?agreement ?p ?o } WHERE {
  ?agreement nhskg:statedIn ?doc ; ?p ?o .
  ?doc schema:url <https://example.org/nhskg-test/quillmoor-stake> .
}"""
)
NAME = "Fundación Ñandú Analytics"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def client(server, query: str, fmt: str = JSON, method: str | None = None) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server("sparql"))
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    if method == POST:
        sparql.setMethod(POST)
    elif method == POSTDIRECTLY:
        sparql.setMethod(POST)
        sparql.setRequestMethod(POSTDIRECTLY)
    return sparql


@pytest.fixture(scope="module")
def expected_construct(api_store_path) -> Graph:
    store = open_store(api_store_path, read_only=True)
    graph = store.query(CONSTRUCT)
    assert isinstance(graph, Graph) and len(graph) > 10
    return graph


# -- result formats ----------------------------------------------------------------


@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY], ids=["GET", "form", "direct"])
def test_select_json_by_every_method(api_server, method) -> None:
    data = client(api_server, STAKE, JSON, method).queryAndConvert()
    [row] = data["results"]["bindings"]
    assert row["company"] == {"type": "uri", "value": NANDU}
    assert row["label"]["value"] == NAME
    assert float(row["amount"]["value"]) == 250000
    assert data["truncated"] is False


def test_select_xml(api_server) -> None:
    dom = client(api_server, STAKE, XML).queryAndConvert()
    assert isinstance(dom, Document)
    literals = [n.firstChild.data for n in dom.getElementsByTagName("literal")]
    assert NAME in literals


@pytest.mark.parametrize(("fmt", "dialect"), [(CSV, "csv"), (TSV, "tsv")])
def test_select_csv_and_tsv(api_server, fmt, dialect) -> None:
    body = client(api_server, STAKE, fmt).queryAndConvert()
    text = body.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter="," if dialect == "csv" else "\t"))
    assert len(rows) == 2
    assert NAME in text
    parsed = Result.parse(io.BytesIO(body), format=dialect)
    assert [str(r["label"]) for r in parsed] == [NAME]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_select_results_parse_in_rdflib(api_server, fmt) -> None:
    response = requests.get(api_server("sparql"), params={"query": STAKE, "format": fmt})
    parsed = Result.parse(io.BytesIO(response.content), format=fmt)
    assert [str(r["company"]) for r in parsed] == [NANDU]


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(api_server, fmt) -> None:
    result = client(api_server, ASK_STAKE, fmt).queryAndConvert()
    if fmt == JSON:
        assert result == {"head": {}, "boolean": True}
    else:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"


@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD, RDFXML, XML])
@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY], ids=["GET", "form", "direct"])
def test_construct_round_trips_into_rdflib(api_server, expected_construct, fmt, method) -> None:
    result = client(api_server, CONSTRUCT, fmt, method).queryAndConvert()
    if isinstance(result, bytes):
        result = Graph().parse(data=result, format="turtle")
    assert to_isomorphic(result) == to_isomorphic(expected_construct)


def test_construct_as_ntriples(api_server, expected_construct) -> None:
    response = requests.get(
        api_server("sparql"),
        params={"query": CONSTRUCT},
        headers={"Accept": "application/n-triples"},
    )
    assert response.headers["Content-Type"].startswith("application/n-triples")
    graph = Graph().parse(data=response.text, format="nt")
    assert to_isomorphic(graph) == to_isomorphic(expected_construct)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_rdflib_sparqlstore(api_server, expected_construct, method) -> None:
    graph = Graph(store=SPARQLStore(api_server("sparql"), method=method))
    rows = list(graph.query(STAKE))
    assert [(r.company, str(r.label)) for r in rows] == [(URIRef(NANDU), NAME)]
    assert graph.query(ASK_STAKE).askAnswer is True
    constructed = graph.query(CONSTRUCT).graph
    assert to_isomorphic(constructed) == to_isomorphic(expected_construct)


def test_dataset_parameters(api_server) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    ods = str(ids.REFERENCE_GRAPH)
    everything = client(api_server, count).queryAndConvert()
    sparql = client(api_server, count)
    sparql.addDefaultGraph(ods)
    only_ods = sparql.queryAndConvert()
    in_graph = client(
        api_server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ods}> {{ ?s ?p ?o }} }}"
    )
    n = [int(r["results"]["bindings"][0]["n"]["value"]) for r in (everything, only_ods)]
    assert n[1] == int(in_graph.queryAndConvert()["results"]["bindings"][0]["n"]["value"])
    assert 0 < n[1] < n[0]
    sparql = client(api_server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    sparql.addNamedGraph(ods)
    graphs = [b["g"]["value"] for b in sparql.queryAndConvert()["results"]["bindings"]]
    assert graphs == [ods]


def test_default_graph_states_each_fact_once(api_server) -> None:
    """Both fixture documents name Quillmoor; its label is still one row, while GRAPH ?g
    shows which documents state it."""
    label = f"SELECT ?label WHERE {{ <{QUILLMOOR}> rdfs:label ?label }}"
    rows = client(api_server, PREFIXES + label).queryAndConvert()["results"]["bindings"]
    assert [r["label"]["value"] for r in rows] == ["Quillmoor Community NHS Trust"]
    per_doc = f"SELECT ?g WHERE {{ GRAPH ?g {{ <{QUILLMOOR}> rdfs:label ?label }} }}"
    graphs = client(api_server, PREFIXES + per_doc).queryAndConvert()["results"]["bindings"]
    assert len(graphs) == 2


def test_rows_are_capped_and_say_so(api_server) -> None:
    response = requests.get(
        api_server("sparql"), params={"query": "SELECT * WHERE { ?s ?p ?o }", "format": "json"}
    )
    data = response.json()
    assert len(data["results"]["bindings"]) == ROW_LIMIT
    assert data["truncated"] is True
    assert response.headers["NHSKG-Truncated"] == "true"
    assert response.headers["NHSKG-Row-Limit"] == str(ROW_LIMIT)
    graph = requests.get(
        api_server("sparql"),
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"Accept": "text/turtle"},
    )
    assert len(Graph().parse(data=graph.text, format="turtle")) == ROW_LIMIT
    assert graph.headers["NHSKG-Truncated"] == "true"


# -- errors and refusals -------------------------------------------------------------


def test_malformed_query_is_400_with_position(api_server) -> None:
    with pytest.raises(QueryBadFormed) as caught:
        client(api_server, "SELECT * WHERE { ?s ?p ").queryAndConvert()
    assert "error at 1:" in str(caught.value)
    response = requests.get(
        api_server("sparql"), params={"query": "SELECT * WHERE {\n  ?s ?p ?o\n  FILTER( }"}
    )
    assert response.status_code == 400
    problem = response.json()
    assert problem["line"] == 3 and problem["column"] > 1
    assert problem["detail"].startswith("error at 3:")


@pytest.mark.parametrize("opener, closer", [("(", ")"), ("{ ", "} "), ("OPTIONAL { ", "} ")])
def test_absurdly_nested_query_is_refused_and_the_service_goes_on(
    api_server, opener, closer
) -> None:
    """Thousands of nested brackets would overflow the engine's parser and kill a worker
    (3,000 did); anything past the limit of 200 gets a 400 that says why, and the next
    query is answered."""
    depth = 300
    if opener == "(":
        query = "SELECT * WHERE { FILTER(" + "(" * depth + "1" + ")" * depth + ") }"
    else:
        query = "SELECT * WHERE { " + opener * depth + closer * depth + "}"
    response = requests.post(api_server("sparql"), data={"query": query})
    assert response.status_code == 400
    assert "nests brackets" in response.json()["detail"]
    assert client(api_server, ASK_STAKE, JSON).queryAndConvert()["boolean"] is True
    nested = "SELECT * WHERE { " + "{ " * 20 + "?s ?p ?o" + " }" * 20 + " } LIMIT 1"
    assert requests.post(api_server("sparql"), data={"query": nested}).status_code == 200


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
        "DROP ALL",
        "LOAD <http://example.org/data.ttl>",
        "DELETE WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused(api_server, update) -> None:
    with pytest.raises(QueryBadFormed, match="read-only"):
        client(api_server, update, JSON, POST).queryAndConvert()  # sent as update=
    for response in (
        requests.get(api_server("sparql"), params={"query": update}),
        requests.post(
            api_server("sparql"),
            data=update.encode(),
            headers={"Content-Type": "application/sparql-query"},
        ),
        requests.post(
            api_server("sparql"),
            data=update.encode(),
            headers={"Content-Type": "application/sparql-update"},
        ),
    ):
        assert response.status_code == 400
        assert "read-only" in response.text
    count = client(api_server, "ASK { <http://example.org/a> ?p ?o }").queryAndConvert()
    assert count["boolean"] is False


@pytest.fixture
def listener():
    """A TCP port that records whether anything connected to it (SERVICE must not)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.2)
    hits: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            hits.append(conn)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/sparql", hits
    stop.set()
    thread.join()
    sock.close()


def test_service_is_refused_and_never_called(api_server, listener) -> None:
    endpoint, hits = listener
    queries = [
        f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ service silent <{endpoint}> {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <{endpoint[:-6]}> SELECT * WHERE {{ SERVICE ex:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{endpoint}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        # '<' read as an IRI opener would hide the SERVICE keyword from a naive lexer
        f"SELECT * WHERE {{ BIND(<{endpoint}> AS ?x) ?a ?p ?b FILTER(?a<?b)SERVICE?x#>\n{{ ?s ?p ?o }} }}",
    ]
    for query in queries:
        with pytest.raises(QueryBadFormed, match="SERVICE"):
            client(api_server, query).queryAndConvert()
    assert hits == []


def test_body_and_query_size_are_capped(api_server) -> None:
    long_query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * BODY_LIMIT
    direct = requests.post(
        api_server("sparql"),
        data=long_query.encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    form = requests.post(api_server("sparql"), data={"query": long_query})
    get = requests.get(api_server("sparql"), params={"query": long_query})
    assert [direct.status_code, form.status_code, get.status_code] == [413, 413, 413]


def test_unsupported_content_type_and_format(api_server) -> None:
    posted = requests.post(
        api_server("sparql"), data=b"SELECT * {}", headers={"Content-Type": "text/plain"}
    )
    assert posted.status_code == 415
    turtle_select = requests.get(
        api_server("sparql"), params={"query": STAKE}, headers={"Accept": "text/turtle"}
    )
    assert turtle_select.status_code == 406
    csv_construct = requests.get(api_server("sparql"), params={"query": CONSTRUCT, "format": "csv"})
    assert csv_construct.status_code == 406


# -- without a query ------------------------------------------------------------------


def test_service_description(api_server) -> None:
    response = requests.get(api_server("sparql"), headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=response.text, format="turtle")
    assert (None, SD.endpoint, URIRef(api_server("sparql"))) in graph
    assert (None, SD.supportedLanguage, SD.SPARQL11Query) in graph


def test_browser_gets_a_query_page_and_a_results_table(api_server) -> None:
    page = requests.get(api_server("sparql"), headers={"Accept": BROWSER})
    assert page.headers["Content-Type"].startswith("text/html")
    assert "<textarea" in page.text and "Examples" in page.text
    table = requests.get(api_server("sparql"), params={"query": STAKE}, headers={"Accept": BROWSER})
    assert "<table>" in table.text and NAME in table.text
    assert 'href="/id/company/fundacion-nandu-analytics"' in table.text


def test_cors_headers(api_server) -> None:
    response = requests.get(
        api_server("sparql"),
        params={"query": ASK_STAKE},
        headers={"Origin": "https://yasgui.example"},
    )
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "NHSKG-Truncated" in response.headers["Access-Control-Expose-Headers"]
    assert json.loads(response.text)["boolean"] is True
    assert Literal(NAME)  # the name survives as UTF-8 in every format above
