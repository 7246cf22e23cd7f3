"""``endorses_code``: organisation → the code of conduct (object id ``code``).

Cue: signing up to, endorsing, adopting or committing to "the code" (the code named in
the sentence, or "it" right after the code was named). The organisation is the one that
does it: a company, charity, university or trust in the sentence (or "the company"),
never the government body that publishes the code.
"""

from __future__ import annotations

import re

from ingest.extract.rules import frames
from ingest.extract.rules.cues import Found, stated_cue
from ingest.extract.rules.units import Unit

RELATION = "endorses_code"
CODE_OBJECT = "code"
CODE = re.compile(r"\bcode\b", re.I)
CUE = re.compile(
    r"\b(sign(?:ed|s|ing)? up to|endors(?:e|es|ed|ing)|adopt(?:s|ed|ing)?|"
    r"committed to (?:the|this) code|back(?:s|ed|ing)? the code|signator(?:y|ies)|"
    r"welcom(?:e|es|ed|ing) the (?:new )?code|support(?:s|ed|ing)? the (?:new )?code)\b",
    re.I,
)
ENDORSER_TYPES = ("Company", "Charity", "University", "Trust", "Other")


def find(unit: Unit) -> list[Found]:
    if not unit.search(CODE):
        return []
    cue = stated_cue(unit, CUE)
    if cue is None:
        return []
    subject = frames.subject_of(cue) if cue.pos_ == "VERB" else None
    doers = (
        [o for o in frames.occ_at(unit, subject, deep=False) if o.type in ENDORSER_TYPES]
        if subject is not None
        else []
    )
    if doers:
        # "KSS AHSN, which leads on AI for the AHSN Network, has welcomed the code": the
        # subject, not the last name before the verb
        return [Found(RELATION, doers[0].key, CODE_OBJECT, unit.evidence, 0.7, {})]
    endorsers = [o for o in unit.of(*ENDORSER_TYPES) if o.start < cue.i or not o.named]
    keys = []
    for o in endorsers:
        if o.key not in keys:
            keys.append(o.key)
    return [Found(RELATION, k, CODE_OBJECT, unit.evidence, 0.7, {}) for k in keys[-1:]]
