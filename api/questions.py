"""The home page and the named questions, as pages and as a JSON/CSV API.

Parameters are passed to ``graph.questions.answer`` (in a worker), which binds them as
RDF terms: they never become query text, so ``x" } ; DROP ALL #`` is just an odd name.
"""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, request, url_for

from api.openapi import describe, param
from api.web import ABOUT, Problem, json_response, page, run_job, settings
from graph.questions import Question, QuestionError, all_questions, get_question

bp = Blueprint("questions", __name__)
RESERVED = {"format"}
SOURCE_COLUMNS = ("source", "sources")


def question_summary(question: Question) -> dict[str, Any]:
    return {
        **question.to_dict(),
        "api": url_for("questions.answer_json", slug=question.slug, _external=True),
        "page": url_for("questions.answer_page", slug=question.slug, _external=True),
    }


@bp.route("/")
@describe(produces=("text/html",))
def home() -> Any:
    """The home page: the named questions, entity search and the SPARQL endpoint.

    Its machine twin is /api/questions.
    """
    return page("home.html", questions=list(all_questions().values()))


@bp.route("/api/questions")
@describe()
def list_questions() -> Response:
    """The named questions: slug, title, description and parameters of each."""
    questions = [question_summary(q) for q in all_questions().values()]
    return json_response({"questions": questions, "about": ABOUT})


def lookup(slug: str) -> Question:
    try:
        return get_question(slug)
    except QuestionError as exc:
        raise Problem(404, "No such question", str(exc)) from exc


def values_from_request() -> dict[str, str]:
    """The question's parameters from the query string; empty ones take their default."""
    return {
        name: value
        for name, value in request.args.items()
        if name not in RESERVED and value.strip() != ""
    }


def answer(question: Question, values: dict[str, str]) -> dict[str, Any]:
    limit = settings()["api_max_rows"]
    result = run_job("question", slug=question.slug, values=values, max_rows=limit)
    params = {k: v for k, v in result["params"].items() if v is not None}
    permalink = url_for("questions.answer_json", slug=question.slug, _external=True)
    if params:
        permalink += "?" + urlencode(sorted(params.items()))
    return {
        "question": question.to_dict(),
        "params": result["params"],
        "columns": result["variables"],
        "rows": result["rows"],
        "count": len(result["rows"]),
        "truncated": result["truncated"],
        "notices": result["notices"],
        "rowLimit": limit,
        "sources": sources(result["rows"]),
        "sparql": question.sparql,
        "permalink": permalink,
        "about": ABOUT,
    }


def sources(rows: list[dict[str, Any]]) -> list[str]:
    """Every distinct source cited by the rows, in order of first appearance."""
    seen: dict[str, None] = {}
    for row in rows:
        for column in SOURCE_COLUMNS:
            for value in str(row.get(column) or "").split():
                seen[value] = None
    return list(seen)


@bp.route("/api/questions/<slug>")
@describe(
    params=[param("format", "json (default) or csv; Accept: text/csv works too.")],
    produces=("application/json", "text/csv"),
    errors=(400, 404, 503),
)
def answer_json(slug: str) -> Response:
    """Answer a named question: rows, the SPARQL that ran, the sources and a permalink.

    Pass the question's parameters as query parameters (see /api/questions).
    """
    question = lookup(slug)
    data = answer(question, values_from_request())
    fmt = request.args.get("format")
    if fmt == "csv" or (
        fmt is None
        and request.accept_mimetypes.best_match(["application/json", "text/csv"]) == "text/csv"
    ):
        return csv_response(data, slug)
    if fmt not in (None, "json", "csv"):
        raise Problem(406, "Not acceptable", f"format {fmt!r}: use json or csv")
    response = json_response(data)
    response.headers["NHSKG-Truncated"] = "true" if data["truncated"] else "false"
    return response


def csv_response(data: dict[str, Any], slug: str) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(data["columns"])
    for row in data["rows"]:
        writer.writerow(["" if row[c] is None else row[c] for c in data["columns"]])
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'inline; filename="{slug}.csv"'
    response.headers["NHSKG-Truncated"] = "true" if data["truncated"] else "false"
    return response


@bp.route("/questions/<slug>")
@describe(produces=("text/html",), errors=(400, 404, 503))
def answer_page(slug: str) -> Any:
    """A named question as a page: a form for its parameters and the answer as a table.

    Its machine twins are /api/questions/{slug} (JSON) and ?format=csv there.
    """
    question = lookup(slug)
    values = values_from_request()
    try:
        data, error = answer(question, values), None
    except Problem as exc:
        if exc.status != 400:
            raise
        data, error = None, exc.detail
    query = urlencode(sorted(values.items()))
    return page(
        "question.html",
        question=question,
        data=data,
        error=error,
        values=values,
        json_url=url_for("questions.answer_json", slug=slug) + ("?" + query if query else ""),
        csv_url=url_for("questions.answer_json", slug=slug)
        + "?"
        + urlencode([*sorted(values.items()), ("format", "csv")]),
    )
