"""A firm's system in use at an NHS body: the body bought it, a ``contract`` (buyer →
supplier) told without any word of buying.

Why: news about records and clinical systems names the supplier by where its system runs
("Epic is already live at Cambridge University Hospitals", "the Cerner record went live
at Barts", "Bradford runs a Cerner system", "uses software from Kheiron", "switched to
Cerner Millennium", "Careflow is used by Calderdale and Huddersfield"). The parse gives
the two sides: the NHS body is the subject of the verb of using (or what the system is
live "at"), the firm the system's maker (the noun's own modifier, "from X", or the
product's maker that ``products`` read). Pilots and trials are partnerships, not this.
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest.extract.rules import deals, frames
from ingest.extract.rules.units import NHS_TYPES, Occ, Unit, keys, one_per_entity

# Verbs whose NHS subject runs a system it bought.
USING = {"run", "use", "install", "implement", "switch", "operate", "migrate", "move"}
# Verbs of bringing a system in: a record or an EPR brought in was bought; a tool or an
# app brought in ("deployed Kheiron's Mia") is a partnership's, so these ask for a record.
INTRODUCING = {"introduce", "deploy", "roll"}
RECORD_NOUNS = {"system", "record", "records", "epr", "ehr", "pas"}
# Nouns for what a supplier's system is.
SYSTEM_NOUNS = {
    "system",
    "record",
    "records",
    "epr",
    "ehr",
    "software",
    "platform",
    "pas",
    "version",
    "solution",
}


def suppliers_in_use(unit: Unit) -> list[tuple[Occ, Occ]]:
    """(buyer, supplier) pairs of the systems the statement says are in use."""
    if deals.is_research(unit):
        return []
    out: list[tuple[Occ, Occ]] = []
    for token in unit.sent:
        if token.lower_ == "live" and token.head.lemma_.lower() in ("be", "go"):
            out += _live_at(unit, token.head)
        elif token.pos_ == "VERB" and token.lemma_.lower() in USING:
            out += _used(unit, token)
        elif token.pos_ == "VERB" and _introduces(token):
            out += _used(unit, token, records_only=True)
    seen: set[tuple[str, str]] = set()
    pairs = []
    for buyer, supplier in out:
        if (buyer.key, supplier.key) not in seen and buyer.key != supplier.key:
            seen.add((buyer.key, supplier.key))
            pairs.append((buyer, supplier))
    return pairs


def _live_at(unit: Unit, verb: Token) -> list[tuple[Occ, Occ]]:
    """ "Epic is live at A and B", "the Cerner record went live at Barts"."""
    subject = frames.subject_of(verb)
    if subject is None:
        return []
    makers = _makers(unit, subject)
    buyers = [
        o
        for prep, pobj in frames.preps_of(verb)
        if prep in ("at", "in", "across")
        for o in frames.occ_at(unit, pobj)
        if o.type in NHS_TYPES
    ]
    live = next((c for c in verb.children if c.lower_ == "live"), None)
    if live is not None:
        buyers += [
            o
            for prep, pobj in frames.preps_of(live)
            if prep in ("at", "in", "across")
            for o in frames.occ_at(unit, pobj)
            if o.type in NHS_TYPES
        ]
    pairs = [(b, m) for b in one_per_entity(buyers) for m in makers]
    return pairs + _live_with(unit, verb, subject, live)


def _live_with(
    unit: Unit, verb: Token, subject: Token, live: Token | None
) -> list[tuple[Occ, Occ]]:
    """ "Medway went live with the Sunrise EPR": the NHS subject runs the system named
    after "with"."""
    buyers = [o for o in frames.occ_at(unit, subject) if o.type in NHS_TYPES]
    if not buyers:
        return []
    heads = [verb] + ([live] if live is not None else [])
    things = [pobj for h in heads for prep, pobj in frames.preps_of(h) if prep == "with"]
    makers = [m for t in things for m in _makers(unit, t)]
    makers = [m for m in one_per_entity(makers) if m.key not in keys(buyers)]
    return [(b, m) for b in one_per_entity(buyers) for m in makers]


def _introduces(verb: Token) -> bool:
    """ "introduced", "deployed", "rolled out" (not "rolled over")."""
    lemma = verb.lemma_.lower()
    if lemma == "roll":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
    return lemma in INTRODUCING


def _used(unit: Unit, verb: Token, records_only: bool = False) -> list[tuple[Occ, Occ]]:
    """ "Bradford runs a Cerner system", "uses software from Kheiron", "switched to Cerner
    Millennium", "Careflow is used by Calderdale and Huddersfield"."""
    passive = frames.is_passive(verb)
    subject = frames.subject_of(verb)
    if subject is None:
        return []
    if passive:
        agents = [g for prep, g in frames.preps_of(verb) if prep == "by"]
        buyers = [o for g in agents for o in frames.occ_at(unit, g) if o.type in NHS_TYPES]
        things = [subject]
    else:
        buyers = [o for o in frames.occ_at(unit, subject) if o.type in NHS_TYPES]
        things = [c for c in verb.children if c.dep_ == "dobj"]
        things += [g for prep, g in frames.preps_of(verb) if prep in ("to", "onto", "from")]
    # "use" buys only a system named as one ("uses a Cerner system"); an app or a tool
    # in use ("uses Streams", "uses Microsoft's InnerEye AI") is a partnership's
    strict = verb.lemma_.lower() == "use"
    if records_only:
        things = [t for t in things if t.lemma_.lower() in RECORD_NOUNS]
    makers = [m for t in things for m in _makers(unit, t, strict)]
    makers = [m for m in one_per_entity(makers) if m.key not in keys(buyers)]
    return [(b, m) for b in one_per_entity(buyers) for m in makers]


def _makers(unit: Unit, thing: Token, strict: bool = False) -> list[Occ]:
    """The firms a noun phrase names as the system's maker: the firm itself ("Epic",
    "Cerner Millennium"), its modifier ("a Cerner system", "Kheiron's software"), "from
    X", or the maker of a product it names ("Careflow"). ``strict``: only a noun that
    says it is a system."""
    system = thing.lemma_.lower() in SYSTEM_NOUNS
    if strict and not system:
        return []
    found = [o for o in frames.occ_at(unit, thing) if o.type == "Company"]
    if system or thing.pos_ == "PROPN":
        span = unit.doc[thing.left_edge.i : thing.right_edge.i + 1]
        found += [
            o
            for o in unit.occs
            if o.type == "Company" and span.start <= o.start and o.end <= span.end
        ]
    if not found:
        text = unit.doc[thing.left_edge.i : thing.right_edge.i + 1].text
        found = [maker for name, maker in unit.extra.get("products", {}).items() if name in text]
    if not found and thing.lemma_.lower() not in SYSTEM_NOUNS:
        return []
    return one_per_entity(found)
