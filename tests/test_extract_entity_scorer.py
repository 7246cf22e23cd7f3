"""The learned entity scorer (``ingest/extract/learned/entity_scorer.py``,
``nhskg.entity_scorer.v1``).

The shipped scorer is real data trained on the development part; these tests run it in
the real pipeline on sentences written for them, give the pipeline scorers with
hand-set weights to pin what a verdict does to a document (drops, retypes, the
references and relations that go with them), train a small scorer with the real
training command, and check that a bad scorer file is a clear error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.extract import Extractor, load_extractor
from ingest.extract.learned.entity_features import TYPES
from ingest.extract.learned.entity_scorer import FORMAT, EntityScorer, load_entity_scorer
from ingest.extract.learned.scorer import ScorerFileError
from ingest.extract.learned.settings import (
    ENTITY_SCORER_ENV,
    ENTITY_SCORER_PATH,
    choose_entity_scorer,
)
from tests.extract_support import (  # noqa: F401
    extractor,
    relations_in,
    text_document,
    train_small_model,
)

# Parts of job titles and departments that the rules, reading capitalised words, take
# for organisations.
TITLE_PARTS = (
    "Dr Helen Marsh, Divisional Medical Director for Surgery at Leeds Teaching Hospitals "
    "NHS Trust, said the new system had cut delays.\n\n"
    "Mark Evans, head of Older People Services at Barts Health NHS Trust, welcomed the "
    "new contract with Doccla."
)
# A trust of the ODS data, a firm of the gazetteer, a firm named with its legal form and
# a firm nobody knows.
KNOWN_AND_UNKNOWN = (
    "Leeds Teaching Hospitals NHS Trust has signed a contract with Cerner, and Quillfen "
    "Analytics will check the data with Marrowby Systems Ltd, which said it was delighted."
)


def names(extractor: Extractor, text: str) -> set[tuple[str, str]]:  # noqa: F811
    return {(e.type, e.name) for e in extractor.extract(text_document(text)).entities}


def hand_set(bias: dict[str, float]) -> EntityScorer:
    """A scorer whose only weight per type is its bias: every entity scores the same."""
    return EntityScorer({f"{t}|bias": bias.get(t, -10.0) for t in TYPES})


@pytest.fixture(scope="module")
def rules_only() -> Extractor:
    return load_extractor(scorer=False, entity_scorer=False)


def test_the_shipped_scorer_is_trained_on_the_development_part_only() -> None:
    scorer = load_entity_scorer(ENTITY_SCORER_PATH)
    assert "development articles (d001" in scorer.meta["trained_on"]
    assert 0.0 < scorer.drop < scorer.retype < 1.0
    assert set(scorer.by_type) == set(TYPES)
    assert len(scorer.weights) > 1000


def test_parts_of_job_titles_are_no_organisations(extractor, rules_only) -> None:  # noqa: F811
    found_by_rules = names(rules_only, TITLE_PARTS)
    found = names(extractor, TITLE_PARTS)
    assert ("Company", "Divisional Medical") in found_by_rules
    assert ("Company", "Older People Services") in found_by_rules
    assert ("Company", "Divisional Medical") not in found
    assert ("Company", "Older People Services") not in found
    # the people, the trusts and the firm stay
    for kept in [
        ("Person", "Helen Marsh"),
        ("Person", "Mark Evans"),
        ("Trust", "Leeds Teaching Hospitals NHS Trust"),
        ("Trust", "Barts Health NHS Trust"),
        ("Company", "Doccla"),
    ]:
        assert kept in found
    # and no relation reaches a dropped name
    assert not any("Older People Services" in r for r in relations_in(extractor, TITLE_PARTS))


def test_known_organisations_and_legal_forms_are_never_dropped() -> None:
    doubting = load_extractor(scorer=False, entity_scorer=hand_set({}))
    found = names(doubting, KNOWN_AND_UNKNOWN)
    assert ("Trust", "Leeds Teaching Hospitals NHS Trust") in found
    assert ("Company", "Cerner") in found
    assert ("Company", "Marrowby Systems Ltd") in found
    assert not any("Quillfen" in name for _, name in found)


def test_a_dropped_entity_takes_its_references_and_relations_along() -> None:
    text = "Quillfen Analytics has signed a £2m contract with Barts Health NHS Trust."
    trusting = load_extractor(scorer=False, entity_scorer=False)
    doubting = load_extractor(scorer=False, entity_scorer=hand_set({}))
    assert any("Quillfen" in ends for ends in map(str, relations_in(trusting, text)))
    assert relations_in(doubting, text) == set()
    record = doubting.extract(text_document(text))
    # the record stays valid: every mention of a kept entity, ids from e1
    assert [e.id for e in record.entities] == [f"e{n}" for n in range(1, len(record.entities) + 1)]


def test_an_organisation_the_model_cannot_place_is_kept_under_the_rules_type() -> None:
    # about 0.28 as a company and 0.29 as a charity: no type scores 0.3, but together
    # the types say it is an organisation
    undecided = load_extractor(
        scorer=False, entity_scorer=hand_set({"Company": -0.92, "Charity": -0.9})
    )
    assert ("Company", "Quillfen Analytics") in names(undecided, KNOWN_AND_UNKNOWN)
    doubting = load_extractor(scorer=False, entity_scorer=hand_set({"Company": -1.5}))
    assert not any("Quillfen" in name for _, name in names(doubting, KNOWN_AND_UNKNOWN))


def test_a_sure_type_replaces_the_rules_type() -> None:
    retyping = load_extractor(scorer=False, entity_scorer=hand_set({"Other": 10.0}))
    record = retyping.extract(text_document(KNOWN_AND_UNKNOWN))
    by_name = {e.name: e for e in record.entities}
    assert by_name["Quillfen Analytics"].type == "Other"
    assert by_name["Cerner"].type == "Other"  # known, so retyped rather than dropped


def test_the_setting_turns_the_scorer_off() -> None:
    assert choose_entity_scorer({ENTITY_SCORER_ENV: "off"}) is None
    assert choose_entity_scorer({}) is not None


def test_a_bad_scorer_file_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "entities.json"
    broken.write_text('{"format": "nhskg.relation_scorer.v1", "weights": {}}')
    with pytest.raises(ScorerFileError, match=FORMAT):
        choose_entity_scorer({ENTITY_SCORER_ENV: str(broken)})
    with pytest.raises(ScorerFileError, match="cannot read the entity scorer"):
        choose_entity_scorer({ENTITY_SCORER_ENV: str(tmp_path / "missing.json")})


def test_training_writes_a_scorer_that_the_extractor_runs_with(tmp_path: Path) -> None:
    out = tmp_path / "entities.json"
    done = train_small_model("ingest.extract.learned.train_entities", out)
    assert done.returncode == 0, done.stderr
    assert "3-fold cross-validation over 15 development articles" in done.stdout
    assert "with scorer" in done.stdout
    data = json.loads(out.read_text())
    assert data["format"] == FORMAT
    assert data["meta"]["trained_on"].startswith("15 development articles (d001")
    trained = load_extractor(scorer=False, entity_scorer=load_entity_scorer(out))
    # the small scorer runs in the pipeline; the trust of the ODS data is never dropped
    assert ("Trust", "Leeds Teaching Hospitals NHS Trust") in names(trained, KNOWN_AND_UNKNOWN)
