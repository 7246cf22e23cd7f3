"""``contract``: buyer → supplier of a procurement contract.

Cue: "contract(s)", "awarded", "procured", "tender", "supplier", "framework agreement"; or
a deal word ("deal", "agreement", "picked", "chosen", "selected", "appointed", "won") in a
statement about buying (``deals.is_procurement``). Money given as a grant ("awarded £2m
from the AI fund") is an investment, not a contract.

The sides come from the parse first (``frames.sides`` with ``cues.CONTRACT_FRAMES``): the
giver of "awarded … to Z", the subject of "selected/appointed/commissioned Z", the agent
of "was chosen by X", the object of "won a contract with/from X", the agent of "were
hired by X" (only verbs that carry a cue count); then by type, inside the cue's clause:
an NHS organisation or government body buys from a company. Between two companies the one
"with"/"from"/"by" the cue or its verb is the buyer. A lead-in's list ("these were awarded
to: - BT - CSC") gives one contract per item; "these"/"the first" take the buying word
of the sentence before. A side the statement leaves
implicit comes from the sentence before, else the document's main company.
``value_gbp`` (here, else in the next statement when it goes on about the same contract:
"The contract, worth £2m, runs from … to …"), ``start``, ``end``.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ingest.extract import state
from ingest.extract.rules import attributes as attr
from ingest.extract.rules import deals, deployments, frames, products, takeovers
from ingest.extract.rules.cues import (
    CONTRACT_FRAMES,
    Found,
    cue_tokens,
    governing_prep,
    in_modifier_of,
    pairs,
    stated_cue,
)
from ingest.extract.rules.customers import customer_pairs
from ingest.extract.rules.enumerations import enumerated
from ingest.extract.rules.regulatory_finding import REGULATORS
from ingest.extract.rules.units import FOLLOW_START, NHS_TYPES, Occ, Unit, keys, one_per_entity

RELATION = "contract"
CUE = re.compile(
    r"\b(contracts?|awarded|procur\w+|tender\w*|supplier|framework agreement|bought|buys|"
    r"purchased|commissioned|subcontract\w*|outsourc(?:e|es|ed))\b",
    re.I,
)
DEAL = re.compile(
    r"\b(deal|agreement|arrangement|picked|picks|chosen|chose|chooses|selected|selects|"
    r"appointed|won|wins|signed|paid|pays|spent|spends|ordered|orders|"
    r"struck|licen[cs]es?|secured|awarded|extended|renewed|hired|engaged|contracted|"
    r"supplied|supplies)\b",
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
    r"\b(deals?|agreements?|arrangements?|selected|selects|chosen|chose|chooses|picked|picks|"
    r"appointed|hired|shortlisted|paid|pays|spent|spends|ordered|orders)\b",
    re.I,
)
SUPPLIER_TYPES = ("Company", "University", "Charity")
CONTRACT_NOUN = re.compile(r"\bcontracts?\b", re.I)
# A statement that names its deal by a pronoun: "These were awarded to: …"
ANAPHOR = re.compile(
    r"^\W*(?:(?:in|on|by|during) [\w ]{1,20}?,? )?(these|they|those|both|each|it|this|"
    r"the (?:first|second|third|latter|former|other|new|original)|another|one of them)\b",
    re.I,
)
# Verbs that make a contract only when the parse names an NHS buyer and its supplier.
WEAK_LEMMAS = {"pay", "spend", "choose", "pick", "select", "order"}
# Money paid that buys nothing: "paid royalties", "paid a fine", "paid compensation".
NOT_A_PURCHASE = re.compile(
    r"\b(royalt\w+|fines?|fined|penalt\w+|compensation|damages|settlements?|dividends?|"
    r"tax|VAT|salar\w+|pay-?outs?|refunds?|licen[cs]e fees?)\b",
    re.I,
)
# The preposition a company-buyer comes with, on the cue or its verb: "a contract with X"
BUYER_PREPS = ("with", "from", "by", "as")


def find(unit: Unit) -> list[Found]:
    # a list of the suppliers a buyer named before takes precedence over reading sides
    # from the list's own types ("Among the suppliers appointed are: - an ambulance
    # trust - ERS Medical" makes the trust a supplier, not a buyer)
    return listed_suppliers(unit) or bought(unit) or in_use(unit) or customers(unit)


def listed_suppliers(unit: Unit) -> list[Found]:
    """ "Ten private hospital groups have signed a deal with NHS England to provide extra
    capacity. The providers are A, B and C.": each is the buyer's supplier."""
    group = enumerated(unit)
    if group is None or not _procurement_text(group.text):
        return []
    buyers = [o for o in group.counterparts if o.type in (*NHS_TYPES, "GovernmentBody")]
    if not buyers and len({o.key for o in group.counterparts}) == 1:
        buyers = group.counterparts[:1]  # "NHS SBS has appointed 32 organisations …"
    return [
        Found(RELATION, b.key, s.key, unit.context_evidence, 0.55, {})
        for b in one_per_entity(buyers)
        for s in one_per_entity(group.listed)
        if s.type != "Person"
    ]


def _procurement_text(text: str) -> bool:
    return bool(deals.PROCUREMENT.search(text) or deals.GENERIC_DEAL.search(text)) and not (
        deals.RESEARCH.search(text)
    )


def customers(unit: Unit) -> list[Found]:
    """ "Its customers include Mount Sinai and Geisinger": each customer buys from the firm."""
    return [
        Found(RELATION, buyer.key, supplier.key, unit.evidence, 0.55, {})
        for buyer, supplier in customer_pairs(unit)
    ]


def in_use(unit: Unit) -> list[Found]:
    """A supplier's system in use at an NHS body ("Epic is live at A", "B runs a Cerner
    system"): a contract told without a word of buying."""
    pairs_in_use = deployments.suppliers_in_use(unit)
    if not pairs_in_use:
        return []
    attributes = attr.clean({"start": attr.period(unit)[0]})
    return [
        Found(RELATION, buyer.key, supplier.key, unit.evidence, 0.55, dict(attributes))
        for buyer, supplier in pairs_in_use
    ]


def bought(unit: Unit) -> list[Found]:
    cue = stated_cue(unit, CUE)
    strong = cue is not None
    if cue is None and deals.is_procurement(unit):
        cue = stated_cue(unit, DEAL)
    if cue is None or (deals.is_research(unit) and not re.search(r"\bcontracts?\b", unit.text)):
        return []
    if competed_for(cue):
        return []  # "competes for EPR contracts with Epic": rivals, not a buyer and seller
    weak = cue.lemma_.lower() in WEAK_LEMMAS
    if weak and (unit.search(NOT_A_PURCHASE) or any(c.dep_ == "prt" for c in cue.children)):
        return []  # "paid royalties", "picks up the pieces"
    if not buying(unit) and (unit.search(FUNDING) or not unit.search(DEAL_WORD)):
        return []  # "was awarded £2m (from the fund)" is a grant
    if takeovers.acquisitions(unit):
        return []  # buying a company is an acquisition, not a procurement
    buyers, suppliers = parsed_sides(unit)
    parsed = bool(suppliers)
    if weak and not (suppliers and any(o.type in NHS_TYPES for o in buyers)):
        return []  # paying or choosing buys only when an NHS body pays or chooses a firm
    if not buyers and not suppliers:
        buyers, suppliers = typed_sides(unit, cue)
    if not buyers and not suppliers and strong and FOLLOW_START.match(unit.text):
        return about_previous(unit)  # "The contract, worth £2m, runs from …"
    elif not suppliers:
        suppliers = [
            o
            for o in frames.in_clause(unit, cue, unit.of(*SUPPLIER_TYPES))
            if o.key not in keys(buyers)
        ]
    elif not buyers:
        buyers = [
            o
            for o in frames.in_clause(unit, cue, unit.of(*NHS_TYPES))
            if o.key not in keys(suppliers) and o.key not in REGULATORS
        ]
    evidence, confidence = unit.evidence, 0.65
    if not strong and not (buyers and suppliers):
        return []  # "appointed", "selected" alone: both sides must be named here
    if buyers and not suppliers:
        # "the trusts procured Millennium": the maker of the product the statement names
        suppliers = [o for o in products.makers(unit) if o.key not in keys(buyers)]
    if buyers and not suppliers:
        # the supplier of the sentence before, or the document's firm when the statement
        # says "contract" outright
        suppliers = unit.context_of(*SUPPLIER_TYPES)[:1] or (
            unit.focus_of("Company") if unit.search(CONTRACT_NOUN) else []
        )
        evidence, confidence = unit.context_evidence, 0.5
    elif suppliers and not buyers:
        buyers = unit.context_of(*NHS_TYPES)[:1] or (unit.focus_of(*NHS_TYPES) if parsed else [])
        evidence, confidence = unit.context_evidence, 0.5
    suppliers = [o for o in suppliers if not in_modifier_of(o, unit, suppliers + buyers)]
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


# Verbs of rivalry: contracts competed for are nobody's yet, and "with" names a rival.
COMPETING = {"compete", "vie", "rival", "contest"}


def competed_for(cue: Token) -> bool:
    """The cue is what firms compete for ("competes for whole-hospital EPR contracts with
    larger American suppliers"), up to three words up the parse."""
    token = cue
    for _ in range(3):
        if token.lemma_.lower() in COMPETING:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return token.lemma_.lower() in COMPETING


def buying(unit: Unit) -> bool:
    """The statement buys something: a buying word here, or here "these/they/it" stand for
    the contracts of the sentence before ("… ten-year contracts … These were awarded to:")."""
    if unit.search(deals.BUYING):
        return True
    if not ANAPHOR.match(unit.text):
        return False
    return bool(
        deals.BUYING.search(state.doc_text(unit.doc)[unit.context_evidence[0] : unit.evidence[0]])
    )


def about_previous(unit: Unit) -> list[Found]:
    """A statement about "the contract" of the sentence before: its sides, this one's terms."""
    buyers = unit.context_of(*NHS_TYPES)
    suppliers = unit.context_of(*SUPPLIER_TYPES)
    if (
        not buyers
        or not suppliers
        or not deals.BUYING.search(state.doc_text(unit.doc)[slice(*unit.context_evidence)])
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
    buyer is an NHS body (or a company buying from another), a supplier not a trust. Only
    verbs that carry a cue count ("awarded", "won a contract", "the contract went to"):
    "handed most of its work to CSC" beside "Fujitsu's contract" names no deal."""
    cue_ids = {t.i for t in cue_tokens(unit, CUE)} | {t.i for t in cue_tokens(unit, DEAL)}
    found = frames.sides(unit, CONTRACT_FRAMES, carries=cue_ids)
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
    return one_per_entity(buyers), one_per_entity(suppliers)


def typed_sides(unit: Unit, cue) -> tuple[list[Occ], list[Occ]]:
    """Sides by type, inside the cue's clause: an NHS body buys from a company; between
    companies the one "with"/"from"/"by" the cue or its verb buys ("a contract with X")."""
    buyers = [
        o for o in frames.in_clause(unit, cue, unit.of(*NHS_TYPES)) if o.key not in REGULATORS
    ]
    suppliers = frames.in_clause(unit, cue, unit.of(*SUPPLIER_TYPES))
    if not buyers:
        head = frames.clause_head(cue)
        buyers = [
            o
            for o in suppliers
            if governing_prep(o, unit) in BUYER_PREPS and attached(unit, o, (cue, head))
        ]
        suppliers = [o for o in suppliers if o.key not in keys(buyers)]
    return buyers, suppliers


def attached(unit: Unit, occ: Occ, heads) -> bool:
    """The occurrence hangs off one of ``heads`` through nouns and prepositions only ("a
    contract with health groups such as Bupa"), not through a clause of its own."""
    node = unit.doc[occ.start : occ.end].root
    for _ in range(6):
        if node.head.i == node.i:
            return False
        node = node.head
        if node in heads:
            return True
        if node.pos_ in ("VERB", "AUX"):
            return False
    return False
