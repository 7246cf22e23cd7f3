"""``role``: person → organisation they hold a post in, with ``title``.

Titles are found as phrases around a title word ("chief executive", "consultant
ophthalmologist", "clinical lead for radiotherapy") and tied to an organisation by form:
"Sensyne's chief executive", "its interim chair", "chief executive of George Eliot",
"HIMSS Chief Clinical Officer", "… company whose chief executive is"; titles that name
their office ("the Information Commissioner") map to that office when the document
mentions it. Verbs give posts too ("X co-founded Y", "who runs Y", "founded by X",
board seats: ``posts_by_verb``). Each title (found by ``titles``) goes to the nearest
person of the sentence that is not a possessor ("Gordon Brown's government").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ingest.extract import state
from ingest.extract.components.orgs.forms import form_type
from ingest.extract.lexicon import TITLE_ORGS
from ingest.extract.names import HONORIFICS
from ingest.extract.rules.cues import Found
from ingest.extract.rules.post_orgs import (
    conjoined_after,
    listed_posts,
    signature_org,
    unit_at_org,
)
from ingest.extract.rules.posts_by_verb import (
    VERB_TITLES,
    board_seats,
    person_at,
    verb_lemma,
    verb_roles,
)
from ingest.extract.rules.titles import title_phrases
from ingest.extract.rules.units import ORG_TYPES, Occ, Unit

RELATION = "role"
MINISTERIAL = {"minister", "secretary", "chancellor"}
HONORIFIC_WORDS = {h.rstrip(".") for h in HONORIFICS}
APPOINT_VERBS = {
    "join",
    "appoint",
    "name",
    "hire",
    "recruit",
    "install",
    "confirm",
    "elect",
    "serve",
}
LINKS = {"of", "at", "for", "with", "to"}
MAX_DISTANCE = 30
OFFICE_MODIFIERS = {"uk", "uk's", "british", "english", "former", "interim", "new", "acting"}
ACADEMIC = re.compile(r"(?i)prof(?:essor)?\.?")


def find(unit: Unit) -> list[Found]:
    doc = unit.doc
    sent = unit.sent
    people = [o for o in unit.occs if o.type == "Person" and _root(doc, o).dep_ != "poss"]
    if not people:
        return []
    orgs = [o for o in unit.occs if o.type in ORG_TYPES]
    in_orgs = {i for o in orgs if o.named for i in range(o.start, o.end)}
    out: list[Found] = []
    signed = signature_org(doc, sent, orgs)
    for start, end in title_phrases(sent, in_orgs):
        org = org_for_title(doc, start, end, orgs) or signed
        title = doc[start:end].text
        if org is None:
            org = _office(doc, title)
        person = (
            _clause_person(doc, start, end, people)
            or _apposed_person(doc, start, end, people)
            or nearest_person(people, start, end)
        )
        if org is None and person is not None and adjacent(person, start, end, doc):
            org = sentence_org(doc, title, orgs, person)
            if org is None and not _names_elsewhere(doc, end) and not ACADEMIC.fullmatch(title):
                org = focus_org(unit, title, orgs) or referred_org(title, orgs)
        if org is not None and person is not None:
            for key in [org, *conjoined_after(doc, end, org, orgs)]:
                out.append(Found(RELATION, person.key, key, unit.evidence, 0.7, {"title": title}))
    out += verb_roles(unit, people, orgs)
    out += listed_posts(unit, people)
    out += board_seats(unit, people, orgs)
    out += offices(unit, people)
    out += affiliations(unit, people, orgs, {(f.subject, f.object) for f in out})
    return out


AFFILIATION_LINKS = {"of", "at", "from"}


def affiliations(
    unit: Unit, people: list[Occ], orgs: list[Occ], known: set[tuple[str, str]]
) -> list[Found]:
    """ "Professor Kausik Ray of Imperial College London", "Dr Jane Smith at Kelvane": a
    person named with the organisation they belong to; "Professor" (if the text gives
    it) is the title."""
    doc = unit.doc
    out = []
    for person in people:
        if not person.named or any(p == person.key for p, _ in known):
            continue
        end = person.end
        if end + 1 < unit.sent.end and doc[end].text == ",":
            end += 1  # "Jo Rust, of the trade union Unison,"
        if end >= unit.sent.end or doc[end].lower_ not in AFFILIATION_LINKS:
            continue
        start = end + 2 if end + 1 < len(doc) and doc[end + 1].lower_ == "the" else end + 1
        # a name ("of Imperial", "of the trade union Unison"), or a description standing
        # for one ("of the same university")
        while start < unit.sent.end and start - end <= 4 and doc[start].is_lower:
            if any(o.start == start for o in orgs):
                break
            start += 1
        org = next((o for o in orgs if o.start == start and o.named), None) or next(
            (o for o in orgs if o.start == end + 1 and not o.named), None
        )
        if org is None or org.type == "Person":
            continue
        before = doc[person.start - 1] if person.start > unit.sent.start else None
        title = (
            before.text if before is not None and before.lower_ in ("professor", "prof") else None
        )
        attributes = {"title": "Professor"} if title else {}
        out.append(Found(RELATION, person.key, org.key, unit.evidence, 0.6, attributes))
    return out


def offices(unit: Unit, people: list[Occ]) -> list[Found]:
    """ "Amyas Morse, the Comptroller and Auditor General, said": a title that names its
    office (``TITLE_ORGS``), beside the person who holds it."""
    doc, sent = unit.doc, unit.sent
    lower = sent.text.lower()
    out = []
    for title, key in TITLE_ORGS.items():
        at = lower.find(title)
        if at < 0 or key not in state.entities(doc):
            continue
        span = doc.char_span(sent.start_char + at, sent.start_char + at + len(title))
        if span is None:
            continue
        start, end = span.start, span.end
        while start > sent.start and doc[start - 1].lower_ in OFFICE_MODIFIERS:
            start -= 1  # "the UK Information Commissioner", "the interim chief inspector"
        if start > sent.start and doc[start - 1].lower_ == "the":
            start -= 1
        person = nearest_person(people, start, end)
        if person is not None and adjacent(person, start, end, doc):
            out.append(Found(RELATION, person.key, key, unit.evidence, 0.7, {"title": span.text}))
    return out


def org_for_title(doc: Doc, start: int, end: int, orgs: list[Occ]) -> str | None:
    before = doc[start - 1] if start > 0 else None
    for o in orgs:
        if before is not None and before.text in ("'s", "’s", "'") and o.end == start - 1:
            return o.key
        if before is not None and before.lower_ in ("its", "their") and o.start == start - 1:
            return o.key
        if o.end == start and o.named:
            return o.key
    if before is not None and before.lower_ == "whose":
        prior = [o for o in orgs if o.end <= start - 1]
        return prior[-1].key if prior else None
    if before is not None and before.lower_ in ("a", "an", "the", "its", "their") and start > 1:
        before = doc[start - 2]  # "joined Microsoft as an executive vice president"
    if before is not None and before.lower_ == "as" and not _linked(doc, end):
        # "X joined Y as chief financial officer", "Y appointed X as its chair"
        prior = [o for o in orgs if o.end <= start - 1 and start - o.end <= 8]
        if prior and before.head.lemma_.lower() in APPOINT_VERBS:
            return prior[-1].key
    if end < len(doc) and doc[end].lower_ in LINKS:
        for o in orgs:
            if o.start in (end + 1, end + 2) and (o.start == end + 1 or doc[end + 1].is_stop):
                # "director of HealthTech at NICE": a unit with no body's name of its own
                # belongs to the body after "at" (not "the Institute of … at Imperial")
                unit_only = o.key.startswith("org:") and form_type(o.text) is None
                at = _at_org(doc, o, orgs) if unit_only else None
                return at or o.key
        return unit_at_org(doc, end, orgs)
    return None


def _at_org(doc: Doc, unit_of: Occ, orgs: list[Occ]) -> str | None:
    """The body after "at" that the named unit before it belongs to."""
    if unit_of.end >= len(doc) or doc[unit_of.end].lower_ != "at":
        return None
    start = unit_of.end + 1
    if start < len(doc) and doc[start].lower_ == "the":
        start += 1
    return next((o.key for o in orgs if o.start == start), None)


def _linked(doc: Doc, end: int) -> bool:
    return end < len(doc) and doc[end].lower_ in LINKS


def adjacent(person: Occ, start: int, end: int, doc: Doc) -> bool:
    """ "chief executive Michalis Papadakis", "chief executive Dr Keith McNeil", "a new
    chief executive, Sean White" or "Jane Smith, chief executive,"."""
    if person.start == end or (person.end + 1 == start) or person.end + 2 == start:
        return True
    if person.start <= end:
        return False
    between = doc[end : person.start]
    return len(between) <= 3 and all(
        t.text == "," or t.text.rstrip(".") in HONORIFIC_WORDS for t in between
    )


def sentence_org(doc: Doc, title: str, orgs: list[Occ], person: Occ) -> str | None:
    """For a title with no organisation of its own: the one organisation the sentence is
    about (the nearest before the title), never for a minister's title."""
    if any(w in MINISTERIAL for w in title.lower().split()):
        return None
    if ACADEMIC.fullmatch(title):
        # "when Professor David Loughton retired": an academic title says nothing of the
        # trust the sentence is about; only a university nearby is his
        orgs = [o for o in orgs if o.type == "University"]
    led = _led_by(doc, person, orgs)
    if led is not None:
        return led
    before = [o for o in orgs if o.end <= min(person.start, person.end)]
    if before:
        return before[-1].key
    return None


def _names_elsewhere(doc: Doc, end: int) -> bool:
    """ "a consultant at Musgrove Park": the title names a place of its own."""
    return _linked(doc, end) and end + 1 < len(doc) and doc[end + 1].text[:1].isupper()


def referred_org(title: str, orgs: list[Occ]) -> str | None:
    """ "chief executive Dr Keith McNeil, who pointed to the trust's deficit": the body the
    sentence names only by a word for it ("the trust", "its") when that is one body."""
    if any(w in MINISTERIAL for w in title.lower().split()):
        return None
    keys = {o.key for o in orgs}
    if len(keys) != 1 or any(o.named or o.type != "Trust" for o in orgs):
        return None  # only "the trust": a pronoun ("its code") is too often something else
    return keys.pop() if any(o.text.lower().startswith("the ") for o in orgs) else None


def focus_org(unit: Unit, title: str, orgs: list[Occ]) -> str | None:
    """ "said Sandra Shannon, chief operating officer and deputy chief executive" in a
    statement naming no organisation: the one organisation the document is about, when
    it has a single one (a press release's own body)."""
    if orgs or any(w in MINISTERIAL for w in title.lower().split()):
        return None
    before = {o.key for o in unit.context if o.type in ORG_TYPES}
    if len(before) == 1 and any(o.type == "Person" for o in unit.context):
        # "Larry Ellison, its chairman, said … Safra Catz, the chief executive, …": the
        # people just named with that body
        return before.pop()
    focus = [o for o in unit.focus if o.type in ORG_TYPES]
    return focus[0].key if len(focus) == 1 else None


def _led_by(doc: Doc, person: Occ, orgs: list[Occ]) -> str | None:
    """ "Brainomix, a spin-out from Oxford led by chief executive X": the one X leads."""
    root = doc[person.start : person.end].root
    prep = root.head
    if prep.dep_ not in ("agent", "prep") or prep.lower_ != "by":
        return None
    verb = prep.head
    if verb_lemma(verb) not in VERB_TITLES or verb.dep_ not in ("acl", "relcl"):
        return None
    head = verb.head
    while head.dep_ == "appos" and not any(o.start <= head.i < o.end for o in orgs):
        head = head.head
    for o in orgs:
        if o.start <= head.i < o.end:
            return o.key
    return None


def _office(doc: Doc, title: str) -> str | None:
    key = TITLE_ORGS.get(title.lower())
    return key if key is not None and key in state.entities(doc) else None


def nearest_person(people: list[Occ], start: int, end: int) -> Occ | None:
    best: tuple[int, int, Occ] | None = None
    for p in people:
        if p.start >= start and p.end <= end:
            continue
        distance = start - p.end if p.end <= start else p.start - end
        rank = (distance, 0 if p.end <= start else 1, p)
        if distance <= MAX_DISTANCE and (best is None or rank[:2] < best[:2]):
            best = rank
    return best[2] if best else None


def _apposed_person(doc: Doc, start: int, end: int, people: list[Occ]) -> Occ | None:
    """ "Professor David Brettle, the Trust's chief scientific officer, and James
    Goodyear, …": the person the title stands in apposition to, though another is nearer."""
    root = doc[start:end].root
    if root.dep_ != "appos" or root.head.i >= start:
        return None
    return person_at(people, root.head)


def _clause_person(doc: Doc, start: int, end: int, people: list[Occ]) -> Occ | None:
    """ "X, who remains its managing director", "He … having been minister for …": the
    subject of the clause whose complement the title is."""
    root = doc[start:end].root
    if root.dep_ == "attr":
        verb = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.dep_ == "prep":
        verb = root.head.head
    else:
        return None
    for _ in range(5):
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            if subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
                subject = verb.head
            return person_at(people, subject)
        if verb.dep_ not in ("conj", "advcl", "xcomp"):
            return None
        verb = verb.head
    return None


def _root(doc: Doc, occ: Occ) -> Token:
    return doc[occ.start : occ.end].root
