"""One name per organisation across documents.

Known organisations already carry their gazetteer or ODS name. For the rest, the first
spelling seen becomes the canonical name, and a later name of the same type whose
normalised form is at least ``threshold`` similar (rapidfuzz ratio) takes it, keeping its
own spelling as an alias: "Kheiron Medical Technology" in one article and "Kheiron
Medical Technologies" in another are one company.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from ingest.extract.names import org_key, person_key
from ingest.record import Entity

DEFAULT_THRESHOLD = 92.0


class NameRegistry:
    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self._names: dict[str, list[tuple[str, str]]] = {}

    def canonical(self, name: str, type_: str) -> str:
        key = person_key(name) if type_ == "Person" else org_key(name)
        seen = self._names.setdefault(type_, [])
        if seen and key:
            hit = process.extractOne(
                key, [k for k, _ in seen], scorer=fuzz.ratio, score_cutoff=self.threshold
            )
            if hit is not None:
                return seen[hit[2]][1]
        seen.append((key, name))
        return name

    def settle(self, entity: Entity) -> None:
        """Give an unknown organisation the canonical name of its first spelling."""
        if entity.identifiers or entity.type == "Person":
            return
        canonical = self.canonical(entity.name, entity.type)
        if canonical != entity.name:
            if entity.name not in entity.aliases:
                entity.aliases.append(entity.name)
            entity.name = canonical
