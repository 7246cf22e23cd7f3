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
from ingest.extract.rules.cues import Found
from ingest.extract.rules.units import units

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
        found.extend(without_takeover_doubles(here))
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
