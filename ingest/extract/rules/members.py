"""Members of a group a body forms: "The members are AbbVie, Alexion and Biogen", "its
members include A and B". Each member partners the body that formed the group (named as
its owner, else the body the text is about), and "members" elsewhere in the text ("members
will be given access to the genomes") stands for the same list. Found once per document
(``prepare``); read by ``partnership`` and ``data_sharing``.
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest.extract.rules.units import Occ, Unit, most_named, occ_of_token

MEMBER_NOUNS = {"member", "participant"}
LISTING = {"be", "include", "comprise"}
OWNER_TYPES = ("Trust", "GovernmentBody", "Company", "Charity", "University", "Other")


def prepare(units: list[Unit]) -> None:
    members: list[Occ] = []
    owner: list[Occ] = []
    for unit in units:
        listed = listed_members(unit)
        if listed:
            members = listed
            owner = _owner(unit, listed)
            unit.extra["lists_members"] = True
            break
    for unit in units:
        unit.extra["members"] = members
        unit.extra["members_owner"] = owner


def listed_members(unit: Unit) -> list[Occ]:
    for noun in unit.sent:
        if noun.lemma_.lower() not in MEMBER_NOUNS or noun.tag_ != "NNS":
            continue
        if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in LISTING:
            verb = noun.head
            # bodies only: people listed as a panel's members hold seats, not partnerships
            return [
                o
                for o in unit.occs
                if o.start > verb.i and o.named and o.type != "Person" and _plain(unit, o)
            ]
    return []


def _plain(unit: Unit, occ: Occ) -> bool:
    """Not a name inside what is said of a member ("…, the Belgian drug maker UCB")."""
    token = unit.doc[occ.start : occ.end].root
    return token.dep_ not in ("pobj", "poss")


def _owner(unit: Unit, members: list[Occ]) -> list[Occ]:
    """ "X's members are …": X; else the body the text is about."""
    taken = {o.key for o in members}
    owners = [
        occ_of_token(unit, child)
        for noun in unit.sent
        if noun.lemma_.lower() in MEMBER_NOUNS
        for child in noun.children
        if child.dep_ == "poss"
    ]
    named = [o for o in owners if o is not None and o.key not in taken]
    return named[:1] or most_named(unit, OWNER_TYPES, taken)


def members_word(token: Token) -> bool:
    """ "members" standing for the group's members ("members will be given access")."""
    return token.lemma_.lower() in MEMBER_NOUNS and token.tag_ == "NNS"


def members_of(unit: Unit) -> list[Occ]:
    return list(unit.extra.get("members", []))


def members_owner(unit: Unit) -> list[Occ]:
    return list(unit.extra.get("members_owner", []))
