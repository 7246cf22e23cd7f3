"""Building extraction records straight from register fields, without NLP.

Why a generated text: every fact in the graph must point at a span of its document's
text. A register row has no prose, so its record's document is a short plain-text
summary written here from the row's fields, and the entity mentions and the evidence
span are real offsets into that summary. The summary's SHA-256 is the record's
``source.sha256``, so a changed row (new value, new end date) is a changed document and
replaces its old facts.

Organisations are resolved against the reference data: a trust by its ODS code (from its
current or former name or a known alias, ``data/reference/nhs_trusts.csv``), an ICB by
its ODS code (``icb_names_codes_dec_2024.csv``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache

from graph.ids import normalise_org_name
from graph.reference import REFERENCE
from graph.resolve import trust_code_for_name
from ingest.document import normalise_text
from ingest.record import Entity, Span

TRUST_NAME = re.compile(r"^(.*?\bNHS (?:Foundation )?Trust)\b", re.IGNORECASE)
ICB_WORDS = re.compile(r"\bintegrated care board\b")


def one_line(value: object) -> str:
    return " ".join(str(value or "").split())


@dataclass
class TextBuilder:
    """Plain text written piece by piece; ``add`` returns where each piece landed."""

    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, text: str) -> Span:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return Span(start, self.length, text)

    def span_since(self, start: int) -> Span:
        return Span(start, self.length, "".join(self.parts)[start : self.length])

    def text(self) -> str:
        text = "".join(self.parts).rstrip() + "\n"
        if normalise_text(text) != text:
            raise ValueError("generated text is not in normal form")
        return text


@cache
def _icb_codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    with (REFERENCE / "icb_names_codes_dec_2024.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            codes[_icb_key(row["ICB24NM"])] = row["ICB24CDH"]
    return codes


def _icb_key(name: str) -> str:
    return ICB_WORDS.sub("icb", normalise_org_name(name))


def nhs_organisation(name: str) -> tuple[str, dict[str, str]] | None:
    """``("Trust", {"ods": code})`` or ``("GovernmentBody", {"ods": code})`` for an ICB;
    ``None`` when the name is neither. "X NHS Foundation Trust - Procurement" finds X."""
    name = one_line(name)
    code = trust_code_for_name(name)
    if code is None and (match := TRUST_NAME.match(name)):
        code = trust_code_for_name(match.group(1))
    if code:
        return "Trust", {"ods": code}
    icb = _icb_codes().get(_icb_key(name))
    if icb:
        return "GovernmentBody", {"ods": icb}
    return None


class Entities:
    """The record's entities, one per name, with every mention collected."""

    def __init__(self) -> None:
        self.by_name: dict[str, Entity] = {}

    def mention(
        self, name: str, span: Span, entity_type: str, identifiers: dict[str, str] | None = None
    ) -> str:
        entity = self.by_name.get(name)
        if entity is None:
            entity = Entity(
                id=f"e{len(self.by_name) + 1}",
                name=name,
                type=entity_type,
                identifiers=dict(identifiers or {}),
            )
            self.by_name[name] = entity
        entity.mentions.append(span)
        return entity.id

    def all(self) -> list[Entity]:
        return list(self.by_name.values())
