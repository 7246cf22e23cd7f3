"""The spaCy pipeline: the statistical English model plus our components, initialised.

One object carries the dependencies: the gazetteer is read once from ``data/`` and
handed to the components' ``initialize``; nothing is written into the config.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from ingest.extract import components  # noqa: F401  (registers the factories)
from ingest.extract.components import (
    abbreviations,
    amounts,
    co_prefix,
    coref,
    entity_ruler,
    lemmas,
    org_typer,
    paragraphs,
    relation_scorer,
    relations,
    sectors,
)
from ingest.extract.components import entity_scorer as entity_scorer_component
from ingest.extract.dated import DatingTokenizer
from ingest.extract.gazetteer import Gazetteer, load_gazetteer
from ingest.extract.learned.entity_scorer import EntityScorer
from ingest.extract.learned.scorer import Scorer
from ingest.extract.learned.settings import choose_entity_scorer, choose_scorer
from ingest.extract.model import choose_model
from ingest.extract.naming import factory_name

OUR_PIPES = (
    co_prefix.NAME,
    entity_ruler.NAME,
    org_typer.NAME,
    abbreviations.NAME,
    coref.NAME,
    sectors.NAME,
    entity_scorer_component.NAME,
    amounts.NAME,
    relations.NAME,
    relation_scorer.NAME,
)
NEEDS_GAZETTEER = (entity_ruler.NAME, org_typer.NAME)
# Abbreviations the tokenizer keeps whole ("m.") that end amounts in news: "worth £5m."
# must end its sentence, not run into the next one.
AMOUNT_SUFFIXES = ("m.", "k.", "p.")


def build_pipeline(
    model: str | None = None,
    gazetteer: Gazetteer | None = None,
    scorer: Scorer | bool | None = True,
    entity_scorer: EntityScorer | bool | None = True,
) -> Language:
    """Load the model (``choose_model``), add our components and initialise them.

    ``scorer`` is the relation scorer to add the learned relations with and
    ``entity_scorer`` the one to check the rules' entities with: ``True`` for the one the
    settings name (``choose_scorer``, ``choose_entity_scorer``), ``False`` or ``None`` for
    the rules alone."""
    name = choose_model(model)
    nlp = spacy.load(name)
    rules = dict(nlp.tokenizer.rules or {})
    if any(rules.pop(suffix, None) for suffix in AMOUNT_SUFFIXES):
        nlp.tokenizer.rules = rules
    co_prefix.add_special_cases(nlp)
    nlp.tokenizer = DatingTokenizer(nlp.tokenizer)
    before = "parser" if "parser" in nlp.pipe_names else nlp.pipe_names[0]
    nlp.add_pipe(paragraphs.FACTORY, before=before)
    after = "lemmatizer" if "lemmatizer" in nlp.pipe_names else nlp.pipe_names[-1]
    nlp.add_pipe(lemmas.FACTORY, after=after).initialize(nlp=nlp)
    for pipe in OUR_PIPES:
        nlp.add_pipe(factory_name(pipe), last=True)
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    for pipe in NEEDS_GAZETTEER:
        nlp.get_pipe(factory_name(pipe)).initialize(nlp=nlp, gazetteer=gaz)
    chosen = choose_scorer() if scorer is True else scorer or None
    nlp.get_pipe(factory_name(relation_scorer.NAME)).initialize(nlp=nlp, scorer=chosen)
    checker = choose_entity_scorer() if entity_scorer is True else entity_scorer or None
    nlp.get_pipe(factory_name(entity_scorer_component.NAME)).initialize(nlp=nlp, scorer=checker)
    return nlp
