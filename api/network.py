"""The network projection (organisations and people as nodes, agreements as edges)."""

from __future__ import annotations

from typing import Any

import networkx as nx
from flask import Blueprint, Response

from api.openapi import describe
from api.web import Problem, json_response, run_download
from graph.network import NETWORK_FORMATS

bp = Blueprint("network", __name__)
MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
}


def as_graph(data: dict[str, Any]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for node in data["nodes"]:
        graph.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in data["edges"]:
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target")}
        graph.add_edge(edge["source"], edge["target"], key=edge["agreement"], **attrs)
    return graph


@bp.route("/api/network.<fmt>")
@describe(produces=tuple(MEDIA_TYPES.values()), errors=(404, 503))
def network(fmt: str) -> Response:
    """The agreement network as JSON (nodes and edges), CSV edge list, GraphML or GEXF.

    Each edge keeps its agreement IRI, kind, amount and source document URL.
    """
    if fmt not in MEDIA_TYPES:
        raise Problem(404, "Not found", f"network formats are: {', '.join(MEDIA_TYPES)}")
    data = run_download("network")
    if fmt == "json":
        return json_response(data)
    response = Response(NETWORK_FORMATS[fmt](as_graph(data)), mimetype=MEDIA_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="nhskg-network.{fmt}"'
    return response
