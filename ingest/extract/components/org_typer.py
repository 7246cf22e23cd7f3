"""``nhskg.org_typer.v1``: organisations and people the entity ruler does not know.

Candidates are the statistical NER's spans and capitalised names ending in an
organisation form ("… NHS Foundation Trust", "… CCG", "… plc"). Each is cleaned (no "the",
no possessive, honorifics off, "Lord" kept), filtered (products, events, laws, places,
hospital sites, bare acronyms like "AI"), typed by its form ("University of …"), then by
its context ("the AI company X", "X, the campaign group"), then by the NER label, and
resolved: trusts to their ODS code (exactly or fuzzily), other known names to the
gazetteer. Single words ("Sensyne", "Keane") wait for ``nhskg.abbreviations.v1``, which
knows the document's full names. The tests themselves live in ``orgs/``: a name's form
(``orgs.forms``), what is not an organisation (``orgs.non_orgs``), the words around a name
(``orgs.context``) and people (``orgs.people``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.extract import state
from ingest.extract.components.orgs.context import (
    apposed_body,
    apposed_names,
    context_kind,
    coordinated_names,
    described_before,
    described_names,
    doc_labels,
    listed_names,
    researched_at,
)
from ingest.extract.components.orgs.forms import (
    EXTENSION_WORDS,
    FORM_NAME,
    ORG_HEADS,
    acronym_ok,
    clean,
    company_form_names,
    continued,
    extend_known,
    form_type,
    looks_like_name,
)
from ingest.extract.components.orgs.non_orgs import (
    at_site,
    is_common_word,
    is_expansion,
    is_modifier,
    is_non_entity,
    is_opening_word,
    is_place,
    is_product,
    is_ticker,
    is_title_part,
    not_a_body,
    site_list,
    site_of_closed,
)
from ingest.extract.components.orgs.people import (
    HONORIFIC_SET,
    employers,
    looks_like_person,
    merge_people,
    named_people,
    titled_people,
)
from ingest.extract.gazetteer import Gazetteer, KnownOrg
from ingest.extract.lexicon import ORG_LABELS
from ingest.extract.names import PEERAGE, org_key, person_key, tidy_name
from ingest.extract.naming import factory_name, register_versioned

NAME = "nhskg.org_typer.v1"
FACTORY = factory_name(NAME)
PENDING = "nhskg_pending"
# Words for who puts money in that describe people as well as firms ("the investor Peter
# Thiel", "the investor BlackRock").
PERSON_INVESTORS = {"investor", "backer", "shareholder", "donor", "financier"}
# Words of a job title that NER takes into a name ("Health Secretary Matt Hancock").
TITLE_WORDS = {
    "secretary",
    "minister",
    "prime",
    "chancellor",
    "health",
    "social",
    "care",
    "state",
    "mayor",
    "president",
    "chief",
    "executive",
    "director",
    "chair",
    "chairman",
    "officer",
    "commissioner",
    "founder",
    "ceo",
}
# An unknown name so ending is a hospital's or a site's, not an organisation's.
DEMONYM = re.compile(r"(?:an|ese|ish|ch|ic|i)$")
SITE_NAME = re.compile(r"\b(Hospital|Infirmary|Hospice|Medical Centre|Health Centre|Campus)$")


def bodies_not_people(doc: Doc, kept: list[Span]) -> list[Span]:
    """A name placed as an organisation somewhere in the document ("Best Buy, the American
    electronics retailer") is that organisation where NER took it for a person ("Best
    Buy's chief executive")."""
    bodies = {m.text: m for m in kept if m.label_ != "Person"}
    out = []
    for m in kept:
        body = bodies.get(m.text) if m.label_ == "Person" else None
        out.append(
            m if body is None else Span(doc, m.start, m.end, label=body.label_, kb_id=body.kb_id_)
        )
    # a person left with no mention of their own was only ever that body
    named = {m.kb_id_ for m in out}
    ents = state.entities(doc)
    for m in kept:
        if m.label_ == "Person" and m.kb_id_ not in named:
            ents.pop(m.kb_id_, None)
    return out


def product_names(candidates: list[tuple[Span, str]]) -> set[str]:
    """Names the document shows once to be products ("the Versius surgical robot",
    "Orkambi and two other Vertex medicines") are products wherever they appear, and so
    are the names listed with them ("Orkambi, Symkevi and Kalydeco")."""
    products = {
        tidy_name(span.text) for span, _ in candidates if is_product(span) and not names_maker(span)
    }
    for span, _ in candidates:
        root = span.root
        linked = [t for t in root.children if t.dep_ == "conj"]
        linked += [root.head] if root.dep_ == "conj" else []
        if any(t.text in products and t.pos_ == "PROPN" for t in linked):
            products.add(tidy_name(span.text))
    return products


def names_maker(span: Span) -> bool:
    """ "the AstraZeneca jab", "OSI, the fund": a name before a product noun, or one a
    noun describes, may be the maker's; only other evidence makes it a product everywhere."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    before_noun = nxt is not None and nxt.is_lower and nxt.pos_ == "NOUN"
    return before_noun or span.root.dep_ in ("nsubj", "attr", "appos")


@Language.factory(FACTORY)
def make_org_typer(nlp: Language, name: str) -> OrgTyper:
    return OrgTyper(name)


class OrgTyper:
    def __init__(self, name: str = NAME) -> None:
        self.products: set[str] = set()
        self.name = name
        self.gazetteer: Gazetteer | None = None

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        if gazetteer is None:
            raise ValueError(f"{self.name}: initialize needs gazetteer=")
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        if self.gazetteer is None:
            raise RuntimeError(f"{self.name} used before initialize(gazetteer=...)")
        self.set_annotations(doc, self.match(doc))
        return doc

    # -- match: cleaned candidate spans with their NER label ---------------------------
    def match(self, doc: Doc) -> list[tuple[Span, str]]:
        found: list[tuple[Span, str]] = []
        for m in FORM_NAME.finditer(state.doc_text(doc)):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                found.extend((s, "FORM") for s in clean(span))
        for ent in doc.ents:
            if ent.label_ == "NORP" and len(ent) == 1 and DEMONYM.search(ent.text):
                continue  # "European", "German": a people's adjective, not a body
            if ent.label_ in ORG_LABELS:
                found.extend((continued(s), ent.label_) for s in clean(ent))
        found.extend((s, "CONTEXT") for s in described_names(doc))
        found.extend((s, "CONTEXT") for s in apposed_names(doc))
        found.extend((s, "FORM") for s in company_form_names(doc))
        found.extend(listed_names(doc))
        found.extend(coordinated_names(doc, list(state.mentions(doc))))
        found.extend((s, "PERSON") for s in titled_people(doc))
        found.extend((s, "PERSON") for s in named_people(doc, self.gazetteer))
        found.extend((s, "ORG") for s in employers(doc))
        found.sort(key=lambda c: (-(c[0].end - c[0].start), c[0].start))
        return found

    # -- set_annotations --------------------------------------------------------------
    def set_annotations(self, doc: Doc, candidates: list[tuple[Span, str]]) -> None:
        labels = doc_labels(doc)
        pending: list[Span] = []
        kept = list(state.mentions(doc))
        self.products = product_names(candidates)
        for span, label in candidates:
            kept, _ = self.place(doc, kept, span, label, labels, pending)
        state.set_mentions(doc, bodies_not_people(doc, kept))
        state.set_known_places(
            doc,
            {
                e.text
                for e in doc.ents
                if e.label_ in ("GPE", "LOC", "NORP") and self.gazetteer.is_place(e.text)
            },
        )
        merge_people(doc)
        doc.spans[PENDING] = pending

    def place(
        self,
        doc: Doc,
        kept: list[Span],
        span: Span,
        label: str,
        labels: dict[str, Counter[str]],
        pending: list[Span],
    ) -> tuple[list[Span], bool]:
        overlapping = [m for m in kept if m.start < span.end and span.start < m.end]
        if overlapping:
            return extend_known(doc, kept, span, overlapping, self.gazetteer), False
        if (
            is_title_part(span)
            or not looks_like_name(span)
            or is_expansion(span)
            or site_list(span)
        ):
            return kept, False
        titled_person = label == "PERSON" and looks_like_person(span, self.gazetteer)
        if (
            not titled_person
            and (is_product(span) or tidy_name(span.text) in self.products)
            and form_type(tidy_name(span.text)) in (None, "Company")
            and (self.gazetteer is None or self.gazetteer.lookup(span.text) is None)
        ):
            return kept, False  # ("Larry Ellison, its chairman and chief technology officer")
        whole = self.known_prefix(doc, kept, span)
        if whole is not None:
            kept.append(whole)
            return kept, True
        if label in ("ORG", "CONTEXT") and looks_like_person(span, self.gazetteer):
            label = "PERSON"
        if (
            label == "PERSON"
            and described_before(span) is not None
            and not self.investing_person(doc, span)
        ):
            label = "CONTEXT"  # "the German reinsurer Munich Re" names a company
        if (
            label == "PERSON"
            and apposed_body(span)
            and span[0].text not in self.gazetteer.first_names
        ):
            label = "CONTEXT"  # "Best Buy, the American electronics retailer"
        if (
            label == "PERSON"
            and form_type(tidy_name(span.text)) is None
            and not researched_at(span)
        ):
            person = self.person(doc, span, label)
            if person is not None:
                if len(person) == 1:
                    pending.append(Span(doc, person.start, person.end, label="Person"))
                    return kept, False
                if not any(m.start < person.end and person.start < m.end for m in kept):
                    state.register(doc, person.kb_id_, tidy_name(person.text), "Person")
                    kept.append(person)
                    return kept, True
                return kept, False
        org = self.organisation(doc, span, label, labels)
        if org is None:
            return kept, False
        single = len(span) == 1 and not org.kb_id_.startswith(("gaz:", "ods:"))
        if single and (org.label_ != "Trust" or label.startswith("CONJ:")):
            pending.append(Span(doc, span.start, span.end, label=org.label_, kb_id=org.kb_id_))
            return kept, False
        kept.append(org)
        return kept, True

    def investing_person(self, doc: Doc, span: Span) -> bool:
        """ "the investor Peter Thiel": a word for who puts money in describes people as
        well as firms, and a name opening with a known given name is a person's."""
        assert self.gazetteer is not None
        before = doc[span.start - 1].lemma_.lower() if span.start > 0 else ""
        return (
            before in PERSON_INVESTORS
            and len(span) >= 2
            and span[0].text in self.gazetteer.first_names
        )

    def known_prefix(self, doc: Doc, kept: list[Span], span: Span) -> Span | None:
        """ "Imperial Centre" right after "Cancer Research UK": one body named by both.

        The known name keeps its mention; the rest names the whole, a body of its own."""
        if span[-1].text not in ORG_HEADS:
            return None
        prefix = [m for m in kept if m.end == span.start and m.label_ != "Person"]
        if not prefix or "\n" in doc[prefix[0].start : span.end].text:
            return None
        name = tidy_name(doc[prefix[0].start : span.end].text)
        known = self.gazetteer.lookup(name) if self.gazetteer is not None else None
        type_ = known.type if known else form_type(name)
        if type_ is None or type_ == "Trust":
            return None
        key = known.key if known else "org:" + org_key(name)
        state.register(doc, key, known.name if known else name, type_)
        return Span(doc, span.start, span.end, label=type_, kb_id=key)

    def person(self, doc: Doc, span: Span, label: str) -> Span | None:
        name = span.text
        if self.gazetteer is not None and self.gazetteer.is_place(tidy_name(name)):
            return None  # "Milton Keynes"
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and (nxt.text == "UK" or nxt.text in EXTENSION_WORDS):
            return None  # "Muscular Dystrophy UK", "Grey Wolf Therapeutics": cut from a name
        if is_non_entity(name) or form_type(name) in ("Trust", "GovernmentBody", "University"):
            return None
        if SITE_NAME.search(name):
            return None  # "Wythenshawe Hospital" is a place, never a person
        if self.gazetteer is not None and self.gazetteer.is_product(tidy_name(name)):
            return None
        if self.gazetteer is not None and self.gazetteer.lookup(name) is not None:
            return None
        if at_site(span) or (
            span[0].text in ("St", "St.", "Saint")
            and span.end < len(doc)
            and doc[span.end].text in ("'s", "’s")
        ):
            return None
        start = span.start
        while start < span.end - 1 and (
            doc[start].lower_ in TITLE_WORDS or doc[start].text.rstrip(".") in HONORIFIC_SET
        ):
            start += 1
        prev = doc[start - 1] if start > span.sent.start else None
        if (prev is not None and prev.text in PEERAGE) or (
            span.end - start == 1
            and prev is not None
            and prev.pos_ == "PROPN"
            and prev.is_title
            and prev.lower_ not in TITLE_WORDS
            and prev.text not in HONORIFIC_SET
            and prev.ent_type_ in ("", "PERSON")
        ):
            start -= 1
        full = Span(doc, start, span.end)
        odd = any(not (t.is_title or t.text in PEERAGE or t.text in ("-", "'")) for t in full)
        if odd and not all(t.is_alpha or t.text in "-'’." for t in full):
            return None
        if any(t.is_upper and len(t) > 1 for t in full) or len(full) > 4:
            return None
        key = "person:" + person_key(full.text)
        return Span(doc, full.start, full.end, label="Person", kb_id=key)

    def organisation(
        self, doc: Doc, span: Span, label: str, labels: dict[str, Counter[str]]
    ) -> Span | None:
        assert self.gazetteer is not None
        name = tidy_name(span.text)
        known = self.gazetteer.lookup(name)
        if known is not None and site_of_closed(known, name, doc, self.gazetteer):
            return None
        if known is None and label in ("GPE", "LOC") and _after_place_word(doc, span):
            return None  # "In East Sussex, the trust's deputy …": a place
        if known is None and _sized_fund(doc, span):
            return None  # "the £21m AI Diagnostic Fund": a programme, not a body
        if is_ticker(doc, span):
            return None  # "(LSE: CAT; NASDAQ: CATG)": an exchange and a ticker symbol
        if known is None and (
            is_non_entity(name)
            or at_site(span)
            or not_a_body(name, self.gazetteer)
            or is_common_word(span)
            or (is_opening_word(span) and context_kind(span) is None)
        ):
            return None
        type_ = known.type if known else form_type(name)
        if known is None and type_ not in ("Trust", "University"):
            if type_ is None and SITE_NAME.search(name):
                return None
            described = context_kind(span)
            if described is not None and type_ is not None and described != "Trust":
                type_ = described
        if type_ is None:
            if (
                is_modifier(span)
                or not acronym_ok(name, label)
                or is_common_word(span)
                or (is_opening_word(span) and context_kind(span) is None)
            ):
                return None
            votes = labels.get(name, Counter())
            seen = set(votes)
            given = label[5:] if label.startswith(("LIST:", "CONJ:")) else None
            context = context_kind(span) or given
            if context is None and not ({"ORG", "FORM", "CONTEXT"} & (seen | {label})):
                return None
            place_votes = votes["GPE"] + votes["LOC"]
            if context is None and place_votes and place_votes >= votes["ORG"] and len(span) == 1:
                return None  # a place NER once named as a body; not a body it mostly names
            if context is None and is_place(span):
                return None
            if self.gazetteer.is_place(name) and (context is None or label.startswith("CONJ:")):
                return None
            type_ = context or "Company"
        if known is None:
            known = self.resolve(name, type_)
        if known is not None:
            state.register(doc, known.key, known.name, known.type, known.identifiers, [name])
            return Span(doc, span.start, span.end, label=known.type, kb_id=known.key)
        key = "org:" + org_key(name)
        state.register(doc, key, name, type_)
        return Span(doc, span.start, span.end, label=type_, kb_id=key)

    def resolve(self, name: str, type_: str) -> KnownOrg | None:
        assert self.gazetteer is not None
        if type_ in ("Trust", "GovernmentBody", "Company", "University", "Charity"):
            return self.gazetteer.fuzzy(name, type_)
        return None


PLACE_WORDS = {"in", "across", "throughout", "around", "near", "outside"}


def _sized_fund(doc: Doc, span: Span) -> bool:
    """A "… Fund" named with its size right before it is a pot of money."""
    if span[-1].text not in ("Fund", "Programme", "Scheme") or span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.like_num or before.lower_ in ("m", "bn", "million", "billion")


def _after_place_word(doc: Doc, span: Span) -> bool:
    return span.start > 0 and doc[span.start - 1].lower_ in PLACE_WORDS


register_versioned(NAME, make_org_typer)
