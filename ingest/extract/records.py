"""A processed ``Doc`` and its :class:`Document` → the contract's :class:`Record`.

Entities get ids ``e1``, ``e2`` … in order of first mention; an entity no mention names
is dropped (and so is any relation that needs it). Mentions and evidence are spans of the
document text, checked against it.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ingest.document import Document
from ingest.extract import state
from ingest.extract.rules.endorses_code import CODE_OBJECT
from ingest.record import Entity, Extractor, Record, Relation, Span


def build_record(doc: Doc, document: Document, extractor: Extractor) -> Record:
    text = document.text
    ents = state.entities(doc)
    spans: dict[str, list[Span]] = {}
    for m in named_mentions(doc):
        spans.setdefault(m.kb_id_, []).append(Span.of(text, m.start_char, m.end_char))
    ids = entity_ids(doc)
    entities = [entity(ids[key], ents[key], spans[key]) for key in spans]
    relations = [
        r for raw in doc._.nhskg_relations or [] if (r := relation(raw, ids, text)) is not None
    ]
    return Record(
        source=document.source(), entities=entities, relations=relations, extractor=extractor
    )


def named_mentions(doc: Doc) -> list[SpacySpan]:
    """The mentions of kept entities, in text order."""
    ents = state.entities(doc)
    return [m for m in sorted(state.mentions(doc), key=lambda s: s.start_char) if m.kb_id_ in ents]


def entity_ids(doc: Doc) -> dict[str, str]:
    """Entity key → record id: ``e1``, ``e2`` … in order of first mention."""
    keys = dict.fromkeys(m.kb_id_ for m in named_mentions(doc))
    return {key: f"e{n}" for n, key in enumerate(keys, start=1)}


def entity(entity_id: str, ent: dict[str, Any], mentions: list[Span]) -> Entity:
    name = ent["name"]
    aliases = [a for a in ent["aliases"] if a != name]
    return Entity(
        id=entity_id,
        name=name,
        type=ent["type"],
        mentions=mentions,
        aliases=aliases,
        identifiers=dict(ent["identifiers"]),
        sectors=list(ent["sectors"]),
    )


def relation(raw: dict[str, Any], ids: dict[str, str], text: str) -> Relation | None:
    subject = ids.get(raw["subject"])
    obj = CODE_OBJECT if raw["object"] == CODE_OBJECT else ids.get(raw["object"])
    if subject is None or obj is None:
        return None
    return Relation(
        type=raw["type"],
        subject=subject,
        object=obj,
        evidence=Span.of(text, raw["start"], raw["end"]),
        confidence=float(raw["confidence"]),
        attributes=dict(raw["attributes"]),
    )
