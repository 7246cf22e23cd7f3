"""What a SPARQL request may do here: read-only queries, SERVICE only to named endpoints.

``check_query`` reads the query's tokens (comments, strings and IRIs are skipped, so a
keyword inside them does not count) to find its form and every ``SERVICE`` target.
Federated queries reach other hosts, so they are refused unless the endpoint is named in
the ``allowed_service_endpoints`` setting. ``<`` is both an IRI opener and an operator,
so a lexer can be fooled into reading ``SERVICE`` as part of an IRI; a query that mentions
"service" anywhere is therefore also parsed with rdflib's grammar, and refused if the two
readings disagree. The store itself is opened read-only, so an update could not write
anything even if it got past this check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

QUERY_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}
# Brackets nested a few thousand deep overflow the engine's recursive parser and kill the
# worker process; real queries nest a dozen deep. Refusing early makes it a clear 400.
MAX_NESTING = 200
OPENERS, CLOSERS = "({[", ")}]"
UPDATE_FORMS = {
    "INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH",
}  # fmt: skip
PN_CHARS = r"\w\-\u00B7\u00C0-\uFFFF"
TOKEN = re.compile(
    rf"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<var>[?$][{PN_CHARS}]*)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][{PN_CHARS}.]*)?:
               (?:[{PN_CHARS}.:%]|\\[_~.\-!$&'()*+,;=/?\#@%])*)
  | (?P<bnode>_:[{PN_CHARS}.]+)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>.)
    """,
    re.X | re.S,
)


class Refused(ValueError):
    """A request this endpoint will not run; the message says why and what to do instead."""


@dataclass
class QueryInfo:
    form: str | None = None  # SELECT, CONSTRUCT, DESCRIBE, ASK; None if not recognised
    services: list[str | None] = field(default_factory=list)  # None: a variable endpoint
    nesting: int = 0  # the deepest run of open brackets outside strings, IRIs and comments


def tokens(query: str) -> Iterator[tuple[str, str]]:
    """(kind, text) for every token that means something: no spaces, no comments."""
    for match in TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        if kind not in ("ws", "comment"):
            yield kind, match.group()


def read_query(query: str) -> QueryInfo:
    info = QueryInfo()
    prefixes: dict[str, str] = {}
    toks = list(tokens(query))
    depth = 0
    for i, (kind, text) in enumerate(toks):
        if kind == "other":
            if text in OPENERS:
                depth += 1
                info.nesting = max(info.nesting, depth)
            elif text in CLOSERS:
                depth -= 1
            continue
        word = text.upper() if kind == "word" else ""
        if word == "PREFIX" and i + 2 < len(toks) and toks[i + 2][0] == "iri":
            prefixes[toks[i + 1][1].rstrip(":").lower()] = toks[i + 2][1][1:-1]
        elif info.form is None and word in QUERY_FORMS | UPDATE_FORMS:
            info.form = "UPDATE:" + word if word in UPDATE_FORMS else word
        elif word == "SERVICE":
            info.services.append(_service_target(toks[i + 1 :], prefixes))
    return info


def _service_target(rest: list[tuple[str, str]], prefixes: dict[str, str]) -> str | None:
    if rest and rest[0][0] == "word" and rest[0][1].upper() == "SILENT":
        rest = rest[1:]
    if not rest:
        return None
    kind, text = rest[0]
    if kind == "iri":
        return text[1:-1]
    if kind == "pname":
        prefix, _, local = text.partition(":")
        base = prefixes.get(prefix.lower())
        return None if base is None else base + local
    return None


def check_query(query: str, allowed_services: tuple[str, ...] = ()) -> QueryInfo:
    """Refuse updates, SERVICE calls to endpoints not allowed and absurdly deep nesting;
    return the query's form."""
    info = read_query(query)
    if info.nesting > MAX_NESTING:
        raise Refused(
            f"the query nests brackets {info.nesting} deep; at most {MAX_NESTING} are accepted"
        )
    if info.form and info.form.startswith("UPDATE:"):
        operation = info.form.split(":", 1)[1]
        raise Refused(
            f"SPARQL Update ({operation}) is not accepted: this endpoint is read-only. "
            "Build your own copy of the graph with `nhskg load` to change it."
        )
    if "service" in query.lower() and _grammar_service_count(query) > len(info.services):
        raise Refused(
            "this query mentions SERVICE and a second parser could not confirm that it makes "
            "no federated call, so it is refused; check its syntax, and keep SERVICE out of it"
        )
    for target in info.services:
        if target is None or target not in allowed_services:
            allowed = ", ".join(allowed_services) or "none"
            raise Refused(
                f"SERVICE (federated query) to {target or 'a variable endpoint'} is not "
                f"allowed here (allowed endpoints: {allowed}); run the query against "
                "that endpoint yourself"
            )
    return info


def _grammar_service_count(query: str) -> int:
    """How many SERVICE clauses rdflib's SPARQL grammar finds; unparseable counts as many."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(query)
    except Exception:  # pyparsing's ParseException, or anything else: not confirmed
        return 1_000_000
    return sum(1 for _ in _find(tree, "ServiceGraphPattern"))


def _find(node: object, name: str) -> Iterator[object]:
    if getattr(node, "name", None) == name:
        yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _find(value, name)
    elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        for value in node:  # type: ignore[attr-defined]
            yield from _find(value, name)
