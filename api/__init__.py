"""The query service: a read-only SPARQL 1.1 endpoint, the named questions as an API,
entity search and entity pages. ``create_app(config)`` builds it; ``nhskg serve`` runs it.

Queries never run in the web process: they go to worker processes (``api.runner``) that
hold the store open read-only and are killed at the time limit.
"""

from __future__ import annotations

import atexit
import os
from collections.abc import Mapping
from typing import Any

from flask import Flask, request
from flask_cors import CORS
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from api import entities, exports, meta, network, questions, sparql
from api.ratelimit import RateLimiter
from api.runner import QueryRunner
from api.settings import SETTINGS, SettingsError, load_settings
from api.web import RUNNER_KEY, Problem, local_path, problem_response, short_iri
from graph.store import StoreError

__all__ = ["SETTINGS", "SettingsError", "create_app"]
BLUEPRINTS = (sparql.bp, questions.bp, entities.bp, network.bp, exports.bp, meta.bp)
EXPOSED_HEADERS = ["NHSKG-Truncated", "NHSKG-Row-Limit", "Retry-After"]


def create_app(
    config: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Flask:
    """The Flask app. ``config`` holds settings (see ``api.settings.SETTINGS``) and any
    UPPER-CASE Flask options; ``NHSKG_*`` variables in ``environ`` (default: the process
    environment) fill the settings it leaves out. Starts the query workers."""
    values = load_settings(config, os.environ if environ is None else environ)
    store = values["store"]
    if not store.is_dir():
        raise StoreError(f"no store at {store}: build one with `nhskg load` or `nhskg build`")
    app = Flask(__name__)
    app.config.update({k: v for k, v in (config or {}).items() if k.isupper()})
    app.config["NHSKG"] = values
    app.config["MAX_CONTENT_LENGTH"] = values["max_body_bytes"]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    if values["trust_proxy_headers"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    origins = values["cors_origins"].split()
    CORS(
        app,
        origins="*" if origins == ["*"] else origins,
        send_wildcard=origins == ["*"],
        expose_headers=EXPOSED_HEADERS,
    )
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    _errors(app)
    _rate_limit(app, RateLimiter(values["rate_limit_per_minute"], values["rate_limit_burst"]))
    app.jinja_env.filters["local"] = local_path
    app.jinja_env.filters["short"] = short_iri
    runner = QueryRunner(
        store,
        values["query_workers"],
        values["query_time_limit"],
        values["queue_time_limit"],
        values["query_memory_limit_mb"],
    ).start()
    app.extensions[RUNNER_KEY] = runner
    atexit.register(runner.close)
    return app


def _errors(app: Flask) -> None:
    app.register_error_handler(Problem, problem_response)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        problem = Problem(exc.code or 500, exc.name, exc.description or exc.name)
        return problem_response(problem)


def _rate_limit(app: Flask, limiter: RateLimiter) -> None:
    @app.before_request
    def limit() -> Any:
        if request.method == "OPTIONS":
            return None
        wait = limiter.hit(request.remote_addr or "unknown")
        if wait:
            seconds = limiter.retry_after(wait)
            raise Problem(
                429,
                "Too many requests",
                f"this client has used its {limiter.burst} requests; try again in {seconds} s",
                {"Retry-After": str(seconds)},
            )
        return None
