"""``partnership``: NHS organisation → partner (research collaboration, agreement, pilot, JV).

Cue: a partnership word ("partnership", "collaboration", "agreement", "memorandum of
understanding", "joint venture", "pilot", "worked with", "partner of"). Every NHS-side
organisation of the statement pairs with every partner (a list of trusts gives one
relation each); a university or charity partnering a trust is the object. A statement
naming only one side takes the other from the sentence before or the list's lead-in.
"""

from __future__ import annotations

import re

from ingest.extract.rules import attributes as attr
from ingest.extract.rules import deals, investment
from ingest.extract.rules.cues import Found, pairs, stated_cue
from ingest.extract.rules.regulatory_finding import REGULATORS
from ingest.extract.rules.units import NHS_TYPES, PARTNER_TYPES, Occ, Unit

RELATION = "partnership"
CUE = re.compile(
    r"\b(partnerships?|partner(?:ed|ing|s)?\b(?! trusts? of)|collaborat\w+|agreements?|"
    r"memorandum of understanding|joint venture|pilot(?:s|ed|ing)?|deal|"
    r"work(?:s|ed|ing)? (?:together )?with|teamed up|agreed to work|signed up)\b",
    re.I,
)


EXPLICIT = re.compile(
    r"\b(partnership|partnered|collaborat\w+|joint venture|memorandum of understanding|"
    r"work(?:s|ed|ing)? (?:together )?with|teamed up)\b",
    re.I,
)
# Taking up a firm's product is working with the firm.
ADOPTION = re.compile(
    r"\b(adopt(?:s|ed|ing)?|roll(?:ed|ing)? out|deploy(?:s|ed|ing)?|introduc(?:e|ed|ing)|"
    r"us(?:e|es|ed|ing) (?:the|its|their) (?:app|software|system|tool|platform|technology)|"
    r"agreements? to use|signed up)\b",
    re.I,
)


def find(unit: Unit) -> list[Found]:
    cue = stated_cue(unit, CUE) or stated_cue(unit, ADOPTION)
    if cue is None or deals.is_procurement(unit):
        return []
    nhs, partners = unit.of(*NHS_TYPES), unit.of(*PARTNER_TYPES)
    evidence, confidence = unit.evidence, 0.75
    if nhs and not partners:
        partners = unit.context_of(*PARTNER_TYPES)[:1] or unit.focus_of("Company")
        evidence, confidence = unit.context_evidence, 0.55
    elif partners and not nhs:
        nhs = unit.context_of(*NHS_TYPES)[:1]
        evidence, confidence = unit.context_evidence, 0.55
    nhs = [o for o in nhs if o.type != "GovernmentBody" or _national_partner(o, unit)]
    attributes = attr.clean(
        {
            "agreement": attr.agreement(unit),
            "start": attr.date(unit),
            "duration_years": attr.duration(unit),
        }
    )
    found = pairs(nhs, partners)
    # a university working with a firm is a partnership too, the university its subject
    found += pairs(unit.of("University"), unit.of("Company"))
    return [Found(RELATION, s, o, evidence, confidence, dict(attributes)) for s, o in found]


def _national_partner(occ: Occ, unit: Unit) -> bool:
    """A national body is a partner only when the text says so outright, not when it
    funds, regulates or merely runs a programme."""
    if occ.key in REGULATORS or occ.identifiers_ods:
        return occ.key not in REGULATORS
    if investment.is_funder(occ, unit) or investment.MONEY_VERBS.search(unit.text):
        return False
    return bool(EXPLICIT.search(unit.text))
