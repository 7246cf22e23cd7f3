"""Candidate relations: every ordered pair of parties of a statement, for each relation
type the parties' types allow.

A pair is two entities of one statement, or one of the statement and one of the sentence
before it (or of a list item's lead-in). The types allowed on each side follow the
contract's directions loosely (a person holds roles, a company is what shares are held
in), so the model, not this table, decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.extract.rules.units import ORG_TYPES, Occ, Unit

ANY_ORG = ORG_TYPES
HOLDERS = (*ORG_TYPES, "Person")
# Which types each side of a scored relation may have (subject types, object types).
DIRECTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "partnership": (ANY_ORG, ANY_ORG),
    "data_sharing": (ANY_ORG, ANY_ORG),
    "equity_stake": (HOLDERS, ("Company", "Other")),
    "royalty": (HOLDERS, ANY_ORG),
    "contract": (ANY_ORG, ANY_ORG),
    "investment": (HOLDERS, ANY_ORG),
    "role": (("Person",), ANY_ORG),
    "regulatory_finding": (("GovernmentBody", "Other", "Charity"), ANY_ORG),
}
SCORED = tuple(DIRECTIONS)


@dataclass
class Pair:
    """Two parties of one statement (``index``) and the relation types they may have."""

    subject: Occ
    object: Occ
    index: int
    unit: Unit
    types: list[str]
    # identities of the statement's own occurrences (shared by its pairs), for ``here``
    local: frozenset[int] = frozenset()

    def here(self, occ: Occ) -> bool:
        """Whether the party is named in the statement itself, not the one before."""
        return id(occ) in self.local


@dataclass
class Candidate:
    """One relation type between the two parties of a pair."""

    type: str
    pair: Pair

    @property
    def subject(self) -> Occ:
        return self.pair.subject

    @property
    def object(self) -> Occ:
        return self.pair.object

    @property
    def index(self) -> int:
        return self.pair.index

    @property
    def unit(self) -> Unit:
        return self.pair.unit

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.type, self.subject.key, self.object.key)

    def here(self, occ: Occ) -> bool:
        return self.pair.here(occ)


def first_by_key(occs: list[Occ]) -> list[Occ]:
    """One occurrence per entity: the first named one, else the first."""
    out: dict[str, Occ] = {}
    for o in occs:
        if o.key not in out or (o.named and not out[o.key].named):
            out[o.key] = o
    return list(out.values())


def candidates(statements: list[Unit]) -> list[Candidate]:
    return [Candidate(t, pair) for pair in pairs(statements) for t in pair.types]


def pairs(statements: list[Unit]) -> list[Pair]:
    out: list[Pair] = []
    for index, unit in enumerate(statements):
        local = first_by_key(unit.occs)
        keys = {o.key for o in local}
        around = [o for o in first_by_key(unit.context) if o.key not in keys]
        far = {id(o) for o in around}
        own = frozenset(id(o) for o in unit.occs)
        for s in local + around:
            for o in local + around:
                if s.key == o.key or (id(s) in far and id(o) in far):
                    continue
                types = [
                    relation
                    for relation, (subjects, objects) in DIRECTIONS.items()
                    if s.type in subjects and o.type in objects
                ]
                if types:
                    out.append(Pair(s, o, index, unit, types, own))
    return out
