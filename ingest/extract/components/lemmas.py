"""``nhskg.lemmas.v1``: verb lemmas the model's rule lemmatizer gets wrong.

Runs after spaCy's lemmatizer. Its rules strip "-ed"/"-ing" and keep a form its verb
list knows, so "fined" becomes "fin" and "rated" "rat" (both verbs in that list); a
word it does not know whole keeps a stray "e" ("trialled" → "trialle", "co-founded" →
"co-founde"). Our relation rules read lemmas ("fine", "rate", "trial", "found"), so the
sanction in "the ICO fined the trust" and the rating in "the CQC rated it inadequate"
were invisible to them. This puts right the verbs known to go wrong, and gives a
hyphenated verb its prefix and the lemma of its last part ("co-founded" → "co-found").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy
from spacy.attrs import POS
from spacy.language import Language
from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc

from ingest.extract.naming import factory_name, register_versioned

NAME = "nhskg.lemmas.v1"
FACTORY = factory_name(NAME)

# Inflected verb → lemma, where the lemmatizer picks another verb or a non-word.
VERB_LEMMAS = {
    **dict.fromkeys(("fined", "fining"), "fine"),
    **dict.fromkeys(("rated", "rating"), "rate"),
    **dict.fromkeys(("trialled", "trialling", "trialed", "trialing"), "trial"),
    **dict.fromkeys(("benchmarked", "benchmarking"), "benchmark"),
}
VERB_POS = [VERB, AUX]


@Language.factory(FACTORY)
def make_lemmas(nlp: Language, name: str) -> LemmaFixer:
    return LemmaFixer(name)


class LemmaFixer:
    """Holds the model's verb list and suffix rules (read at ``initialize``) to lemmatise
    the last part of a hyphenated verb as the lemmatizer would a word on its own."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.verbs: set[str] = set()
        self.rules: list[tuple[str, str]] = []

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
    ) -> None:
        if nlp is None or "lemmatizer" not in nlp.pipe_names:
            return
        lookups = nlp.get_pipe("lemmatizer").lookups
        if lookups.has_table("lemma_index") and lookups.has_table("lemma_rules"):
            self.verbs = set(lookups.get_table("lemma_index").get("verb", []))
            self.rules = [tuple(r) for r in lookups.get_table("lemma_rules").get("verb", [])]

    def __call__(self, doc: Doc) -> Doc:
        # the verbs found from the tags as an array: a Token object for every word of
        # every document costs more than the rest of this component
        tags = doc.to_array([POS])
        for i in numpy.flatnonzero(numpy.isin(tags, VERB_POS)):
            token = doc[int(i)]
            lower = token.lower_
            if "-" in lower or lower in VERB_LEMMAS:
                lemma = self.verb_lemma(lower)
                if lemma is not None:
                    token.lemma_ = lemma
        return doc

    def verb_lemma(self, word: str) -> str | None:
        """The right lemma of a verb the lemmatizer gets wrong, else None."""
        if word in VERB_LEMMAS:
            return VERB_LEMMAS[word]
        prefix, hyphen, last = word.rpartition("-")
        if not (hyphen and prefix and last):
            return None
        if last in VERB_LEMMAS:
            return f"{prefix}-{VERB_LEMMAS[last]}"
        if last in self.verbs:
            return None  # "co-chair": the word is its own lemma
        for old, new in self.rules:
            form = last[: len(last) - len(old)] + new
            if last.endswith(old) and form in self.verbs:
                return f"{prefix}-{form}"  # "co-founded" → "co-found"
        return None


register_versioned(NAME, make_lemmas)
