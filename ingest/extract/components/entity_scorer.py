"""``nhskg.entity_scorer.v1``: entities a trained model doubts, dropped or retyped.

Runs after ``nhskg.sectors.v1``, when the rules have found, typed, merged and resolved
every name and description, and before the relation rules, so that no relation is read
between names the model drops ("Group", "Older People Services") and relations see the
type it gives ("Panmure Gordon" the bank, not a person). The model is
``data/models/entity_scorer.json`` (``ingest/extract/learned/entity_scorer.py``); without
one the component passes documents through unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ingest.extract.learned.entity_scorer import EntityScorer
from ingest.extract.naming import factory_name, register_versioned

NAME = "nhskg.entity_scorer.v1"
FACTORY = factory_name(NAME)


@Language.factory(FACTORY)
def make_entity_scorer(nlp: Language, name: str) -> EntityScorerComponent:
    return EntityScorerComponent(name)


class EntityScorerComponent:
    def __init__(self, name: str = NAME) -> None:
        self.name = name
        self.scorer: EntityScorer | None = None

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        scorer: EntityScorer | None = None,
    ) -> None:
        self.scorer = scorer

    def __call__(self, doc: Doc) -> Doc:
        if self.scorer is not None:
            self.scorer.apply(doc)
        return doc


register_versioned(NAME, make_entity_scorer)
