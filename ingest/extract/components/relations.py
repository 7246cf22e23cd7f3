"""``nhskg.relations.v1``: typed relations with direction, evidence span and confidence.

The document is cut into statements (``rules/units.py``); every relation rule
(``rules/<type>.py``) reads every statement. Relations that repeat the same fact from the
same evidence are merged, their attributes combined. The result goes to
``doc._.nhskg_relations`` as plain dicts with character offsets.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ingest.extract import state
from ingest.extract.naming import factory_name, register_versioned
from ingest.extract.rules import PREPARE, RULES
from ingest.extract.rules import attributes as attr
from ingest.extract.rules.cues import Found
from ingest.extract.rules.units import Occ, Unit, units

NAME = "nhskg.relations.v1"
STATEMENTS = "statements"
FACTORY = factory_name(NAME)


@Language.component(FACTORY)
def relations(doc: Doc) -> Doc:
    found: list[Found] = []
    # kept for the relation scorer after this component, which clears the cache
    statements = state.cached(doc, STATEMENTS, units)
    for prepare in PREPARE:
        prepare(statements)
    for unit in statements:
        here = [f for rule in RULES.values() for f in rule(unit)]
        found.extend(respective_sums(unit, without_takeover_doubles(here)))
    doc._.nhskg_relations = merge(found)
    return doc


def without_takeover_doubles(found: list[Found]) -> list[Found]:
    """ "Base Genomics was bought by Exact Sciences for £343m": a company bought by another
    is a takeover (an equity stake), not also a purchase of goods or an investment; and the
    buyer is not funded by anyone in the same statement."""
    taken = {(f.subject, f.object) for f in found if f.takeover}
    buyers = {s for s, _ in taken}
    return [
        f
        for f in found
        if f.type not in ("contract", "investment")
        or (
            (f.subject, f.object) not in taken
            and not (f.type == "investment" and f.object in buyers)
        )
    ]


# The sum each relation type carries, and the kind of quantity it is read from.
SUM_KEYS = {
    "contract": ("value_gbp", "money"),
    "investment": ("amount_gbp", "money"),
    "regulatory_finding": ("amount_gbp", "money"),
}


def respective_sums(unit: Unit, found: list[Found]) -> list[Found]:
    """ "awards to Harrogate (£253.6m) and Northern Lincolnshire (£436.5m)", "fined Pfizer
    £84.2m and Flynn £5.2m": when one body deals with several in one statement, which
    names as many sums as parties, each party has the sum written beside it, not the
    first sum of the statement for all. Left alone when the rules already gave the
    parties different sums, or when the sums would not all differ."""
    groups: dict[tuple[str, str, int], list[Found]] = {}
    for f in found:
        if f.type in SUM_KEYS:
            groups.setdefault((f.type, f.subject, 0), []).append(f)
            groups.setdefault((f.type, f.object, 1), []).append(f)
    for (type_, _, side), group in groups.items():
        key, kind = SUM_KEYS[type_]
        parties = [_first_occ(unit, f.object if side == 0 else f.subject) for f in group]
        if len(group) < 2 or None in parties or len({p.key for p in parties}) < len(group):
            continue
        if len({f.attributes.get(key) for f in group}) > 1:
            continue
        if len(attr.own_kind(unit, kind)) < len(group):
            continue
        sums = [attr.own_sum(unit, p, parties, kind) for p in parties]
        values = [q["value"] if q else None for q in sums]
        if None in values or len(set(values)) < len(values):
            continue
        for f, value in zip(group, values, strict=True):
            f.attributes[key] = value
    return found


def _first_occ(unit: Unit, key: str) -> Occ | None:
    return next((o for o in unit.occs if o.key == key and o.named), None)


def merge(found: list[Found]) -> list[dict[str, Any]]:
    merged: dict[tuple[str, str, str, int], dict[str, Any]] = {}
    for f in found:
        # one relation per fact and evidence start: the graph mints one agreement for it
        key = (f.type, f.subject, f.object, f.evidence[0])
        if key in merged and f.own_evidence and conflicts(merged[key]["attributes"], f.attributes):
            # a second deal told with the sentence before ("That summer … £1m. Then a
            # two-year contract … Its value was £23.5m."): its own statement is its evidence
            f.evidence, f.own_evidence = f.own_evidence, None
            key = (f.type, f.subject, f.object, f.evidence[0])
        if key in merged:
            for name, value in f.attributes.items():
                merged[key]["attributes"].setdefault(name, value)
            merged[key]["confidence"] = max(merged[key]["confidence"], f.confidence)
            continue
        merged[key] = {
            "type": f.type,
            "subject": f.subject,
            "object": f.object,
            "attributes": dict(f.attributes),
            "start": f.evidence[0],
            "end": f.evidence[1],
            "confidence": round(f.confidence, 2),
        }
    return list(merged.values())


AMOUNT_KEYS = ("amount_gbp", "value_gbp", "percent", "shares", "records")


def conflicts(old: dict[str, Any], new: dict[str, Any]) -> bool:
    return any(k in old and k in new and old[k] != new[k] for k in AMOUNT_KEYS)


register_versioned(NAME, relations)
