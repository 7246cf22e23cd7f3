"""What the entity scorer knows about an entity the rules found: how it is named, where
the rules found it, what the statistical NER called it and the words around its mentions.

Why these: the rules type a name by its form and context and keep it unless a test says
it is no organisation, so their errors are names nothing tests for ("Group", "Joint",
"Older People Services", a bank named like a person). The signals that tell those apart
are general (a lone common word, the head of a job title, a name the NER never marks as
an organisation, no "the company" ever referring to it), learnt from the development
part's annotations. Of the name itself only its first and last words are features: the
last is mostly a form ("… Group", "… Fund", "… Services"); for a one-word name both are
the name, which is how lone words the rules keep taking ("Group", "Joint") are learnt.

Every feature is a string, present or absent; the scorer ties each one to the type it
scores (``Company|last:fund``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc, Span, Token

from ingest.extract import state

MAX_MENTIONS = 6  # context read from the first mentions only: enough, and bounded
TYPES = ("Trust", "GovernmentBody", "Company", "University", "Charity", "Person", "Other")


def entity_views(doc: Doc) -> dict[str, list[Span]]:
    """Entity key → its named mentions, in text order."""
    out: dict[str, list[Span]] = {}
    for m in sorted(state.mentions(doc), key=lambda s: s.start):
        out.setdefault(m.kb_id_, []).append(m)
    return out


def referred(doc: Doc) -> dict[str, list[str]]:
    """Entity key → the head nouns of the descriptions resolved to it ("the firm")."""
    out: dict[str, list[str]] = {}
    for ref in state.refs(doc):
        head = ref.root.lemma_.lower()
        for key in state.ref_keys(ref):
            out.setdefault(key, []).append(head)
    return out


def entity_features(
    key: str, ent: dict[str, Any], mentions: list[Span], refs: Iterable[str]
) -> list[str]:
    """The untyped features of one entity (``key`` in ``state.entities``)."""
    source = key.partition(":")[0]
    out = ["bias", f"src:{source}", f"rules:{ent['type']}", f"src_rules:{source}:{ent['type']}"]
    out += name_features(ent["name"])
    if ent["aliases"]:
        out.append("has_alias")
    if ent["sectors"]:
        out.append("has_sector")
    if ent["identifiers"]:
        out.append("has_identifier")
    out.append(f"mentions:{min(len(mentions), 3)}")
    out += [f"ref:{head}" for head in set(refs)]
    for m in mentions[:MAX_MENTIONS]:
        out += mention_features(m)
    if mentions and all(m.start == m.sent.start for m in mentions):
        out.append("always_sentence_start")
    if mentions and mentions[0].start_char < headline_end(mentions[0].doc):
        out.append("in_headline")
    return sorted(set(out))


def name_features(name: str) -> list[str]:
    words = name.split()
    out = [f"words:{min(len(words), 5)}"]
    if not words:
        return out
    out += [f"first:{words[0].lower()}", f"last:{words[-1].lower()}"]
    if name.isupper():
        out.append("all_caps")
    if any(c.isdigit() for c in name):
        out.append("digit")
    if any(w[:1].islower() for w in words):
        out.append("lower_word")
    out.append("shape:" + "".join(shape(w) for w in words[:4]))
    return out


def shape(word: str) -> str:
    if word.isupper():
        return "A"
    if word[:1].isupper():
        return "C" if any(c.isupper() for c in word[1:]) else "X"
    return "x" if word.isalpha() else "#"


def mention_features(m: Span) -> list[str]:
    doc = m.doc
    out = [f"ner:{label}" for label in ner_labels(m)]
    root = m.root
    out.append(f"dep:{root.dep_}")
    # the word the mention depends on (a sentence's root depends on itself)
    out.append(f"head:{root.head.lemma_.lower()}")
    if root.dep_ == "compound":
        out.append(f"compound_of:{root.head.lemma_.lower()}")
    if m.start > 0:
        prev = doc[m.start - 1]
        out.append(f"prev:{prev.lower_}")
        if prev.i > 0 and prev.is_punct is False:
            out.append(f"prev2:{doc[prev.i - 1].lower_}")
    if m.end < len(doc):
        out.append(f"next:{doc[m.end].lower_}")
    out += [f"appos:{t.lemma_.lower()}" for t in described_by(m)]
    out += [f"listed_with:{label}" for label in listed_with(m)]
    return out


def listed_with(m: Span) -> set[str]:
    """The types of the named mentions the mention is coordinated with ("the Brackenfield
    Research Council and Quillmoor Commission"): lists name things of a kind."""
    labels = state.cached(m.doc, "mention_label_by_token", mention_labels)
    root = m.root
    linked = [c for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj":
        linked.append(root.head)
    inside = range(m.start, m.end)
    return {labels[t.i] for t in linked if t.i not in inside and labels[t.i]}


def mention_labels(doc: Doc) -> list[str]:
    out = [""] * len(doc)
    for mention in state.mentions(doc):
        for i in range(mention.start, mention.end):
            out[i] = mention.label_
    return out


def described_by(m: Span) -> list[Token]:
    """The head nouns of descriptions in apposition to the mention ("X, a Welsh think
    tank"; "the think tank X"): what the text says the named thing is."""
    inside = range(m.start, m.end)
    # the words that hang on the mention's words (read from them, not from the sentence)
    dependents = sorted((c for t in m for c in t.children if c.i not in inside), key=lambda t: t.i)
    return [
        t
        for t in dependents
        if t.pos_ in ("NOUN", "PROPN")
        and (t.dep_ == "appos" or (t.dep_ == "compound" and t.i < m.start and t.pos_ == "NOUN"))
    ]


def ner_labels(m: Span) -> list[str]:
    """The statistical NER's labels on the mention: ``ORG``, ``exact:ORG`` when its span
    is the mention's, ``none`` when it marked nothing there."""
    by_token = state.cached(m.doc, "ner_by_token", ner_by_token)
    out = []
    for e in {by_token[i] for i in range(m.start, m.end) if by_token[i] is not None}:
        out.append(e.label_)
        if e.start == m.start and e.end == m.end:
            out.append(f"exact:{e.label_}")
    return out or ["none"]


def ner_by_token(doc: Doc) -> list[Span | None]:
    out: list[Span | None] = [None] * len(doc)
    for e in doc.ents:
        for i in range(e.start, e.end):
            out[i] = e
    return out


def headline_end(doc: Doc) -> int:
    text = state.doc_text(doc)
    newline = text.find("\n")
    return len(text) if newline < 0 else newline
