"""Named questions: SPARQL files with a small header, answered from the store.

Each ``graph/questions/<slug>.rq`` starts with ``#+`` header lines (a public interface:
slugs never change once published)::

    #+ title: Which trusts hold equity in AI firms
    #+ description: One row per trust and company ...
    #+ param: trust | trust | RAL | The trust: an ODS code such as RAL, or an entity IRI

A param line is ``name | type | default | description``; an empty default means the
parameter is optional. Values are converted to RDF terms and bound through the store's
substitutions, never pasted into the query text. Because bound variables must be
projected, parameter columns are dropped from the answer. Inside the query a substituted
variable is not ``BOUND()``, so a parameter that filters gets a default that lets
everything through (``since`` defaults to 1900) rather than a ``!BOUND`` test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from graph import ids
from graph.store import GraphStore, SelectResult

QUESTIONS_DIR = Path(__file__).resolve().parent / "questions"
PARAM_TYPES = ("trust", "entity", "string", "decimal", "integer", "date", "iri")
ODS_CODE = re.compile(r"^[A-Z0-9]{3,5}$")


class QuestionError(ValueError):
    """An unknown question or a parameter value that cannot be used; says which."""


class UnmatchedName(QuestionError):
    """A name that labels nothing in the graph: an answer with no rows, not a failure."""


# Bound in place of a name that labels nothing, so the question runs and matches nothing.
NO_MATCH = URIRef("urn:nhskg:no-match")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    description: str


@dataclass(frozen=True)
class Question:
    slug: str
    title: str
    description: str
    sparql: str
    params: tuple[Param, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {
            "slug": self.slug,
            "title": self.title,
            "description": self.description,
            "params": [
                {"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                for p in self.params
            ],
        }


def parse_question(slug: str, text: str) -> Question:
    header: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#+"):
            continue
        key, _, value = line[2:].partition(":")
        key, value = key.strip(), value.strip()
        if key == "param":
            parts = [p.strip() for p in value.split("|")]
            if len(parts) != 4 or parts[1] not in PARAM_TYPES:
                raise QuestionError(f"{slug}: bad param line {value!r}")
            params.append(Param(parts[0], parts[1], parts[2] or None, parts[3]))
        elif key in header:
            header[key] += " " + value
        else:
            header[key] = value
    for required in ("title", "description"):
        if not header.get(required):
            raise QuestionError(f"{slug}: header has no {required}")
    return Question(slug, header["title"], header["description"], text, tuple(params))


@cache
def all_questions() -> dict[str, Question]:
    """Every question in ``graph/questions/``, by slug (the file name)."""
    return {
        path.stem: parse_question(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(QUESTIONS_DIR.glob("*.rq"))
    }


def get_question(slug: str) -> Question:
    questions = all_questions()
    if slug not in questions:
        raise QuestionError(f"no question named {slug!r}; `nhskg ask` lists them")
    return questions[slug]


def bind_params(
    question: Question,
    values: dict[str, str],
    store: GraphStore | None = None,
    notices: list[str] | None = None,
) -> dict[str, Node]:
    """Turn the caller's strings into RDF terms, with defaults; unknown parameters are errors.

    A name that labels nothing is not an error: a journalist's misspelt or hostile name
    simply matches nothing, and ``notices`` (when given) says why the answer is empty.
    """
    known = {p.name for p in question.params}
    unknown = sorted(set(values) - known)
    if unknown:
        raise QuestionError(
            f"{question.slug} has no parameter {unknown[0]!r}; it takes: "
            + (", ".join(sorted(known)) or "none")
        )
    bindings: dict[str, Node] = {}
    for param in question.params:
        raw = values.get(param.name, param.default)
        if raw is None or raw == "":
            continue
        try:
            bindings[param.name] = to_term(param, raw, store)
        except UnmatchedName as exc:
            if notices is None:
                raise
            notices.append(str(exc))
            bindings[param.name] = NO_MATCH
    return bindings


def to_term(param: Param, raw: str, store: GraphStore | None) -> Node:
    raw = raw.strip()
    if param.type in ("iri", "entity", "trust") and raw.startswith(("http://", "https://")):
        return URIRef(raw)
    if param.type == "trust":
        if ODS_CODE.match(raw.upper()):
            return ids.trust_iri(raw)
        return resolve_by_label(raw, store, param)
    if param.type == "entity":
        return resolve_by_label(raw, store, param)
    if param.type == "iri":
        raise QuestionError(f"{param.name} must be an http(s) IRI, not {raw!r}")
    if param.type == "decimal":
        try:
            return Literal(
                str(Decimal(raw.replace(",", "").replace("£", ""))), datatype=XSD.decimal
            )
        except InvalidOperation as exc:
            raise QuestionError(f"{param.name} must be a number, not {raw!r}") from exc
    if param.type == "integer":
        if not re.fullmatch(r"-?\d+", raw):
            raise QuestionError(f"{param.name} must be a whole number, not {raw!r}")
        return Literal(int(raw), datatype=XSD.integer)
    if param.type == "date":
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", raw):
            raise QuestionError(f"{param.name} must be a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        return Literal(raw)
    return Literal(raw)


LABEL_LOOKUP = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?name ?entity (COUNT(*) AS ?weight) WHERE {
  VALUES ?labelProperty { rdfs:label skos:prefLabel skos:altLabel }
  ?entity ?labelProperty ?label .
  FILTER(LCASE(STR(?label)) = LCASE(?name))
} GROUP BY ?name ?entity ORDER BY DESC(?weight) LIMIT 2
"""


def resolve_by_label(name: str, store: GraphStore | None, param: Param) -> URIRef:
    """An entity named exactly (ignoring case) by a label or alias; ambiguity is an error."""
    if store is None:
        raise QuestionError(f"{param.name}: give an IRI")
    result = store.query(LABEL_LOOKUP, {"name": Literal(name)})
    assert isinstance(result, SelectResult)
    entities = {row["entity"] for row in result.rows}
    if not entities:
        raise UnmatchedName(f"{param.name}: nothing in the graph is named {name!r}")
    if len(entities) > 1:
        raise QuestionError(
            f"{param.name}: {name!r} names more than one entity; give an IRI: "
            + ", ".join(sorted(str(e) for e in entities))
        )
    return URIRef(str(next(iter(entities))))


def answer(
    store: GraphStore,
    slug: str,
    values: dict[str, str] | None = None,
    *,
    max_rows: int | None = None,
) -> SelectResult:
    """Answer a named question; the columns of bound parameters are left out of the result."""
    question = get_question(slug)
    notices: list[str] = []
    bindings = bind_params(question, values or {}, store, notices)
    result = store.query(question.sparql, bindings, max_rows=max_rows)
    if not isinstance(result, SelectResult):
        raise QuestionError(f"{slug}: a named question must be a SELECT query")
    result.notices = notices
    hidden = set(bindings)
    result.variables = [v for v in result.variables if v not in hidden]
    for row in result.rows:
        for name in hidden:
            row.pop(name, None)
    return result
