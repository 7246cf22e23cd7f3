"""``data_sharing``: organisation that provides patient data → organisation that receives it.

Cue: a data word ("data", "records", "scans", "patient details") with a verb or noun of
giving ("share", "provide", "hand", "give … access", "access to", "analyse", "reach"), or
"data-sharing"; or a verb of taking ("receive", "obtain", "sent") whose object is data
("will receive anonymised slides from the trust", "records … were sent to X"). The NHS
side provides, the company or university receives. ``records`` is the number of patients
or records stated in the sentence (or the one before it).
"""

from __future__ import annotations

import re

from ingest.extract.rules import attributes as attr
from ingest.extract.rules import frames as grammar
from ingest.extract.rules import members
from ingest.extract.rules.cues import Found, in_modifier_of, pairs, stated, stated_cue
from ingest.extract.rules.units import (
    NHS_TYPES,
    PARTNER_TYPES,
    Unit,
    occ_of_token,
    occs_in_phrase,
)

RELATION = "data_sharing"
DATA = re.compile(
    r"\b(data|records|scans|images|x-rays|mammograms|slides|samples|patient (?:details|"
    r"information)|information on|datasets?)\b",
    re.I,
)
CUE = re.compile(
    r"\b(data[- ]sharing|shar(?:e|es|ed|ing)|provid(?:e|es|ed|ing)|hand(?:s|ed|ing)? (?:over )?|"
    r"access to|analy[sz](?:e|es|ed|ing)|transferr?(?:ed|ing)?|pass(?:es|ed)? (?:on )?to|"
    r"reach(?:es|ed)?|suppl(?:y|ies|ied)|gave|give[sn]?|giving|covers|made available|"
    r"make available)\b",
    re.I,
)


TAKING_VERBS = {"receive", "obtain", "send", "release", "get"}


def taking(unit: Unit):
    """ "Owkin will receive anonymised slides from the trust": data is what is taken."""
    for token in unit.sent:
        if token.pos_ == "VERB" and token.lemma_.lower() in TAKING_VERBS and stated(token):
            for child in token.children:
                taken = child.dep_ in ("dobj", "nsubjpass", "dative") or (
                    child.dep_ == "prep" and child.lower_ in ("to", "of", "on")
                )
                if taken and DATA.search(" ".join(t.text for t in child.subtree)):
                    return token
    return None


# verbs whose subject gives data to a recipient ("NHS Digital handed the Home Office the
# addresses", "the trust shared records with X", "X was given HES data by Y")
GIVING_VERBS = {
    "hand",
    "give",
    "pass",
    "provide",
    "supply",
    "share",
    "send",
    "transfer",
    "release",
    "sell",
    "disclose",
    "hand over",
    "make",
    "grant",
    "forward",
    "upload",
    "allow",
}
# verbs whose subject takes data from a provider ("X obtained HES data from Y")
TAKING_FROM_VERBS = {"obtain", "receive", "get", "acquire", "buy", "access", "request", "take"}
RECIPIENT_PREPS = {"to", "with"}
# what a giving verb's object may be: data words, and a few more a verb makes clear
DATA_OBJECT = re.compile(
    DATA.pattern + r"|\b(addresses|statistics|information|details|histories|notes|files|"
    r"genomes?|scans)\b",
    re.I,
)
PROVIDER_PREPS = {"from", "by"}


def frames(unit: Unit) -> list[Found]:
    """Giver and receiver read from the verb, whatever their types: "X handed Y the
    addresses", "Y had been given 13 years of HES by X", "data Y obtained from X", "data
    on 1.6 million patients was transferred to Y"."""
    out = []
    for verb in unit.sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or not stated(verb):
            continue
        giving, taking_ = lemma in GIVING_VERBS, lemma in TAKING_FROM_VERBS
        if not (giving or taking_) or not _about_data(verb):
            continue
        giver = receiver = None
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        for child in verb.children:
            occ = _occ_of(unit, child)
            if child.dep_ == "nsubj":
                if giving:
                    giver = occ
                else:
                    receiver = occ
            elif child.dep_ == "nsubjpass" and giving and occ is not None:
                receiver = occ  # "Y had been given …"
            elif child.dep_ == "dative" and child.lower_ in RECIPIENT_PREPS and giving:
                receiver = receiver or _pobj_occ(unit, child)  # "given … to X"
            elif child.dep_ in ("dative", "dobj") and giving and occ is not None:
                if child.dep_ == "dative" or not DATA_OBJECT.search(child.text):
                    receiver = receiver or occ
            elif child.dep_ == "agent":
                giver = _pobj_occ(unit, child)
            elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS and giving:
                receiver = receiver or _pobj_occ(unit, child)
            if child.dep_ == "dobj" and giving and receiver is None:
                # "shared the addresses of patients with the Home Office"
                for t in child.subtree:
                    if t.dep_ == "prep" and t.lower_ in RECIPIENT_PREPS:
                        receiver = receiver or _pobj_occ(unit, t)
            elif child.dep_ == "prep" and child.lower_ in PROVIDER_PREPS and taking_:
                giver = giver or _pobj_occ(unit, child)
        if receiver is not None and giver is None and passive:
            context = unit.context_of("Trust") or unit.of("Trust")
            giver = context[0] if len({o.key for o in context}) == 1 else None
        out += shared(unit, giver, receiver, 0.7)
    return out


def shared(unit: Unit, giver, receiver, confidence: float) -> list[Found]:
    """The relation, with the records the statement counts, when both sides are known."""
    if giver is None or receiver is None or giver.key == receiver.key:
        return []
    records, dataset = attr.records(unit)
    attributes = attr.clean({"records": records, "dataset": dataset})
    return [Found(RELATION, giver.key, receiver.key, unit.evidence, confidence, attributes)]


# Verbs of working on data for its holder: "Palantir will process patient data on behalf
# of NHS England"; of using it: "data held by NHS Digital was used by researchers at X";
# of letting another use it: "NHS England will let Palantir access patient data".
PROCESSING = {"process", "analyse", "analyze", "host", "store", "handle", "manage"}
USING_DATA = {"use", "analyse", "analyze", "access", "study", "mine"}
LETTING = {"let", "allow", "permit", "enable"}


def indirect(unit: Unit) -> list[Found]:
    """Data handled for, used from or let out by its holder (see the verb lists)."""
    out = []
    for verb in unit.sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or not stated(verb):
            continue
        giver = receiver = None
        if lemma in PROCESSING and _about_data(verb):
            receiver = _subject_occ(unit, verb)
            giver = _behalf_of(unit, verb)
        elif lemma in USING_DATA and grammar.is_passive(verb) and _about_data(verb):
            # "used by researchers at the University of Oxford": the body the agent names
            agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children]
            found = [o for g in agents if g.dep_ == "pobj" for o in grammar.occ_at(unit, g)]
            receiver = found[0] if found else None
            data = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            giver = _held_by(unit, data) if data is not None else None
        elif lemma in LETTING:
            giver = _subject_occ(unit, verb)
            for comp in verb.children:
                if (
                    comp.dep_ in ("ccomp", "xcomp")
                    and comp.lemma_.lower() in USING_DATA
                    and _about_data(comp)
                ):
                    who = grammar.subject_of(comp) or next(
                        (c for c in verb.children if c.dep_ == "dobj"), None
                    )
                    receiver = _occ_of(unit, who) if who is not None else None
        out += shared(unit, giver, receiver, 0.65)
    return out


def _subject_occ(unit: Unit, verb):
    subject = grammar.subject_of(verb)
    return _occ_of(unit, subject) if subject is not None else None


def _behalf_of(unit: Unit, verb):
    """ "on behalf of X" or "for X" on the verb."""
    for prep, pobj in grammar.preps_of(verb):
        if prep == "on" and pobj.lower_ == "behalf":
            return next((_pobj_occ(unit, c) for c in pobj.children if c.lower_ == "of"), None)
        if prep == "for":
            occ = _occ_of(unit, pobj)
            if occ is not None and occ.type in NHS_TYPES:
                return occ
    return None


def _held_by(unit: Unit, data):
    """The holder of "data … held by X" (or "X's data", "data from X")."""
    found = []
    for token in data.subtree:
        if token.dep_ == "acl" and token.lemma_.lower() in ("hold", "collect", "keep"):
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            found.append(_pobj_occ(unit, agent) if agent is not None else None)
        if token.dep_ == "prep" and token.lower_ == "from" and token.head == data:
            found.append(_pobj_occ(unit, token))
    return next((o for o in found if o is not None), None)


def _about_data(verb) -> bool:
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "dative", "prep", "attr") and DATA_OBJECT.search(
            " ".join(t.text for t in child.subtree)
        ):
            return True
    # "HES data it had obtained from …"
    return bool(verb.dep_ in ("relcl", "acl") and DATA_OBJECT.search(verb.head.text))


def _occ_of(unit: Unit, token):
    return occ_of_token(unit, token, ("relcl", "acl"))


def _pobj_occ(unit: Unit, prep):
    for grand in prep.children:
        if grand.dep_ == "pobj":
            return _occ_of(unit, grand)
    return None


ACCESS_VERBS = {"give", "grant", "gain", "get", "win", "receive", "allow", "have"}
HOLDER_TYPES = ("Trust", "GovernmentBody", "Charity", "Other", "University", "Company")


def access_granted(unit: Unit) -> list[Found]:
    """ "A and B were granted access to the data", "Among the companies given access were A
    and B": each one named receives data from the body whose data it is (named after
    "access to", else the one holder the sentence before names)."""
    out: list[Found] = []
    for noun in unit.sent:
        if noun.lower_ != "access" or noun.dep_ not in (
            "dobj",
            "nsubjpass",
            "attr",
            "oprd",
            "pobj",
        ):
            continue
        if noun.dep_ == "pobj" and not (noun.head.dep_ == "acl" and noun.head.pos_ == "VERB"):
            continue  # "given access" parsed as a participle and its object only
        verb = noun.head  # a verb, or the participle of "companies given access"
        if verb.lemma_.lower() not in ACCESS_VERBS or not stated(verb):
            continue
        receivers = _access_receivers(unit, verb)
        holder = _access_holder(unit, noun, receivers)
        for receiver in receivers:
            out += shared(unit, holder, receiver, 0.6)
    return out


def _access_receivers(unit: Unit, verb):
    if verb.dep_ in ("acl", "relcl"):
        # "Among the companies given access were A and B": the copula's subject
        node = verb.head
        while node.dep_ in ("pobj", "prep") and node.head is not node:
            node = node.head
        names = [c for c in node.children if c.dep_ in ("nsubj", "attr")]
    else:
        names = [c for c in verb.children if c.dep_ in ("nsubjpass", "dative", "nsubj")]
        if verb.lemma_.lower() in ("give", "grant", "allow") and any(
            c.dep_ == "nsubj" for c in verb.children
        ):
            names = [c for c in verb.children if c.dep_ == "dative"]  # X gave Y access
    found = []
    for name in names:
        found += [o for o in occs_in_phrase(unit, name) if o.type != "Person"]
        if members.members_word(name):
            found += members.members_of(unit)  # "members will be given access to …"
    return [o for o in found if not in_modifier_of(o, unit, found)]


def _access_holder(unit: Unit, noun, receivers):
    taken = {o.key for o in receivers}
    for token in noun.subtree:
        if token.dep_ == "prep" and token.lower_ == "to":
            inside = occs_in_phrase(unit, token)
            if inside and inside[0].key not in taken:
                return inside[0]
    verb = noun.head
    giver = next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
    if giver is not None and verb.lemma_.lower() in ("give", "grant", "allow"):
        occ = _occ_of(unit, giver) if giver.dep_ == "nsubj" else _pobj_occ(unit, giver)
        if occ is not None and occ.key not in taken:
            return occ
    owner = [o for o in members.members_owner(unit) if o.key not in taken]
    if owner and any(r in members.members_of(unit) for r in receivers):
        return owner[0]  # the body whose group the members are gives them its data
    holders = [o for o in unit.context_of(*HOLDER_TYPES) if o.key not in taken]
    return holders[0] if len({o.key for o in holders}) == 1 else None


SUPPLIER_NOUNS = {"supplier", "provider", "source"}


def data_suppliers(unit: Unit) -> list[Found]:
    """ "TPP was the first supplier of electronic record data to the biobank": the subject
    the noun is said of gives the data to the body after "to"."""
    out: list[Found] = []
    for noun in unit.sent:
        if noun.lemma_.lower() not in SUPPLIER_NOUNS or noun.dep_ != "attr":
            continue
        preps = {c.lower_: c for c in noun.children if c.dep_ == "prep"}
        of, to = preps.get("of"), preps.get("to")
        if of is None or to is None or not DATA_OBJECT.search(" ".join(t.text for t in of.subtree)):
            continue
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        giver = _occ_of(unit, subject) if subject is not None else None
        out += shared(unit, giver, _pobj_occ(unit, to), 0.6)
    return out


def find(unit: Unit) -> list[Found]:
    accessed = access_granted(unit) or data_suppliers(unit)
    if accessed:
        return accessed
    framed = (frames(unit) or indirect(unit)) if unit.search(DATA_OBJECT) else []
    if framed:
        return framed
    if not unit.search(DATA):
        return []
    cue = stated_cue(unit, CUE) or taking(unit)
    if cue is None:
        return []
    providers, receivers = unit.of(*NHS_TYPES), unit.of(*PARTNER_TYPES)
    evidence, confidence = unit.evidence, 0.7
    if providers and not receivers:
        receivers = unit.context_of(*PARTNER_TYPES)
        evidence, confidence = unit.context_evidence, 0.5
    elif receivers and not providers:
        providers = unit.context_of(*NHS_TYPES)
        evidence, confidence = unit.context_evidence, 0.5
    receivers = [o for o in receivers if not in_modifier_of(o, unit, receivers)]
    providers = [o for o in providers if o.type == "Trust" or o.key == "gaz:nhs-digital"] or [
        o for o in providers if o.type == "Other"
    ]
    records, dataset = attr.records(unit)
    attributes = attr.clean({"records": records, "dataset": dataset})
    return [
        Found(RELATION, s, o, evidence, confidence, dict(attributes))
        for s, o in pairs(providers, receivers)
    ]
