"""Which learned models the extractor runs with.

Each model is a setting: ``NHSKG_RELATION_SCORER`` for the relation scorer and
``NHSKG_ENTITY_SCORER`` for the entity scorer, each a path to a model file or ``off``
(to compare with the rules alone, or to reproduce records made before the model).
Without the setting the model shipped in ``data/models/`` is used.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from ingest.extract.gazetteer import DATA_DIR
from ingest.extract.learned.entity_scorer import EntityScorer, load_entity_scorer
from ingest.extract.learned.scorer import Scorer, load_scorer

SCORER_ENV = "NHSKG_RELATION_SCORER"
SCORER_PATH = DATA_DIR / "models" / "relation_scorer.json"
ENTITY_SCORER_ENV = "NHSKG_ENTITY_SCORER"
ENTITY_SCORER_PATH = DATA_DIR / "models" / "entity_scorer.json"
OFF = {"off", "none", "no", "0", "false"}
log = logging.getLogger(__name__)
Model = TypeVar("Model")


def choose_scorer(environ: Mapping[str, str] | None = None) -> Scorer | None:
    """The relation scorer the setting names, else the shipped one."""
    return choose(SCORER_ENV, SCORER_PATH, load_scorer, "relation scorer", environ)


def choose_entity_scorer(environ: Mapping[str, str] | None = None) -> EntityScorer | None:
    """The entity scorer the setting names, else the shipped one."""
    return choose(
        ENTITY_SCORER_ENV, ENTITY_SCORER_PATH, load_entity_scorer, "entity scorer", environ
    )


def choose(
    env_name: str,
    default: Path,
    load: Callable[[Path], Model],
    what: str,
    environ: Mapping[str, str] | None,
) -> Model | None:
    """The model the setting names (a bad file is an error, not a silent fallback), else
    the shipped one, else None with a warning."""
    env = os.environ if environ is None else environ
    value = env.get(env_name)
    if value is not None and value.strip().lower() in OFF:
        return None
    value = (value or "").strip()
    if value:
        return load(Path(value))
    if not default.exists():
        log.warning("no %s at %s: the rules alone decide", what, default)
        return None
    return load(default)
