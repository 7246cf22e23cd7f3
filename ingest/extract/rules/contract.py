"""``contract``: buyer → supplier of a procurement contract.

Cue: "contract(s)", "awarded", "procured", "tender", "supplier", "framework"; or a deal
word ("deal", "agreement", "picked", "chosen") in a statement about buying
(``deals.is_procurement``). An NHS organisation or government body buys from a company;
between two companies, the object of "with" (or the giver of "awarded … to") is the buyer.
A side the statement leaves implicit comes from the sentence before, else the document's
main company. ``value_gbp``, ``start``.
"""

from __future__ import annotations

import re

from ingest.extract.rules import attributes as attr
from ingest.extract.rules import deals, equity_stake
from ingest.extract.rules.cues import Found, governing_prep, pairs, stated_cue
from ingest.extract.rules.units import NHS_TYPES, Unit

RELATION = "contract"
CUE = re.compile(
    r"\b(contracts?|awarded|procur\w+|tender\w*|supplier|framework agreement|bought|buys|"
    r"purchased)\b",
    re.I,
)
DEAL = re.compile(
    r"\b(deal|agreement|arrangement|picked|chosen|selected|appointed|won|wins|signed|"
    r"struck|licen[cs]es?)\b",
    re.I,
)
SUPPLIER_TYPES = ("Company", "University", "Charity")


def find(unit: Unit) -> list[Found]:
    cue = stated_cue(unit, CUE)
    if cue is None and deals.is_procurement(unit):
        cue = stated_cue(unit, DEAL)
    if cue is None or (deals.is_research(unit) and not re.search(r"\bcontracts?\b", unit.text)):
        return []
    if equity_stake.acquisitions(unit):
        return []  # buying a company is an acquisition, not a procurement
    buyers = unit.of(*NHS_TYPES)
    suppliers = unit.of(*SUPPLIER_TYPES)
    if not buyers:
        buyers = [o for o in suppliers if governing_prep(o, unit) in ("with", "from", "by", "as")]
        suppliers = [o for o in suppliers if o not in buyers]
    evidence, confidence = unit.evidence, 0.65
    if buyers and not suppliers:
        suppliers = unit.context_of(*SUPPLIER_TYPES)[:1] or unit.focus_of("Company")
        evidence, confidence = unit.context_evidence, 0.5
    elif suppliers and not buyers:
        buyers = unit.context_of(*NHS_TYPES)[:1]
        evidence, confidence = unit.context_evidence, 0.5
    amount = attr.money(unit)
    attributes = attr.clean(
        {"value_gbp": amount["value"] if amount else None, "start": attr.date(unit)}
    )
    return [
        Found(RELATION, s, o, evidence, confidence, dict(attributes))
        for s, o in pairs(buyers, suppliers)
    ]
