"""``role``: person → organisation they hold a post in, with ``title``.

Titles are found as phrases around a title word ("chief executive", "consultant
ophthalmologist", "clinical lead for radiotherapy") and tied to an organisation by form:
"Sensyne's chief executive", "its interim chair", "chief executive of George Eliot",
"HIMSS Chief Clinical Officer", "… company whose chief executive is"; titles that name
their office ("the Information Commissioner") map to that office when the document
mentions it. Verbs give posts too: "X co-founded Y", "who runs Y", "who leads Y",
"founded by X". Each title goes to the nearest person of the sentence that is not a
possessor ("Gordon Brown's government").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ingest.extract import state
from ingest.extract.components.orgs.forms import form_type
from ingest.extract.lexicon import TITLE_ORGS
from ingest.extract.names import HONORIFICS
from ingest.extract.rules import frames
from ingest.extract.rules.cues import Found
from ingest.extract.rules.units import ORG_TYPES, Occ, Unit

RELATION = "role"
TITLE_WORDS = {
    "executive",
    "ceo",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "founder",
    "co-founder",
    "cofounder",
    "director",
    "president",
    "officer",
    "minister",
    "secretary",
    "commissioner",
    "consultant",
    "head",
    "lead",
    "leader",
    "professor",
    "manager",
    "governor",
    "trustee",
    "cio",
    "cto",
    "cfo",
    "coo",
    "ccio",
    "cmo",
    "chief",
    "ophthalmologist",
    "surgeon",
    "radiologist",
    "adviser",
    "advisor",
    "chancellor",
    "dean",
    "scientist",
    "vice-president",
    "editor",
    "editor-in-chief",
    "physician",
    "partner",
    "principal",
    "boss",
    "comptroller",
    "lecturer",
    "vice-chancellor",
    "provost",
    "inspector",
    "nurse",
    "midwife",
    "matron",
    "registrar",
}
# Endings of nouns naming a profession (checked on nouns only): "specialist", "physician".
PROFESSION_ENDINGS = ("ist", "ician", "ologist", "searcher", "ngineer", "nalyst", "ellow")
MINISTERIAL = {"minister", "secretary", "chancellor"}
HONORIFIC_WORDS = {h.rstrip(".") for h in HONORIFICS}
VERB_TITLES = {
    "found": "founder",
    "co-found": "co-founder",
    "cofound": "co-founder",
    "co-founded": "co-founder",
    "lead": "lead",
    "run": None,
    "head": "head",
    "chair": "chair",
    "direct": "director",
}
# "the Commons Health Committee, chaired by X": the organisation the verb describes
AGENT_VERBS = {"chair", "lead", "head", "run", "found", "co-found", "cofound", "direct"}
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
LEFT_STOP = {"former", "the", "a", "an", "its", "their", "his", "her", "also", "previously"}
LINKS = {"of", "at", "for", "with", "to"}
MAX_DISTANCE = 30


def find(unit: Unit) -> list[Found]:
    doc = unit.doc
    sent = unit.sent
    people = [o for o in unit.occs if o.type == "Person" and _root(doc, o).dep_ != "poss"]
    if not people:
        return []
    orgs = [o for o in unit.occs if o.type in ORG_TYPES]
    in_orgs = {i for o in orgs if o.named for i in range(o.start, o.end)}
    out: list[Found] = []
    for start, end in title_phrases(sent, in_orgs):
        org = org_for_title(doc, start, end, orgs)
        title = doc[start:end].text
        if org is None:
            org = _office(doc, title)
        person = _clause_person(doc, start, end, people) or nearest_person(people, start, end)
        if org is None and person is not None and adjacent(person, start, end, doc):
            org = sentence_org(doc, title, orgs, person)
            if org is None and not _names_elsewhere(doc, end):
                org = focus_org(unit, title, orgs) or referred_org(title, orgs)
        if org is not None and person is not None:
            out.append(Found(RELATION, person.key, org, unit.evidence, 0.7, {"title": title}))
    out += verb_roles(unit, people, orgs)
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
        if start > sent.start and doc[start - 1].lower_ == "the":
            start -= 1
        person = nearest_person(people, start, end)
        if person is not None and adjacent(person, start, end):
            out.append(Found(RELATION, person.key, key, unit.evidence, 0.7, {"title": span.text}))
    return out


def title_phrases(sent: Span, skip: set[int]) -> list[tuple[int, int]]:
    doc = sent.doc
    found: list[tuple[int, int]] = []
    i = sent.start
    while i < sent.end:
        token = doc[i]
        if i in skip or not is_title_word(token) or not _title_pos(token):
            i += 1
            continue
        start = _hyphen_left(doc, i, sent.start)
        while start - 1 >= sent.start and _left_ok(doc, start - 1, skip):
            start -= 1
        end = i + 1
        while (
            end < sent.end
            and end not in skip
            and (
                doc[end].lower_ in TITLE_WORDS
                or (doc[end].pos_ == "NOUN" and doc[end].is_lower)
                or doc[end].lower_ == "general"
                or _hyphen_joins(doc, end, sent.end)
            )
        ):
            end += 2 if _hyphen_joins(doc, end, sent.end) else 1
        end = _and_title(doc, end, sent.end, skip)
        end = _tail(doc, end, sent.end, skip)
        found.append((start, end))
        i = end
    return found


def _hyphen_joins(doc: Doc, i: int, limit: int) -> bool:
    """ "editor-in-chief", "co-founder": a hyphen with no space either side."""
    return (
        i + 1 < limit
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i + 1].is_alpha
    )


def _hyphen_left(doc: Doc, i: int, limit: int) -> int:
    start = i
    while start - 2 >= limit and _hyphen_joins(doc, start - 1, start + 1):
        if not doc[start - 2].is_alpha or not doc[start - 2].is_lower:
            break
        start -= 2
    return start


def _and_title(doc: Doc, end: int, limit: int, skip: set[int]) -> int:
    """ "co-founder and director of Foxglove", "founder and chief executive": one title."""
    if end + 1 >= limit or doc[end].lower_ != "and":
        return end
    j = end + 1
    while j < limit and j not in skip and j - end <= 4:
        token = doc[j]
        if is_title_word(token) and token.is_lower:
            k = j + 1
            while (
                k < limit
                and k not in skip
                and (doc[k].lower_ in TITLE_WORDS or _hyphen_joins(doc, k, limit))
            ):
                k += 2 if _hyphen_joins(doc, k, limit) else 1
            return k
        if not (token.is_lower and token.pos_ in ("ADJ", "NOUN")) and token.text != "-":
            break
        j += 1
    return end


def _title_pos(token: Token) -> bool:
    """A noun, or a title the tagger read as an adjective before a name ("chief
    executive Michalis Papadakis")."""
    if token.pos_ in ("NOUN", "PROPN"):
        return True
    return (
        token.pos_ == "ADJ"
        and token.dep_ in ("amod", "compound")
        and (
            token.head.pos_ == "PROPN"
            or (is_title_word(token.head) and token.head.i == token.i + 1)
        )
    )  # "the CQC's chief inspector of hospitals"


def is_title_word(token: Token) -> bool:
    """A post or an occupation: the list, or a noun of a profession ("oncologist",
    "specialist", "economist", "paediatrician", "statistician")."""
    lower = token.lower_
    if lower in TITLE_WORDS or lower.endswith("ologist"):
        return True
    return token.pos_ == "NOUN" and len(lower) > 5 and lower.endswith(PROFESSION_ENDINGS)


def _left_ok(doc: Doc, i: int, skip: set[int]) -> bool:
    token = doc[i]
    if i in skip or token.lower_ in LEFT_STOP or token.text in ("'s", "’s"):
        return False
    if token.lower_ == "and":
        return i - 1 >= 0 and doc[i - 1].is_title and doc[i + 1].is_title
    if token.pos_ in ("ADJ", "NOUN") or (token.dep_ in ("amod", "compound") and token.is_lower):
        return True
    if token.is_upper and token.dep_ in ("compound", "nmod", "amod") and len(token) <= 3:
        return True  # "UK managing director"
    return token.pos_ == "PROPN" and token.is_title and token.ent_type_ != "PERSON"


def _tail(doc: Doc, end: int, limit: int, skip: set[int]) -> int:
    """ "… for radiotherapy", "… of digital transformation": a lower-case complement."""
    if end + 1 >= limit or doc[end].lower_ not in ("of", "for", "in") or end + 1 in skip:
        return end
    j = end + 1
    while j < limit and j not in skip and j - end <= 5:
        token = doc[j]
        if _complement_word(token):
            j += 1
        else:
            break
    return j if j > end + 1 and doc[j - 1].pos_ in ("NOUN", "PROPN") else end


def _complement_word(token: Token) -> bool:
    if token.is_lower and token.pos_ in ("ADJ", "NOUN", "CCONJ"):
        return True
    return token.pos_ == "PROPN" and (token.is_upper or token.is_title) and token.lower_ != "the"


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


def adjacent(person: Occ, start: int, end: int, doc: Doc | None = None) -> bool:
    """ "chief executive Michalis Papadakis", "chief executive Dr Keith McNeil", "a new
    chief executive, Sean White" or "Jane Smith, chief executive,"."""
    if person.start == end or (person.end + 1 == start) or person.end + 2 == start:
        return True
    if doc is None or person.start <= end:
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
            return _occ_at(people, subject)
        if verb.dep_ not in ("conj", "advcl", "xcomp"):
            return None
        verb = verb.head
    return None


BOARD_VERBS = {"join", "appoint", "name", "elect", "sit", "serve"}


def board_seats(unit: Unit, people: list[Occ], orgs: list[Occ]) -> list[Found]:
    """ "Irina Haivas joins the Healx board", "was appointed to the board of Genomics
    England", "sits on its board": a seat on a body's board is a post there."""
    doc = unit.doc
    out = []
    for board in unit.sent:
        if board.lemma_.lower() != "board" or board.pos_ != "NOUN":
            continue
        verb = board.head.head if board.dep_ == "pobj" else board.head
        if verb.lemma_.lower() not in BOARD_VERBS:
            continue
        owners = [c for c in board.children if c.dep_ in ("compound", "poss", "nmod")] + [
            g for prep, g in frames.preps_of(board) if prep == "of"
        ]
        org = next((o for t in owners for o in frames.occ_at(unit, t) if o in orgs), None)
        subject = frames.subject_of(verb)
        if frames.is_passive(verb) or subject is None:
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), subject)
        person = next(
            (p for p in people if subject is not None and p.start <= subject.i < p.end), None
        )
        if org is not None and person is not None:
            title = "non-executive director" if "non-executive" in unit.text else "board member"
            out.append(Found(RELATION, person.key, org.key, unit.evidence, 0.65, {"title": title}))
    del doc
    return out


def verb_lemma(verb: Token) -> str:
    """The verb's lemma, "found" for "set up" / "start up" ("He set up DeepMind")."""
    lemma = verb.lemma_.lower()
    if lemma in ("set", "start") and any(
        c.dep_ == "prt" and c.lower_ == "up" for c in verb.children
    ):
        return "found"
    return lemma


def verb_roles(unit: Unit, people: list[Occ], orgs: list[Occ]) -> list[Found]:
    doc = unit.doc
    out = []
    for token in unit.sent:
        lemma = verb_lemma(token)
        if token.pos_ != "VERB" or lemma not in VERB_TITLES:
            continue
        title = VERB_TITLES[lemma]
        if lemma == "found" and token.i >= 2 and doc[token.i - 1].text == "-":
            title = "co-founder" if doc[token.i - 2].lower_ == "co" else title
        person = _verb_person(token, people)
        org = _verb_org(token, orgs, person)
        if person is None or org is None:
            continue
        attrs = {"title": title} if title else {}
        for p in [person, *_conjoined(unit, person, people), *_together(unit, token, people)]:
            out.append(Found(RELATION, p.key, org.key, unit.evidence, 0.65, dict(attrs)))
    del doc
    return out


def _together(unit: Unit, verb: Token, people: list[Occ]) -> list[Occ]:
    """ "founded by X, who …, together with Y and Z": Y and Z too."""
    if verb_lemma(verb) not in ("found", "co-found", "cofound"):
        return []
    out = []
    for token in verb.subtree:
        along = token.i > 0 and unit.doc[token.i - 1].lower_ == "together"
        if token.lower_ == "with" and (along or token.head == verb):
            # "together with Y and Z", "set up DeepMind with Y and Z"
            for grand in token.subtree:
                occ = _occ_at(people, grand)
                if occ is not None and occ not in out:
                    out.append(occ)
    return out


def _verb_person(verb: Token, people: list[Occ], depth: int = 0) -> Occ | None:
    if (
        depth < 3
        and verb.dep_ in ("conj", "advcl", "xcomp")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in verb.children)
    ):
        return _verb_person(verb.head, people, depth + 1)
    for child in verb.children:
        if child.dep_ == "nsubj":
            target = verb.head if child.lower_ in ("who", "that") else child
            return _occ_at(people, target)
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return _occ_at(people, grand)
    return None


def _verb_org(verb: Token, orgs: list[Occ], person: Occ | None) -> Occ | None:
    for child in verb.children:
        if child.dep_ == "dobj":
            inside = [
                o for o in orgs if child.left_edge.i <= o.start and o.end <= child.right_edge.i + 1
            ]
            if inside:
                return inside[0]
    agent = any(c.dep_ == "agent" for c in verb.children)
    if agent and verb.dep_ in ("acl", "relcl") and verb_lemma(verb) in AGENT_VERBS:
        # "the Commons Health Committee, chaired by X"; "the BMA, whose GP committee was
        # chaired by X"
        described = _occ_at(orgs, verb.head)
        if described is not None:
            return described
    if agent or verb.dep_ in ("acl", "relcl", "advcl"):
        before = [o for o in orgs if o.end <= verb.i]
        if before and verb_lemma(verb) in ("found", "co-found", "cofound"):
            return before[-1]
        after = [o for o in orgs if person is not None and o.start >= person.end]
        if after and verb_lemma(verb) in ("found", "co-found", "cofound"):
            return after[0]
    return None


def _conjoined(unit: Unit, person: Occ, people: list[Occ]) -> list[Occ]:
    """ "founded by Peter Kecskemethy and Tobias Rijken": both."""
    root = unit.doc[person.start : person.end].root
    out = []
    for token in root.subtree:
        if token.dep_ == "conj" and token.i >= person.end:
            occ = _occ_at(people, token)
            if occ is not None and occ.key != person.key:
                out.append(occ)
    return out


def _occ_at(occs: list[Occ], token: Token) -> Occ | None:
    for o in occs:
        if o.start <= token.i < o.end:
            return o
    return None


def _root(doc: Doc, occ: Occ) -> Token:
    return doc[occ.start : occ.end].root
