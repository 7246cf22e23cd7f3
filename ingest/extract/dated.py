"""Article texts that carry their date into the pipeline, also into worker processes.

Why: relative dates ("earlier this year") are read against the article's date, which the
components find on ``doc._.nhskg_published``. Setting it on a ``Doc`` made in the main
process meant tokenising there and shipping every ``Doc`` to the workers as bytes, work
bare spaCy leaves to its workers (``--processes N`` lost a tenth of its speed to it). A
:class:`DatedText` is a ``str`` that pickles with its date; :class:`DatingTokenizer`
tokenises it wherever spaCy does and puts the date on the ``Doc``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc


class DatedText(str):
    """An article's text with its date (ISO, or None)."""

    published: str | None = None


def dated(text: str, published: str | None) -> DatedText:
    out = DatedText(text)
    out.published = published
    return out


class DatingTokenizer:
    """The pipeline's tokenizer, putting a :class:`DatedText`'s date on its ``Doc``;
    everything else (special cases, rules) is the wrapped tokenizer's."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        # spaCy's tokenizer takes a plain str only
        doc = self.tokenizer(str.__str__(text))
        doc._.nhskg_published = getattr(text, "published", None)
        return doc

    def __getattr__(self, name: str) -> Any:
        if name == "tokenizer":  # not set yet (unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.tokenizer, name)
