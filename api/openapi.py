"""The OpenAPI 3 document, generated from the routes themselves so it cannot drift.

Every view carries its summary in its docstring and, through :func:`describe`, its query
parameters and the media types it answers with. ``openapi_document`` walks the app's URL
map, so a route added without a description still appears (and a test fails on it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask

from graph.questions import all_questions

OPENAPI_VERSION = "3.0.3"
PATH_ARGUMENT = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")
TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}


def param(
    name: str, description: str, type: str = "string", required: bool = False, **schema: Any
) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "description": description,
        "required": required,
        "schema": {"type": TYPES[type], **schema},
    }


def describe(
    *,
    params: Iterable[dict[str, Any]] = (),
    produces: Iterable[str] = ("application/json",),
    body: dict[str, Any] | None = None,
    errors: Iterable[int] = (),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Attach what the OpenAPI document says about a view (besides its docstring)."""

    def wrap(view: Callable[..., Any]) -> Callable[..., Any]:
        view.openapi = {  # type: ignore[attr-defined]
            "params": list(params),
            "produces": list(produces),
            "body": body,
            "errors": sorted({*errors, 429}),
        }
        return view

    return wrap


def openapi_path(rule: str) -> str:
    return PATH_ARGUMENT.sub(r"{\1}", rule)


def operation(view: Callable[..., Any], rule: Any, method: str) -> dict[str, Any]:
    doc = (view.__doc__ or "").strip()
    summary, _, description = doc.partition("\n")
    meta = getattr(view, "openapi", {"params": [], "produces": [], "body": None, "errors": []})
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in sorted(rule.arguments)
    ]
    parameters += [] if method == "POST" and meta["body"] else meta["params"]
    responses: dict[str, Any] = {
        "200": {
            "description": "OK",
            "content": {media_type: {} for media_type in meta["produces"]},
        }
    }
    for status in meta["errors"]:
        responses[str(status)] = {
            "description": ERROR_MEANINGS.get(status, "error"),
            "content": {"application/problem+json": {}},
        }
    op: dict[str, Any] = {
        "operationId": f"{rule.endpoint}.{method.lower()}",
        "tags": [rule.endpoint.split(".")[0]],
        "summary": summary.strip(),
        "description": " ".join(description.split()),
        "parameters": parameters,
        "responses": responses,
    }
    if method == "POST" and meta["body"]:
        op["requestBody"] = meta["body"]
    return op


ERROR_MEANINGS = {
    400: "Malformed query, refused operation (update, LOAD, SERVICE) or bad parameter",
    404: "No such question or entity",
    406: "No serialisation matches the format or Accept asked for",
    413: "Request body or query text too large",
    415: "Unsupported request content type",
    429: "Rate limit reached; see Retry-After",
    503: "Query stopped at the time limit, or no query worker free",
}


def openapi_document(app: Flask, server_url: str = "/") -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        entry = paths.setdefault(openapi_path(rule.rule), {})
        for method in methods:
            entry[method.lower()] = operation(view, rule, method)
    _add_questions(paths)
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "nhskg: the NHS partnerships knowledge graph",
            "version": "1",
            "description": "A SPARQL 1.1 endpoint, named questions, entity search and "
            "entity pages over the graph of NHS-technology partnerships. "
            "See docs/api.md for limits and examples.",
            "license": {"name": "Data: OGL v3.0 and nhskg authors; code: MIT"},
        },
        "servers": [{"url": server_url}],
        "paths": paths,
    }


def _add_questions(paths: dict[str, dict[str, Any]]) -> None:
    """One concrete path per named question, with that question's own parameters."""
    generic = paths.get("/api/questions/{slug}", {}).get("get")
    if generic is None:
        return
    for slug, question in all_questions().items():
        op = {
            **generic,
            "operationId": f"questions.{slug}",
            "summary": question.title,
            "description": question.description,
            "parameters": [
                param(p.name, f"{p.description} ({p.type}; default: {p.default or 'none'})")
                for p in question.params
            ]
            + [p for p in generic["parameters"] if p["in"] == "query"],
        }
        paths[f"/api/questions/{slug}"] = {"get": op}
