"""``royalty``: receiver of royalties or a revenue share → payer.

Cue: "royalty", "royalties", "revenue share", "share of (future) revenues". The NHS side
(or, failing that, the holder named with it) receives; the company pays. When the
statement names only the receiver ("The trust will also receive royalties"), the payer
is the company of the sentence before, or of the list's lead-in.
"""

from __future__ import annotations

import re

from ingest.extract.rules import attributes as attr
from ingest.extract.rules.cues import Found, pairs, stated_cue
from ingest.extract.rules.units import NHS_TYPES, Unit

RELATION = "royalty"
CUE = re.compile(
    r"\b(royalty|royalties|revenue[- ]share|share of (?:future )?revenues?|cut of)\b", re.I
)


def find(unit: Unit) -> list[Found]:
    if stated_cue(unit, CUE) is None:
        return []
    receivers, payers = unit.of(*NHS_TYPES), unit.of("Company")
    evidence, confidence = unit.evidence, 0.7
    if not receivers:
        receivers = unit.context_of(*NHS_TYPES)
        evidence, confidence = unit.context_evidence, 0.5
    if not payers:
        payers = unit.context_of("Company")
        evidence, confidence = unit.context_evidence, 0.5
    attributes = attr.clean({"percent": attr.first_value(unit, "percent")})
    return [
        Found(RELATION, s, o, evidence, confidence, dict(attributes))
        for s, o in pairs(receivers, payers)
    ]
