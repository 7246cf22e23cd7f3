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
from ingest.extract.rules import deals, frames
from ingest.extract.rules.cues import ROYALTY_FRAMES, Found, cue_tokens, pairs, stated_cue
from ingest.extract.rules.regulatory_finding import REGULATORS
from ingest.extract.rules.units import NHS_TYPES, ORG_TYPES, Occ, Unit, keys, one_per_entity

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
PAYER_TYPES = ("Company", "University", "Charity", "Other")


def find(unit: Unit) -> list[Found]:
    # "the trust could earn royalties": a term of the deal, not a hope
    cue = stated_cue(unit, CUE, modals_ok=True)
    if cue is None or unit.search(NOT_ROYALTY):
        return []
    attributes = attr.clean({"percent": attr.first_value(unit, "percent")})
    parsed_receivers, parsed_payers = parsed_sides(unit, cue)
    if parsed_receivers and parsed_payers:
        # the grammar names both sides ("Sanofi will pay it royalties"): any organisations
        return [
            Found(RELATION, s, o, unit.evidence, 0.75, dict(attributes))
            for s, o in pairs(parsed_receivers, parsed_payers)
        ]
    receivers = parsed_receivers or unit.of(*NHS_TYPES) or unit.of(*RECEIVER_TYPES)
    receivers = [o for o in receivers if o.key not in REGULATORS]
    payers = parsed_payers or [o for o in unit.of("Company") if o.key not in keys(receivers)]
    if parsed_receivers and not parsed_payers and traded(unit):
        # a stream changing hands: the payer is the firm the text names as paying it
        payers = [
            o
            for o in unit.context_of("Company") + unit.focus_of("Company")
            if o.key not in keys(receivers)
        ][:1]
    receivers, payers = frames.narrowed(unit, cue, receivers, payers)
    evidence, confidence = unit.evidence, 0.7
    if not receivers and parsed_payers:
        # "The company will be paid royalties by Sanofi": the firm the text is about
        around = [o for o in unit.context + unit.focus if o.type in ORG_TYPES]
        receivers = [o for o in around if o.key not in keys(payers)][:1]
        evidence, confidence = unit.context_evidence, 0.5
    if not receivers:
        receivers = (
            unit.context_of(*NHS_TYPES)
            or unit.context_of(*RECEIVER_TYPES)
            or unit.focus_of("Trust", "GovernmentBody")
        )
        evidence, confidence = unit.context_evidence, 0.5
    if not payers:
        # the firm of the sentence before, of the document's main deal, or the document's
        payers = unit.context_of("Company") or deals.deal_partner(unit) or unit.focus_of("Company")
        payers = [o for o in payers if o.key not in keys(receivers)]
        evidence, confidence = unit.context_evidence, 0.5
    return [
        Found(RELATION, s, o, evidence, confidence, dict(attributes))
        for s, o in pairs(receivers, payers)
    ]


REVENUE_NOUNS = {"revenue", "profit", "income", "sale", "proceeds", "earnings", "turnover"}
# Verbs of trading a royalty stream: its buyer and seller both receive; the payer is the
# maker of the product, named elsewhere.
TRADING = {"buy", "acquire", "purchase", "sell", "monetise", "monetize"}


def traded(unit: Unit) -> bool:
    cue_ids = {t.i for t in cue_tokens(unit, CUE)}
    return any(_trades(t, cue_ids) for t in unit.sent)


def _trades(verb, cue_ids: set[int]) -> bool:
    """A verb of trading whose object is the royalty ("sold part of its royalty")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in TRADING:
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(t.i in cue_ids for o in objects for t in o.subtree)


def traders(unit: Unit, cue_ids: set[int]) -> list[Occ]:
    """Buyer and seller of a royalty stream ("Royalty Pharma bought the foundation's
    royalty interest", "LifeArc sold part of its royalty to CPPIB"): both receive."""
    out: list[Occ] = []
    for verb in unit.sent:
        if not _trades(verb, cue_ids):
            continue
        parties = [frames.subject_of(verb)]
        parties += [g for prep, g in frames.preps_of(verb) if prep in ("to", "from")]
        parties += [
            t
            for o in verb.children
            if o.dep_ in ("dobj", "nsubjpass")
            for t in o.subtree
            if t.dep_ == "poss" and t.lower_ not in ("its", "their")
        ]
        for token in parties:
            if token is not None:
                out += [o for o in frames.occ_at(unit, token) if o.type in ORG_TYPES]
    return out


def parsed_sides(unit: Unit, cue) -> tuple[list[Occ], list[Occ]]:
    """Receivers and payers as the verbs of the statement give them ("paid royalties by
    Y", "pays royalties to X", "entitled to royalties from Y"), the cue noun's own
    prepositions ("royalties from Y") and the owner of the money shared ("the
    clinic's profits")."""
    cue_ids = {t.i for t in cue_tokens(unit, CUE)}
    found = frames.sides(unit, ROYALTY_FRAMES, carries=cue_ids)
    receivers = [o for o in found.a + found.either if o.type in ORG_TYPES]
    payers = [o for o in found.b if o.type in PAYER_TYPES]
    for cue_token in (unit.doc[i] for i in sorted(cue_ids)):
        # "royalties from Y", "royalties on sales to X", "royalties on sales by Y"
        for token in cue_token.subtree:
            if token.dep_ != "prep" or token.i < cue_token.i:
                continue
            side = {"from": payers, "by": payers, "to": receivers}.get(token.lower_)
            for pobj in (c for c in token.children if c.dep_ == "pobj"):
                if side is not None:
                    side += [o for o in frames.occ_at(unit, pobj) if o.type in ORG_TYPES]
    for token in unit.sent:
        if token.lemma_.lower() in REVENUE_NOUNS:
            for child in token.children:
                if child.dep_ == "poss":
                    payers += [o for o in frames.occ_at(unit, child) if o.type in PAYER_TYPES]

    receivers += traders(unit, cue_ids)
    receivers = one_per_entity([o for o in receivers if o.key not in REGULATORS])
    payers = [o for o in one_per_entity(payers) if o.key not in keys(receivers)]
    return receivers, payers
