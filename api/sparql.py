"""``/sparql``: the SPARQL 1.1 Protocol, read-only and bounded.

GET with ``query=``; POST form-encoded or as ``application/sparql-query``; dataset from
``default-graph-uri`` / ``named-graph-uri`` (else the union of all graphs). The query is
checked (``api.guard``), run in a worker under the time limit and row cap, and sent
whole, as the store serialised it. Without a query, a browser gets the query page and
anything else the SPARQL 1.1 Service Description.
"""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Blueprint, Response, request, url_for
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from api.formats import GRAPH_TYPES, RESULTS_TYPES, NotAcceptable, negotiate, wants_html
from api.guard import Refused, check_query
from api.openapi import describe, param
from api.web import Problem, page, run_job, settings

bp = Blueprint("sparql", __name__)
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
TRUNCATED_HEADER = "NHSKG-Truncated"
ROW_LIMIT_HEADER = "NHSKG-Row-Limit"
EXAMPLES = (
    (
        "What kinds of things the graph holds, with counts",
        "SELECT ?class (COUNT(?thing) AS ?things)\nWHERE { ?thing a ?class }\n"
        "GROUP BY ?class\nORDER BY DESC(?things)",
    ),
    (
        "Equity stakes, with holder, company and the sentence that states each",
        "PREFIX nhskg: <https://w3id.org/nhskg/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?holderName ?companyName ?percent ?evidence WHERE {\n"
        "  ?stake a nhskg:EquityStake ; nhskg:holder ?holder ; nhskg:issuer ?company ;\n"
        "         nhskg:evidence/nhskg:spanText ?evidence .\n"
        "  ?holder rdfs:label ?holderName . ?company rdfs:label ?companyName .\n"
        "  OPTIONAL { ?stake nhskg:percent ?percent }\n"
        "}\nLIMIT 50",
    ),
    (
        "Is any NHS trust recorded as holding equity?",
        "PREFIX nhskg: <https://w3id.org/nhskg/ontology#>\n"
        "ASK { ?stake a nhskg:EquityStake ; nhskg:holder ?trust . ?trust a nhskg:NHSTrust }",
    ),
    (
        "Everything stated about Sensyne Health's agreements, as a graph",
        "PREFIX nhskg: <https://w3id.org/nhskg/ontology#>\n"
        "CONSTRUCT { ?agreement ?p ?o }\nWHERE {\n"
        "  ?agreement nhskg:subjectParty|nhskg:objectParty "
        "<https://w3id.org/nhskg/id/company/sensyne-health> ;\n"
        "             ?p ?o .\n}",
    ),
)
QUERY_PARAMS = (
    param("query", "The SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)."),
    param("default-graph-uri", "A graph to use as the default graph (repeatable)."),
    param("named-graph-uri", "A graph available to GRAPH patterns (repeatable)."),
    param(
        "format",
        "Overrides Accept: json, xml, csv, tsv (SELECT/ASK); ttl, nt, jsonld, rdfxml "
        "(CONSTRUCT/DESCRIBE); html.",
    ),
)
PRODUCES = tuple(dict.fromkeys(t for t, _ in RESULTS_TYPES + GRAPH_TYPES))


@bp.route("/sparql", methods=["GET", "POST"])
@describe(
    params=QUERY_PARAMS,
    produces=PRODUCES,
    body={
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {p["name"]: {"type": "string"} for p in QUERY_PARAMS},
                    "required": ["query"],
                }
            },
            "application/sparql-query": {"schema": {"type": "string"}},
        },
    },
    errors=(400, 406, 413, 415, 503),
)
def endpoint() -> Any:
    """The SPARQL 1.1 Protocol endpoint (read-only).

    Without a query: a query page for browsers, else the Service Description. Results
    longer than the row cap are cut and carry an NHSKG-Truncated: true header.
    """
    query, default_graphs, named_graphs = read_request()
    if query is None:
        if wants_html(request.accept_mimetypes):
            return page("sparql.html", query=EXAMPLES[0][1], examples=EXAMPLES, result=None)
        return service_description()
    try:
        info = check_query(query, settings()["allowed_service_endpoints"])
    except Refused as exc:
        raise Problem(400, "Refused", str(exc)) from exc
    results_format, graph_format = choose_formats(info.form)
    limit = settings()["sparql_max_rows"]
    result = run_job(
        "sparql",
        query=query,
        results_format="json" if results_format == "html" else results_format,
        graph_format="ttl" if graph_format == "html" else graph_format,
        max_rows=limit,
        default_graphs=default_graphs,
        named_graphs=named_graphs,
    )
    chosen = graph_format if result["kind"] == "graph" else results_format
    if chosen == "html":
        return html_result(query, result, limit)
    return sparql_response(result, limit)


def read_request() -> tuple[str | None, list[str], list[str]]:
    """The query text and protocol dataset from GET parameters, a form or a query body."""
    params = request.args
    query: str | None
    if request.method == "GET":
        query = single(params, "query")
        refuse_update(params)
    else:
        mimetype = request.mimetype
        if mimetype == "application/x-www-form-urlencoded":
            form = request.form
            refuse_update(form)
            query = single(form, "query")
            params = request.values
        elif mimetype == "application/sparql-query":
            query = request.get_data(as_text=True)
        elif mimetype == "application/sparql-update":
            raise Problem(400, "Refused", "SPARQL Update is not accepted: this is read-only")
        else:
            raise Problem(
                415,
                "Unsupported content type",
                "POST a query as application/x-www-form-urlencoded (query=...) or as "
                f"application/sparql-query, not {mimetype or 'no content type'}",
            )
    if query is not None and len(query.encode("utf-8")) > settings()["max_body_bytes"]:
        limit = settings()["max_body_bytes"]
        raise Problem(413, "Query too long", f"queries are limited to {limit} bytes")
    return query, graphs(params, "default-graph-uri"), graphs(params, "named-graph-uri")


def single(params: Any, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise Problem(400, "Bad request", f"give {name} once, not {len(values)} times")
    return values[0] if values else None


def refuse_update(params: Any) -> None:
    if "update" in params:
        raise Problem(400, "Refused", "SPARQL Update is not accepted: this endpoint is read-only")


def graphs(params: Any, name: str) -> list[str]:
    iris = params.getlist(name)
    for iri in iris:
        if not ABSOLUTE_IRI.match(iri):
            raise Problem(400, "Bad request", f"{name} must be an absolute IRI, not {iri!r}")
    return iris


def choose_formats(form: str | None) -> tuple[str, str]:
    """The serialisation for each result family; only the query's own family may fail."""
    fmt = request.values.get("format") or request.values.get("output")
    accept = request.accept_mimetypes
    chosen = {}
    for family, default, forms in (
        ("results", "json", ("SELECT", "ASK")),
        ("graph", "ttl", ("CONSTRUCT", "DESCRIBE")),
    ):
        try:
            chosen[family] = negotiate(family, fmt, accept)
        except NotAcceptable as exc:
            if form in forms:
                raise Problem(406, "Not acceptable", str(exc)) from exc
            chosen[family] = default
    return chosen["results"], chosen["graph"]


def sparql_response(result: dict[str, Any], limit: int) -> Response:
    body: bytes = result["body"]
    media_type: str = result["media_type"].split(";")[0]
    if result["kind"] == "solutions" and media_type == "application/sparql-results+json":
        # A top-level member that standard parsers ignore; the header says the same.
        flag = b"true" if result["truncated"] else b"false"
        body = body.rstrip()[:-1] + b',"truncated":' + flag + b"}"
    response = Response(body, content_type=f"{media_type}; charset=utf-8")
    if result["kind"] != "boolean":
        response.headers[TRUNCATED_HEADER] = "true" if result["truncated"] else "false"
        response.headers[ROW_LIMIT_HEADER] = str(limit)
    return response


def html_result(query: str, result: dict[str, Any], limit: int) -> str:
    data = None if result["kind"] == "graph" else json.loads(result["body"])
    return page(
        "sparql.html",
        query=query,
        examples=EXAMPLES,
        result=result,
        data=data,
        turtle=result["body"].decode("utf-8") if result["kind"] == "graph" else None,
        limit=limit,
        formats=(
            ("json", "xml", "csv", "tsv")
            if result["kind"] != "graph"
            else ("ttl", "nt", "jsonld", "rdfxml")
        ),
    )


def service_description() -> Response:
    """The SPARQL 1.1 Service Description of this endpoint, in the RDF format asked for."""
    try:
        fmt = negotiate("graph", request.args.get("format"), request.accept_mimetypes)
    except NotAcceptable as exc:
        raise Problem(406, "Not acceptable", str(exc)) from exc
    fmt = "ttl" if fmt == "html" else fmt
    endpoint_iri = URIRef(url_for("sparql.endpoint", _external=True))
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    service = BNode()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, endpoint_iri))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    if settings()["allowed_service_endpoints"]:
        graph.add((service, SD.feature, SD.BasicFederatedQuery))
    for name in (
        "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
        "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML",
    ):  # fmt: skip
        graph.add((service, SD.resultFormat, FORMATS[name]))
    graph.add((service, DCTERMS.title, Literal("nhskg: the NHS partnerships knowledge graph")))
    dataset = BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    default_graph = BNode()
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    rdflib_format = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[fmt]
    media_type = {
        "ttl": "text/turtle",
        "nt": "application/n-triples",
        "jsonld": "application/ld+json",
        "rdfxml": "application/rdf+xml",
    }[fmt]
    body = graph.serialize(format=rdflib_format, encoding="utf-8")
    return Response(body, content_type=f"{media_type}; charset=utf-8")
