"""``nhskg.coref.v1``: "the trust", "the company", "it", "each trust" resolved.

A description ("the Oxford-based firm", "the London eye hospital") refers to the nearest
entity before it whose type fits its head noun, or to the name it stands in apposition
to ("Sensyne Health, the clinical AI company"; "the AI company DeepMind"). A plural
("both trusts", "the trusts", "each trust") refers to the latest group of two or more
fitting entities. "it"/"its" prefer the subject of the clause before them over a name
inside a prepositional phrase, "he"/"she" the nearest person. The references are kept in
``doc.spans["nhskg_refs"]`` for the relation rules; they are not named mentions.

Also here: "X, formerly known as Y" and "X was still called Y" make Y a former name of X.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import LOWER, POS
from spacy.language import Language
from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from ingest.extract import state
from ingest.extract.gazetteer import given_name_genders
from ingest.extract.lexicon import ANY_ORG_NOUNS, TYPE_NOUNS
from ingest.extract.naming import factory_name, register_versioned

NAME = "nhskg.coref.v1"
FACTORY = factory_name(NAME)
DETERMINERS = {"the", "this", "that", "both", "each", "these", "those"}
PLURAL_DETS = {"both", "each", "these", "those"}
ORG_PRONOUNS = {"it", "its"}
OBJECT_DEPS = ("dobj", "dative", "iobj", "pobj")
# Nouns for a body that its name says it is: "the department", "the university".
NAMED_BY = {
    "department": ("Department", "Ministry"),
    "university": ("University", "College", "Universit"),
}
PERSON_PRONOUNS = {"he", "his", "him", "she", "her"}
PLURAL_PRONOUNS = {"both", "each"}
HONORIFICS = {"sir", "dame"}
TITLES_BEFORE = {"sir", "dame", "dr", "professor", "prof", "mr", "mrs", "ms"}
MAX_SENTENCES_BACK = 6
SUBJECT_DEPS = {"nsubj", "nsubjpass", "dobj", "ROOT", "appos", "conj"}


@dataclass
class Anchor:
    start: int
    end: int
    keys: list[str]
    type: str
    sent: int
    role_penalty: float
    name: str = ""


@Language.component(FACTORY)
def coref(doc: Doc) -> Doc:
    sent_index = {i: n for n, s in enumerate(doc.sents) for i in range(s.start, s.end)}
    anchors = [anchor_of(m, [m.kb_id_], m.label_, sent_index) for m in state.mentions(doc)]
    found: list[Span] = []
    for i in may_refer(doc):
        token = doc[i]
        ref = reference(doc, token, anchors, sent_index)
        if ref is None:
            continue
        span, keys, type_ = ref
        if not keys:
            continue
        found.append(Span(doc, span.start, span.end, label=type_, kb_id="|".join(keys)))
        anchors.append(anchor_of(span, keys, type_, sent_index))
        anchors.sort(key=lambda a: a.start)
    doc.spans[state.REFS] = found
    merge_former_names(doc)
    return doc


REFERRING_WORDS = ORG_PRONOUNS | PERSON_PRONOUNS | PLURAL_PRONOUNS | HONORIFICS


def may_refer(doc: Doc) -> list[int]:
    """The words ``reference`` can make something of (its pronouns and honorifics, and
    nouns), found from arrays: a Token object for every word costs more than the test."""
    words = doc.to_array([LOWER, POS])
    referring = [doc.vocab.strings.add(w) for w in REFERRING_WORDS]
    keep = numpy.isin(words[:, 0], referring) | (words[:, 1] == NOUN)
    # "the Trust", "the Company": the noun written with a capital, as press offices do
    kinds = [doc.vocab.strings.add(w) for w in CAPITALISED_KINDS]
    keep |= (words[:, 1] == PROPN) & numpy.isin(words[:, 0], kinds)
    return [int(i) for i in numpy.flatnonzero(keep)]


# Kinds of body a text names with a capital after "the" once it has named the body.
CAPITALISED_KINDS = {"trust", "company", "board"}


def capitalised_kind(doc: Doc, token: Token) -> bool:
    """ "the Trust's chief executive": the kind of body written with a capital after
    "the", not the start of a longer name ("the Trust Development Authority")."""
    if token.lower_ not in CAPITALISED_KINDS or not token.is_title or token.i == 0:
        return False
    if doc[token.i - 1].lower_ != "the":
        return False
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return after is None or not (after.is_title or after.is_upper)


def anchor_of(span: Span, keys: list[str], type_: str, sent_index: dict[int, int]) -> Anchor:
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head is not root:
        root = root.head
    penalty = 0.0 if root.dep_ in SUBJECT_DEPS else 3.0
    if root.dep_ == "dobj":
        penalty = 0.5  # "Oracle agreed to buy Cerner. … its chairman": the subject first
    if root.dep_ == "poss":
        penalty = 1.0
    if quoted(span):
        # '"It is exciting to work with Sanofi," said X, who founded the company': a name
        # inside a quotation is seldom what the narrative refers back to
        penalty += 1.5
    return Anchor(span.start, span.end, keys, type_, sent_index[span.start], penalty, span.text)


QUOTES = {'"', "“", "”"}


def quoted(span: Span) -> bool:
    """Whether a span stands inside a quotation of its sentence (an odd number of
    quotation marks before it in the sentence)."""
    return state.cached(span.doc, "open_quotes", _open_quotes)[span.start]


def _open_quotes(doc: Doc) -> list[bool]:
    """Per token: is a quotation of its sentence open at it (counted once per document)."""
    out: list[bool] = []
    for sent in doc.sents:
        count = 0
        for t in sent:
            out.append(count % 2 == 1)
            count += t.text in QUOTES
    return out


def reference(
    doc: Doc, token: Token, anchors: list[Anchor], sent_index: dict[int, int]
) -> tuple[Span, list[str], str] | None:
    lower = token.lower_
    if token.tag_ in ("PRP", "PRP$") and lower in ORG_PRONOUNS:
        here = [a for a in anchors if not bound_elsewhere(token, a)]
        return Span(doc, token.i, token.i + 1), nearest(token, here, sent_index, None), "org"
    if token.tag_ in ("PRP", "PRP$") and lower in PERSON_PRONOUNS:
        here = [a for a in anchors if not bound_elsewhere(token, a) and may_be(lower, a)]
        keys = nearest(token, here, sent_index, {"Person"})
        return Span(doc, token.i, token.i + 1), keys, "Person"
    if lower in HONORIFICS and token.i + 1 < len(doc):
        short = short_name(doc, token, anchors)
        if short is not None:
            return short
    if lower in PLURAL_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
        return Span(doc, token.i, token.i + 1), group(token, anchors, sent_index, None), "group"
    lemma = token.lemma_.lower()
    if capitalised_kind(doc, token):
        lemma = token.lower_
    elif not token.is_lower or token.pos_ != "NOUN":
        return None
    if lemma not in TYPE_NOUNS and lemma not in ANY_ORG_NOUNS:
        return None
    start = description_start(doc, token)
    if start is None:
        return None
    span = Span(doc, start, token.i + 1)
    type_ = TYPE_NOUNS.get(lemma)
    types = {type_} if type_ else None
    if type_ == "Trust":
        types = {"Trust"}
    if lemma == "department" or lemma == "regulator":
        types = {"GovernmentBody"}
    if lemma in NAMED_BY:
        # "the department" is a body called a department, "the university" one called a
        # university (not a research centre the text typed as one)
        ents = state.entities(doc)
        full = {a.start: " ".join(ents.get(k, {}).get("name", "") for k in a.keys) for a in anchors}
        named = [
            a for a in anchors if any(w in a.name or w in full[a.start] for w in NAMED_BY[lemma])
        ]
        anchors = named or anchors
    apposed = apposition(doc, span, anchors)
    if apposed is not None:
        return span, apposed.keys, apposed.type
    plural = token.tag_ == "NNS" or doc[start].lower_ in PLURAL_DETS
    if plural:
        count = 2 if any(t.lower_ == "two" for t in span) else None
        return span, group(token, anchors, sent_index, types, count), type_ or "group"
    here = [a for a in anchors if not bound_elsewhere(token, a)]
    keys = nearest(token, here, sent_index, types)
    if not keys and types == {"Trust"}:
        keys = only_one(token, anchors, types)
    return span, keys, type_ or "org"


FEMALE_PRONOUNS = {"she", "her"}


def may_be(pronoun: str, anchor: Anchor) -> bool:
    """Whether "she"/"he" can stand for this person: not when the first name is one
    news gives only to the other sex ("Professor David Loughton" is no "she")."""
    if anchor.type != "Person":
        return True
    words = anchor.name.split()
    sex = given_name_genders().get(words[0]) if words else None
    if sex is None:
        return True
    return (sex == "female") == (pronoun in FEMALE_PRONOUNS)


def bound_elsewhere(reference: Token, anchor: Anchor) -> bool:
    """ "Sanofi will pay it royalties", "Google bought the company": an object pronoun or
    description never means the subject of its own verb (that would be "itself"); a
    possessive ("its") may."""
    if reference.tag_ not in ("PRP", "NN", "NNS") or reference.dep_ not in OBJECT_DEPS:
        return False
    verb = reference.head.head if reference.dep_ == "pobj" else reference.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    return subject.left_edge.i <= anchor.start <= subject.right_edge.i


def only_one(token: Token, anchors: list[Anchor], types: set[str]) -> list[str]:
    """ "the hospital" far from any name: the one trust the document names before it."""
    keys = {
        a.keys[0] for a in anchors if a.start < token.i and len(a.keys) == 1 and a.type in types
    }
    return list(keys) if len(keys) == 1 else []


def short_name(doc: Doc, token: Token, anchors: list[Anchor]) -> tuple[Span, list[str], str] | None:
    """ "Sir Nick", "Dame Fiona": the knight or dame named in full before."""
    first = doc[token.i + 1]
    if first.pos_ != "PROPN" or not first.is_title:
        return None
    if token.i + 2 < len(doc) and doc[token.i + 2].pos_ == "PROPN" and doc[token.i + 2].is_title:
        return None  # a full name, the entity ruler's
    if any(a.start <= token.i < a.end or a.start <= first.i < a.end for a in anchors):
        return None
    keys = {
        a.keys[0]
        for a in anchors
        if a.type == "Person"
        and a.start < token.i
        and len(a.keys) == 1
        and [w for w in a.name.split() if w.lower() not in TITLES_BEFORE][:1] == [first.text]
    }
    if len(keys) != 1:
        return None
    return Span(doc, token.i, token.i + 2), list(keys), "Person"


def description_start(doc: Doc, head: Token) -> int | None:
    """Where "the … <noun>" starts, if the noun phrase is definite and names no one."""
    i = head.i - 1
    while i >= max(head.sent.start, head.i - 6):
        word = doc[i]
        if word.lower_ in DETERMINERS:
            return i
        if word.dep_ == "amod" and word.tag_ in ("VBN", "VBG"):
            i -= 1  # "the Oxford-based company", "the fast-growing firm"
            continue
        if word.pos_ in ("ADJ", "NOUN", "PROPN", "NUM", "PUNCT") and word.text not in (
            ",",
            ";",
            ":",
            "(",
        ):
            i -= 1
            continue
        return None
    return None


def apposition(doc: Doc, span: Span, anchors: list[Anchor]) -> Anchor | None:
    """ "X, the AI company" and "the AI company X": the description is X's."""
    for a in anchors:
        if a.type == "Person" or len(a.keys) != 1:
            continue
        if a.end == span.start - 1 and doc[a.end].text == ",":
            return a
        if a.start == span.end:
            return a
    return None


def nearest(
    token: Token, anchors: list[Anchor], sent_index: dict[int, int], types: set[str] | None
) -> list[str]:
    here = sent_index[token.i]
    best: tuple[float, int] | None = None
    best_keys: list[str] = []
    for a in anchors:
        if a.start >= token.i or here - a.sent > MAX_SENTENCES_BACK or len(a.keys) != 1:
            continue
        if not fits(a.type, types):
            continue
        score = (here - a.sent) * 1.0 + a.role_penalty
        if types is not None:
            score = (here - a.sent) * 1.0 + a.role_penalty / 3
        order = -a.start
        if best is None or (score, order) < best:
            best, best_keys = (score, order), a.keys
    return best_keys


def fits(anchor_type: str, types: set[str] | None) -> bool:
    if types is None:
        return anchor_type not in ("Person", "group")
    if anchor_type == "group":
        return False
    return anchor_type in types


def group(
    token: Token,
    anchors: list[Anchor],
    sent_index: dict[int, int],
    types: set[str] | None,
    count: int | None = None,
) -> list[str]:
    """The latest sentence's two or more fitting entities (or a plural reference's)."""
    here = sent_index[token.i]
    for back in range(0, 4):
        sent = here - back
        keys: list[str] = []
        for a in anchors:
            if a.sent != sent or a.start >= token.i:
                continue
            if a.type == "group" or (types is None and a.type != "Person") or fits(a.type, types):
                keys.extend(k for k in a.keys if k not in keys)
        if len(keys) >= 2:
            return keys[-count:] if count else keys
    return []


def merge_former_names(doc: Doc) -> None:
    """ "X, formerly (known as) Y" / "X was still called Y": Y's mentions become X's."""
    ents = state.entities(doc)
    refs = list(state.refs(doc))
    named = list(state.mentions(doc))
    rename: dict[str, str] = {}
    for m in named:
        if not m.kb_id_.startswith("org:"):
            continue  # a known name already has its own identity
        cue = doc[max(m.sent.start, m.start - 3) : m.start].text.lower()
        if not any(c in cue for c in ("formerly", "called", "known as", "renamed from")):
            continue
        before = [s for s in named + refs if s.end <= m.start and s.sent == m.sent]
        before = sorted(
            (s for s in before if s.label_ not in ("Person", "group")), key=lambda s: s.end
        )
        if not before:
            continue
        keys = state.ref_keys(before[-1])
        if len(keys) == 1 and keys[0] != m.kb_id_ and keys[0] in ents:
            if ents[keys[0]]["type"] != ents.get(m.kb_id_, {}).get("type"):
                continue
            rename[m.kb_id_] = keys[0]
            state.add_alias(ents[keys[0]], ents.get(m.kb_id_, {}).get("name", m.text))
    if not rename:
        return
    state.set_mentions(
        doc,
        [
            Span(doc, s.start, s.end, label=ents[rename[s.kb_id_]]["type"], kb_id=rename[s.kb_id_])
            if s.kb_id_ in rename
            else s
            for s in named
        ],
    )
    for old in rename:
        ents.pop(old, None)


register_versioned(NAME, coref)
