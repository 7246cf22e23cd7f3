"""``regulatory_finding``: regulator → organisation the finding is about, with ``outcome``.

Cue: "ruled", "found that", "failed to comply", "breach", "fined", "undertaking",
"enforcement notice", "reprimand", rated "inadequate". The regulator is a regulating body
of the sentence ("the regulator", the ICO, CQC, MHRA …) or of the sentences just before;
the organisation is the first other organisation after the cue (the one the "that" clause
is about), else the first in the sentence. An investigation still running is no finding.
"""

from __future__ import annotations

import re

from ingest.extract.rules import attributes as attr
from ingest.extract.rules.cues import Found, stated_cue
from ingest.extract.rules.units import Occ, Unit

RELATION = "regulatory_finding"
REGULATORS = {
    "gaz:ico",
    "gaz:cqc",
    "gaz:mhra",
    "gaz:nhs-improvement",
    "gaz:hra",
    "gaz:cma",
    "gaz:nice",
    "gaz:nao",
}
CUE = re.compile(
    r"\b(ruled|ruling|found that|finds that|failed to comply|breach(?:ed|es)?|fined|"
    r"undertaking|enforcement notice|reprimand\w*|censur\w+|rated (?:it )?inadequate|"
    r"warning notice|broke (?:the )?(?:data protection )?law)\b",
    re.I,
)
OUTCOME = re.compile(
    r"\b((?:had )?failed to comply with [^,.;]+?|breach(?:ed)? [^,.;]+?|fined [^,.;]+?|"
    r"(?:an )?undertaking|enforcement notice|reprimand|rated (?:it )?inadequate|"
    r"broke [^,.;]+?)(?= when\b| while\b| after\b| by\b| in \d|[,.;:]|$)",
    re.I,
)
TARGET_TYPES = ("Trust", "Company", "GovernmentBody", "Other", "Charity", "University")


def find(unit: Unit) -> list[Found]:
    cue = stated_cue(unit, CUE)
    if cue is None:
        return []
    regulators = [o for o in unit.occs if is_regulator(o)]
    if not regulators:
        regulators = [o for o in unit.context if is_regulator(o)]
    if not regulators:
        return []
    regulator = regulators[0]
    targets = [o for o in unit.of(*TARGET_TYPES) if o.key != regulator.key and not is_regulator(o)]
    after = [o for o in targets if o.start > cue.i]
    target = (after or targets or [None])[0]
    if target is None:
        return []
    attributes = attr.clean({"outcome": outcome(unit), "date": attr.date(unit)})
    return [Found(RELATION, regulator.key, target.key, unit.evidence, 0.7, attributes)]


def is_regulator(occ: Occ) -> bool:
    return occ.key in REGULATORS or (occ.type == "GovernmentBody" and "regulator" in occ.text)


def outcome(unit: Unit) -> str | None:
    m = OUTCOME.search(unit.text)
    if not m:
        return None
    return re.sub(r"^(had |an )", "", m.group(1)).strip()
