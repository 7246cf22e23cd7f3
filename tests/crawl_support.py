"""Shared helpers for the crawler tests: a real HTTP server and small builders.

Strategy: nothing of ours is mocked. Each test serves a fixture site
(``tests/fixtures/sites/``) from a real ``http.server`` on 127.0.0.1, port 0, in a
thread, and asserts on what the server saw (its request log, with arrival times) and on
what a user sees (documents, the store, the CLI's output). Delays are configured short
(``FAST_DELAY``) so the files run in seconds, and still asserted.

The server answers like a real one: ETag and Last-Modified on files, 304 to a matching
conditional request, ``{{BASE}}`` in a served file replaced by its own base URL, a
``NAME.headers`` JSON file adding headers to ``NAME``, and ``NAME@QUERY`` answering
``NAME?QUERY``. Tests add dynamic routes (429, 500, redirects, huge bodies) with
:meth:`FixtureServer.route`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from graph.load import ensure_reference
from graph.store import GraphStore, open_store
from ingest.crawl import CrawlContext, CrawlOptions
from ingest.document import Document
from ingest.fetch import Fetcher, FetchSettings
from ingest.record import Extractor, Record

SITES = Path(__file__).resolve().parent / "fixtures" / "sites"
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"  # real records, shipped
FAST_DELAY = 0.2
TOLERANCE = 0.02  # clock granularity between the client's and the server's threads

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
TEMPLATED = {".html", ".xml", ".json", ".txt", ".csv"}


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | Iterable[bytes] = b""


@dataclass
class Hit:
    """One request as the server saw it."""

    at: float
    path: str
    headers: dict[str, str]
    status: int = 0
    sent: int = 0


Route = Callable[["Handler"], Reply]


class Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        fixture = self.server.fixture
        hit = Hit(time.monotonic(), self.path, {k: v for k, v in self.headers.items()})
        fixture.record(hit)
        route = fixture.routes.get(urlsplit(self.path).path)
        reply = route(self) if route is not None else fixture.static(self.path, self.headers)
        hit.status = reply.status
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        body = [reply.body] if isinstance(reply.body, bytes) else reply.body
        try:
            for chunk in body:
                self.wfile.write(chunk)
                hit.sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading, as it should past its size cap

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fixture: FixtureServer


class FixtureServer:
    """A fixture site on a real socket at 127.0.0.1:PORT; use as a context manager."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), Handler)
        self._server.fixture = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, route: Route) -> None:
        self.routes[path] = route

    def record(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def paths(self) -> list[str]:
        with self._lock:
            return [h.path for h in self.hits]

    def hits_for(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if urlsplit(h.path).path == path]

    def static(self, raw_path: str, headers: Any) -> Reply:
        found = self._find(raw_path)
        if found is None:
            return Reply(404, {"Content-Type": "text/plain"}, b"not found")
        body = found.read_bytes()
        if found.suffix in TEMPLATED:
            body = body.replace(b"{{BASE}}", self.base.encode("ascii"))
        kind = TYPES.get(found.suffix, "application/octet-stream")
        if found.suffix == ".xml" and "atom" in found.name:
            kind = "application/atom+xml; charset=utf-8"
        extra = found.with_name(found.name + ".headers")
        reply_headers = {"Content-Type": kind}
        if extra.exists():
            reply_headers.update(json.loads(extra.read_text(encoding="utf-8")))
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        modified = found.stat().st_mtime
        reply_headers |= {"ETag": etag, "Last-Modified": formatdate(modified, usegmt=True)}
        if _not_modified(headers, etag, modified):
            return Reply(304, {"ETag": etag})
        reply_headers["Content-Length"] = str(len(body))
        return Reply(200, reply_headers, body)

    def _find(self, raw_path: str) -> Path | None:
        """The file for a path: ``NAME@QUERY`` first, then ``NAME`` with or without a
        suffix, then a folder's index file."""
        if self.root is None:
            return None
        parts = urlsplit(raw_path)
        base = (self.root / unquote(parts.path).lstrip("/")).resolve()
        if not base.is_relative_to(self.root.resolve()):
            return None
        suffixes = ("", ".json", ".html", ".xml")
        candidates = []
        if parts.query:
            candidates += [base.parent / f"{base.name}@{parts.query}{s}" for s in suffixes]
        candidates += [base.parent / f"{base.name}{s}" for s in suffixes]
        candidates += [base / n for n in ("index.html", "index.xml", "index.json")]
        return next((c for c in candidates if _is_file(c)), None)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a query too long to be a file name
        return False


def _not_modified(headers: Any, etag: str, modified: float) -> bool:
    if headers.get("If-None-Match"):
        return headers.get("If-None-Match") == etag
    since = headers.get("If-Modified-Since")
    if since:
        try:
            return int(modified) <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False
    return False


# -- dynamic replies -----------------------------------------------------------------


def in_turn(*replies: Reply) -> Route:
    """Each request gets the next reply; the last one repeats."""
    queue = list(replies)

    def route(handler: Handler) -> Reply:
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return route


def page(text: str = "<html><body><p>ok</p></body></html>") -> Reply:
    return Reply(200, {"Content-Type": "text/html; charset=utf-8"}, text.encode("utf-8"))


def redirect(location: str, status: int = 302) -> Route:
    return lambda handler: Reply(status, {"Location": location, "Content-Length": "0"})


def huge(size: int, *, declare_length: bool) -> Route:
    """A body of ``size`` bytes streamed in 64 KB chunks, with or without Content-Length."""

    def chunks() -> Iterator[bytes]:
        block = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
        sent = 0
        while sent < size:
            piece = block[: size - sent]
            sent += len(piece)
            yield piece

    def route(handler: Handler) -> Reply:
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if declare_length:
            headers["Content-Length"] = str(size)
        return Reply(200, headers, chunks())

    return route


# -- crawl objects ---------------------------------------------------------------------


def copy_site(name: str, tmp_path: Path) -> Path:
    """A writable copy of a fixture site, for tests that change pages between runs."""
    target = tmp_path / "site" / name
    shutil.copytree(SITES / name, target)
    return target


def fast_settings(tmp_path: Path, **overrides: Any) -> FetchSettings:
    values: dict[str, Any] = {
        "delay": FAST_DELAY,
        "timeout": 5.0,
        "retries": 2,
        "backoff": 0.05,
        "allow_private_addresses": True,
        "cache_dir": tmp_path / "cache",
    }
    values.update(overrides)
    return FetchSettings(**values)


def memory_store() -> GraphStore:
    store = open_store(None)
    ensure_reference(store)
    return store


def make_context(
    tmp_path: Path,
    argument: str | None = None,
    *,
    store: GraphStore | None = None,
    extractor: Any = None,
    settings: FetchSettings | None = None,
    **options: Any,
) -> CrawlContext:
    fetcher = Fetcher(settings or fast_settings(tmp_path))
    return CrawlContext(
        fetcher,
        CrawlOptions(argument=argument, **options),
        store=store,
        extractor_factory=(lambda: extractor) if extractor is not None else None,
    )


class DocumentOnlyExtractor:
    """Stand-in until ``ingest.extract`` lands: a record of the document and no facts.

    It lets the tests see documents reach the store (and be skipped or replaced on the
    next run) without depending on the NLP models.
    """

    def extract(self, doc: Document) -> Record:
        return Record(doc.source(), [], [], Extractor("test-document-only", "1"))


def gaps(hits: list[Hit]) -> list[float]:
    times = sorted(h.at for h in hits)
    return [b - a for a, b in pairwise(times)]


def rfc822(when: datetime) -> str:
    return formatdate(when.timestamp(), usegmt=True)


# -- the Data Uses Register as the real workbook lays it out ---------------------------

AGREEMENT_HEADER = [
    "Reference Number",
    "Application Title",
    "Applicant Organisation",
    "Applicant Organisation Type",
    "Data Controller(s)",
    "Sole/Joint Data Controller",
    "DSA Start Date",
    "DSA End Date",
    "Does Sublicensing Apply",
    "For Commercial Purposes",
    "Objective for Processing",
    "Processing Activities",
    "Expected Output",
    "Expected Measurable Benefits",
    "Yielded Benefits",
]
DATASET_HEADER = [
    "Reference Number",
    "Dataset",
    "Type of Data",
    "Sensitive or Non-Sensitive",
    "Frequency",
    "Legal Basis for Provision of Data",
    "Common Law Duty of Confidentiality",
]
RELEASE_HEADER = [
    "File Reference",
    "Reference Number",
    "Dataset",
    "Type of Data",
    "Sensitive or Non-Sensitive",
    "Patient Opt-Outs Applied",
    "Legal Basis for Provision of Data",
    "Frequency",
    "Month File Released",
]


def write_register_xlsx(
    path: Path,
    agreements: list[list[Any]],
    datasets: list[list[Any]],
    releases: list[list[Any]] | None = None,
    *,
    sheets: tuple[str, ...] = ("Agreements", "Datasets", "DataReleases"),
) -> Path:
    """A register workbook with the real sheet names and headers, from rows we wrote."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    tables = {
        "Agreements": (AGREEMENT_HEADER, agreements),
        "Datasets": (DATASET_HEADER, datasets),
        "DataReleases": (RELEASE_HEADER, releases or []),
    }
    for name in sheets:
        header, rows = tables[name]
        sheet = book.create_sheet(name)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path
