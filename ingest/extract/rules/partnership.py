"""``partnership``: NHS organisation → partner (research collaboration, agreement, pilot, JV).

Cue: a partnership word ("partnership", "collaboration", "agreement", "memorandum of
understanding", "joint venture", "pilot", "worked with", "partner of"). Every NHS-side
organisation of the statement pairs with every partner (a list of trusts gives one
relation each); a university or charity partnering a trust is the object; a university
partners the companies of its own clause. A statement naming only one side takes the other
from the sentence before or the list's lead-in, unless its cue names its parties itself
("in partnership with NHSX"). No relation from cue words inside names ("UCLPartners"),
from "the partnership" that only refers back to one told before, from a priced bare
"deal" (a purchase), or with a regulator or committee as the NHS side.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ingest.extract.rules import attributes as attr
from ingest.extract.rules import deals, deployments, frames, funders, investment, members
from ingest.extract.rules.cues import Found, cue_tokens, in_modifier_of, pairs, stated
from ingest.extract.rules.enumerations import enumerated
from ingest.extract.rules.regulatory_finding import REGULATORS
from ingest.extract.rules.trials import product_trials
from ingest.extract.rules.units import NHS_TYPES, PARTNER_TYPES, Occ, Unit

RELATION = "partnership"
CUE = re.compile(
    r"\b(partnerships?|partner(?:ed|ing|s)?\b(?! trusts? of)|collaborat\w+|agreements?|"
    r"memorandum of understanding|joint venture|pilot(?:s|ed|ing)?|deal|"
    r"work(?:s|ed|ing)? (?:together )?with|teamed up|agreed to work|signed up)\b",
    re.I,
)


EXPLICIT = re.compile(
    r"\b(partnership|partnered|collaborat\w+|joint venture|memorandum of understanding|"
    r"work(?:s|ed|ing)? (?:together )?with|teamed up)\b",
    re.I,
)
# Words that name no kind of deal on their own: with a price, a purchase.
GENERIC = re.compile(r"deals?|agreements?|arrangements?|signed", re.I)
# Prepositions by which a cue names its parties: "a partnership with X", "between X and Y".
PARTY_PREPS = ("with", "between", "among", "of", "alongside")
# Taking up a firm's product is working with the firm.
ADOPTION = re.compile(
    r"\b(adopt(?:s|ed|ing)?|roll(?:ed|ing)? out|deploy(?:s|ed|ing)?|introduc(?:e|ed|ing)|"
    r"us(?:e|es|ed|ing) (?:the|its|their) (?:app|software|system|tool|platform|technology)|"
    r"agreements? to use|signed up)\b",
    re.I,
)


def find(unit: Unit) -> list[Found]:
    if unit.extra.get("lists_members"):
        # "The members are A, B and C": each partners the body that formed the group
        return [
            Found(RELATION, owner.key, m.key, unit.evidence, 0.6, {})
            for owner in members.members_owner(unit)
            for m in members.members_of(unit)
            if m.key != owner.key
        ]
    group = enumerated(unit)
    if group is not None and CUE.search(group.text) and deals.RESEARCH.search(group.text):
        # "Trusts will pilot the tool with four firms. The partners are A, B, C and D."
        nhs = [o for o in group.counterparts if o.type in NHS_TYPES]
        return [
            Found(RELATION, n.key, p.key, unit.context_evidence, 0.55, {})
            for n in nhs
            for p in group.listed
            if p.key != n.key and p.type in PARTNER_TYPES
        ]
    found_cues = stated_cues(unit, CUE) or stated_cues(unit, ADOPTION)
    if not found_cues:
        return joint_work(unit) or tried_products(unit)
    if deals.is_procurement(unit) or paid_deal(unit, found_cues):
        return []
    if all(refers_back(unit, c) for c in found_cues):
        return []  # "The partnership replaced Viapath, …": told in an earlier sentence
    if all(GENERIC.fullmatch(c.text) for c in found_cues) and any(
        deals.supplier_so_far(unit, o) for o in unit.of(*PARTNER_TYPES)
    ):
        return []  # "The deal with Sectra was signed …" after "a contract with Sectra"
    nhs, partners = unit.of(*NHS_TYPES), unit.of(*PARTNER_TYPES)
    nhs = [o for o in nhs if o.key not in REGULATORS and not modifies_plural(unit, o)]
    partners = [o for o in partners if not in_modifier_of(o, unit, partners + nhs)]
    academic = [
        (u, c) for u in unit.of("University") for c in unit.of("Company") if same_clause(unit, u, c)
    ]
    evidence, confidence = unit.evidence, 0.75
    if nhs and not partners and not named_partner(unit, found_cues):
        # the partner of the sentence before; the document's firm only when the cue
        # names no party of its own ("in partnership with NHSX and the NIHR" does)
        partners = unit.context_of(*PARTNER_TYPES)[:1] or unit.focus_of("Company")
        evidence, confidence = unit.context_evidence, 0.55
    elif partners and not nhs and not academic:
        nhs = [o for o in unit.context_of(*NHS_TYPES) if o.key not in REGULATORS][:1]
        evidence, confidence = unit.context_evidence, 0.55
    nhs = [o for o in nhs if o.type != "GovernmentBody" or _national_partner(o, unit)]
    attributes = attr.clean(
        {
            "agreement": attr.agreement(unit),
            "start": attr.date(unit),
            "duration_years": attr.duration(unit),
        }
    )
    found = pairs(nhs, partners)
    # a university working with a firm is a partnership too, the university its subject
    # (both in one clause: "Glasgow's partners include Canon, and KCL agreed … with NVIDIA")
    found += [(u.key, c.key) for u, c in academic if (u.key, c.key) not in found]
    # "introduced the Oracle Cerner system": a record brought in was bought (a contract)
    if found:
        bought = {(b.key, s.key) for b, s in deployments.suppliers_in_use(unit)}
        found = [pair for pair in found if pair not in bought]
    return [Found(RELATION, s, o, evidence, confidence, dict(attributes)) for s, o in found]


def tried_products(unit: Unit) -> list[Found]:
    """ "Leeds will test Kheiron's Mia software": a pilot told without the word."""
    if deals.is_procurement(unit):
        return []
    seen: set[tuple[str, str]] = set()
    out = []
    for nhs, maker in product_trials(unit):
        if (nhs.key, maker.key) not in seen:
            seen.add((nhs.key, maker.key))
            out.append(Found(RELATION, nhs.key, maker.key, unit.evidence, 0.55, {}))
    return out


# Verbs of doing work that, done "with" another body, make the two partners.
JOINT_VERBS = {
    "work",
    "run",
    "lead",
    "co-lead",
    "host",
    "deliver",
    "develop",
    "co-develop",
    "conduct",
    "build",
    "design",
    "manage",
    "operate",
    "establish",
    "launch",
    "test",
    "trial",
    "study",
}
WITH = ("with", "alongside")


def joint_work(unit: Unit) -> list[Found]:
    """ "UCLH, which runs its research centre with UCL", "Mersey Care will work alongside
    Stanford", "run by NHS England together with Cancer Research UK", "Moorfields and the
    UCL Institute of Ophthalmology jointly lead the centre": work done together."""
    if deals.is_procurement(unit):
        return []
    out: list[tuple[Occ, Occ]] = []
    for verb in unit.sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in JOINT_VERBS or not stated(verb):
            continue
        doers = _doers(unit, verb)
        # "with Y" on the verb or on what is done ("runs its centre with UCL"); national
        # bodies working with each other are no partnership of this kind
        done = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        partners = [
            o
            for head in done
            for prep, pobj in frames.preps_of(head)
            if prep in WITH
            for o in frames.occ_at(unit, pobj)
            if o.type in (*PARTNER_TYPES, "Trust", "Other")
        ]
        if not partners and any(c.lower_ in ("jointly", "together") for c in verb.children):
            partners, doers = doers[1:], doers[:1]  # "A and B jointly lead"
            partners = [o for o in partners if o.type in (*PARTNER_TYPES, "Trust", "Other")]
        nhs = [o for o in doers if o.type in NHS_TYPES and o.key not in REGULATORS]
        out += [(n, p) for n in nhs for p in partners if p.key != n.key]
    seen: set[tuple[str, str]] = set()
    found = []
    for n, p in out:
        if (n.key, p.key) not in seen:
            seen.add((n.key, p.key))
            found.append(Found(RELATION, n.key, p.key, unit.evidence, 0.6, {}))
    return found


def _doers(unit: Unit, verb: Token) -> list[Occ]:
    """Who does the work: the subject, the agent of a passive ("run by NHS England"), or
    what a relative clause hangs from ("UCLH, which runs …")."""
    if frames.is_passive(verb):
        agents = [g for prep, g in frames.preps_of(verb) if prep == "by"]
        return [o for g in agents for o in frames.occ_at(unit, g)]
    subject = frames.subject_of(verb)
    return frames.occ_at(unit, subject) if subject is not None else []


def modifies_plural(unit: Unit, occ: Occ) -> bool:
    """ "Two NHS Scotland boards", "NHS England officials": the name only says whose the
    bodies or people are; they, not it, are the parties."""
    root = unit.doc[occ.start : occ.end].root
    return root.dep_ in ("compound", "nmod") and root.head.tag_ == "NNS" and root.head.is_lower


def stated_cues(unit: Unit, pattern: re.Pattern[str]) -> list[Token]:
    """The stated cue words of the statement, not those inside a name ("UCLPartners",
    "Imperial College Health Partners")."""
    named = [(o.start, o.end) for o in unit.occs if o.named]
    return [
        t
        for t in cue_tokens(unit, pattern)
        if not any(a <= t.i < b for a, b in named) and stated(t)
    ]


def refers_back(unit: Unit, cue: Token) -> bool:
    """ "The partnership", "the deal" with no party of its own (no "with/between/of X", no
    "X's"): the sentence goes on about a partnership told before."""
    if cue.pos_ not in ("NOUN", "PROPN"):
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in cue.children):
        return False
    for child in cue.children:
        if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in PARTY_PREPS):
            return False
        if child.dep_ in ("compound", "amod") and frames.occ_at(unit, child, deep=False):
            return False
    if cue.dep_ in ("nsubj", "nsubjpass", "dobj"):
        # "The collaboration began in 2019 with NHS Grampian": the verb names a party
        for prep, pobj in frames.preps_of(cue.head):
            if prep in PARTY_PREPS and frames.occ_at(unit, pobj):
                return False
    return True


def named_partner(unit: Unit, cues: list[Token]) -> bool:
    """A cue names its partner in the sentence ("with X", "between X and Y")."""
    for cue in cues:
        for prep, pobj in frames.preps_of(cue):
            if prep in PARTY_PREPS and frames.occ_at(unit, pobj):
                return True
        for child in cue.children:
            if child.dep_ == "prep" and child.lower_ == "in":  # "in partnership with X"
                for g in child.children:
                    if g.dep_ == "pobj" and named_partner(unit, [g]):
                        return True
    return False


def paid_deal(unit: Unit, cues: list[Token]) -> bool:
    """ "signs £49,995 cyber security deal": a bare deal with a price is a purchase."""
    if deals.is_research(unit) or any(EXPLICIT.search(c.text) for c in cues):
        return False
    return attr.money(unit) is not None and all(GENERIC.fullmatch(c.text) for c in cues)


def same_clause(unit: Unit, a: Occ, b: Occ) -> bool:
    return _verb_of(unit.doc[a.start : a.end].root) == _verb_of(unit.doc[b.start : b.end].root)


def _verb_of(token: Token) -> int:
    """The index of the verb whose clause holds the token (through any list of names)."""
    node = token
    for _ in range(40):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    return node.i


def _national_partner(occ: Occ, unit: Unit) -> bool:
    """A national body is a partner only when the text says so outright, not when it
    funds, regulates or merely runs a programme."""
    if occ.key in REGULATORS or occ.identifiers_ods:
        return occ.key not in REGULATORS
    if funders.is_funder(occ, unit) or unit.search(investment.MONEY_VERBS):
        return False
    return bool(unit.search(EXPLICIT))
