"""``nhskg.entity_ruler.v1``: known organisations found whole and typed.

Every trust name from the ODS data (and its short names, abbreviations and former names),
every CCG and ICB, and every organisation of the curated gazetteer is matched as a phrase;
the longest match wins. Full trust names match in any case ("ROYAL FREE LONDON NHS
FOUNDATION TRUST"), short names only as written ("Moorfields", not "moorfields").
The patterns come from the gazetteer handed to ``initialize``, never from the config.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ingest.extract import state
from ingest.extract.gazetteer import Gazetteer
from ingest.extract.naming import factory_name, register_versioned

NAME = "nhskg.entity_ruler.v1"
FACTORY = factory_name(NAME)


@Language.factory(FACTORY)
def make_entity_ruler(nlp: Language, name: str) -> EntityRuler:
    return EntityRuler(nlp, name)


class EntityRuler:
    def __init__(self, nlp: Language, name: str = NAME) -> None:
        self.name = name
        self.gazetteer: Gazetteer | None = None
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        if gazetteer is None or nlp is None:
            raise ValueError(f"{self.name}: initialize needs nlp= and gazetteer=")
        self.gazetteer = gazetteer
        exact: dict[str, list[Doc]] = {}
        folded: dict[str, list[Doc]] = {}
        seen: set[tuple[str, str, bool]] = set()
        for surface in gazetteer.surfaces:
            marker = (surface.text, surface.key, surface.case_sensitive)
            if marker in seen:
                continue
            seen.add(marker)
            target = exact if surface.case_sensitive else folded
            target.setdefault(surface.key, []).append(nlp.make_doc(surface.text))
        for key, docs in exact.items():
            self.exact.add(key, docs)
        for key, docs in folded.items():
            self.folded.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        if self.gazetteer is None:
            raise RuntimeError(f"{self.name} used before initialize(gazetteer=...)")
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Span]:
        found = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                if any(t.is_space for t in doc[start:end]):
                    continue
                found.append(Span(doc, start, end, label=match_id, kb_id=match_id))
        covered = {i for s in found for i in range(s.start, s.end)}
        found = [
            s
            for s in found
            if not inside_name(doc, s.start, s.end, covered) and not before_ccg(doc, s.end)
        ]
        # Longest wins; among equals, an open trust beats a closed one.
        assert self.gazetteer is not None
        orgs = self.gazetteer.orgs
        found.sort(key=lambda s: not orgs[s.label_].open)
        return filter_spans(found)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        assert self.gazetteer is not None
        kept = []
        published = doc._.nhskg_published or ""
        for span in spans:
            org = self.gazetteer.orgs[span.label_]
            if self.site_of_closed_trust(org.key, span.text, published):
                continue
            state.register(doc, org.key, org.name, org.type, org.identifiers)
            kept.append(Span(doc, span.start, span.end, label=org.type, kb_id=org.key))
        state.set_mentions(doc, kept)

    def site_of_closed_trust(self, key: str, text: str, published: str) -> bool:
        """A hospital of a trust closed before the article: the site, not the trust."""
        assert self.gazetteer is not None
        org = self.gazetteer.orgs[key]
        if org.open or not org.close_date or not published:
            return False
        return published[:10] > org.close_date and not self.gazetteer.is_full_name(key, text)


def inside_name(doc: Doc, start: int, end: int, covered: set[int]) -> bool:
    """One known word that ends a longer unknown name ("National Data Guardian")."""
    if end - start != 1 or start == 0 or doc[start].is_sent_start or start - 1 in covered:
        return False
    prev = doc[start - 1]
    return prev.is_title and prev.pos_ == "PROPN" and not prev.is_sent_start


def before_ccg(doc: Doc, end: int) -> bool:
    """ "NHS Dorset" + "Clinical Commissioning Group": the start of a CCG's name, which the
    reference data knows only as the board that replaced it, not that board."""
    following = doc[end : end + 3].text
    return following.startswith(("CCG", "Clinical Commissioning Group"))


register_versioned(NAME, make_entity_ruler)
