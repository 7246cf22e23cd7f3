"""``nhskg.sectors.v1``: what a firm does, from how the text describes it.

"Sensyne Health, the clinical AI company" and "the AI company DeepMind" give ``ai``;
"the vaccine company PowderJect Pharmaceuticals" gives ``pharma``. The description is an
apposition or relative clause right after a name (up to the next name, ";" or "."), the
words before a name back to its determiner, or a resolved description ("the artificial
intelligence company" → its entity). Only what the text says: the gazetteer's sectors go
to the graph through the gazetteer, not through the record.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.extract import state
from ingest.extract.lexicon import SECTOR_CUES, TYPE_NOUNS
from ingest.extract.naming import factory_name, register_versioned

NAME = "nhskg.sectors.v1"
FACTORY = factory_name(NAME)
SECTOR_TYPES = {"Company", "Other"}
WINDOW = 14


@Language.component(FACTORY)
def sectors(doc: Doc) -> Doc:
    ents = state.entities(doc)
    for key, text in descriptions(doc):
        ent = ents.get(key)
        if ent is None or ent["type"] not in SECTOR_TYPES:
            continue
        for sector in sectors_in(text):
            if sector not in ent["sectors"]:
                ent["sectors"].append(sector)
    return doc


def sectors_in(text: str) -> list[str]:
    return [sector for sector, pattern in SECTOR_CUES if pattern.search(text)]


def descriptions(doc: Doc):
    named = sorted(state.mentions(doc), key=lambda s: s.start)
    starts = {m.start for m in named}
    for m in named:
        after = following(doc, m, starts)
        if after:
            yield m.kb_id_, after
        before = preceding(doc, m)
        if before:
            yield m.kb_id_, before
    for ref in state.refs(doc):
        keys = state.ref_keys(ref)
        if len(keys) == 1 and len(ref) > 1:
            yield keys[0], ref.text


def following(doc: Doc, m: Span, starts: set[int]) -> str:
    if m.end + 1 >= m.sent.end or doc[m.end].text != ",":
        return ""
    first = doc[m.end + 1]
    if first.lower_ not in ("a", "an", "the", "which", "that", "its", "whose", "now"):
        return ""
    words = []
    for token in doc[m.end + 1 : min(m.sent.end, m.end + 1 + WINDOW)]:
        if token.text in (";", ".", ":") or token.i in starts:
            break
        words.append(token.text_with_ws)
    return "".join(words)


def preceding(doc: Doc, m: Span) -> str:
    if m.start == m.sent.start:
        return ""
    before = doc[m.start - 1]
    if before.lemma_.lower() not in TYPE_NOUNS:
        return ""
    i = m.start - 1
    while i > m.sent.start and doc[i - 1].lower_ not in ("the", "a", "an", ",", "by", "with"):
        i -= 1
    return doc[i : m.start].text


register_versioned(NAME, sectors)
