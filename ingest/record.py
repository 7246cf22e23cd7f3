"""The extraction record: the typed form of ``shared/contracts/extraction.md``.

The record is the only thing that crosses from ``ingest/`` to ``graph/``, so it is
checked here once, strictly: the JSON Schema of the contract, then the rules the schema
cannot say (ids resolve, span texts match the document text). A record that passes can
be loaded without further checks.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_PATH = Path(__file__).resolve().parent / "extraction.schema.json"

ENTITY_TYPES = ("Trust", "GovernmentBody", "Company", "University", "Charity", "Person", "Other")
RELATION_TYPES = (
    "partnership",
    "data_sharing",
    "equity_stake",
    "royalty",
    "contract",
    "investment",
    "role",
    "endorses_code",
    "regulatory_finding",
)
SECTORS = ("ai", "pharma", "cloud", "consulting", "data", "medtech", "software")
CODE_OBJECT_ID = "code"


class RecordError(ValueError):
    """A record that breaks the contract; the message says where and how."""


def text_sha256(text: str) -> str:
    """The digest the contract puts in ``source.sha256``: of the UTF-8 plain text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass
class Source:
    url: str | None
    title: str | None
    published: str | None
    publisher: str | None
    sha256: str
    kind: str | None = None  # added field: news_article, press_release, register_entry, ...


@dataclass
class Entity:
    id: str
    name: str
    type: str
    mentions: list[Span] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    identifiers: dict[str, str] = field(default_factory=dict)
    sectors: list[str] = field(default_factory=list)


@dataclass
class Relation:
    type: str
    subject: str
    object: str
    evidence: Span
    confidence: float
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass
class Extractor:
    """Added field: which extractor made the record, so v1 and v2 graphs can be told apart."""

    name: str
    version: str


@dataclass
class Record:
    source: Source
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    extractor: Extractor | None = None

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.extractor is None:
            data.pop("extractor")
        if self.source.kind is None:
            data["source"].pop("kind")
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """Build a record from its JSON form; :class:`RecordError` if it breaks the contract."""
        validate_record_dict(data)
        src = data["source"]
        extractor = data.get("extractor")
        return cls(
            source=Source(
                url=src.get("url"),
                title=src.get("title"),
                published=src.get("published"),
                publisher=src.get("publisher"),
                sha256=src["sha256"],
                kind=src.get("kind"),
            ),
            entities=[
                Entity(
                    id=e["id"],
                    name=e["name"],
                    type=e["type"],
                    mentions=[Span(**_span_fields(m)) for m in e.get("mentions", [])],
                    aliases=list(e.get("aliases", [])),
                    identifiers=dict(e.get("identifiers", {})),
                    sectors=list(e.get("sectors", [])),
                )
                for e in data["entities"]
            ],
            relations=[
                Relation(
                    type=r["type"],
                    subject=r["subject"],
                    object=r["object"],
                    evidence=Span(**_span_fields(r["evidence"])),
                    confidence=float(r["confidence"]),
                    attributes=dict(r.get("attributes") or {}),
                )
                for r in data["relations"]
            ],
            extractor=Extractor(**extractor) if isinstance(extractor, dict) else None,
        )

    @classmethod
    def from_json(cls, line: str) -> Record:
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RecordError(f"not JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise RecordError("a record must be a JSON object")
        return cls.from_dict(data)


def _span_fields(span: dict[str, Any]) -> dict[str, Any]:
    return {"start": span["start"], "end": span["end"], "text": span["text"]}


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def validate_record_dict(data: dict[str, Any], text: str | None = None) -> None:
    """Check a record against the schema and the contract's cross-field rules.

    With ``text`` (the document's plain text) the spans are also checked against it and
    the digest against ``source.sha256``.
    """
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "record"
        raise RecordError(f"{where}: {first.message}")
    ids = [e["id"] for e in data["entities"]]
    if len(ids) != len(set(ids)):
        raise RecordError("entities: duplicate entity id")
    known = set(ids)
    for i, rel in enumerate(data["relations"]):
        if rel["subject"] not in known:
            raise RecordError(f"relations/{i}: subject {rel['subject']!r} names no entity")
        obj_ok = rel["object"] in known or (
            rel["type"] == "endorses_code" and rel["object"] == CODE_OBJECT_ID
        )
        if not obj_ok:
            raise RecordError(f"relations/{i}: object {rel['object']!r} names no entity")
    for where, span in _spans(data):
        if span["end"] < span["start"]:
            raise RecordError(f"{where}: span ends before it starts")
        if text is not None and text[span["start"] : span["end"]] != span["text"]:
            raise RecordError(f"{where}: span text differs from the document text at its offsets")
    if text is not None and text_sha256(text) != data["source"]["sha256"]:
        raise RecordError("source/sha256: does not match the document text")


def _spans(data: dict[str, Any]):
    for i, ent in enumerate(data["entities"]):
        for j, m in enumerate(ent.get("mentions", [])):
            yield f"entities/{i}/mentions/{j}", m
    for i, rel in enumerate(data["relations"]):
        yield f"relations/{i}/evidence", rel["evidence"]


def read_records(path: Path):
    """Yield ``(line_number, Record)`` from a JSON Lines file; blank lines are skipped."""
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    yield number, Record.from_json(line)
                except RecordError as exc:
                    raise RecordError(f"{path}:{number}: {exc}") from exc
