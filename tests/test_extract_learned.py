"""The learned relation scorer (``ingest/extract/learned/``, ``nhskg.relation_scorer.v1``).

The shipped scorer is real data trained on the development part; these tests run it in
the real pipeline on sentences written for them, train a small scorer with the real
training command, and check that a bad scorer file is a clear error, not a silent
fallback to the rules.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from ingest.extract import Extractor, load_extractor
from ingest.extract.learned.scorer import FORMAT, ScorerFileError, load_scorer
from ingest.extract.learned.settings import (
    ENTITY_SCORER_ENV,
    SCORER_ENV,
    SCORER_PATH,
    choose_scorer,
)
from tests.extract_support import (  # noqa: F401
    NHSKG,
    extractor,
    relations_in,
    text_document,
    train_small_model,
)

# A post told by a verb no title word names: the rules read titles, the model the pattern
# "X, who leads … at <trust>".
LEADS = (
    "Dr Sarah Jones, who leads radiology at Leeds Teaching Hospitals NHS Trust, welcomed the move."
)


@pytest.fixture(scope="module")
def rules_only() -> Extractor:
    return load_extractor(scorer=False)


def test_the_shipped_scorer_is_trained_on_the_development_part_only() -> None:
    scorer = load_scorer(SCORER_PATH)
    assert scorer.meta["trained_on"].endswith(")")
    assert "development articles (d001" in scorer.meta["trained_on"]
    assert 0.0 < scorer.add < 1.0
    assert len(scorer.weights) > 1000


def test_the_scorer_adds_a_post_the_rules_miss(extractor, rules_only) -> None:  # noqa: F811
    post = ("role", "Sarah Jones", "Leeds Teaching Hospitals NHS Trust")
    assert post not in relations_in(rules_only, LEADS)
    assert post in relations_in(extractor, LEADS)
    record = extractor.extract(text_document(LEADS))
    added = next(r for r in record.relations if r.type == "role")
    # the statement is its evidence; the model's probability its confidence
    assert added.evidence.text.startswith("Dr Sarah Jones, who leads radiology")
    assert 0.5 <= added.confidence < 1.0


def test_the_scorer_adds_nothing_where_no_relation_is_stated(extractor) -> None:  # noqa: F811
    text = (
        "A report on waiting times named Leeds Teaching Hospitals NHS Trust and Barts Health "
        "NHS Trust among the slowest, and Kheiron Medical Technologies among firms selling "
        "screening software."
    )
    assert relations_in(extractor, text) == set()


def test_the_scorer_keeps_what_the_rules_found(extractor, rules_only) -> None:  # noqa: F811
    text = (
        "Oxford University Hospitals NHS Foundation Trust has signed a £2m contract with "
        "Optellum for lung cancer software. Tom Smith, Optellum's head of product, said the "
        "company was pleased."
    )
    found = relations_in(rules_only, text)
    assert ("contract", "Oxford University Hospitals NHS Foundation Trust", "Optellum") in found
    assert found <= relations_in(extractor, text)


def test_the_setting_turns_the_scorer_off() -> None:
    assert choose_scorer({SCORER_ENV: "off"}) is None
    assert choose_scorer({}) is not None


def test_a_bad_scorer_file_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "scorer.json"
    broken.write_text('{"format": "something else"}')
    with pytest.raises(ScorerFileError, match=FORMAT):
        choose_scorer({SCORER_ENV: str(broken)})
    with pytest.raises(ScorerFileError, match="cannot read"):
        choose_scorer({SCORER_ENV: str(tmp_path / "missing.json")})


@pytest.mark.parametrize("setting", [SCORER_ENV, ENTITY_SCORER_ENV])
def test_the_cli_names_a_bad_model_file_and_stops(tmp_path: Path, setting: str) -> None:
    broken = tmp_path / "model.json"
    broken.write_text("not json")
    article = tmp_path / "a.txt"
    article.write_text("Headline\n\n" + LEADS + "\n")
    env = {**os.environ, setting: str(broken)}
    done = subprocess.run(
        [str(NHSKG), "extract", str(article)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode != 0
    assert str(broken) in done.stderr
    assert "Traceback" not in done.stderr


def test_training_writes_a_scorer_that_the_extractor_runs_with(
    tmp_path: Path,
    rules_only: Extractor,
) -> None:
    out = tmp_path / "scorer.json"
    done = train_small_model("ingest.extract.learned.train", out)
    assert done.returncode == 0, done.stderr
    assert "3-fold cross-validation over 15 development articles" in done.stdout
    assert "rules + scorer" in done.stdout
    data = json.loads(out.read_text())
    assert data["format"] == FORMAT
    assert data["meta"]["trained_on"].startswith("15 development articles (d001")
    scorer = load_scorer(out)
    assert scorer.weights
    trained = load_extractor(scorer=scorer)
    # the small scorer runs in the pipeline and only ever adds to what the rules found
    text = LEADS + " The trust has signed a £2m contract with Optellum."
    assert relations_in(rules_only, text) <= relations_in(trained, text)
