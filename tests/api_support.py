"""Fixtures for the query service tests (loaded with ``pytest_plugins``).

Strategy: everything is real. One on-disk store per session holds the reference data,
every golden record in ``data/records/`` and two small hand-written records of ours
(``tests/fixtures/api/records.jsonl``: a fictional trust, an accented AI company), so the
assertions rest on facts this file controls. The store object is deleted before any
server opens the folder read-only. Servers are the installed ``nhskg serve`` command on
127.0.0.1 port 0, configured through ``NHSKG_*`` variables with short limits; clients are
SPARQLWrapper, rdflib's SPARQLStore and requests.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.load import ensure_reference, load_record
from graph.store import open_store
from ingest.record import read_records

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "api"
NHSKG = Path(sys.executable).with_name("nhskg")
SERVING = re.compile(r"nhskg: serving (http://[\d.]+:\d+/)")

QUILLMOOR = "https://w3id.org/nhskg/id/trust/quillmoor-community-nhs-trust"
NANDU = "https://w3id.org/nhskg/id/company/fundacion-nandu-analytics"
# A query no engine finishes: a cross product of all triples, three times over.
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIME_LIMIT = 1.5
ROW_LIMIT = 500
BODY_LIMIT = 8192
BASE_SETTINGS = {
    "NHSKG_QUERY_TIME_LIMIT": str(TIME_LIMIT),
    "NHSKG_QUEUE_TIME_LIMIT": "5",
    "NHSKG_SPARQL_MAX_ROWS": str(ROW_LIMIT),
    "NHSKG_API_MAX_ROWS": str(ROW_LIMIT),
    "NHSKG_MAX_BODY_BYTES": str(BODY_LIMIT),
    "NHSKG_RATE_LIMIT_PER_MINUTE": "0",
}


def record_files() -> list[Path]:
    return [*sorted((ROOT / "data" / "records").glob("*.jsonl")), FIXTURES / "records.jsonl"]


@pytest.fixture(scope="session")
def api_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "store"
    store = open_store(path)
    ensure_reference(store)
    for file in record_files():
        for _, record in read_records(file):
            load_record(store, record)
    store.flush()
    del store  # the servers open the folder read-only
    return path


class Server:
    """``nhskg serve`` in a subprocess; ``url`` once it has printed its address."""

    def __init__(self, store: Path, settings: dict[str, str], workers: int = 2) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NHSKG_")}
        env.update(settings)
        self.lines: list[str] = []
        self._ready = threading.Event()
        self.url = ""
        self.process = subprocess.Popen(
            [str(NHSKG), "serve", "--port", "0", "--store", str(store), "--workers", str(workers)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        threading.Thread(target=self._read, daemon=True).start()
        if not self._ready.wait(60) or not self.url:
            self.stop()
            raise RuntimeError("nhskg serve did not start:\n" + "".join(self.lines))

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)
            found = SERVING.search(line)
            if found:
                self.url = found[1]
                self._ready.set()
        self._ready.set()

    def __call__(self, path: str = "") -> str:
        return self.url + path.lstrip("/")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="session")
def api_server(api_store_path: Path) -> Iterator[Server]:
    """The service with short limits and no rate limit."""
    server = Server(api_store_path, BASE_SETTINGS)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def limited_server(api_store_path: Path) -> Iterator[Server]:
    """The service with a burst of 3 requests and a slow refill, for the 429 test."""
    settings = {
        **BASE_SETTINGS,
        "NHSKG_RATE_LIMIT_PER_MINUTE": "6",
        "NHSKG_RATE_LIMIT_BURST": "3",
    }
    server = Server(api_store_path, settings, workers=1)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def small_memory_server(api_store_path: Path) -> Iterator[Server]:
    """The service with query workers capped at 400 MB of heap."""
    settings = {**BASE_SETTINGS, "NHSKG_QUERY_MEMORY_LIMIT_MB": "400"}
    server = Server(api_store_path, settings, workers=1)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def api_app(api_store_path: Path):
    """An in-process app (one worker) for tests that need its URL map or a test client."""
    from api import create_app
    from api.web import RUNNER_KEY

    app = create_app(
        {"store": api_store_path, "query_workers": 1, "max_body_bytes": BODY_LIMIT}, environ={}
    )
    yield app
    app.extensions[RUNNER_KEY].close()


def timed(func, *args, **kwargs):
    """``(result or exception, seconds)``."""
    started = time.monotonic()
    try:
        result = func(*args, **kwargs)
    except Exception as exc:
        result = exc
    return result, time.monotonic() - started
