"""A crawl run: the context a source works in, the counts it keeps, and the loop that stores.

Sources (``ingest/sources/<name>.py``) only know how to find and parse their documents.
Everything they share lives here, once: the ``--since`` and ``--limit`` bounds; the rule
that a document already stored and not updated since we last fetched it is not fetched
again; the rule that a broken page is logged with its URL and reason and skipped while
the run goes on; and the loading of what was found into the store, where a document with
the same URL and text hash is left alone and a changed one replaces its old facts.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from typing import Protocol, TypeVar

from graph.load import load_record, stored_document_hash
from graph.store import GraphStore
from ingest.document import Document
from ingest.fetch import HTML_TYPES, Fetched, Fetcher, FetchError, RobotsDisallowed, UnwantedContent
from ingest.record import Record, validate_record_dict
from ingest.sources import Source

log = logging.getLogger("nhskg.crawl")
T = TypeVar("T")


class Extractor(Protocol):
    def extract(self, doc: Document) -> Record: ...


class LimitReached(Exception):
    """``--limit`` documents have been attempted; the run ends normally."""


@dataclass
class Summary:
    """What a run did; ``line()`` is what the user sees at the end."""

    fetched: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    not_stored: int = 0
    failed: int = 0
    robots: int = 0
    skipped: int = 0
    requests: int = 0

    def line(self) -> str:
        labels = {"not_stored": "not stored", "robots": "skipped by robots.txt"}
        counts = [f"{getattr(self, f.name)} {labels.get(f.name, f.name)}" for f in fields(self)]
        return ", ".join(counts[:-1]) + f"; {self.requests} HTTP requests"


@dataclass
class CrawlOptions:
    argument: str | None = None
    since: date | None = None
    limit: int | None = None
    refresh: bool = False


class CrawlContext:
    """The one object a source gets: fetcher, bounds, store and counts."""

    def __init__(
        self,
        fetcher: Fetcher,
        options: CrawlOptions | None = None,
        *,
        store: GraphStore | None = None,
        extractor_factory: Callable[[], Extractor | None] | None = None,
    ) -> None:
        self.fetcher = fetcher
        self.options = options or CrawlOptions()
        self.store = store
        self.summary = Summary()
        self._extractor_factory = extractor_factory
        self._extractor: Extractor | None = None
        self._extractor_loaded = False
        self._attempted: set[str] = set()
        self._attempts = 0
        self.on_progress: Callable[[], None] = lambda: None

    @property
    def argument(self) -> str | None:
        return self.options.argument

    @property
    def since(self) -> date | None:
        return self.options.since

    def fetch(self, url: str, accept: tuple[str, ...] | None = HTML_TYPES, **kw: int) -> Fetched:
        return self.fetcher.get(url, accept=accept, **kw)

    def is_recent(self, when: date | datetime | None) -> bool:
        """Within ``--since``? Undated items are kept: better one extra page than a lost one."""
        if self.since is None or when is None:
            return True
        day = when.date() if isinstance(when, datetime) else when
        return day >= self.since

    def known(self, url: str, updated: datetime | None, fetched_url: str | None = None) -> bool:
        """Settled last time (stored, or refused for its type or size) and not updated since
        we fetched it: counted as unchanged or skipped, and not fetched again."""
        if url in self._attempted:
            return True  # listed twice in one run; handled the first time
        if self.options.refresh or self.store is None or updated is None:
            return False
        fetched_url = fetched_url or url
        unwanted = self.fetcher.unwanted(fetched_url)
        if unwanted is None and stored_document_hash(self.store, url) is None:
            return False
        last = self.fetcher.last_fetched(fetched_url)
        if updated.tzinfo is None:
            updated = updated.replace(tzinfo=UTC)
        if last is None or last < updated:
            return False
        self._attempted.add(url)
        if unwanted is not None:
            self.summary.skipped += 1
            log.debug("skipped %s again: %s", url, unwanted)
        else:
            self.summary.unchanged += 1
            log.debug("unchanged since last fetched: %s", url)
        self.on_progress()
        return True

    def attempt(self, url: str, parse: Callable[[], T]) -> T | None:
        """Run ``parse`` for one page; log and skip it if it fails, and go on."""
        if url in self._attempted:
            return None
        if self.options.limit is not None and self._attempts >= self.options.limit:
            raise LimitReached
        self._attempted.add(url)
        self._attempts += 1
        try:
            return parse()
        except RobotsDisallowed as exc:
            self.summary.robots += 1
            log.info("skipped %s: %s", exc.url, exc.reason)
        except UnwantedContent as exc:
            self.summary.skipped += 1
            log.warning("skipped %s: %s", url, exc.reason)
        except FetchError as exc:
            self.summary.failed += 1
            log.warning("failed %s: %s", url, exc.reason)
        except ValueError as exc:  # LayoutError, DocumentError, RecordError, bad JSON
            self.summary.failed += 1
            reason = str(exc).removeprefix(f"{url}: ")
            log.warning("failed %s: %s: %s", url, type(exc).__name__, reason)
        finally:
            self.on_progress()
        return None

    def extractor(self) -> Extractor | None:
        """Loaded on the first document, so register crawls never load the NLP models."""
        if not self._extractor_loaded:
            self._extractor_loaded = True
            factory = self._extractor_factory
            self._extractor = factory() if factory is not None else None
            if self._extractor is None and self.store is not None:
                log.warning("no NLP extractor available: documents are parsed but not stored")
        return self._extractor

    # -- storing ------------------------------------------------------------------------

    def take(self, item: Document | Record) -> None:
        """Store one item a source yielded, unless the store already has the same text."""
        self.summary.fetched += 1
        url, sha = _identity(item)
        if self.store is None:
            self.summary.not_stored += 1
            return
        if url and stored_document_hash(self.store, url) == sha:
            self.summary.unchanged += 1
            return
        record = item if isinstance(item, Record) else self._extract(item)
        if record is None:
            self.summary.not_stored += 1
            return
        outcome = load_record(self.store, record)
        setattr(self.summary, outcome, getattr(self.summary, outcome) + 1)
        log.info("%s: %s", outcome, url or record.source.title)

    def _extract(self, doc: Document) -> Record | None:
        extractor = self.extractor()
        if extractor is None:
            return None
        try:
            record = extractor.extract(doc)
            validate_record_dict(record.to_dict(), doc.text)
        except Exception as exc:  # one odd document must not end a long crawl; it is counted
            self.summary.failed += 1
            log.warning("failed %s: extraction: %s: %s", doc.url, type(exc).__name__, exc)
            log.debug("extraction traceback", exc_info=True)
            return None
        return record


def _identity(item: Document | Record) -> tuple[str | None, str]:
    if isinstance(item, Record):
        return item.source.url, item.source.sha256
    return item.url, item.sha256


def run(context: CrawlContext, source: Source, *, progress: bool | None = None) -> Summary:
    """Crawl ``source`` to the end (or to ``--limit``), storing as it goes."""
    if progress is None:
        progress = sys.stderr.isatty()
    with _progress_bar(source.info.name, progress) as update:
        context.on_progress = update
        items: Iterator[Document | Record] = source.crawl(context)
        try:
            for item in items:
                context.take(item)
        except LimitReached:
            log.info("stopped at --limit %s", context.options.limit)
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()
            context.summary.requests = context.fetcher.requests_sent
            if context.store is not None:
                context.store.flush()
    return context.summary


@contextmanager
def _progress_bar(name: str, progress: bool) -> Iterator[Callable[[], None]]:
    """A bar on stderr when it is a terminal, with log lines printed above it."""
    if not progress:
        yield lambda: None
        return
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    with (
        tqdm(desc=f"crawl {name}", unit=" pages", file=sys.stderr, leave=False) as bar,
        logging_redirect_tqdm(loggers=[log]),
    ):
        yield lambda: bar.update()
