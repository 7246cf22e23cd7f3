"""What the blueprints share: settings, the query runner, errors, rendering helpers."""

from __future__ import annotations

import json
import re
import threading
from typing import Any

from flask import Response, current_app, render_template, request

from api.formats import wants_html
from api.runner import Busy, QueryRunner, QueryTimeout, RunnerError, Stopping
from graph import ids
from graph.store import PREFIXES

RUNNER_KEY = "nhskg.runner"
DOWNLOADS_KEY = "nhskg.downloads"
# Every page footer and every JSON API answer says where the data came from.
ABOUT = {
    "data": "Facts extracted from the news articles, press releases and registers each one "
    "cites (every fact links to its source and the sentence that states it), with NHS "
    "organisations from the NHS Organisation Data Service.",
    "licence": "ODS reference data: Open Government Licence v3.0. Corpus summaries (MIT), "
    "annotations, gazetteer and the graph built from them: the nhskg authors (data/README.md). "
    "Code: MIT.",
    "licenceUrl": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}


class Problem(Exception):
    """An HTTP error to send as problem JSON, text or an HTML page, as the client prefers."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail
        self.headers = headers or {}
        self.extra = extra


def settings() -> dict[str, Any]:
    return current_app.config["NHSKG"]


def runner() -> QueryRunner:
    return current_app.extensions[RUNNER_KEY]


def run_job(job: str, **kwargs: Any) -> Any:
    """Run a store job in a worker; failures become :class:`Problem` with the right status."""
    try:
        return runner().run(job, **kwargs)
    except QueryTimeout as exc:
        raise Problem(503, exc.title, str(exc), time_limit_seconds=exc.limit) from exc
    except (Busy, Stopping) as exc:
        raise Problem(503, exc.title, str(exc), {"Retry-After": "5"}) from exc
    except RunnerError as exc:
        kind = getattr(exc, "kind", "")
        title = {"query": "Malformed or failing query", "question": "Bad question parameters"}
        problem = Problem(exc.status, title.get(kind, exc.title), str(exc))
        if kind == "query":
            problem.extra.update(position(str(exc)))
        raise problem from exc


def run_download(job: str, **kwargs: Any) -> Any:
    """A whole-graph job (export, network) under the download time limit, computed once:
    the workers' store is read-only, so the answer cannot change while the server runs."""
    results, locks = current_app.extensions.setdefault(DOWNLOADS_KEY, ({}, {}))
    key = (job, tuple(sorted(kwargs.items())))
    with locks.setdefault(key, threading.Lock()):
        if key not in results:
            results[key] = run_job(job, time_limit=settings()["download_time_limit"], **kwargs)
    return results[key]


def position(message: str) -> dict[str, int]:
    """The line and column of a parser message (``error at 3:14: ...``), if it has them."""
    found = re.search(r"error at (\d+):(\d+)", message)
    return {"line": int(found[1]), "column": int(found[2])} if found else {}


def problem_response(problem: Problem) -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        **problem.extra,
    }
    accept = request.accept_mimetypes
    if wants_html(accept):
        html = page("error.html", problem=body)
        response = Response(html, problem.status, mimetype="text/html")
    elif request.path.startswith("/api/") or accept.best_match(
        ["application/json", "application/problem+json", "text/plain"]
    ) in ("application/json", "application/problem+json"):
        response = Response(
            json.dumps(body, ensure_ascii=False) + "\n",
            problem.status,
            mimetype="application/problem+json",
        )
    else:
        text = f"{problem.status} {problem.title}: {problem.detail}\n"
        response = Response(text, problem.status, mimetype="text/plain")
    response.headers.update(problem.headers)
    return response


def json_response(data: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n",
        status,
        mimetype="application/json",
    )


def local_path(iri: str) -> str:
    """Where an entity IRI dereferences on this server (other IRIs are left alone)."""
    base = str(ids.ID)
    return "/id/" + iri[len(base) :] if iri.startswith(base) else iri


def entity_iri(path: str) -> str:
    return str(ids.ID) + path


def short_iri(iri: str) -> str:
    """``nhskg:NHSTrust`` for display; the full IRI when no prefix fits."""
    best = ("", "")
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best[1]):
            best = (prefix, namespace)
    local = iri[len(best[1]) :]
    if best[0] and local and "/" not in local and "#" not in local:
        return f"{best[0]}:{local}"
    return iri


def page(template: str, **context: Any) -> str:
    return render_template(template, about=ABOUT, **context)
