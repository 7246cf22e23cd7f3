"""``contract``: buyer → supplier of a procurement contract.

Cue: "contract(s)", "awarded", "procured", "tender", "supplier", "framework agreement"; or
a deal word ("deal", "agreement", "picked", "chosen", "selected", "appointed", "won") in a
statement about buying (``deals.is_procurement``). Money given as a grant ("awarded £2m
from the AI fund") is an investment, not a contract.

The sides come from the parse first (``frames.sides`` with ``cues.CONTRACT_FRAMES``): the
giver of "awarded … to Z", the subject of "selected/appointed/commissioned Z", the agent
of "was chosen by X", the object of "won a contract with/from X"; then by type: an NHS
organisation or government body buys from a company. Between two companies the object of
"with" (or the giver of "awarded … to") is the buyer. A side the statement leaves
implicit comes from the sentence before, else the document's main company.
``value_gbp`` (here, else in the next statement when it goes on about the same contract:
"The contract, worth £2m, runs from … to …"), ``start``, ``end``.
"""

from __future__ import annotations

import re

from ingest.extract.rules import attributes as attr
from ingest.extract.rules import deals, equity_stake, frames
from ingest.extract.rules.cues import CONTRACT_FRAMES, Found, governing_prep, pairs, stated_cue
from ingest.extract.rules.units import FOLLOW_START, NHS_TYPES, Occ, Unit

RELATION = "contract"
CUE = re.compile(
    r"\b(contracts?|awarded|procur\w+|tender\w*|supplier|framework agreement|bought|buys|"
    r"purchased|commissioned)\b",
    re.I,
)
DEAL = re.compile(
    r"\b(deal|agreement|arrangement|picked|chosen|selected|appointed|won|wins|signed|"
    r"struck|licen[cs]es?|secured|awarded|extended|renewed)\b",
    re.I,
)
# Words that make an award a purchase, whatever else the statement says.
BUYING = re.compile(
    r"\b(contracts?|tender\w*|procur\w+|framework|suppl(?:y|ier|iers|ies|ied)|purchas\w+|"
    r"bought|buy\w*|licen[cs]\w*|call-off|G-Cloud|commission(?:ed|s)?)\b",
    re.I,
)
# … and words that make it money given away: a grant, a fund's award, an investment.
FUNDING = re.compile(
    r"\b(grants?|funding|funded|fund|invest\w*|prize|competition|award(?:s)? (?:programme|"
    r"scheme|round)|round|winners?|backing|raised?)\b",
    re.I,
)
# Without a buying word, a deal or a choice of supplier must be named.
DEAL_WORD = re.compile(
    r"\b(deals?|agreements?|arrangements?|selected|chosen|picked|appointed|hired|shortlisted)\b",
    re.I,
)
SUPPLIER_TYPES = ("Company", "University", "Charity")


def find(unit: Unit) -> list[Found]:
    cue = stated_cue(unit, CUE)
    strong = cue is not None
    if cue is None and deals.is_procurement(unit):
        cue = stated_cue(unit, DEAL)
    if cue is None or (deals.is_research(unit) and not re.search(r"\bcontracts?\b", unit.text)):
        return []
    if not BUYING.search(unit.text) and (
        FUNDING.search(unit.text) or not DEAL_WORD.search(unit.text)
    ):
        return []  # "was awarded £2m (from the fund)" is a grant
    if equity_stake.acquisitions(unit):
        return []  # buying a company is an acquisition, not a procurement
    buyers, suppliers = parsed_sides(unit)
    parsed = bool(suppliers)
    if not buyers and not suppliers:
        buyers, suppliers = frames.narrowed(unit, cue, *typed_sides(unit))
    if not buyers and not suppliers and strong and FOLLOW_START.match(unit.text):
        return about_previous(unit)  # "The contract, worth £2m, runs from …"
    elif not suppliers:
        suppliers = [o for o in unit.of(*SUPPLIER_TYPES) if o.key not in keys(buyers)]
    elif not buyers:
        buyers = [o for o in unit.of(*NHS_TYPES) if o.key not in keys(suppliers)]
    evidence, confidence = unit.evidence, 0.65
    if not strong and not (buyers and suppliers):
        return []  # "appointed", "selected" alone: both sides must be named here
    if buyers and not suppliers:
        suppliers = unit.context_of(*SUPPLIER_TYPES)[:1] or unit.focus_of("Company")
        evidence, confidence = unit.context_evidence, 0.5
    elif suppliers and not buyers:
        buyers = unit.context_of(*NHS_TYPES)[:1] or (unit.focus_of(*NHS_TYPES) if parsed else [])
        evidence, confidence = unit.context_evidence, 0.5
    amount = attr.money(unit, follow=True)
    if amount is not None and attr.followed(unit, "money") is amount and unit.follow_evidence:
        evidence = (evidence[0], unit.follow_evidence[1])
    start, end = attr.period(unit)
    attributes = attr.clean(
        {"value_gbp": amount["value"] if amount else None, "start": start, "end": end}
    )
    own = (unit.evidence[0], evidence[1]) if evidence[0] != unit.evidence[0] else None
    return [
        Found(RELATION, s, o, evidence, confidence, dict(attributes), own)
        for s, o in pairs(buyers, suppliers)
    ]


def about_previous(unit: Unit) -> list[Found]:
    """A statement about "the contract" of the sentence before: its sides, this one's terms."""
    buyers = unit.context_of(*NHS_TYPES)
    suppliers = unit.context_of(*SUPPLIER_TYPES)
    if (
        not buyers
        or not suppliers
        or not BUYING.search(unit.doc.text[slice(*unit.context_evidence)])
    ):
        return []
    amount = attr.money(unit)
    start, end = attr.period(unit)
    attributes = attr.clean(
        {"value_gbp": amount["value"] if amount else None, "start": start, "end": end}
    )
    return [
        Found(RELATION, s, o, unit.context_evidence, 0.5, dict(attributes))
        for s, o in pairs(buyers[:1], suppliers[:1])
    ]


def parsed_sides(unit: Unit) -> tuple[list[Occ], list[Occ]]:
    """Buyers and suppliers as the verbs of the statement give them, checked by type: a
    buyer is an NHS body (or a company buying from another), a supplier not a trust."""
    found = frames.sides(unit, CONTRACT_FRAMES)
    buyers = [o for o in found.a if o.type in NHS_TYPES or o.type == "Company"]
    suppliers = [o for o in found.b if o.type in (*SUPPLIER_TYPES, "GovernmentBody", "Other")]
    for o in found.either:
        (buyers if o.type in NHS_TYPES else suppliers).append(o)
    if any(o.type in NHS_TYPES for o in buyers):
        buyers = [o for o in buyers if o.type in NHS_TYPES]
    if not buyers:
        # a national body "supplying" is not a supplier unless someone buys from it
        suppliers = [o for o in suppliers if o.type in SUPPLIER_TYPES]
    suppliers = [o for o in suppliers if o.key not in keys(buyers)]
    return unique(buyers), unique(suppliers)


def typed_sides(unit: Unit) -> tuple[list[Occ], list[Occ]]:
    buyers = unit.of(*NHS_TYPES)
    suppliers = unit.of(*SUPPLIER_TYPES)
    if not buyers:
        buyers = [o for o in suppliers if governing_prep(o, unit) in ("with", "from", "by", "as")]
        suppliers = [o for o in suppliers if o not in buyers]
    return buyers, suppliers


def keys(occs: list[Occ]) -> set[str]:
    return {o.key for o in occs}


def unique(occs: list[Occ]) -> list[Occ]:
    out: list[Occ] = []
    for o in occs:
        if o.key not in keys(out):
            out.append(o)
    return out
