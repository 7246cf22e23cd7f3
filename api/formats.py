"""Which serialisation a request wants: the ``format`` parameter first, then ``Accept``.

SELECT and ASK results come as SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE
graphs as Turtle, N-Triples, JSON-LD or RDF/XML; a browser (``text/html`` preferred) gets
a page. ``format`` takes the short names below or a media type, and understands the
values SPARQLWrapper sends (``json``, ``xml``, ``n3``, ``rdf+xml``, ``json-ld``...).
"""

from __future__ import annotations

from werkzeug.datastructures import MIMEAccept

# Media types each family can answer with, in the server's order of preference.
RESULTS_TYPES = (
    ("application/sparql-results+json", "json"),
    ("application/json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("text/html", "html"),
)
GRAPH_TYPES = (
    ("text/turtle", "ttl"),
    ("application/x-turtle", "ttl"),
    ("application/turtle", "ttl"),
    ("text/n3", "ttl"),
    ("application/n-triples", "nt"),
    ("text/plain", "nt"),
    ("application/ld+json", "jsonld"),
    ("application/json", "jsonld"),
    ("application/rdf+xml", "rdfxml"),
    ("application/xml", "rdfxml"),
    ("text/xml", "rdfxml"),
    ("text/html", "html"),
)
RESULTS_NAMES = {
    "json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
    "html": "html",
}  # fmt: skip
GRAPH_NAMES = {
    "ttl": "ttl", "turtle": "ttl", "n3": "ttl", "nt": "nt", "ntriples": "nt",
    "n-triples": "nt", "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld",
    "rdfxml": "rdfxml", "rdf+xml": "rdfxml", "rdf": "rdfxml", "xml": "rdfxml", "html": "html",
}  # fmt: skip
FAMILIES = {"results": (RESULTS_TYPES, RESULTS_NAMES), "graph": (GRAPH_TYPES, GRAPH_NAMES)}
KINDS = {"results": "SELECT or ASK", "graph": "CONSTRUCT or DESCRIBE"}
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


class NotAcceptable(ValueError):
    """No serialisation of this family fits what the client asked for."""


def negotiate(family: str, fmt: str | None, accept: MIMEAccept) -> str:
    """The short name of the serialisation to send for a ``family`` result."""
    types, names = FAMILIES[family]
    if fmt:
        key = fmt.strip().lower()
        if key in names:
            return names[key]
        for media_type, name in types:
            if media_type == key:
                return name
        raise NotAcceptable(
            f"format {fmt!r} cannot express a {KINDS[family]} result; use one of: "
            + ", ".join(sorted(set(names.values())))
        )
    if not accept:
        return types[0][1]
    best = accept.best_match([media_type for media_type, _ in types])
    if best == "text/html" and not wants_html(accept):
        best = types[0][0]
    if best is None:
        raise NotAcceptable(
            f"no type in Accept can express a {KINDS[family]} result; this endpoint "
            "offers: " + ", ".join(dict.fromkeys(t for t, _ in types))
        )
    return dict(types)[best]


def wants_html(accept: MIMEAccept) -> bool:
    """A browser: it names HTML and prefers it to JSON, RDF and CSV (``*/*`` is not enough)."""
    if not any(value in ("text/html", "application/xhtml+xml") for value in accept.values()):
        return False
    best = accept.best_match(["text/html", "application/json", "text/turtle", "text/csv"])
    return best == "text/html"
