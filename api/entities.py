"""Entities: search by label, an entity with its sourced facts, and IRI dereferencing.

Entity IRIs are ``https://w3id.org/nhskg/id/<type>/<key>``; w3id redirects them here, so
``GET /id/<type>/<key>`` serves a page to browsers and Turtle, N-Triples, JSON-LD or
RDF/XML to everything else (``Accept`` or ``format=``).
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, request, url_for

from api.entity_data import SEARCHABLE
from api.formats import MEDIA_TYPES, NotAcceptable, negotiate
from api.openapi import describe, param
from api.web import ABOUT, Problem, entity_iri, json_response, page, run_job, settings

bp = Blueprint("entities", __name__)
SAFE_PATH = re.compile(r"^(?:[A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2})+$")
SEARCH_PARAMS = (
    param("q", "Words of a name or alias (case and accents do not matter)."),
    param("type", "Only entities of this type.", enum=list(SEARCHABLE)),
    param("limit", "Most results to return.", type="integer"),
)


def search_args() -> dict[str, Any]:
    q = request.args.get("q", "").strip()
    type_ = request.args.get("type") or None
    if type_ is not None and type_ not in SEARCHABLE:
        raise Problem(400, "Bad type", f"type must be one of: {', '.join(SEARCHABLE)}")
    cap = settings()["api_max_rows"]
    try:
        limit = min(int(request.args.get("limit", 50)), cap)
    except ValueError as exc:
        raise Problem(400, "Bad limit", "limit must be a whole number") from exc
    return {"q": q, "type": type_, "limit": max(1, limit)}


@bp.route("/api/entities")
@describe(params=SEARCH_PARAMS, errors=(400, 503))
def search_json() -> Response:
    """Search entities by label and alias, best match first.

    Exact names first, then names that start with the words, then names containing them;
    ties go to the entity more documents mention.
    """
    args = search_args()
    found = run_job("search", **args)
    return json_response({"query": args, **found, "about": ABOUT})


@bp.route("/entities")
@describe(params=SEARCH_PARAMS, produces=("text/html",), errors=(400, 503))
def search_page() -> Any:
    """Entity search as a page; its machine twin is /api/entities."""
    args = search_args()
    found = run_job("search", **args) if args["q"] or args["type"] else None
    return page("search.html", args=args, found=found, types=SEARCHABLE)


def iri_for(path: str) -> str:
    if not SAFE_PATH.match(path) or ".." in path.split("/"):
        raise Problem(404, "Not found", f"no entity at /id/{path}")
    return entity_iri(path)


def fetch(path: str) -> dict[str, Any]:
    data = run_job("entity", iri=iri_for(path))
    if data is None:
        raise Problem(404, "Not found", f"the graph says nothing about /id/{path}")
    return data


@bp.route("/api/entities/<path:ident>")
@describe(errors=(404, 503))
def entity_json(ident: str) -> Response:
    """An entity and all its facts, each with its source document and evidence sentence.

    ``ident`` is the part of the entity IRI after https://w3id.org/nhskg/id/, for example
    trust/RAL or company/sensyne-health.
    """
    return json_response({**fetch(ident), "about": ABOUT})


@bp.route("/id/<path:ident>")
@describe(
    params=[param("format", "ttl, nt, jsonld, rdfxml or html; overrides Accept.")],
    produces=(
        "text/html",
        *dict.fromkeys(MEDIA_TYPES[k] for k in ("ttl", "nt", "jsonld", "rdfxml")),
    ),
    errors=(404, 406, 503),
)
def dereference(ident: str) -> Any:
    """Dereference an entity IRI: a page for browsers, RDF by content negotiation.

    Serves https://w3id.org/nhskg/id/{ident} once w3id has redirected here.
    """
    try:
        fmt = negotiate("graph", request.args.get("format"), request.accept_mimetypes)
    except NotAcceptable as exc:
        raise Problem(406, "Not acceptable", str(exc)) from exc
    if fmt == "html":
        data = fetch(ident)
        return page(
            "entity.html",
            entity=data,
            json_url=url_for("entities.entity_json", ident=ident),
            rdf_url=url_for("entities.dereference", ident=ident),
        )
    result = run_job("entity_rdf", iri=iri_for(ident), graph_format=fmt)
    if result is None:
        raise Problem(404, "Not found", f"the graph says nothing about /id/{ident}")
    response = Response(result["body"], content_type=f"{MEDIA_TYPES[fmt]}; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response
