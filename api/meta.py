"""About the service itself: the OpenAPI document and a status report."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from api.openapi import describe, openapi_document
from api.settings import SETTINGS
from api.web import json_response, run_job, runner, settings

bp = Blueprint("meta", __name__)


@bp.route("/api/openapi.json")
@describe()
def openapi() -> Response:
    """This OpenAPI 3 document, describing every route of the service."""
    return json_response(openapi_document(current_app, request.host_url))


@bp.route("/api/status")
@describe(errors=(503,))
def status() -> Response:
    """The store's size, the query workers and the limits in force."""
    public = {s.name: settings()[s.name] for s in SETTINGS if s.name != "store"}
    public["allowed_service_endpoints"] = list(public["allowed_service_endpoints"])
    return json_response(
        {"triples": run_job("ping"), "workers": runner().status(), "settings": public}
    )
