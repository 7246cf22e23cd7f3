"""``royalty``: receiver of royalties or a revenue share → payer.

Cue: "royalty", "royalties", "revenue share", "a share/cut/percentage of (any future)
revenues/profits/sales", "profits will be shared" (not "royalty-free"); a modal does not
cancel it ("the trust could earn royalties" is a term of the deal). The NHS side (else a
university or charity) receives; the company pays, narrowed to the cue's clause when it
names both. When the statement names only the receiver ("The trust will also receive
royalties"), the payer is the company of the sentence before, of the list's lead-in, or
the document's main company.
"""

from __future__ import annotations

import re

from ingest.extract.rules import attributes as attr
from ingest.extract.rules import frames
from ingest.extract.rules.cues import Found, pairs, stated_cue
from ingest.extract.rules.units import NHS_TYPES, Unit

RELATION = "royalty"
CUE = re.compile(
    r"\b(royalty|royalties|revenue[- ]shar\w*|profit[- ]shar\w*|"
    r"(?:share|cut|percentage|proportion|portion|slice|part|per ?cent|%) (?:of|in|from) "
    r"(?:[\w-]+ ){0,3}?(?:revenues?|profits?|income|sales|proceeds|earnings|returns|money|"
    r"fees|turnover)|cut of|"
    r"(?:revenues?|profits?|income|proceeds) (?:will be |would be |are |is )?shared|"
    r"shar(?:e|es|ed|ing) (?:its |the |any )?(?:future )?(?:revenues?|profits?|income|proceeds) "
    r"with|(?:earn|receive|get|make|secure)s? (?:a |an )?(?:financial |commercial )?returns? "
    r"(?:on|from))\b",
    re.I,
)
NOT_ROYALTY = re.compile(r"\b(royalty[- ]free|no royalt\w+|without royalt\w+)\b", re.I)
RECEIVER_TYPES = (*NHS_TYPES, "University", "Charity")


def find(unit: Unit) -> list[Found]:
    # "the trust could earn royalties": a term of the deal, not a hope
    cue = stated_cue(unit, CUE, modals_ok=True)
    if cue is None or NOT_ROYALTY.search(unit.text):
        return []
    receivers, payers = unit.of(*NHS_TYPES) or unit.of(*RECEIVER_TYPES), unit.of("Company")
    receivers, payers = frames.narrowed(unit, cue, receivers, payers)
    evidence, confidence = unit.evidence, 0.7
    if not receivers:
        receivers = (
            unit.context_of(*NHS_TYPES)
            or unit.context_of(*RECEIVER_TYPES)
            or unit.focus_of("Trust", "GovernmentBody")
        )
        evidence, confidence = unit.context_evidence, 0.5
    if not payers:
        payers = unit.context_of("Company") or unit.focus_of("Company")
        evidence, confidence = unit.context_evidence, 0.5
    attributes = attr.clean({"percent": attr.first_value(unit, "percent")})
    return [
        Found(RELATION, s, o, evidence, confidence, dict(attributes))
        for s, o in pairs(receivers, payers)
    ]
