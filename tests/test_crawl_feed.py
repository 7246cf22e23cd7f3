"""`feed URL` and `page URL` on the fixture news site, in Python and through the CLI."""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from graph.load import stored_document_hash
from ingest.crawl import run
from ingest.sources import get_source
from tests.crawl_support import (
    FAST_DELAY,
    SITES,
    TOLERANCE,
    DocumentOnlyExtractor,
    FixtureServer,
    copy_site,
    gaps,
    make_context,
    memory_store,
    rfc822,
)

GOOD = (
    "/articles/gateshead-imaging-deal.html",
    "/articles/leeds-triage-pilot.html",
    "/articles/cafe-data-deal.html",
)


@pytest.fixture
def site(tmp_path):
    with FixtureServer(copy_site("news", tmp_path)) as server:
        yield server


def crawl_feed(server, tmp_path, store=None, feed="/feed.xml", **options):
    context = make_context(
        tmp_path,
        server.url(feed),
        store=store,
        extractor=DocumentOnlyExtractor() if store is not None else None,
        **options,
    )
    return context, run(context, get_source("feed"))


def test_feed_run_stores_good_pages_and_logs_the_rest(site, tmp_path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="nhskg.crawl")
    store = memory_store()
    _, summary = crawl_feed(site, tmp_path, store)
    assert (summary.fetched, summary.new) == (4, 4)  # three stories and last year's
    assert (summary.failed, summary.skipped, summary.robots) == (1, 1, 1)
    for path in GOOD:
        assert stored_document_hash(store, site.url(path)) is not None
    assert re.search(
        r"failed http://127\.0\.0\.1:\d+/articles/broken\.html: .*no article text", caplog.text
    )
    assert "annual-report.pdf: content type application/pdf" in caplog.text


def test_disallowed_page_never_requested_nothing_twice_delay_respected(site, tmp_path) -> None:
    crawl_feed(site, tmp_path)
    paths = site.paths()
    assert not [p for p in paths if p.startswith("/private/")]
    assert len(paths) == len(set(paths)), "a URL was fetched twice"
    assert paths.count("/articles/gateshead-imaging-deal.html") == 1  # listed twice in the feed
    assert min(gaps(site.hits)) >= FAST_DELAY - TOLERANCE


def test_second_run_fetches_nothing_new_and_a_changed_article_replaces(site, tmp_path) -> None:
    store = memory_store()
    crawl_feed(site, tmp_path, store)
    first_run = len(site.hits)

    _, again = crawl_feed(site, tmp_path, store)
    second = site.hits[first_run:]
    assert [h.path for h in second if h.status == 200] == []  # feed answered 304
    assert {h.path for h in second} <= {"/feed.xml", "/robots.txt", "/articles/broken.html"}
    assert (again.new, again.replaced, again.unchanged) == (0, 0, 4)

    root = site.root
    article = root / "articles/leeds-triage-pilot.html"
    article.write_text(article.read_text().replace("six-month", "nine-month"))
    feed = root / "feed.xml"
    stamp = rfc822(datetime.now(UTC) + timedelta(minutes=5))
    feed.write_text(feed.read_text().replace("Fri, 10 May 2024 07:30:00 +0000", stamp))
    before = stored_document_hash(store, site.url("/articles/leeds-triage-pilot.html"))
    _, third = crawl_feed(site, tmp_path, store)
    assert (third.replaced, third.unchanged) == (1, 3)
    assert stored_document_hash(store, site.url("/articles/leeds-triage-pilot.html")) != before


def test_since_and_limit_bound_the_run(site, tmp_path) -> None:
    crawl_feed(site, tmp_path, since=date(2024, 1, 1))
    assert "/old/last-year.html" not in site.paths()

    with FixtureServer(SITES / "news") as other:
        _, summary = crawl_feed(other, tmp_path / "limited", limit=1)
        assert summary.fetched == 1
        assert [p for p in other.paths() if p.startswith("/articles/")] == [GOOD[0]]


def test_atom_feed_and_windows_1252_page(site, tmp_path) -> None:
    context = make_context(tmp_path, site.url("/atom.xml"))
    docs = list(get_source("feed").crawl(context))
    assert [d.title for d in docs] == ["Leeds pilots AI triage in its emergency department"]
    assert docs[0].published == "2024-05-10"

    context = make_context(tmp_path, site.url("/articles/cafe-data-deal.html"))
    (doc,) = get_source("page").crawl(context)
    assert doc.title == "Café data deal questioned"
    assert "customers’ health survey answers" in doc.text and "£450,000" in doc.text
    assert doc.text.startswith("Café data deal questioned\n\n")
    assert doc.published == "2024-05-06"


# -- the command line -------------------------------------------------------------------


def crawl_args(server_url: str, tmp_path: Path, *extra: str) -> list[str]:
    return [
        "crawl",
        "feed",
        server_url,
        "--allow-private-addresses",
        "--delay",
        str(FAST_DELAY),
        "--cache-dir",
        str(tmp_path / "cache"),
        "--store",
        str(tmp_path / "store"),
        *extra,
    ]


def extractor_available() -> bool:
    try:
        from ingest.extract import load_extractor  # noqa: F401
    except ImportError:
        return False
    return True


def test_cli_feed_builds_the_store_and_a_second_run_fetches_nothing_new(cli, tmp_path) -> None:
    with FixtureServer(SITES / "news") as server:
        first = cli(*crawl_args(server.url("/feed.xml"), tmp_path))
        first_hits = len(server.hits)
        second = cli(*crawl_args(server.url("/feed.xml"), tmp_path))
        later = server.hits[first_hits:]
    assert first.returncode == 2, first.stderr  # one broken page: logged, skipped, run went on
    assert re.search(r"failed http://\S+/articles/broken\.html: DocumentError", first.stderr)
    assert "skipped by robots.txt" in first.stderr
    assert not [h for h in server.hits if h.path.startswith("/private/")]
    assert min(gaps(server.hits[:first_hits])) >= FAST_DELAY - TOLERANCE
    summary = first.stderr.strip().splitlines()[-1]
    if extractor_available():
        assert "4 new" in summary
    else:
        assert "4 not stored" in summary and "no NLP extractor available" in first.stderr
    assert [h.path for h in later if h.status == 200] == []  # only 304s the second time
    assert second.returncode == 2


def test_cli_refuses_a_private_address_without_the_flag(cli, tmp_path) -> None:
    with FixtureServer(SITES / "news") as server:
        url = server.url("/articles/leeds-triage-pilot.html")
        places = ["--store", str(tmp_path / "store"), "--cache-dir", str(tmp_path / "cache")]
        result = cli("crawl", "page", url, *places)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "loopback" in result.stderr
    assert server.hits == []


def test_cli_refuses_an_entity_expansion_feed(cli, tmp_path) -> None:
    with FixtureServer(SITES / "news") as server:
        result = cli(*crawl_args(server.url("/bomb.xml"), tmp_path))
    assert result.returncode == 1
    assert "declares XML entities" in result.stderr
    assert "/articles/gateshead-imaging-deal.html" not in server.paths()
