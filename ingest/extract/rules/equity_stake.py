"""``equity_stake``: holder → company whose shares it holds.

Two shapes. A stake: "a £5m equity stake in Sensyne Health is being taken by OUH", "each
received shares worth £5m", "held about 22.8 per cent of Sensyne": the company is the
object of "in"/"of" (else the one company named), the holders are the trusts, people or
other firms named with it (a list gives one relation each). An acquisition: "Google
bought DeepMind", "bought by Google", "eMed Healthcare UK, a subsidiary of eMed": the
buyer or parent holds the company. Attributes: ``amount_gbp`` (not a share price),
``percent``, ``shares``.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ingest.extract import state
from ingest.extract.rules import attributes as attr
from ingest.extract.rules.cues import Found, governing_prep, pairs, stated, stated_cue
from ingest.extract.rules.units import Occ, Unit, most_named, occ_of_token, one_per_entity

RELATION = "equity_stake"
STAKE = re.compile(
    r"\b(stakes?|shares|shareholdings?|shareholders?|equity|(?:issued|share) capital)\b", re.I
)
HOLDING = re.compile(r"\b(held|holds?|owns?|owned|holding)\b", re.I)
ACQUIRE = re.compile(
    r"\b(bought|buys?|buying|acquir(?:e|es|ed|ing)|acquisition of|took over|taken over|"
    r"takeover of|purchased|purchase of)\b",
    re.I,
)
SUBSIDIARY = re.compile(r"\b(?:subsidiary|arm|division|offshoot) of\b", re.I)
OWNERSHIP = re.compile(r"\b(own(?:s|ed|er)?|parent|takeover|took over|taken over)\b", re.I)
HOLDER_TYPES = ("Trust", "GovernmentBody", "Other", "Person", "University", "Charity", "Company")


def find(unit: Unit) -> list[Found]:
    return (acquisitions(unit) + subsidiaries(unit)) or shareholders(unit) or stakes(unit)


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
            holders += _listed(unit, token.head)
        elif token.dep_ == "attr":
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            holders += _listed(unit, subject) if subject is not None else []
        elif token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in LISTING_LEMMAS:
            holders += [
                h
                for c in token.head.children
                if c.dep_ in ("dobj", "attr")
                for h in _listed(unit, c)
            ]
        elif token.dep_ == "compound" and token.head.pos_ == "PROPN":
            holders += _listed(unit, token.head)  # "existing shareholders Tencent and …"
    if not holders and _they_shareholders(unit):
        verb = unit.sent.root
        holders = [h for c in verb.children if c.dep_ in ("dobj", "attr") for h in _listed(unit, c)]
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
                occ = _occ(unit, grand)
                if occ is not None and occ.type == "Company":
                    return occ
    return None


def _listed(unit: Unit, token: Token | None) -> list[Occ]:
    """The entities a noun phrase names: itself (every member of "the two trusts") and
    the names conjoined or in apposition with it."""
    if token is None:
        return []
    out = _occs_at(unit, token)
    for child in token.children:
        if child.dep_ in ("conj", "appos"):
            out += _listed(unit, child)
    return out


def _occs_at(unit: Unit, token: Token) -> list[Occ]:
    if token.lower_ in ("which", "that", "who") and token.head.dep_ == "relcl":
        token = token.head.head
    inside = [o for o in unit.occs if o.start <= token.i < o.end]
    if inside:
        return inside
    return [o for o in unit.occs if token.left_edge.i <= o.start and o.end <= token.i + 1][-1:]


def stakes(unit: Unit) -> list[Found]:
    cue = stated_cue(unit, STAKE)
    if cue is None and unit.quantities_of("percent"):
        cue = stated_cue(unit, HOLDING)
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
            lo, hi = subject.left_edge.i, subject.right_edge.i
            named = [o for o in unit.occs if lo <= o.start and o.end <= hi + 1]
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


ACQUIRE_LEMMAS = {"buy", "acquire", "purchase", "own", "absorb"}
ACQUIRE_NOUNS = {"acquisition", "takeover", "purchase", "owner", "parent"}
TAKEOVER_WORDS = {"buy", "acquire", "purchase", "absorb", "take", "acquisition", "takeover"}


def acquisitions(unit: Unit) -> list[Found]:
    """ "Google bought DeepMind", "bought by Google", "X's acquisition of Y", "owned by X"."""
    if stated_cue(unit, ACQUIRE) is None and not OWNERSHIP.search(unit.text):
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
    return 100 if WHOLLY.search(unit.text) else None


def _co_buyers(unit: Unit, verb: Token, buyer: Occ) -> list[Occ]:
    """ "jointly owned by the two trusts and Serco": every owner the agent names."""
    for child in verb.children:
        if child.dep_ in ("agent", "nsubj"):
            target = (
                child
                if child.dep_ == "nsubj"
                else next((g for g in child.children if g.dep_ == "pobj"), None)
            )
            found = [o for o in _listed(unit, target) if o.key != buyer.key]
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
    for child in verb.children:
        if child.dep_ == "nsubj":
            buyer = _occ(unit, child)
        elif child.dep_ in ("dobj", "nsubjpass"):
            if child.lemma_.lower() in PRODUCT_NOUNS:
                return None  # "Kheiron's software was bought by the trust": a purchase
            # "Another company it backed, Base Genomics, was bought by …": the name
            bought = _occ(unit, child) or next(
                (_occ(unit, c) for c in child.children if c.dep_ == "appos"), None
            )
        elif child.dep_ == "agent":
            buyer = next((_occ(unit, g) for g in child.children if g.dep_ == "pobj"), None)
    if bought is None and verb.dep_ in ("acl", "relcl", "conj"):
        head = verb.head
        while head.dep_ == "conj" or (head.pos_ == "VERB" and head.dep_ in ("acl", "relcl")):
            head = head.head
        bought = _occ(unit, head)
        if bought is None and head.dep_ == "appos":
            bought = _occ(unit, head.head)  # "QE Facilities, a company wholly owned by …"
    if buyer is None and verb.dep_ in ("conj", "xcomp"):
        buyer = next((_occ(unit, c) for c in verb.head.children if c.dep_ == "nsubj"), None)
    return (buyer, bought) if buyer is not None and bought is not None else None


def _noun_pair(unit: Unit, noun: Token) -> tuple[Occ, Occ] | None:
    buyer = bought = None
    for child in noun.children:
        if child.dep_ == "poss":
            occ = _occ(unit, child) or _its(unit, child)
            if _owning(noun):
                bought = occ
            else:
                buyer = occ
        elif child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if any(g.lemma_.lower() in PRODUCT_NOUNS for g in objects):
                return None  # "its purchase of Cerner software": goods, not the firm
            bought = next((_occ(unit, g) for g in objects), None)
        elif child.dep_ == "prep" and child.lower_ == "by":
            buyer = next((_occ(unit, g) for g in child.children if g.dep_ == "pobj"), None)
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


def _occ(unit: Unit, token: Token) -> Occ | None:
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
            return _occ(unit, child)
        if child.dep_ == "prep" and child.lower_ == "of":
            # "a division of the search company": a description, not a name, is too
            # easily the wrong body
            named = [_occ(unit, g) for g in child.children if g.dep_ == "pobj"]
            return next((o for o in named if o is not None and o.named), None)
    return None


def _described(unit: Unit, noun: Token) -> Occ | None:
    """The name the description stands for: the name it is in apposition with, or the
    subject it is said of ("X is a subsidiary of Y")."""
    if noun.dep_ == "appos" or _parsed_as_list(noun):
        return _occ(unit, noun.head)
    for child in noun.children:
        if child.dep_ == "appos":
            return _occ(unit, child)
    if noun.dep_ == "attr":
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in ("which", "that"):
            # "the previous supplier, Cable & Wireless, which is now part of Vodafone": the
            # name just before the relative pronoun, however the parser attached it
            before = [o for o in unit.occs if subject.i - 2 <= o.end - 1 < subject.i]
            if before:
                return before[-1]
        return _occ(unit, subject) if subject is not None else None
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
