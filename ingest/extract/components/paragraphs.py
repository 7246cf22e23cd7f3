"""``nhskg.paragraphs.v1``: a line break ends a sentence.

Runs before the parser. Headlines carry no full stop and list items no capital, so
without this the parser glues a headline to the first paragraph and a list to the line
that introduces it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ingest.extract.naming import factory_name, register_versioned

NAME = "nhskg.paragraphs.v1"
FACTORY = factory_name(NAME)
BULLETS = {"-", "*", "•", "–", "‣"}


@Language.component(FACTORY)
def paragraphs(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if ("\n" in token.text_with_ws and not token.is_space) or (
            token.is_space and "\n" in token.text
        ):
            first = doc[token.i + 1]
            first.is_sent_start = True
            if first.text in BULLETS and first.i + 1 < len(doc):
                doc[first.i + 1].is_sent_start = False
    return doc


register_versioned(NAME, paragraphs)
