"""What our components leave on a ``Doc``, as plain data that survives ``nlp.pipe(n_process=N)``.

- ``doc.spans["nhskg_mentions"]``: named mentions; label = entity type, ``kb_id`` = entity key.
- ``doc.spans["nhskg_refs"]``: "the trust", "the company", "it", "each trust" … resolved;
  ``kb_id`` = the keys they refer to, ``|``-joined.
- ``doc._.nhskg_entities``: entity key → ``{"name", "type", "aliases", "identifiers",
  "sectors"}``.
- ``doc._.nhskg_quantities``: amounts, percentages, share counts, counts and dates,
  normalised (see ``amounts.py``).
- ``doc._.nhskg_relations``: relations with character offsets (see ``relations.py``).
- ``doc._.nhskg_published``: the article date, ISO, which relative dates are read against.
- ``doc.user_data["nhskg_cache"]``: per-document lookups while the pipeline runs (cleared
  by the last component).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Span, SpanGroup

MENTIONS = "nhskg_mentions"
REFS = "nhskg_refs"

for _name in ("nhskg_entities", "nhskg_quantities", "nhskg_relations", "nhskg_published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


CACHE = "nhskg_cache"


def cached(doc: Doc, name: str, build: Callable[[Doc], Any]) -> Any:
    """A value computed once per document (the token index, its lower-case words) for the
    components that ask for it often; ``clear_cache`` drops them all before the ``Doc``
    leaves the pipeline, so they never travel between processes."""
    cache = doc.user_data.setdefault(CACHE, {})
    if name not in cache:
        cache[name] = build(doc)
    return cache[name]


def per_span(function: Callable[[Span], Any]) -> Callable[[Span], Any]:
    """``function`` of a span, computed once per document and span (for checks that read
    only the parse, which several components ask of the same candidate names)."""
    name = f"span:{function.__module__}.{function.__qualname__}"

    def memoised(span: Span) -> Any:
        seen = cached(span.doc, name, lambda _: {})
        key = (span.start, span.end)
        if key not in seen:
            seen[key] = function(span)
        return seen[key]

    memoised.__doc__ = function.__doc__
    memoised.__name__ = function.__name__
    return memoised


def doc_text(doc: Doc) -> str:
    """The document's text, joined once (``Doc.text`` joins every token on each call)."""
    return cached(doc, "text", lambda d: d.text)


def clear_cache(doc: Doc) -> None:
    doc.user_data.pop(CACHE, None)


def set_known_places(doc: Doc, names: set[str]) -> None:
    """The place names of the document that the gazetteer knows as places (set by the org
    typer, which holds the gazetteer; read by components that have none)."""
    doc.user_data.setdefault(CACHE, {})["known_places"] = names


def known_places(doc: Doc) -> set[str] | None:
    return doc.user_data.get(CACHE, {}).get("known_places")


def entities(doc: Doc) -> dict[str, dict[str, Any]]:
    if doc._.nhskg_entities is None:
        doc._.nhskg_entities = {}
    return doc._.nhskg_entities


def mentions(doc: Doc) -> SpanGroup:
    if MENTIONS not in doc.spans:
        doc.spans[MENTIONS] = []
    return doc.spans[MENTIONS]


def refs(doc: Doc) -> SpanGroup:
    if REFS not in doc.spans:
        doc.spans[REFS] = []
    return doc.spans[REFS]


def register(
    doc: Doc,
    key: str,
    name: str,
    type_: str,
    identifiers: dict[str, str] | None = None,
    aliases: list[str] | None = None,
) -> dict[str, Any]:
    """The entity under ``key``, created if new; a fuller name replaces a shorter one."""
    ents = entities(doc)
    ent = ents.get(key)
    if ent is None:
        ent = {
            "name": name,
            "type": type_,
            "aliases": [],
            "identifiers": dict(identifiers or {}),
            "sectors": [],
        }
        ents[key] = ent
    for alias in aliases or []:
        add_alias(ent, alias)
    return ent


def add_alias(ent: dict[str, Any], alias: str) -> None:
    if alias and alias != ent["name"] and alias not in ent["aliases"]:
        ent["aliases"].append(alias)


def add_mention(doc: Doc, span: Span, key: str, type_: str) -> Span:
    """Add a named mention; an overlapping mention already there wins (callers check first)."""
    group = mentions(doc)
    mention = Span(doc, span.start, span.end, label=type_, kb_id=key)
    group.append(mention)
    return mention


def set_mentions(doc: Doc, spans: list[Span]) -> None:
    doc.spans[MENTIONS] = sorted(spans, key=lambda s: (s.start, s.end))


def taken(doc: Doc) -> set[int]:
    """Token indices already inside a named mention."""
    return {i for m in mentions(doc) for i in range(m.start, m.end)}


def ref_keys(span: Span) -> list[str]:
    return [k for k in span.kb_id_.split("|") if k]
