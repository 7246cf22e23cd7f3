"""The fetch layer against a real local HTTP server: politeness, retries, limits, safety."""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ingest.fetch import (
    AddressRefused,
    BodyTooLarge,
    Fetcher,
    FetchError,
    RobotsDisallowed,
    UnwantedContent,
    default_user_agent,
    parse_retry_after,
)
from ingest.html import LayoutError, decode_html, select_first_strict, select_one_strict
from ingest.html import parse_html as soup_of
from ingest.sources._feeds import FeedError, parse_feed
from nhskg import __version__
from tests.crawl_support import (
    FAST_DELAY,
    SITES,
    TOLERANCE,
    FixtureServer,
    Reply,
    fast_settings,
    gaps,
    huge,
    in_turn,
    page,
    redirect,
)


@pytest.fixture
def news():
    with FixtureServer(SITES / "news") as server:
        yield server


def fetcher(tmp_path: Path, **overrides) -> Fetcher:
    return Fetcher(fast_settings(tmp_path, **overrides))


def test_identifies_itself_with_project_version_and_contact(news, tmp_path) -> None:
    fetcher(tmp_path).get(news.url("/articles/leeds-triage-pilot.html"))
    agent = news.hits[-1].headers["User-Agent"]
    assert agent == default_user_agent()
    assert f"nhskg/{__version__}" in agent and "https://github.com/nhskg/nhskg" in agent


def test_disallowed_page_is_never_requested_and_robots_is_read_once(news, tmp_path) -> None:
    f = fetcher(tmp_path)
    with pytest.raises(RobotsDisallowed):
        f.get(news.url("/private/board-papers.html"))
    f.get(news.url("/articles/leeds-triage-pilot.html"))
    f.get(news.url("/articles/gateshead-imaging-deal.html"))
    assert not [p for p in news.paths() if p.startswith("/private/")]
    assert news.paths().count("/robots.txt") == 1


def test_delay_between_requests_to_one_host(news, tmp_path) -> None:
    f = fetcher(tmp_path)
    for path in ("/articles/leeds-triage-pilot.html", "/articles/gateshead-imaging-deal.html"):
        f.get(news.url(path))
    assert len(news.hits) == 3  # robots.txt and two pages
    assert min(gaps(news.hits)) >= FAST_DELAY - TOLERANCE


def test_a_longer_crawl_delay_in_robots_txt_wins(tmp_path) -> None:
    with FixtureServer(SITES / "digitalhealth") as server:  # Crawl-delay: 0.4
        f = fetcher(tmp_path)
        f.get(server.url("/2024/05/oxford-data-access-committee/"))
        f.get(server.url("/2024/05/leeds-larkspur-discharge-summaries/"))
    assert min(gaps(server.hits[1:])) >= 0.4 - TOLERANCE


def test_429_with_retry_after_is_honoured(news, tmp_path) -> None:
    news.route("/busy", in_turn(Reply(429, {"Retry-After": "1"}), page()))
    fetched = fetcher(tmp_path).get(news.url("/busy"))
    assert fetched.body.startswith(b"<html>")
    first, second = news.hits_for("/busy")
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 1.0 - TOLERANCE


def test_500_then_200_is_retried(news, tmp_path) -> None:
    news.route("/flaky", in_turn(Reply(500), Reply(503), page()))
    fetcher(tmp_path).get(news.url("/flaky"))
    assert [h.status for h in news.hits_for("/flaky")] == [500, 503, 200]


def test_persistent_500_gives_up_after_the_retries(news, tmp_path) -> None:
    news.route("/down", in_turn(Reply(500)))
    with pytest.raises(FetchError, match="HTTP 500 after 3 attempts"):
        fetcher(tmp_path, retries=2).get(news.url("/down"))
    assert len(news.hits_for("/down")) == 3


def test_retry_after_longer_than_the_limit_is_not_waited_for(news, tmp_path) -> None:
    news.route("/later", in_turn(Reply(503, {"Retry-After": "3600"})))
    started = time.monotonic()
    with pytest.raises(FetchError, match="Retry-After"):
        fetcher(tmp_path, max_retry_after=5).get(news.url("/later"))
    assert time.monotonic() - started < 2


def test_redirect_loop_is_stopped(news, tmp_path) -> None:
    news.route("/loop/a", redirect("/loop/b"))
    news.route("/loop/b", redirect("/loop/a"))
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher(tmp_path).get(news.url("/loop/a"))
    assert len(news.hits_for("/loop/a")) == 1 and len(news.hits_for("/loop/b")) == 1


def test_redirect_to_a_private_address_is_refused_without_the_flag(news, tmp_path) -> None:
    news.route("/go", redirect("http://169.254.169.254/latest/meta-data/"))
    f = fetcher(tmp_path, allow_private_addresses=False, trusted_hosts=frozenset({"127.0.0.1"}))
    started = time.monotonic()
    with pytest.raises(AddressRefused, match="link-local"):
        f.get(news.url("/go"))
    assert time.monotonic() - started < 2  # refused before any connection attempt
    assert news.hits_for("/go")


def test_a_user_named_private_url_is_refused_before_any_request(news, tmp_path) -> None:
    with pytest.raises(AddressRefused, match="--allow-private-addresses"):
        fetcher(tmp_path, allow_private_addresses=False).get(news.url("/articles/broken.html"))
    assert news.hits == []


def test_dns_rebinding_to_loopback_is_refused_at_connect_time(news, tmp_path, monkeypatch) -> None:
    """A hostile DNS server answers a public address when we check the host and 127.0.0.1
    when the HTTP library connects: the connection is refused before any request is sent."""
    real_getaddrinfo = socket.getaddrinfo
    answers: list[str] = []

    def rebinding_dns(host, port, *args, **kwargs):
        if host != "rebind.example":
            return real_getaddrinfo(host, port, *args, **kwargs)
        connecting = sys._getframe(1).f_globals.get("__name__", "").startswith("urllib3")
        answers.append("127.0.0.1" if connecting else "93.184.215.14")
        return real_getaddrinfo(answers[-1], port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_dns)  # the DNS, not our code
    port = urlsplit(news.url("/")).port
    f = fetcher(tmp_path, allow_private_addresses=False)
    with pytest.raises(AddressRefused, match="DNS rebinding"):
        f.get(f"http://rebind.example:{port}/articles/broken.html")
    assert "93.184.215.14" in answers and "127.0.0.1" in answers  # checked, then connected
    assert news.hits == []


def test_30_mb_body_is_capped_without_being_read(news, tmp_path) -> None:
    size = 30 * 1024 * 1024
    news.route("/huge", huge(size, declare_length=False))
    news.route("/huge-declared", huge(size, declare_length=True))
    f = fetcher(tmp_path)  # the default cap, 10 MB
    with pytest.raises(BodyTooLarge, match="stopped reading"):
        f.get(news.url("/huge"))
    with pytest.raises(BodyTooLarge, match=f"body of {size} bytes"):
        f.get(news.url("/huge-declared"))
    time.sleep(0.3)  # let the server threads notice the closed connections
    assert all(h.sent < size for h in news.hits_for("/huge") + news.hits_for("/huge-declared"))


def test_non_html_body_is_skipped(news, tmp_path) -> None:
    with pytest.raises(UnwantedContent, match="application/pdf"):
        fetcher(tmp_path).get(news.url("/articles/annual-report.pdf"))


def test_windows_1252_page_is_decoded_right(news, tmp_path) -> None:
    fetched = fetcher(tmp_path).get(news.url("/articles/cafe-data-deal.html"))
    assert fetched.charset == "windows-1252"
    text = decode_html(fetched.body, fetched.charset)
    assert "Café data deal questioned" in text
    assert "customers’ health survey" in text and "£450,000" in text and "“People" in text
    # with no HTTP charset the <meta charset> says the same
    assert "customers’ health" in decode_html(fetched.body, None)


def test_second_run_revalidates_with_etag_and_gets_304(news, tmp_path) -> None:
    url = news.url("/articles/leeds-triage-pilot.html")
    first = fetcher(tmp_path).get(url)
    second = fetcher(tmp_path).get(url)  # a new run, same cache folder
    hit = news.hits_for("/articles/leeds-triage-pilot.html")[-1]
    assert hit.headers.get("If-None-Match") and hit.status == 304
    assert second.body == first.body and second.from_cache


def test_raw_body_is_archived_unedited(news, tmp_path) -> None:
    f = fetcher(tmp_path)
    url = news.url("/articles/cafe-data-deal.html")
    fetched = f.get(url)
    assert f.archive is not None and f.archive.body(url) == fetched.body
    assert fetched.body == (SITES / "news/articles/cafe-data-deal.html").read_bytes()
    assert f.last_fetched(url) is not None


def test_entity_expansion_feed_is_refused_safely(news, tmp_path) -> None:
    fetched = fetcher(tmp_path).get(news.url("/bomb.xml"), accept=None)
    started = time.monotonic()
    with pytest.raises(FeedError, match="entities"):
        parse_feed(fetched)
    assert time.monotonic() - started < 1


def test_retry_after_as_seconds_or_http_date() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert parse_retry_after("soon") is None


def test_strict_selectors_raise_on_nothing_and_on_too_much() -> None:
    soup = soup_of("<main><p class=a>one</p><p class=b>two</p><p class=b>three</p></main>")
    assert select_one_strict(soup, "p.a").get_text() == "one"
    with pytest.raises(LayoutError, match="matched nothing"):
        select_one_strict(soup, "p.c")
    with pytest.raises(LayoutError, match="matched 2 elements"):
        select_one_strict(soup, "p.b")
    with pytest.raises(LayoutError, match="matched 2 elements"):
        select_first_strict(soup, ["p.c", "p.b", "p.a"])
