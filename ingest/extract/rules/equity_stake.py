"""``equity_stake``: holder → company whose shares it holds.

Two shapes. A stake: "a £5m equity stake in Sensyne Health is being taken by OUH", "each
received shares worth £5m", "held about 22.8 per cent of Sensyne": the company is the
object of "in"/"of" (else the one company named), the holders are the trusts, people or
other firms named with it (a list gives one relation each). An acquisition or a
company described as another body's ("Google bought DeepMind", "GV, Alphabet's venture
arm"): the buyer or parent holds the company (``takeovers``). Attributes:
``amount_gbp`` (not a share price), ``percent``, ``shares``.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ingest.extract import state
from ingest.extract.rules import attributes as attr
from ingest.extract.rules.cues import Found, governing_prep, pairs, stated, stated_cue
from ingest.extract.rules.takeovers import (
    acquisitions,
    listed_occs,
    occ_of,
    subsidiaries,
    whole,
)
from ingest.extract.rules.units import Occ, Unit, most_named, occs_in_phrase, one_per_entity

RELATION = "equity_stake"
STAKE = re.compile(
    r"\b(stakes?|shares|shareholdings?|shareholders?|equity|(?:issued|share) capital)\b", re.I
)
HOLDING = re.compile(r"\b(held|holds?|owns?|owned|holding)\b", re.I)
HOLDER_TYPES = ("Trust", "GovernmentBody", "Other", "Person", "University", "Charity", "Company")


def find(unit: Unit) -> list[Found]:
    return (acquisitions(unit) + subsidiaries(unit)) or shareholders(unit) or stakes(unit)


SHAREHOLDER_LEMMAS = {"shareholder", "stockholder", "co-owner", "part-owner"}
LISTING_LEMMAS = {"include", "be"}
THEY = {"they", "these", "those"}


def shareholders(unit: Unit) -> list[Found]:
    """ "Kinnevik, an existing shareholder", "shareholders include A, B and C",
    "Existing shareholders also put in money. They included A and B": each named one holds
    the company it is a shareholder in (else the company the article is about)."""
    lower = unit.text.lower()
    if "holder" not in lower and "owner" not in lower and not _they_shareholders(unit):
        return []
    holders: list[Occ] = []
    held: Occ | None = None
    pronoun_held = False
    for token in unit.sent:
        if token.lemma_.lower() not in SHAREHOLDER_LEMMAS or not stated(token):
            continue
        held = held or _held_of(unit, token)
        pronoun_held = pronoun_held or any(
            c.dep_ == "poss" and c.lower_ in ("its", "their") for c in token.children
        )
        if token.dep_ == "appos":
            holders += listed_occs(unit, token.head)
        elif token.dep_ == "attr":
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            holders += listed_occs(unit, subject) if subject is not None else []
        elif token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in LISTING_LEMMAS:
            holders += [
                h
                for c in token.head.children
                if c.dep_ in ("dobj", "attr")
                for h in listed_occs(unit, c)
            ]
        elif token.dep_ == "compound" and token.head.pos_ == "PROPN":
            holders += listed_occs(unit, token.head)  # "existing shareholders Tencent and …"
    if not holders and _they_shareholders(unit):
        verb = unit.sent.root
        holders = [
            h for c in verb.children if c.dep_ in ("dobj", "attr") for h in listed_occs(unit, c)
        ]
    if not holders:
        return []
    keys = {h.key for h in holders}
    if held is None or held.key in keys:
        # "The trust is its only shareholder": "its" is the company just named, not the
        # holder (whatever the pronoun resolved to); otherwise the article's company
        nearby = unit.context_of("Company")[::-1] if pronoun_held else []
        held = next((o for o in nearby + unit.focus_of("Company") if o.key not in keys), None)
    if held is None:
        return []
    # "the largest shareholder, with a 13% stake": the one holder's percentage
    percent = whole(unit) or (
        attr.first_value(unit, "percent") if len(one_per_entity(holders)) == 1 else None
    )
    attributes = attr.clean({"percent": percent})
    return [
        Found(RELATION, h.key, held.key, unit.evidence, 0.6, dict(attributes))
        for h in one_per_entity(holders)
    ]


def _they_shareholders(unit: Unit) -> bool:
    """ "Existing shareholders also put in money. They included …"."""
    first = unit.sent[0]
    if first.lower_ not in THEY or unit.sent.root.lemma_.lower() != "include":
        return False
    start = unit.context_evidence[0]
    return "shareholder" in state.doc_text(unit.doc)[start : unit.evidence[0]].lower()


def _held_of(unit: Unit, token: Token) -> Occ | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of"):
            for grand in child.children:
                occ = occ_of(unit, grand)
                if occ is not None and occ.type == "Company":
                    return occ
    return None


def stakes(unit: Unit) -> list[Found]:
    cue = stated_cue(unit, STAKE)
    if cue is None and unit.quantities_of("percent"):
        cue = stated_cue(unit, HOLDING)
        if cue is not None and cue.lower_ == "own" and cue.i > 0:
            before = cue.doc[cue.i - 1]
            if before.tag_ == "PRP$" or before.text in ("'s", "’s"):
                cue = None  # "its clinic on its own cut the list by 55 per cent": no holding
    if cue is None:
        return []
    register = _register_holders(unit)
    if register:
        return register
    companies = [o for o in unit.of("Company") if governing_prep(o, unit) in ("in", "of")]
    companies = companies or unit.of("Company") or unit.context_of("Company")
    company_keys = {o.key for o in companies}
    holders = [
        o
        for o in unit.of(*HOLDER_TYPES)
        if o.key not in company_keys
        and not names_origin(unit, o)
        and (o.type != "Person" or _holds_by_verb(unit, o))
    ]
    # "Each partner owns 50 per cent": every member of the group, companies too
    spans = [(o.start, o.end) for o in unit.occs if not o.named]
    grouped = {o.key for o in unit.occs if not o.named and spans.count((o.start, o.end)) > 1}
    # "A, B and Serco each own a third": a firm in the holding verb's subject holds too
    grouped |= _holding_subjects(unit)
    holders = [o for o in holders if o.type != "Company" or o.key in grouped] or holders
    if unit.is_item and not any(o.type != "Company" for o in holders):
        holders = [o for o in unit.context_of("Trust", "Person") if o.key not in company_keys]
    evidence = unit.evidence
    if not holders:
        # "The trust signed with Z. In return it will receive shares worth £3m."
        holders = [
            o
            for o in unit.context_of("Trust", "GovernmentBody", "University")
            if o.key not in company_keys
        ]
        evidence = unit.context_evidence
    if len({o.key for o in companies}) > 1:
        companies = companies[:1]
    amount = attr.money(unit, follow=True)
    attributes = attr.clean(
        {
            "amount_gbp": amount["value"] if amount else None,
            "percent": attr.first_value(unit, "percent")
            or _followed(unit, "percent")
            or whole(unit),
            "shares": attr.first_value(unit, "shares") or _followed(unit, "shares"),
        }
    )
    found = [
        Found(RELATION, s, o, evidence, 0.7, dict(attributes)) for s, o in pairs(holders, companies)
    ]
    return _own_percents(unit, found, holders)


def _own_percents(unit: Unit, found: list[Found], holders: list[Occ]) -> list[Found]:
    """ "Evotec held 11.2 per cent, and Novo Holdings 10.5 per cent": with a percentage
    (or a number of shares) for each holder, each holder has its own."""
    named = one_per_entity(holders)
    by_key = {o.key: o for o in named}
    for kind in ("percent", "shares"):
        if len(named) < 2 or len(unit.quantities_of(kind)) < len(named):
            continue
        for f in found:
            holder = by_key.get(f.subject)
            share = attr.own_sum(unit, holder, named, kind) if holder else None
            if share is not None:
                f.attributes[kind] = share["value"]
    return found


ORIGIN = re.compile(r"^(?:'s|’s)?\s*(?:spin-?outs?|spin-?offs?|spun[- ]out)\b", re.I)


def names_origin(unit: Unit, occ: Occ) -> bool:
    """ "the University of Oxford spin-out", "an Imperial spin-off": the name says where
    the company came from, not who holds its shares (the guidelines' spin-out rule)."""
    end = unit.doc[occ.end - 1].idx + len(unit.doc[occ.end - 1].text)
    return bool(ORIGIN.match(state.doc_text(unit.doc)[end : end + 20]))


HOLDING_LEMMAS = {"own", "hold"}


def _holding_subjects(unit: Unit, any_kind: bool = False) -> set[str]:
    """The bodies named in the subject of "own"/"hold" in this statement, when firms are
    listed there with other kinds of holder."""
    out: set[str] = set()
    for token in unit.sent:
        if token.lemma_.lower() not in (*HOLDING_LEMMAS, "have"):
            continue
        for subject in (c for c in token.children if c.dep_ == "nsubj"):
            named = occs_in_phrase(unit, subject)
            if any_kind or any(o.type != "Company" for o in named):  # a firm listed with trusts
                out |= {o.key for o in named}
    return out


def _holds_by_verb(unit: Unit, person: Occ) -> bool:
    """A person holds shares only when the text says so of them ("X owns 10%", "X holds
    shares"), not when shares are named near them ("the board, chaired by X")."""
    root = unit.doc[person.start : person.end].root
    while root.dep_ in ("conj", "appos") and root.head is not root:
        root = root.head
    verbs = (*HOLDING_LEMMAS, "have", "keep")
    if any(c.dep_ == "relcl" and c.lemma_.lower() in verbs for c in root.children):
        return True  # "Lord Drayson, who with his wife held about 22.8 per cent"
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in verbs


REGISTER_LEAD = re.compile(r"\b(shareholders?|holders|stakes?|holdings?|investors)\b", re.I)


def _register_holders(unit: Unit) -> list[Found]:
    """A register of holders: list items under "The other significant shareholders are:"
    ("- Jefferson River Capital LLC, with 8,533,280 shares (8.5%);"), or holders of "the
    shares" named one after another ("A owns 6,485,582 of the shares, B has 2,812,794"):
    each named holder holds the company the text is about, with its own numbers."""
    if unit.is_item:
        lead = unit.lead_in.text if unit.lead_in is not None else ""
        if not REGISTER_LEAD.search(lead):
            return []
        holders = [o for o in unit.of(*HOLDER_TYPES) if o.named][:1]
    else:
        if "of the shares" not in unit.text and "of its shares" not in unit.text:
            return []
        holders = [
            o for o in unit.of(*HOLDER_TYPES) if o.key in _holding_subjects(unit, any_kind=True)
        ]
    held = unit.focus_of("Company") + unit.context_of("Company") + most_named(unit, ("Company",))
    held = [o for o in held if o.key not in {h.key for h in holders}]
    if not holders or not held:
        return []
    named = one_per_entity(holders)
    out = []
    for h in named:
        attributes = {}
        for kind in ("shares", "percent"):
            q = (
                attr.own_sum(unit, h, named, kind)
                if len(named) > 1
                else attr.money_near(unit, unit.doc[h.start].idx, kind)
            )
            if q is not None:
                attributes[kind] = q["value"]
        out.append(Found(RELATION, h.key, held[0].key, unit.evidence, 0.6, attributes))
    return out


def _followed(unit: Unit, kind: str):
    q = attr.followed(unit, kind)
    return q["value"] if q else None
