"""Posts told by a verb, for ``role``: "X co-founded Y", "who runs Y", "founded by X",
"set up X with Y and Z", "joins the Healx board".

Why: many posts are never named by a title; the verb of founding, running, leading or
joining a board says who holds what, and its subject, object or agent say where.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ingest.extract.rules import frames
from ingest.extract.rules.cues import Found
from ingest.extract.rules.units import Occ, Unit

RELATION = "role"
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
                occ = person_at(people, grand)
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
            return person_at(people, target)
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    # "by the investor Peter Thiel", "by three scientists, A, B and C"
                    named = [grand] + [c for c in grand.children if c.dep_ == "appos"]
                    found = next(
                        (p for t in named if (p := person_at(people, t)) is not None), None
                    )
                    return found or _named_after(verb.doc, grand, people)
    return None


def _named_after(doc: Doc, noun: Token, people: list[Occ]) -> Occ | None:
    """ "by three Southampton scientists, Stephen Holgate, …": the person named right
    after a plural noun and its comma (the parse may hang the name elsewhere)."""
    if noun.tag_ != "NNS" or noun.i + 2 >= len(doc) or doc[noun.i + 1].text != ",":
        return None
    return next((p for p in people if p.start == noun.i + 2), None)


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
        described = person_at(orgs, verb.head) or _owner_of_noun(verb.head, orgs)
        if described is not None:
            return described
    if agent and verb.dep_ == "advcl" and verb_lemma(verb) in AGENT_VERBS:
        # "… through the Vaccine Taskforce, then chaired by Kate Bingham": the name just
        # before the comma the clause opens with
        comma = next((t for t in verb.lefts if t.text == ","), None) or (
            verb.doc[verb.i - 2] if verb.i >= 2 and verb.doc[verb.i - 2].text == "," else None
        )
        if comma is not None:
            before = [o for o in orgs if comma.i - 1 <= o.end - 1 < comma.i]
            if before:
                return before[-1]
    if agent and verb_lemma(verb) in AGENT_VERBS:
        # "The taskforce … is chaired by Eddie Gray": the passive's subject (or, when the
        # verb is the second of two, the first one's)
        node = verb
        for _ in range(2):
            subject = next((c for c in node.children if c.dep_ == "nsubjpass"), None)
            if subject is None and node.dep_ == "conj":
                subject = next(
                    (c for c in node.head.children if c.dep_ in ("nsubj", "nsubjpass")), None
                )
            if subject is not None:
                found = person_at(orgs, subject) or _owner_of_noun(subject, orgs)
                if found is not None:
                    return found
                break
            node = node.head
    if agent or verb.dep_ in ("acl", "relcl", "advcl"):
        before = [o for o in orgs if o.end <= verb.i]
        if before and verb_lemma(verb) in ("found", "co-found", "cofound"):
            return before[-1]
        after = [o for o in orgs if person is not None and o.start >= person.end]
        if after and verb_lemma(verb) in ("found", "co-found", "cofound"):
            return after[0]
    return None


def _owner_of_noun(noun: Token, orgs: list[Occ]) -> Occ | None:
    """ "CSL Seqirus' Liverpool site, headed by X", "CAT's board, which is chaired by X":
    the body that owns what the verb describes."""
    for child in noun.children:
        if child.dep_ == "poss":
            return person_at(orgs, child)
    return None


def _conjoined(unit: Unit, person: Occ, people: list[Occ]) -> list[Occ]:
    """ "founded by Peter Kecskemethy and Tobias Rijken": both."""
    root = unit.doc[person.start : person.end].root
    out = []
    for token in root.subtree:
        if token.dep_ == "conj" and token.i >= person.end:
            occ = person_at(people, token)
            if occ is not None and occ.key != person.key:
                out.append(occ)
    return out


def person_at(occs: list[Occ], token: Token) -> Occ | None:
    """The occurrence a token is part of."""
    for o in occs:
        if o.start <= token.i < o.end:
            return o
    return None
