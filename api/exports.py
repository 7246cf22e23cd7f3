"""The whole graph as one download, in the RDF formats the store writes."""

from __future__ import annotations

from flask import Blueprint, Response

from api.openapi import describe
from api.web import Problem, run_download

bp = Blueprint("exports", __name__)
MEDIA_TYPES = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


@bp.route("/api/export.<fmt>")
@describe(produces=tuple(MEDIA_TYPES.values()), errors=(404, 503))
def export(fmt: str) -> Response:
    """The whole graph: nq and trig keep each document's named graph; others merge them."""
    if fmt not in MEDIA_TYPES:
        raise Problem(404, "Not found", f"export formats are: {', '.join(MEDIA_TYPES)}")
    body = run_download("export", fmt=fmt)
    response = Response(body, content_type=f"{MEDIA_TYPES[fmt]}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="nhskg.{fmt}"'
    return response
