"""What kind of deal a statement describes: research partnership or procurement.

"A national agreement struck between NHSX, NHS Digital and Microsoft" is a purchase;
"a strategic research agreement" is a partnership. A statement is procurement when it
uses buying words ("contract", "awarded", "supplier", "licence", "worth £…") and no
research words, or when only national bodies deal with a firm with no research words.
"""

from __future__ import annotations

import re

from ingest.extract.rules.units import NHS_TYPES, Occ, Unit

PROCUREMENT = re.compile(
    r"\b(contracts?|procur\w+|tender\w*|suppliers?|suppl(?:y|ies|ied)|purchas\w+|bought|"
    r"buys?|buying|licen[cs]es?|awarded|framework|worth|valued at|value of|subscriptions?|"
    r"G-Cloud|bid|bids|consortium|paid|pays|spent|spends|selected|selects|chosen|chose|"
    r"chooses|picked|picks|appointed|commissioned|hired|shortlisted|ordered|orders)\b",
    re.I,
)
RESEARCH = re.compile(
    r"\b(partnerships?|collaborat\w+|research|joint venture|pilot\w*|memorandum of "
    r"understanding|stud(?:y|ies)|trials?|royalt\w+|equity|stakes?|shares in|shareholdings?)\b",
    re.I,
)
# Words that make an award a purchase, whatever else the statement says (contracts; a
# list of buyers is no list of grant winners).
BUYING = re.compile(
    r"\b(contracts?|tender\w*|procur\w+|framework|suppl(?:y|ier|iers|ies|ied)|purchas\w+|"
    r"bought|buy\w*|licen[cs]\w*|call-off|G-Cloud|commission(?:ed|s)?|subcontract\w*|"
    r"outsourc(?:e|es|ed))\b",
    re.I,
)
# Words of procurement alone, without "buy" ("£21m to buy AI tools" is funding).
CONTRACTING = re.compile(r"\b(contracts?|tender\w*|procur\w+|framework|suppliers?)\b", re.I)
GENERIC_DEAL = re.compile(r"\b(deal|agreement|arrangement)s?\b", re.I)


def is_procurement(unit: Unit) -> bool:
    if unit.search(RESEARCH):
        return False
    if unit.search(PROCUREMENT):
        return True
    nhs = unit.of("Trust", "GovernmentBody", "Other")
    national = nhs and all(o.type == "GovernmentBody" for o in nhs)
    return bool(national and unit.search(GENERIC_DEAL))


def is_research(unit: Unit) -> bool:
    return bool(unit.search(RESEARCH))


DEAL_WORDS = re.compile(
    r"\b(agreements?|deals?|partnerships?|licen[cs]\w*|contracts?|signed|collaborat\w+)\b", re.I
)


def prepare(units: list[Unit]) -> None:
    """The document's main deal: the first statement that names an NHS body (or a
    university) and a company with a deal word. Its company is the counterparty a later
    statement means when it names only the NHS side ("The trust and the university will
    be paid royalties")."""
    partner: list[Occ] = []
    for unit in units:
        if not unit.search(DEAL_WORDS):
            continue
        nhs = [o for o in unit.occs if o.type in (*NHS_TYPES, "University") and o.named]
        firms = [o for o in unit.occs if o.type == "Company" and o.named]
        if nhs and firms:
            partner = firms[:1]
            break
    supplied: set[str] = set()
    for unit in units:
        unit.extra["deal_partner"] = partner
        # firms the document has already told of as suppliers ("signed a contract with
        # Sectra"): "the deal with Sectra" later is that purchase, not a partnership
        unit.extra["suppliers_so_far"] = set(supplied)
        if unit.search(CONTRACTING) and not unit.search(RESEARCH):
            supplied |= {o.key for o in unit.occs if o.type == "Company"}


def supplier_so_far(unit: Unit, occ: Occ) -> bool:
    return occ.key in unit.extra.get("suppliers_so_far", set())


def deal_partner(unit: Unit) -> list[Occ]:
    return list(unit.extra.get("deal_partner", []))
