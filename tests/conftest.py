"""Shared fixtures.

Strategy: everything is real. Stores are real Oxigraph stores (in memory for unit tests,
on disk in a temporary folder where a command or a server opens them); the CLI runs as
the installed `nhskg` program in a subprocess, exactly as a user runs it; the curated
store is built once per session from the golden records in ``data/records/`` and shared
read-only by the tests that only query it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.load import ensure_reference, load_record
from graph.store import GraphStore, open_store
from ingest.record import read_records

ROOT = Path(__file__).resolve().parent.parent
RECORDS = sorted((ROOT / "data" / "records").glob("*.jsonl"))
NHSKG = Path(sys.executable).with_name("nhskg")


def gold_records():
    for path in RECORDS:
        for _, record in read_records(path):
            yield record


@pytest.fixture
def memory_store() -> GraphStore:
    store = open_store(None)
    ensure_reference(store)
    return store


@pytest.fixture(scope="session")
def curated_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding the reference data and every golden record."""
    path = tmp_path_factory.mktemp("curated") / "store"
    store = open_store(path)
    ensure_reference(store)
    for record in gold_records():
        load_record(store, record)
    store.flush()
    del store
    return path


@pytest.fixture(scope="session")
def curated_store(curated_store_path: Path) -> Iterator[GraphStore]:
    store = open_store(curated_store_path, read_only=True)
    yield store


def run_cli(
    *args: str, store: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess:
    """Run the installed ``nhskg`` command as a user would."""
    env = {k: v for k, v in os.environ.items() if k != "NHSKG_STORE"}
    if store is not None:
        env["NHSKG_STORE"] = str(store)
    return subprocess.run(
        [str(NHSKG), *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=300,
        check=False,
    )


@pytest.fixture
def cli():
    return run_cli
