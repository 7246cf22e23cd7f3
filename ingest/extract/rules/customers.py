"""Customers named as such: "its customers include A and B", "Accurx's clients include A",
"A, another customer, uses it", "A and B are among its customers", "A and B are the
customers affected". Each customer buys from the firm whose customers they are (the
possessor, else the company the document is about): a ``contract`` with the customer as
buyer, told without any word of buying.
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest.extract.rules.cues import stated
from ingest.extract.rules.units import Occ, Unit, occ_of_token, occs_in_phrase

CUSTOMER_NOUNS = {"customer", "client"}
LISTING = {"include", "be", "comprise"}
BUYER_TYPES = ("Trust", "GovernmentBody", "Company", "University", "Charity", "Other")


def customer_pairs(unit: Unit) -> list[tuple[Occ, Occ]]:
    """(customer, supplier) pairs the statement names."""
    out: list[tuple[Occ, Occ]] = []
    for token in unit.sent:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in CUSTOMER_NOUNS:
            continue
        if not stated(token):
            continue
        customers = _customers(unit, token)
        supplier = _supplier(unit, token, customers)
        if supplier is None:
            continue
        out += [(c, supplier) for c in customers if c.key != supplier.key]
    return out


def _customers(unit: Unit, noun: Token) -> list[Occ]:
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in LISTING:
        # "its customers include A and B"
        return [o for c in head.children if c.dep_ in ("dobj", "attr") for o in _within(unit, c)]
    if noun.dep_ == "attr" and head.lemma_.lower() == "be":
        # "A and B are the customers caught up in the incident", "A is a client"
        return [o for c in head.children if c.dep_ == "nsubj" for o in _within(unit, c)]
    if noun.dep_ == "pobj" and head.lower_ == "among" and head.head.lemma_.lower() == "be":
        # "A and B are among its customers"
        return [o for c in head.head.children if c.dep_ == "nsubj" for o in _within(unit, c)]
    if noun.dep_ == "appos":
        # "The drug maker AstraZeneca, another customer, uses it"
        occ = occ_of_token(unit, noun.head)
        return [occ] if occ is not None else []
    return []


def _supplier(unit: Unit, noun: Token, customers: list[Occ]) -> Occ | None:
    taken = {o.key for o in customers}
    for child in noun.children:
        if child.dep_ == "poss":
            occ = occ_of_token(unit, child)
            if occ is not None and occ.type == "Company":
                return occ
    firms = [o for o in unit.context_of("Company") + unit.focus_of("Company") if o.key not in taken]
    return firms[0] if firms else None


def _within(unit: Unit, token: Token) -> list[Occ]:
    """Every named body in a phrase, but not the places it names them with ("Mount Sinai
    Health System in New York")."""
    return [o for o in occs_in_phrase(unit, token) if o.type in BUYER_TYPES]
