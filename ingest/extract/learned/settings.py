"""Which relation scorer the extractor runs with.

The scorer is a setting, ``NHSKG_RELATION_SCORER``: a path to a scorer file, or ``off``
for the rules alone (to compare, or to reproduce records made before the scorer). Without
it the scorer shipped in ``data/models/`` is used.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path

from ingest.extract.gazetteer import DATA_DIR
from ingest.extract.learned.scorer import Scorer, load_scorer

SCORER_ENV = "NHSKG_RELATION_SCORER"
SCORER_PATH = DATA_DIR / "models" / "relation_scorer.json"
OFF = {"off", "none", "no", "0", "false"}
log = logging.getLogger(__name__)


def choose_scorer(environ: Mapping[str, str] | None = None) -> Scorer | None:
    """The scorer the setting names (a bad file is an error, not a silent fallback), else
    the shipped one, else None with a warning."""
    env = os.environ if environ is None else environ
    value = env.get(SCORER_ENV)
    if value is not None and value.strip().lower() in OFF:
        return None
    value = (value or "").strip()
    if value:
        return load_scorer(Path(value))
    if not SCORER_PATH.exists():
        log.warning("no relation scorer at %s: relations come from the rules alone", SCORER_PATH)
        return None
    return load_scorer(SCORER_PATH)
