"""``crawl``: fetch new documents from a named source and build them into the store.

The command only wires things together: settings from the options, one
:class:`ingest.fetch.Fetcher`, one :class:`ingest.crawl.CrawlContext`, then
:func:`ingest.crawl.run`. Logs and the closing summary go to stderr. Exit codes: 0 done,
1 the source itself could not be crawled (bad input, feed unreachable, register laid out
differently), 2 the run finished but some pages failed (listed in the log).
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import date, datetime
from pathlib import Path

import click

from graph.load import ensure_reference
from graph.store import StoreError, open_store
from ingest.crawl import CrawlContext, CrawlOptions, Extractor, run
from ingest.fetch import Fetcher, FetchError, FetchSettings
from ingest.sources import Source, UnknownSource, all_sources, get_source
from nhskg.commands._common import Failure, fails_cleanly, resolve_store_path, store_option

CACHE_ENV = "NHSKG_CRAWL_CACHE"


def default_cache_dir() -> Path:
    """``$NHSKG_CRAWL_CACHE``, else ``$XDG_CACHE_HOME/nhskg/crawl`` (``~/.cache/nhskg/crawl``)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "nhskg" / "crawl"


def load_default_extractor() -> Extractor | None:
    """The NLP extractor, or ``None`` while ``ingest.extract`` does not provide one yet."""
    try:
        from ingest.extract import load_extractor
    except ImportError:
        return None
    try:
        return load_extractor()
    except RuntimeError as exc:  # ModelNotFound: its message names the pip command
        raise Failure(f"cannot load the NLP extractor: {exc}") from exc


@click.command()
@click.argument("source", required=False)
@click.argument("url", required=False)
@click.option("--list", "list_sources", is_flag=True, help="List the sources and exit.")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="DATE",
    help="Only documents published on or after this date (YYYY-MM-DD).",
)
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Stop after N documents.")
@store_option
@click.option(
    "--allow-private-addresses",
    is_flag=True,
    help="Allow URLs on loopback, private or link-local addresses (local mirrors, tests).",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    metavar="SECONDS",
    help="Seconds between two requests to one host (a longer Crawl-delay wins).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Connect and read timeout of each request.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0, max=10),
    default=3,
    show_default=True,
    metavar="N",
    help="Retries after a connection error, 429 or 5xx.",
)
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help=f"HTTP cache and raw pages (default: ${CACHE_ENV}, else {default_cache_dir()}).",
)
@click.option("--refresh", is_flag=True, help="Revalidate pages already stored, too.")
@click.option("--dry-run", is_flag=True, help="Fetch and parse, but store nothing.")
@click.option(
    "-v", "--verbose", is_flag=True, help="Log debug detail too (pages passed over or unchanged)."
)
@fails_cleanly(FetchError, StoreError, ValueError, OSError)
def crawl(
    source: str | None,
    url: str | None,
    list_sources: bool,
    since: datetime | None,
    limit: int | None,
    store_path: Path | None,
    allow_private_addresses: bool,
    delay: float,
    timeout: float,
    retries: int,
    cache_dir: Path | None,
    refresh: bool,
    dry_run: bool,
    verbose: bool,
) -> None:
    """Fetch new documents from SOURCE and build them into the store.

    `nhskg crawl --list` names the sources. `feed URL` takes any RSS or Atom feed,
    `page URL` one article. The crawler obeys robots.txt, waits between requests to a
    host, retries with backoff, and skips what the store already holds.
    """
    if list_sources:
        _print_sources()
        return
    if source is None:
        raise click.UsageError("missing SOURCE (`nhskg crawl --list` names them)")
    chosen = _chosen(source, url)
    _configure_logging(verbose)
    settings = FetchSettings(
        delay=delay,
        timeout=timeout,
        retries=retries,
        allow_private_addresses=allow_private_addresses,
        cache_dir=cache_dir or default_cache_dir(),
    )
    options = CrawlOptions(
        argument=url, since=_day(since), limit=limit, refresh=refresh and not dry_run
    )
    store = None
    if not dry_run:
        store = open_store(resolve_store_path(store_path))
        ensure_reference(store)
    with Fetcher(settings) as fetcher:
        context = CrawlContext(
            fetcher, options, store=store, extractor_factory=load_default_extractor
        )
        summary = run(context, chosen)
    click.echo(f"crawl {chosen.info.name}: {summary.line()}", err=True)
    if summary.failed:
        sys.exit(2)


def _chosen(name: str, url: str | None) -> Source:
    try:
        chosen = get_source(name)
    except UnknownSource as exc:
        raise Failure(str(exc)) from exc
    info = chosen.info
    if info.argument == "required" and not url:
        raise Failure(f"{info.name} needs {info.argument_help}")
    if info.argument == "none" and url:
        raise Failure(f"{info.name} takes no URL")
    return chosen


def _print_sources() -> None:
    for info in (s.info for s in all_sources().values()):
        argument = {"required": " URL", "optional": " [URL]", "none": ""}[info.argument]
        click.echo(f"{info.name}{argument}\n    {info.title}: {info.description}")
        click.echo(f"    publisher: {info.publisher}; licence: {info.licence}")
        if info.home_page:
            click.echo(f"    {info.home_page}")
        if info.argument_help:
            click.echo(f"    URL: {info.argument_help}")


def _configure_logging(verbose: bool) -> None:
    logger = logging.getLogger("nhskg.crawl")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


COMMANDS = [crawl]
