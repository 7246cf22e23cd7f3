"""A group named by number in one sentence and listed in the next: "Ten private hospital
groups have signed a deal with NHS England. The providers are A, B and C." The list names
the parties the sentence before left unnamed, so each listed body stands in that
sentence's relation with its named counterpart. ``enumerated`` finds such a list and the
statement it completes; the relation rules decide the kind from that statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.extract import state
from ingest.extract.rules.units import Occ, Unit

GROUP_NOUNS = {
    "provider",
    "supplier",
    "company",
    "firm",
    "group",
    "partner",
    "winner",
    "bidder",
    "organisation",
    "body",
    "signatory",
    "recipient",
}
LISTING = {"be", "include", "comprise"}


@dataclass
class Enumeration:
    listed: list[Occ]  # the bodies the list names
    counterparts: list[Occ]  # the named bodies of the statement the list completes
    text: str  # that statement's text, for deciding the relation's kind


def enumerated(unit: Unit) -> Enumeration | None:
    """ "The providers are A, B and C" after a statement about an unnamed group."""
    sent = unit.sent
    first = sent[0] if sent[0].lower_ != "the" else (sent[1] if len(sent) > 1 else sent[0])
    if first.lemma_.lower() not in GROUP_NOUNS or first.tag_ != "NNS":
        return None
    if first.dep_ != "nsubj" or first.head.lemma_.lower() not in LISTING:
        return None
    verb = first.head
    listed = [o for o in unit.occs if o.start > verb.i and o.named]
    if len(listed) < 2:
        return None
    before = state.doc_text(unit.doc)[unit.context_evidence[0] : unit.evidence[0]]
    taken = {o.key for o in listed}
    counterparts = [o for o in unit.context if o.named and o.key not in taken]
    if not counterparts or not before.strip():
        return None
    return Enumeration(listed, counterparts, before)
