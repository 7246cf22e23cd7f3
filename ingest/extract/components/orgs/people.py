"""Deciding that a name is a person's, finding titled people, and merging them by surname.

NER often labels a person ORG ("Kheiron Medical" is a firm, "Jane Smith" is not), so a
name that a job title, an honorific or a quote's attribution describes is taken as a
person (``looks_like_person``); "Dr Amelia Stone" and "chief executive Michalis
Papadakis" are found even where NER misses them (``titled_people``); and "Hancock" later
in a story is the "Matt Hancock" named before it (``merge_people``).
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Doc, Span

from ingest.extract import state
from ingest.extract.components.orgs.context import context_kind
from ingest.extract.components.orgs.forms import EXTENSION_WORDS, coined, form_type
from ingest.extract.components.orgs.non_orgs import described_as
from ingest.extract.gazetteer import Gazetteer
from ingest.extract.names import HONORIFICS, PEERAGE, surname, tidy_name

HONORIFIC_SET = {h.rstrip(".") for h in HONORIFICS}
SAYING = {"said", "says", "told", "according"}
PERSON_TITLES = {
    "chief",
    "executive",
    "director",
    "founder",
    "co-founder",
    "chair",
    "chairman",
    "chairwoman",
    "president",
    "minister",
    "secretary",
    "adviser",
    "advisor",
    "editor",
    "professor",
    "consultant",
    "surgeon",
    "officer",
    "head",
    "lead",
    "manager",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "commissioner",
}


INVESTING_PARTNER = re.compile(
    r"^, (?:an? |the )?(?:general|managing|founding|senior|operating) partner\b"
)


def looks_like_person(span: Span, gazetteer: Gazetteer | None) -> bool:
    """An unknown two- or three-word name described by a job title is a person."""
    name = tidy_name(span.text)
    if not 2 <= len(span) <= 4 or form_type(name) or not all(t.is_title for t in span):
        return False
    if gazetteer is not None and gazetteer.lookup(name) is not None:
        return False
    doc = span.doc
    if span[0].text.rstrip(".") in HONORIFIC_SET:
        return True
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and (prev.lower_ in PERSON_TITLES or prev.text in HONORIFIC_SET):
        return True
    if described_as(span, PERSON_TITLES):
        return True
    after = doc[span.end - 1].idx + len(doc[span.end - 1])
    if INVESTING_PARTNER.match(state.doc_text(doc)[after : after + 40]):
        return True  # "Tripp Peake, a general partner at LRVHealth"
    if (
        prev is not None
        and prev.lower_ in SAYING
        and len(span) <= 3
        and span.end < len(doc)
        and doc[span.end].text in (",", ".", ";")
        and not known_word(span, gazetteer)
    ):
        return True  # '… ," said Jane Smith, …': quote attribution names a person
    return (
        gazetteer is not None
        and len(span) <= 3
        and span[0].text in gazetteer.first_names
        and span[-1].text not in EXTENSION_WORDS
        and context_kind(span) is None
    )


def known_word(span: Span, gazetteer: Gazetteer | None) -> bool:
    """A word of the name is itself a known organisation or place ("Kheiron Medical")."""
    if gazetteer is None:
        return False
    return any(gazetteer.lookup(t.text) is not None or gazetteer.is_place(t.text) for t in span)


def titled_people(doc: Doc) -> list[Span]:
    """ "Dr Amelia Stone", "chief executive Michalis Papadakis": names NER may miss."""
    out = []
    for token in doc:
        cue = token.text.rstrip(".") in HONORIFIC_SET or token.text in PEERAGE
        cue = cue or (token.is_lower and token.lower_ in PERSON_TITLES and token.pos_ == "NOUN")
        if not cue:
            continue
        end = token.i + 1
        words = 0
        while end < len(doc) and words < 3 and doc[end].pos_ == "PROPN":
            if not doc[end].is_title:
                break
            end += 1
            words += 1
            if (
                end + 1 < len(doc)
                and doc[end].text == "-"
                and not doc[end].whitespace_
                and not doc[end - 1].whitespace_
                and doc[end + 1].is_title
            ):
                end += 2
        if words >= 2 or (token.text in PEERAGE and words == 1):
            start = token.i if token.text in PEERAGE else token.i + 1
            out.append(Span(doc, start, end))
    return out


# Short forms of given names: "Jim Mackey" and "Sir James Mackey" are one man.
NICKNAMES = {
    "Jim": "James",
    "Jimmy": "James",
    "Jamie": "James",
    "Bob": "Robert",
    "Rob": "Robert",
    "Robbie": "Robert",
    "Bill": "William",
    "Will": "William",
    "Billy": "William",
    "Mike": "Michael",
    "Mick": "Michael",
    "Tom": "Thomas",
    "Tommy": "Thomas",
    "Dave": "David",
    "Chris": "Christopher",
    "Nick": "Nicholas",
    "Steve": "Stephen",
    "Steven": "Stephen",
    "Andy": "Andrew",
    "Tony": "Anthony",
    "Liz": "Elizabeth",
    "Beth": "Elizabeth",
    "Kate": "Katherine",
    "Katie": "Katherine",
    "Cathy": "Catherine",
    "Sue": "Susan",
    "Matt": "Matthew",
    "Dan": "Daniel",
    "Danny": "Daniel",
    "Ben": "Benjamin",
    "Sam": "Samuel",
    "Alex": "Alexander",
    "Ed": "Edward",
    "Eddie": "Edward",
    "Ted": "Edward",
    "Harry": "Henry",
    "Jon": "Jonathan",
    "Phil": "Philip",
    "Pete": "Peter",
    "Tim": "Timothy",
    "Jo": "Joanna",
    "Jenny": "Jennifer",
    "Jen": "Jennifer",
    "Maggie": "Margaret",
    "Pat": "Patricia",
    "Greg": "Gregory",
    "Jeff": "Jeffrey",
    "Geoff": "Geoffrey",
    "Ken": "Kenneth",
    "Larry": "Lawrence",
    "Nicky": "Nicola",
    "Becky": "Rebecca",
    "Vicky": "Victoria",
    "Pippa": "Philippa",
    "Sandy": "Alexander",
    "Fred": "Frederick",
    "Charlie": "Charles",
    "Jack": "John",
    "Johnny": "John",
    "Joe": "Joseph",
    "Josh": "Joshua",
}


def given_name(first: str) -> str:
    return NICKNAMES.get(first, first)


def named_people(doc: Doc, gazetteer: Gazetteer | None) -> list[Span]:
    """ "Amanda Pritchard is to stand down …": a common given name and a capitalised
    surname that NER left out, standing alone (no capitalised word either side)."""
    if gazetteer is None:
        return []
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end) if ent.label_ == "PERSON"}
    out = []
    for token in doc:
        if token.text not in gazetteer.first_names or token.i in covered:
            continue
        if (
            token.i > token.sent.start
            and doc[token.i - 1].is_title
            and not (
                doc[token.i - 1].text.rstrip(".") in HONORIFIC_SET
                or doc[token.i - 1].text in PEERAGE
            )
        ):
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i < 3 and doc[end].is_title and doc[end].is_alpha:
            end += 1
            while (
                end + 1 < len(doc)
                and doc[end].text == "-"
                and doc[end + 1].is_title
                and not doc[end].whitespace_
            ):
                end += 2  # "Joanne Chadwick-Bell": a double-barrelled surname
        if end == token.i + 1 or (end < len(doc) and doc[end].is_title and doc[end].is_alpha):
            continue
        if any(doc[i].pos_ != "PROPN" and doc[i].text != "-" for i in range(token.i + 1, end)):
            continue
        out.append(Span(doc, token.i, end))
    return out


def employers(doc: Doc) -> list[Span]:
    """ "chief executive of LifeArc", "LifeArc's chairman": the capitalised name a post
    belongs to, which NER may miss when it is new or a single coined word."""
    out = []
    for token in doc:
        if not (token.is_lower and token.lower_ in PERSON_TITLES):
            continue
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ in ("of", "at") and token.i + 2 < len(doc):
            span = _name_from(doc, token.i + 2, 1)
            if span is not None:
                out.append(span)
        if token.i >= 2 and doc[token.i - 1].text in ("'s", "’s"):
            span = _name_from(doc, token.i - 2, -1)
            if span is not None:
                out.append(span)
    return [s for s in out if not any(t.ent_type_ == "ORG" for t in s)]


def _name_from(doc: Doc, i: int, step: int) -> Span | None:
    """Up to three capitalised proper nouns from token ``i`` onwards (or backwards)."""
    j = i
    while (
        0 <= j < len(doc)
        and abs(j - i) < 3
        and doc[j].pos_ == "PROPN"
        and doc[j].text[:1].isupper()
    ):
        j += step
    if j == i and 0 <= i < len(doc) and coined(doc[i]):
        j = i + step
    if j == i:
        return None
    start, end = (i, j) if step > 0 else (j + 1, i + 1)
    if 0 <= (end if step > 0 else start - 1) < len(doc):
        edge = doc[end] if step > 0 else doc[start - 1]
        if edge.pos_ == "PROPN" and edge.text[:1].isupper():
            return None  # part of a longer name
    return Span(doc, start, end)


def merge_people(doc: Doc) -> None:
    """People sharing a surname are one person unless their first names differ (a short
    form of a name is the same name: "Jim", "James")."""
    ents = state.entities(doc)
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key, ent in ents.items():
        if ent["type"] == "Person":
            by_surname[surname(ent["name"]).lower()].append(key)
    rename: dict[str, str] = {}
    for keys in by_surname.values():
        if len(keys) < 2:
            continue
        head = keys[0]
        for other in keys[1:]:
            a, b = ents[head]["name"].split(), ents[other]["name"].split()
            firsts = {given_name(a[0]), given_name(b[0])} - set(PEERAGE)
            if len(a) > 1 and len(b) > 1 and len(firsts) > 1:
                continue
            rename[other] = head
            state.add_alias(ents[head], ents[other]["name"])
    if not rename:
        return
    spans = [
        Span(doc, s.start, s.end, label=s.label_, kb_id=rename.get(s.kb_id_, s.kb_id_))
        for s in state.mentions(doc)
    ]
    for other in rename:
        ents.pop(other, None)
    state.set_mentions(doc, spans)
