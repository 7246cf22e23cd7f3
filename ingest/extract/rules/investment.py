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
from ingest.extract.rules import frames
from ingest.extract.rules.cues import (
    FUNDER_NOUNS,
    INVESTMENT_FRAMES,
    ROUND_NOUNS,
    ROUND_VERBS,
    Found,
    governing_prep,
    stated_cue,
)
from ingest.extract.rules.units import NHS_TYPES, Occ, Unit

RELATION = "investment"
CUE = re.compile(
    r"\b(invest\w*|funding|funded|funds?|grants?|backing|backed|bankroll\w*|awards?|prizes?|"
    r"financing|financed|seed money|donat\w+)\b",
    re.I,
)
ROUND = re.compile(
    r"\b((?:seed|series [a-f]|funding|investment|financing|pre-seed) rounds?|series [a-f]\b|"
    r"raised|raises|raising|fundrais\w+)",
    re.I,
)
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
    cue = stated_cue(unit, CUE) or stated_cue(unit, ROUND)
    if cue is None and amount is not None:
        cue = stated_cue(unit, MONEY_VERBS)
    if cue is None or re.search(r"\bcontracts?\b", unit.text, re.I):
        return []
    if amount is None:
        amount = attr.money(unit, follow=True)
    occs = unit.of(*PARTY_TYPES)
    parsed_funders, parsed_recipients = parsed_sides(unit)
    if parsed_funders and parsed_recipients:
        return found(unit, parsed_funders, parsed_recipients, amount, unit.evidence, 0.7)
    funders = parsed_funders[:1] or [o for o in occs if is_funder(o, unit)]
    if not funders and CUE.search(unit.text):
        funders = [o for o in occs if o.type in ("GovernmentBody", "Charity")][:1]
    recipients = [o for o in parsed_recipients if o.key not in keys(funders)] or [
        o for o in occs if o not in funders and is_recipient(o, unit)
    ]
    if not recipients:
        recipients = frames.in_clause(
            unit, cue, [o for o in occs if o not in funders and o.type != "GovernmentBody"]
        ) or [o for o in occs if o not in funders and o.type != "GovernmentBody"]
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
    return found(unit, unique(funders)[:1], recipients, amount, evidence, confidence)


def found(
    unit: Unit,
    funders: list[Occ],
    recipients: list[Occ],
    amount: dict | None,
    evidence: tuple[int, int],
    confidence: float,
) -> list[Found]:
    attributes = attr.clean(
        {
            "amount_gbp": amount["value"] if amount else None,
            "per_year": True if amount and amount.get("per_year") else None,
        }
    )
    out = []
    for f in unique(funders):
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


def parsed_sides(unit: Unit) -> tuple[list[Occ], list[Occ]]:
    """Funders and recipients as the verbs give them ("Y invested £5m in Z", "Z raised
    £11m in a round led by Y, with participation from W and V", "backed by Y")."""
    sides = frames.sides(unit, INVESTMENT_FRAMES)
    funders = [o for o in sides.a if o.type in FUNDER_TYPES]
    recipients = [o for o in sides.b if o.type in PARTY_TYPES]
    for token in unit.sent:
        lemma = token.lemma_.lower()
        if lemma in ROUND_VERBS and token.pos_ == "VERB" and _about_round(token):
            # "a round led by Y", "Y led the round", "Y and V joined the round"
            for child in token.children:
                if child.dep_ in ("agent", "nsubj") or (
                    child.dep_ == "prep" and child.lower_ == "by"
                ):
                    target = (
                        child
                        if child.dep_ == "nsubj"
                        else next((g for g in child.children if g.dep_ == "pobj"), None)
                    )
                    if target is not None:
                        funders += [
                            o for o in frames.occ_at(unit, target) if o.type in FUNDER_TYPES
                        ]
        elif lemma in FUNDER_NOUNS and token.pos_ == "NOUN":
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                    for g in child.children:
                        if g.dep_ == "pobj":
                            funders += [o for o in frames.occ_at(unit, g) if o.type in FUNDER_TYPES]
        elif lemma in ("investor", "backer", "shareholder") and token.pos_ == "NOUN":
            # "investors including W and V", "existing investors W and V"
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("including", "include", "such"):
                    for g in child.subtree:
                        if g.dep_ == "pobj":
                            funders += [o for o in frames.occ_at(unit, g) if o.type in FUNDER_TYPES]
                elif child.dep_ == "appos":
                    funders += [o for o in frames.occ_at(unit, child) if o.type in FUNDER_TYPES]
    funders = unique(funders)
    recipients = [o for o in unique(recipients) if o.key not in keys(funders)]
    return funders, recipients


def _about_round(verb: Token) -> bool:
    """ "led" says who invested only when what was led is a round of funding."""
    heads = [verb.head] if verb.dep_ in ("acl", "relcl") else []
    heads += [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(h.lemma_.lower() in ROUND_NOUNS or h.lower_ == "round" for h in heads)


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
