"""Shared fixtures and helpers for the extractor tests (``tests/test_extract_*.py``).

Strategy: the real spaCy model, loaded once per session (a few hundred ms), and real
articles: the development part of the gold corpus (``dNNN_*``) and small texts written
in the tests. The held-out part (``hNNN_*``) is never read here. Import the fixtures
into a test module with ``from tests.extract_support import extractor  # noqa: F401``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ingest.document import Document
from ingest.extract import Extractor, load_extractor
from ingest.record import Record

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
RECORDS = ROOT / "data" / "records"
GOLDEN = Path(__file__).resolve().parent / "golden" / "extract"
NHSKG = Path(sys.executable).with_name("nhskg")
UPDATE_ENV = "NHSKG_UPDATE_GOLDEN"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return load_extractor()


def dev_articles() -> list[Path]:
    """Development articles that have golden records (never the held-out part)."""
    return sorted(
        p for p in CORPUS.glob("d[0-9][0-9][0-9]_*.txt") if (RECORDS / f"{p.stem}.jsonl").exists()
    )


def text_document(
    body: str, published: str | None = "2019-02-04", title: str = "News in brief"
) -> Document:
    return Document(text=f"{title}\n\n{body}\n", title=title, published=published)


def summary(record: Record) -> dict[str, Any]:
    """What a golden file pins: entities by type and name (with ODS codes), relations by
    type and the names of their ends, with their amounts."""
    names = {e.id: e.name for e in record.entities}
    return {
        "entities": sorted(
            f"{e.type} {e.name}" + (f" [{e.identifiers['ods']}]" if "ods" in e.identifiers else "")
            for e in record.entities
        ),
        "relations": sorted(
            {
                f"{r.type} {names.get(r.subject, r.subject)} -> {names.get(r.object, r.object)}"
                + "".join(
                    f" {k}={r.attributes[k]}"
                    for k in ("amount_gbp", "value_gbp", "percent", "shares", "records")
                    if r.attributes.get(k) is not None
                )
                for r in record.relations
            }
        ),
    }


def relations_in(extractor: Extractor, body: str) -> set[tuple[str, str, str]]:
    """The (type, subject name, object name) of every relation a text gives."""
    return relations_by_name(extractor.extract(text_document(body)))


def attributes_by_pair(
    extractor: Extractor, body: str, type_: str
) -> dict[tuple[str, str], dict[str, Any]]:
    """The attributes of each relation of one type a text gives, by (subject, object) name."""
    record = extractor.extract(text_document(body))
    names = {e.id: e.name for e in record.entities}
    return {
        (names[r.subject], names[r.object]): dict(r.attributes)
        for r in record.relations
        if r.type == type_
    }


def relations_by_name(record: Record) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in record.entities}
    return {
        (r.type, names.get(r.subject, r.subject), names.get(r.object, r.object))
        for r in record.relations
    }


def golden_path(article: Path) -> Path:
    return GOLDEN / f"{article.stem}.json"


def write_golden(article: Path, data: dict[str, Any]) -> None:
    golden_path(article).write_text(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def updating_golden() -> bool:
    return os.environ.get(UPDATE_ENV) == "1"


def run_nhskg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "NHSKG_STORE"}
    environ.update(env or {})
    return subprocess.run(
        [str(NHSKG), *args], capture_output=True, text=True, env=environ, timeout=600, check=False
    )


def train_small_model(module: str, out: Path) -> subprocess.CompletedProcess[str]:
    """Run a learned stage's real training command on the first 15 development articles
    (3-fold cross-validation), writing the model to ``out``."""
    return subprocess.run(
        [sys.executable, "-m", module, "--until", "d016", "--folds", "3", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
