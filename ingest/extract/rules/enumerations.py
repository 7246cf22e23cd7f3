"""A group named by number in one sentence and listed in the next: "Ten private hospital
groups have signed a deal with NHS England. The providers are A, B and C." The list names
the parties the sentence before left unnamed, so each listed body stands in that
sentence's relation with its named counterpart. ``enumerated`` finds such a list and the
statement it completes; the relation rules decide the kind from that statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

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
    verb = _listing_verb(unit)
    if verb is None:
        return None
    listed = [o for o in unit.occs if o.start > verb.i and o.named]
    if len(listed) < 2:
        return None
    before = state.doc_text(unit.doc)[unit.context_evidence[0] : unit.evidence[0]]
    taken = {o.key for o in listed}
    counterparts = [o for o in unit.context if o.named and o.key not in taken]
    if not counterparts or not before.strip():
        return None
    return Enumeration(listed, counterparts, before)


def _listing_verb(unit: Unit) -> Token | None:
    """The verb of "The providers are …" or "Among the suppliers appointed are: …"."""
    # the first word that is not "the" or "among" (read from the sentence's start only)
    first = next((t for t in unit.sent[:4] if t.lower_ not in ("the", "among")), unit.sent[0])
    if first.lemma_.lower() not in GROUP_NOUNS or first.tag_ != "NNS":
        return None
    if first.dep_ == "nsubj" and first.head.lemma_.lower() in LISTING:
        return first.head
    among = first.head
    if (
        first.dep_ == "pobj"
        and among.lower_ == "among"
        and among.i == unit.sent.start
        and among.head.lemma_.lower() in LISTING
    ):
        return among.head
    return None
