"""``nhskg.abbreviations.v1``: abbreviations defined in the text and short forms.

"Milton Keynes University Hospital NHS Foundation Trust (MKUH)" makes every later "MKUH"
a mention of that trust. A company named in full ("Kheiron Medical Technologies") is also
meant by its first word later on ("Kheiron"), unless that word is shared by two entities
of the document or names a place. A lone surname ("Keane") is the person of the document
with that surname. Single words ``nhskg.org_typer.v1`` could not place are settled here:
a short form, a surname, an organisation of its own, or nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.extract import state
from ingest.extract.components.org_typer import PENDING
from ingest.extract.components.orgs.non_orgs import is_ticker
from ingest.extract.names import surname
from ingest.extract.naming import factory_name, register_versioned

NAME = "nhskg.abbreviations.v1"
FACTORY = factory_name(NAME)
ABBREVIATION = re.compile(r"^[A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9]*$")
GENERIC_FIRST_WORDS = {
    "The",
    "University",
    "Royal",
    "National",
    "British",
    "NHS",
    "Health",
    "Department",
    "Centre",
    "Institute",
    "Association",
    "Medical",
    "Digital",
    "Understanding",
    "Open",
    "General",
    "American",
    "European",
    "International",
    "Global",
    "United",
    "New",
    "South",
    "North",
    "East",
    "West",
    "Central",
    "London",
    "Oxford",
    "Cambridge",
}


@Language.component(FACTORY)
def abbreviations(doc: Doc) -> Doc:
    defined = find_definitions(doc)
    shorts = short_forms(doc)
    set_annotations(doc, defined, shorts)
    return doc


def find_definitions(doc: Doc) -> dict[str, str]:
    """Abbreviation text → entity key, from "Full Name (ABBR)"."""
    return definitions(doc, list(state.mentions(doc)))


def definitions(doc: Doc, mentions: list[Span]) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in mentions:
        if m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")":
            abbr = doc[m.end + 1].text
            if is_abbreviation_of(abbr, m.text):
                out[abbr] = m.kb_id_
        elif (
            m.end + 3 < len(doc)
            and doc[m.end].text == "("
            and doc[m.end + 3].text == ")"
            and doc[m.end + 2].is_upper
            and (doc[m.end + 1].is_upper or doc[m.end + 1].text == m.text.split()[0])
        ):
            # "(KSS AHSN)", "Invest Northern Ireland (Invest NI)"
            # "Kent Surrey Sussex Academic Health Science Network (KSS AHSN)"
            abbr = f"{doc[m.end + 1].text} {doc[m.end + 2].text}"
            first = doc[m.end + 1].text
            if first == m.text.split()[0] or is_abbreviation_of(first, m.text):
                out[abbr] = m.kb_id_
    return out


def is_abbreviation_of(abbr: str, name: str) -> bool:
    if not ABBREVIATION.match(abbr) or len(abbr) > 10:
        return False
    initials = [w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper()]
    return bool(initials) and abbr[0].upper() == initials[0]


def short_forms(doc: Doc) -> dict[str, str]:
    """Short form → entity key for the document's companies and people."""
    ents = state.entities(doc)
    owners: dict[str, set[str]] = defaultdict(set)
    for key, ent in ents.items():
        words = ent["name"].split()
        if ent["type"] == "Company" and len(words) >= 2 and words[0] not in GENERIC_FIRST_WORDS:
            owners[words[0]].add(key)
            if len(words) >= 3:
                owners[" ".join(words[:2])].add(key)
        if ent["type"] not in ("Person", "Trust"):
            acronym = initials(ent["name"])
            if acronym is not None:
                owners[acronym].add(key)  # "OSI" for Oxford Sciences Innovation plc
        if ent["type"] == "Person":
            owners[surname(ent["name"])].add(key)
        if ent["type"] == "Trust":
            for short in trust_short_forms(ent["name"]):
                owners[short].add(key)
    # a known place ("Oxford" of Oxford Nanopore) is no short form; a coined name the NER
    # took for a place ("Presymptom's chief executive") is
    places = state.known_places(doc)
    if places is None:
        places = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "NORP")}
    out = {
        short: next(iter(keys))
        for short, keys in owners.items()
        if len(keys) == 1 and short not in places and short[:1].isupper()
    }
    for key, ent in ents.items():
        # "The Christie NHS Foundation Trust" is "the Christie" even beside "The Christie
        # Pathology Partnership": a trust's own name wins its short form
        bare = TRUST_SUFFIX.sub("", ent["name"]) if ent["type"] == "Trust" else ""
        bare = bare[4:] if bare.startswith("The ") else bare
        if len(bare.split()) == 1 and bare != ent["name"] and bare not in places:
            out[bare] = key
    return out


LEGAL_FORMS = {"plc", "PLC", "Ltd", "Limited", "Inc", "LLP", "LLC"}


def initials(name: str) -> str | None:
    """The capitals of a name of three or more capitalised words ("Oxford Sciences
    Innovation plc" → "OSI"), which news uses without defining it."""
    words = [w for w in name.split() if w not in LEGAL_FORMS]
    joining = ("of", "and", "for", "the")
    if len(words) < 3 or not all(w[:1].isupper() or w in joining for w in words):
        return None
    return "".join(w[0] for w in words if w[:1].isupper())


TRUST_SUFFIX = re.compile(r"\s+(?:NHS Foundation Trust|NHS Trust|NHS FT|Foundation Trust)$")


def trust_short_forms(name: str) -> list[str]:
    """ "King's College Hospital NHS Foundation Trust" is also "King's College Hospital"
    and "King's"; "Guy's and St Thomas' NHS Foundation Trust" is "Guy's and St Thomas'"
    and "Guy's". (A first word that is a town is not a short form: "Leeds" is a place.)"""
    bare = TRUST_SUFFIX.sub("", name)
    out = [bare] if bare != name and len(bare.split()) > 1 else []
    first = bare.split()[0] if bare.split() else ""
    if re.fullmatch(r"[A-Z][a-z]+['’]s", first):
        out.append(first)
    return out


def full_names(mentions: list[Span]) -> dict[str, str]:
    """Every name the document gives an entity, as written, → that entity: a name found
    once ("Vaccitech" in the headline) is the same body wherever else it appears, though
    NER missed it there. Names shared by two entities are left alone."""
    owners: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.text[:1].isupper() and len(m.text) > 2 and "\n" not in m.text:
            owners[m.text].add(m.kb_id_)
    return {name: next(iter(keys)) for name, keys in owners.items() if len(keys) == 1}


def set_annotations(doc: Doc, defined: dict[str, str], shorts: dict[str, str]) -> None:
    ents = state.entities(doc)
    for abbr, key in defined.items():
        if key in ents:
            state.add_alias(ents[key], abbr)
    lookup = {**shorts, **defined}
    taken = state.taken(doc)
    found = list(state.mentions(doc))
    # "Invest Northern Ireland (Invest NI)": the abbreviation NER took for a body of its own
    # is the body it abbreviates
    move_bodies(doc, found, moves(found, defined, ents))
    for start, end, key in scan(doc, lookup, taken):
        found.append(Span(doc, start, end, label=ents[key]["type"], kb_id=key))
        taken.update(range(start, end))
    for start, end, key in university_places(doc, taken):
        found.append(Span(doc, start, end, label="University", kb_id=key))
        taken.update(range(start, end))
    pending = list(doc.spans.get(PENDING, []))
    if PENDING in doc.spans:
        del doc.spans[PENDING]  # settled here; no need to carry them further
    for span in pending:
        if any(i in taken for i in range(span.start, span.end)):
            continue
        placed = place_pending(doc, span, lookup)
        if placed is not None:
            found.append(placed)
            taken.update(range(span.start, span.end))
    late = {a: k for a, k in definitions(doc, found).items() if a not in lookup}
    for abbr, key in late.items():
        # "C4X (C4XD)": an abbreviation of a short form placed only just now; a body the
        # abbreviation was taken for on its own is that one
        if key not in ents:
            continue
        state.add_alias(ents[key], abbr)
    move_bodies(doc, found, moves(found, late, ents))
    # "Frontier IP" (the headline) and "Frontier" taken for bodies of their own are the
    # short forms of "Frontier IP Group plc"
    companies = {
        short: key
        for short, key in shorts.items()
        if ents.get(key, {}).get("type") == "Company" and len(ents[key]["name"]) > len(short)
    }
    company_mentions = [m for m in found if m.label_ == "Company"]
    move_bodies(doc, found, moves(company_mentions, companies, ents))
    for start, end, key in scan(doc, {**full_names(found), **late}, taken):
        found.append(Span(doc, start, end, label=ents[key]["type"], kb_id=key))
        taken.update(range(start, end))
    state.set_mentions(doc, [m for m in found if not is_ticker(doc, m)])


def moves(found: list[Span], by_name: dict[str, str], ents: dict) -> dict[str, str]:
    """Unknown bodies (``org:`` keys) a mention shows to be another body the document
    knows: old key → the body's key."""
    out: dict[str, str] = {}
    for m in found:
        key = by_name.get(m.text)
        if key is not None and key != m.kb_id_ and m.kb_id_.startswith("org:") and key in ents:
            out[m.kb_id_] = key
    return out


def move_bodies(doc: Doc, found: list[Span], moved: dict[str, str]) -> None:
    """Every mention of a moved body now names the body it was shown to be; the old one
    is dropped."""
    ents = state.entities(doc)
    for n, m in enumerate(found):
        if m.kb_id_ in moved:
            key = moved[m.kb_id_]
            found[n] = Span(doc, m.start, m.end, label=ents[key]["type"], kb_id=key)
    for old in moved:
        ents.pop(old, None)


UNIVERSITY_NAME = re.compile(r"^(?:The )?University of ([A-Z][\w -]+)$|^([A-Z][\w-]+) University$")


def university_places(doc: Doc, taken: set[int]):
    """ "a professor at Oxford", "Aston's School of Pharmacy": the town of a university the
    document names ("University of Oxford", "Aston University") stands for it after "at"
    or "from", or with a possessive; elsewhere ("the Oxford project") it stays a place."""
    towns: dict[str, str] = {}
    for key, ent in state.entities(doc).items():
        m = UNIVERSITY_NAME.match(ent["name"]) if ent["type"] == "University" else None
        if m:
            towns.setdefault(m.group(1) or m.group(2), key)
    for start, end, key in scan(doc, towns, taken):
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end] if end < len(doc) else None
        possessive = after is not None and after.text in ("'s", "’s")
        if after is not None and after.is_title and not possessive:
            continue  # "at Oxford Nanopore"
        if before in ("at", "from") or possessive:
            yield start, end, key


def scan(doc: Doc, lookup: dict[str, str], taken: set[int]):
    by_first: dict[str, list[tuple[list[str], str]]] = defaultdict(list)
    for text, key in lookup.items():
        words = token_texts(text)
        by_first[words[0]].append((words, key))
    for options in by_first.values():
        options.sort(key=lambda w: -len(w[0]))  # the longest name first
    where = token_index(doc)
    starts = sorted(i for first in by_first for i in where.get(first, ()))
    for token in (doc[i] for i in starts):
        for words, key in by_first[token.text]:
            end = token.i + len(words)
            if end > len(doc) or any(i in taken for i in range(token.i, end)):
                continue
            if [t.text for t in doc[token.i : end]] == words:
                yield token.i, end, key
                break


def token_index(doc: Doc) -> dict[str, list[int]]:
    """Where each token text occurs in the document, read once per document."""

    def build(d: Doc) -> dict[str, list[int]]:
        index: dict[str, list[int]] = defaultdict(list)
        for token in d:
            index[token.text].append(token.i)
        return index

    return state.cached(doc, "token_index", build)


def token_texts(text: str) -> list[str]:
    """A name split as the tokenizer splits it: "King's" is "King" and "'s"."""
    out: list[str] = []
    for word in text.split():
        m = re.fullmatch(r"(.+?)(['’]s|['’])", word)
        out += [m.group(1), m.group(2)] if m else [word]
    return out


def place_pending(doc: Doc, span: Span, lookup: dict[str, str]) -> Span | None:
    """A single word: a short form or surname if it is one; else an organisation or nothing."""
    key = lookup.get(span.text) or first_word_of(doc, span)
    if key is not None:
        return Span(doc, span.start, span.end, label=state.entities(doc)[key]["type"], kb_id=key)
    if span.label_ == "Person" or not span.kb_id_:
        return None
    return Span(doc, span.start, span.end, label=span.label_, kb_id=span.kb_id_)


def first_word_of(doc: Doc, span: Span) -> str | None:
    """ "Imperial" for the one organisation of the document whose name opens with it."""
    word = span.text
    if span.label_ == "Person" or word in GENERIC_FIRST_WORDS or not word[:1].isupper():
        return None
    own = span.kb_id_
    keys = [
        key
        for key, ent in state.entities(doc).items()
        if key != own
        and ent["type"] != "Person"
        and ent["name"].split()[:1] == [word]
        and len(ent["name"].split()) >= 2
    ]
    mentioned = {m.kb_id_ for m in state.mentions(doc)}
    keys = [k for k in keys if k in mentioned]
    return keys[0] if len(keys) == 1 else None


register_versioned(NAME, abbreviations)
