"""``nhskg.relation_scorer.v1``: relations a trained model is sure of, added to the rules'.

Runs after ``nhskg.relations.v1``. Every pair of parties of every statement is scored by
the model of ``data/models/relation_scorer.json`` (``ingest/extract/learned/``); a pair
the rules did not find is added when its probability reaches the model's threshold, with
its statement as evidence and the probability as confidence. Without a model the
component passes documents through unchanged. Being the last of our components, it
drops the per-document cache (``state.cached``) the others filled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from ingest.extract import state
from ingest.extract.components.relations import STATEMENTS, merge
from ingest.extract.learned.scorer import Scorer
from ingest.extract.naming import factory_name, register_versioned
from ingest.extract.rules.cues import Found
from ingest.extract.rules.units import units

NAME = "nhskg.relation_scorer.v1"
EMPTY_TENSOR = numpy.zeros((0, 0), dtype="float32")
FACTORY = factory_name(NAME)


@Language.factory(FACTORY)
def make_relation_scorer(nlp: Language, name: str) -> RelationScorer:
    return RelationScorer(name)


class RelationScorer:
    def __init__(self, name: str = NAME) -> None:
        self.name = name
        self.scorer: Scorer | None = None

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        scorer: Scorer | None = None,
    ) -> None:
        self.scorer = scorer

    def __call__(self, doc: Doc) -> Doc:
        if self.scorer is not None:
            self.add_relations(doc)
        # the last of our components: the Doc leaves the pipeline. Drop what nothing after
        # it reads, the per-document cache and the model's token vectors, so a worker
        # process (``--processes N``) sends back a smaller Doc.
        state.clear_cache(doc)
        doc.tensor = EMPTY_TENSOR
        return doc

    def add_relations(self, doc: Doc) -> None:
        assert self.scorer is not None
        rules = doc._.nhskg_relations or []
        found = [
            Found(r["type"], r["subject"], r["object"], (r["start"], r["end"]), 1.0) for r in rules
        ]
        statements = state.cached(doc, STATEMENTS, units)  # the relations component's
        doc._.nhskg_relations = rules + merge(self.scorer.additions(statements, found))


register_versioned(NAME, make_relation_scorer)
