"""Ownership told by a purchase or a description, for ``equity_stake``.

"Google bought DeepMind", "bought by Google", "X's acquisition of Y", "owned by X": the
buyer or owner holds the company. "GV, Alphabet's venture capital arm", "Cancer Research
Technology, the commercial arm of Cancer Research UK", "X, which is now part of Y", "a
subsidiary of": the body a company is described as belonging to holds it. Buying a firm's
goods ("Kheiron's software was bought by the trust") is no takeover.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ingest.extract.rules import attributes as attr
from ingest.extract.rules.cues import Found, stated, stated_cue
from ingest.extract.rules.units import Occ, Unit, occ_of_token

RELATION = "equity_stake"
ACQUIRE = re.compile(
    r"\b(bought|buys?|buying|acquir(?:e|es|ed|ing)|acquisition of|took over|taken over|"
    r"takeover of|purchased|purchase of)\b",
    re.I,
)
SUBSIDIARY = re.compile(r"\b(?:subsidiary|arm|division|offshoot) of\b", re.I)
OWNERSHIP = re.compile(r"\b(own(?:s|ed|er)?|parent|takeover|took over|taken over)\b", re.I)


# What is bought when a firm's goods are bought, not the firm.
PRODUCT_NOUNS = {
    "software",
    "system",
    "systems",
    "platform",
    "app",
    "tool",
    "tools",
    "technology",
    "product",
    "products",
    "service",
    "services",
    "licence",
    "license",
    "device",
    "devices",
    "scanner",
    "scanners",
    "robot",
    "robots",
    "kit",
    "equipment",
}


def listed_occs(unit: Unit, token: Token | None) -> list[Occ]:
    """The entities a noun phrase names: itself (every member of "the two trusts") and
    the names conjoined or in apposition with it."""
    if token is None:
        return []
    out = occs_at(unit, token)
    for child in token.children:
        if child.dep_ in ("conj", "appos"):
            out += listed_occs(unit, child)
    return out


def occs_at(unit: Unit, token: Token) -> list[Occ]:
    if token.lower_ in ("which", "that", "who") and token.head.dep_ == "relcl":
        token = token.head.head
    inside = [o for o in unit.occs if o.start <= token.i < o.end]
    if inside:
        return inside
    return [o for o in unit.occs if token.left_edge.i <= o.start and o.end <= token.i + 1][-1:]


ACQUIRE_LEMMAS = {"buy", "acquire", "purchase", "own", "absorb"}
ACQUIRE_NOUNS = {"acquisition", "takeover", "purchase", "owner", "parent"}
TAKEOVER_WORDS = {"buy", "acquire", "purchase", "absorb", "take", "acquisition", "takeover"}


def acquisitions(unit: Unit) -> list[Found]:
    """ "Google bought DeepMind", "bought by Google", "X's acquisition of Y", "owned by X"."""
    if stated_cue(unit, ACQUIRE) is None and not unit.search(OWNERSHIP):
        return []
    out = []
    for token in unit.sent:
        lemma = token.lemma_.lower()
        pair = None
        if token.pos_ == "VERB" and (lemma in ACQUIRE_LEMMAS or _took_over(token)):
            pair = _verb_pair(unit, token)
        elif token.pos_ == "NOUN" and (lemma in ACQUIRE_NOUNS or _parent_company(token)):
            pair = _noun_pair(unit, token)
        if pair is None or not stated(token):
            continue
        buyer, bought = pair
        if bought.type != "Company":
            continue
        amount = attr.money(unit) if token.lemma_.lower() != "own" else None
        attributes = attr.clean(
            {"amount_gbp": amount["value"] if amount else None, "percent": whole(unit)}
        )
        for b in [buyer, *_co_buyers(unit, token, buyer)]:
            if b.key != bought.key:
                out.append(
                    Found(
                        RELATION,
                        b.key,
                        bought.key,
                        unit.evidence,
                        0.7,
                        dict(attributes),
                        takeover=lemma in TAKEOVER_WORDS,
                    )
                )
    return out


WHOLLY = re.compile(
    r"\b(wholly[- ]owned|wholly owns|owns? (?:it |them )?outright|owned outright|all (?:of )?"
    r"the shares|100 per ?cent of the shares|(?:sole|only) (?:owner|shareholder|member))\b",
    re.I,
)


def whole(unit: Unit) -> int | None:
    """100 when the statement says the holder owns the company outright."""
    return 100 if unit.search(WHOLLY) else None


def _co_buyers(unit: Unit, verb: Token, buyer: Occ) -> list[Occ]:
    """ "jointly owned by the two trusts and Serco": every owner the agent names."""
    for child in verb.children:
        if child.dep_ in ("agent", "nsubj"):
            target = (
                child
                if child.dep_ == "nsubj"
                else next((g for g in child.children if g.dep_ == "pobj"), None)
            )
            found = [o for o in listed_occs(unit, target) if o.key != buyer.key]
            if found:
                return found
    return []


def _parent_company(token: Token) -> bool:
    return token.lemma_.lower() in ("company", "firm", "group") and any(
        c.dep_ in ("compound", "amod") and c.lower_ == "parent" for c in token.children
    )


def _took_over(token: Token) -> bool:
    return token.lemma_.lower() == "take" and any(
        c.dep_ == "prt" and c.lower_ == "over" for c in token.children
    )


def _verb_pair(unit: Unit, verb: Token) -> tuple[Occ, Occ] | None:
    buyer = bought = None
    goods = False
    for child in verb.children:
        if child.dep_ == "nsubj":
            buyer = occ_of(unit, child)
        elif child.dep_ in ("dobj", "nsubjpass"):
            if child.lemma_.lower() in PRODUCT_NOUNS:
                # "Kheiron's software was bought by the trust": a purchase, unless a firm
                # is also the object ("to buy Ascribe, a supplier of … software", which
                # the parser can read as two objects)
                goods = True
                continue
            # "Another company it backed, Base Genomics, was bought by …": the name
            bought = bought or (
                occ_of(unit, child)
                or next((occ_of(unit, c) for c in child.children if c.dep_ == "appos"), None)
            )
        elif child.dep_ == "agent":
            buyer = next((occ_of(unit, g) for g in child.children if g.dep_ == "pobj"), None)
    if goods and bought is None:
        return None
    if bought is None and verb.dep_ == "xcomp" and _passive(verb):
        # "OrganOx has agreed to be bought by Terumo": the subject of the governing verb
        bought = next((occ_of(unit, c) for c in verb.head.children if c.dep_ == "nsubj"), None)
        if bought is not None and buyer is not None and bought.key == buyer.key:
            buyer = None
    if bought is None and verb.dep_ in ("acl", "relcl", "conj"):
        head = verb.head
        while head.dep_ == "conj" or (head.pos_ == "VERB" and head.dep_ in ("acl", "relcl")):
            head = head.head
        bought = occ_of(unit, head)
        if bought is None and head.dep_ == "appos":
            bought = occ_of(unit, head.head)  # "QE Facilities, a company wholly owned by …"
    if buyer is None and verb.dep_ in ("conj", "xcomp") and not _passive(verb):
        buyer = next((occ_of(unit, c) for c in verb.head.children if c.dep_ == "nsubj"), None)
    return (buyer, bought) if buyer is not None and bought is not None else None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "agent") for c in verb.children)


def _noun_pair(unit: Unit, noun: Token) -> tuple[Occ, Occ] | None:
    buyer = bought = None
    for child in noun.children:
        if child.dep_ == "poss":
            occ = occ_of(unit, child) or _its(unit, child)
            if _owning(noun):
                bought = occ
            else:
                buyer = occ
        elif child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if any(g.lemma_.lower() in PRODUCT_NOUNS for g in objects):
                return None  # "its purchase of Cerner software": goods, not the firm
            bought = next((occ_of(unit, g) for g in objects), None)
        elif child.dep_ == "prep" and child.lower_ == "by":
            buyer = next((occ_of(unit, g) for g in child.children if g.dep_ == "pobj"), None)
    if _owning(noun) and buyer is None:
        buyer = _described(unit, noun)  # "Alphabet, the parent of Google"
    return (buyer, bought) if buyer is not None and bought is not None else None


def _its(unit: Unit, pronoun: Token) -> Occ | None:
    """ "It is Oracle's largest deal, dwarfing its purchase of NetSuite": a possessive
    pronoun the resolver left alone is the last organisation named before it."""
    if pronoun.lower_ not in ("its", "their"):
        return None
    before = [o for o in unit.occs if o.end <= pronoun.i and o.type != "Person"]
    return before[-1] if before else None


def _owning(noun: Token) -> bool:
    return noun.lemma_.lower() in ("owner", "parent") or _parent_company(noun)


def occ_of(unit: Unit, token: Token) -> Occ | None:
    return occ_of_token(unit, token)


# A body's own company, described by what it is to its owner: "GV, Alphabet's venture
# capital arm", "Oxford University Innovation, the university's commercialisation arm".
ARM_NOUNS = {"arm", "subsidiary", "division", "offshoot"}
# Nouns that name an owned company only with a word saying so ("its trading company").
OWNED_NOUNS = {"company", "unit", "business", "vehicle", "firm"}
OWNED_MODIFIERS = {
    "wholly-owned",
    "owned",
    "commercialisation",
    "commercialization",
    "trading",
    "subsidiary",
}


def subsidiaries(unit: Unit) -> list[Found]:
    """ "X, Y's venture arm", "X, the commercial arm of Y", "X is a subsidiary of Y": Y
    holds X, whatever kind of body Y is (a charity's or university's company too)."""
    return _described_subsidiaries(unit) or _subsidiary_of(unit)


def _described_subsidiaries(unit: Unit) -> list[Found]:
    out = []
    for token in unit.sent:
        if not _arm_noun(token) or not stated(token):
            continue
        owned = _described(unit, token)
        owner = _owner_of(unit, token, owned)
        if owner is None or owned is None or owner.key == owned.key:
            continue
        if owned.type not in ("Company", "Other") or owner.type == "Person":
            continue
        if token.lemma_.lower() == "part" and (owner.type, owned.type) != ("Company", "Company"):
            continue  # "part of NHS England", "part of a consortium": no shares
        attributes = attr.clean({"percent": whole(unit)})
        out.append(Found(RELATION, owner.key, owned.key, unit.evidence, 0.7, dict(attributes)))
    return out


def _arm_noun(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if lemma in ARM_NOUNS:
        return True
    if lemma == "part":  # "Cable & Wireless, which is now part of Vodafone"
        return token.dep_ in ("attr", "appos") and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in token.children
        )
    words = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")}
    words |= {g.lower_ for c in token.children if c.dep_ == "amod" for g in c.children}
    return lemma in OWNED_NOUNS and bool(words & OWNED_MODIFIERS)


def _owner_of(unit: Unit, noun: Token, owned: Occ | None) -> Occ | None:
    """The owner a description names: "Alphabet's", "of Cancer Research UK", "the
    university's"; "its" is the last other organisation named before the owned one
    ("Babylon Group Holdings, and Babylon Partners, its AI research arm")."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ == "PRON":
            before = [
                o
                for o in unit.occs
                if o.end <= (owned.start if owned else child.i)
                and o.type != "Person"
                and (owned is None or o.key != owned.key)
            ]
            return before[-1] if before else None
        if child.dep_ == "poss":
            return occ_of(unit, child)
        if child.dep_ == "prep" and child.lower_ == "of":
            # "a division of the search company": a description, not a name, is too
            # easily the wrong body
            named = [occ_of(unit, g) for g in child.children if g.dep_ == "pobj"]
            return next((o for o in named if o is not None and o.named), None)
    return None


def _described(unit: Unit, noun: Token) -> Occ | None:
    """The name the description stands for: the name it is in apposition with, or the
    subject it is said of ("X is a subsidiary of Y")."""
    if noun.dep_ == "appos" or _parsed_as_list(noun):
        return occ_of(unit, noun.head)
    for child in noun.children:
        if child.dep_ == "appos":
            return occ_of(unit, child)
    if noun.dep_ == "attr":
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in ("which", "that"):
            # "the previous supplier, Cable & Wireless, which is now part of Vodafone": the
            # name just before the relative pronoun, however the parser attached it
            before = [o for o in unit.occs if subject.i - 2 <= o.end - 1 < subject.i]
            if before:
                return before[-1]
        return occ_of(unit, subject) if subject is not None else None
    return None


def _parsed_as_list(noun: Token) -> bool:
    """ "alongside GV, Alphabet's venture arm, and Sequoia": the parser makes the
    description a list member; a possessed description right after a name's comma is
    that name's."""
    if noun.dep_ != "conj" or noun.head.pos_ != "PROPN":
        return False
    before = noun.left_edge.i - 1
    return (
        before == noun.head.i + 1
        and noun.doc[before].text == ","
        and any(c.dep_ == "poss" for c in noun.children)
    )


def _subsidiary_of(unit: Unit) -> list[Found]:
    cue = stated_cue(unit, SUBSIDIARY)
    if cue is None:
        return []
    companies = unit.of("Company")
    before = [o for o in companies if o.end <= cue.i]
    after = [o for o in companies if o.start > cue.i and o.named]
    if not before or not after or after[0].key == before[-1].key:
        return []
    return [Found(RELATION, after[0].key, before[-1].key, unit.evidence, 0.7, {})]
