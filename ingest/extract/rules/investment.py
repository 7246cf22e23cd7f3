"""``investment``: funder → recipient of money (grant, investment, IT spend).

Cue: "invest…", "funding", "grant", "backed", or a verb of giving or getting money
("awarded X £2m", "received £1.4m", "went to X") with an amount in the statement. The
funder is the object of "from"/"by"/"under" or the subject of "invest"/"fund"/"award";
the recipient the subject of "receive"/"win"/"raise", the object of "award"/"give", or of
"in"/"to". A statement naming only the recipient takes the funder that the document
names with its funding (``funders``); one naming only the funder ("investment from
Sensyne of up to £250,000 a year") takes the recipient from the lead-in or the sentence
before. ``per_year`` when the amount is "a year". A company raising money from no one
named is no relation.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ingest.extract.rules import attributes as attr
from ingest.extract.rules.cues import Found, governing_prep, stated_cue
from ingest.extract.rules.units import NHS_TYPES, Occ, Unit

RELATION = "investment"
CUE = re.compile(r"\b(invest\w*|funding|funded|funds?|grants?|backing|backed|bankroll\w*)\b", re.I)
MONEY_VERBS = re.compile(
    r"\b(award(?:ed|s)?|receiv(?:ed|es|e|ing)|won|wins|given|gave|went to|shared|secured|"
    r"got|allocated|granted)\b",
    re.I,
)
FUNDING_CONTEXT = re.compile(
    r"\b(fund\w*|award\w*|grants?|invest\w*|money|backs?|backed|programme|competition|"
    r"round|winners?)\b",
    re.I,
)
FUNDER_PREPS = ("from", "by", "under")
FUNDER_VERBS = {"invest", "fund", "award", "give", "grant", "back", "allocate", "provide"}
RECIPIENT_VERBS = {"receive", "win", "get", "secure", "raise", "share"}
FUNDER_TYPES = ("Company", "GovernmentBody", "Charity", "University")
PARTY_TYPES = (*NHS_TYPES, *FUNDER_TYPES)


def find(unit: Unit) -> list[Found]:
    amount = attr.money(unit)
    cue = stated_cue(unit, CUE)
    if cue is None and amount is not None:
        cue = stated_cue(unit, MONEY_VERBS)
    if cue is None or re.search(r"\bcontracts?\b", unit.text, re.I):
        return []
    occs = unit.of(*PARTY_TYPES)
    funders = [o for o in occs if is_funder(o, unit)]
    if not funders and CUE.search(unit.text):
        funders = [o for o in occs if o.type in ("GovernmentBody", "Charity")][:1]
    recipients = [o for o in occs if o not in funders and is_recipient(o, unit)]
    if not recipients:
        recipients = [o for o in occs if o not in funders and o.type != "GovernmentBody"]
    evidence, confidence = unit.evidence, 0.65
    if recipients and not funders and amount is not None:
        funders = [o for o in funding_bodies(unit) if o.key not in {r.key for r in recipients}]
        evidence, confidence = unit.context_evidence, 0.5
    if funders and not recipients:
        recipients = [
            o
            for o in unit.context_of("Trust", "Other", "Company", "University", "Charity")
            if o.key not in keys(funders)
        ][:1]
        evidence, confidence = unit.context_evidence, 0.5
    attributes = attr.clean(
        {
            "amount_gbp": amount["value"] if amount else None,
            "per_year": True if amount and amount.get("per_year") else None,
        }
    )
    out = []
    for f in unique(funders)[:1]:
        for r in unique(recipients):
            if f.key == r.key:
                continue
            own = dict(attributes)
            near = attr.money_near(unit, unit.doc[r.start].idx) if r.named else None
            if near is not None:
                own["amount_gbp"] = near["value"]
                own.pop("per_year", None)
                if near.get("per_year"):
                    own["per_year"] = True
            out.append(Found(RELATION, f.key, r.key, evidence, confidence, own))
    return out


def _root(unit: Unit, occ: Occ) -> Token:
    return unit.doc[occ.start : occ.end].root


def is_funder(occ: Occ, unit: Unit) -> bool:
    if occ.type not in FUNDER_TYPES:
        return False
    if governing_prep(occ, unit) in FUNDER_PREPS:
        return True
    root = _root(unit, occ)
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in FUNDER_VERBS


def is_recipient(occ: Occ, unit: Unit) -> bool:
    root = _root(unit, occ)
    head = root.head.lemma_.lower()
    if root.dep_ in ("nsubj", "nsubjpass") and head in RECIPIENT_VERBS | {"award", "give"}:
        return root.dep_ == "nsubjpass" or head in RECIPIENT_VERBS
    if root.dep_ in ("dative", "dobj") and head in FUNDER_VERBS:
        return True
    return governing_prep(occ, unit) in ("to", "in", "into")


def prepare(units: list[Unit]) -> None:
    """Find once per document the bodies it names as giving money ("managed by the NHS AI
    Lab", "funding from Innovate UK"), for statements that name only the recipient."""
    found: list[Occ] = []
    for unit in units:
        if not FUNDING_CONTEXT.search(unit.text):
            continue
        for o in unit.of("GovernmentBody", "Charity"):
            if is_funder(o, unit) or governing_prep(o, unit) in ("of", "under", "by"):
                found.append(o)
    counts: dict[str, int] = {}
    for o in found:
        counts[o.key] = counts.get(o.key, 0) + 1
    best = sorted(found, key=lambda o: -counts[o.key])[:1]
    for unit in units:
        unit.extra["funders"] = best


def funding_bodies(unit: Unit) -> list[Occ]:
    return list(unit.extra.get("funders", []))


def keys(occs: list[Occ]) -> set[str]:
    return {o.key for o in occs}


def unique(occs: list[Occ]) -> list[Occ]:
    seen: set[str] = set()
    out = []
    for o in occs:
        if o.key not in seen:
            seen.add(o.key)
            out.append(o)
    return out
