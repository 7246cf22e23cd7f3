"""RSS and Atom feeds: read them safely, then visit each entry's page.

Why a check before feedparser: a feed is XML from a server we do not control, and XML
entity declarations are how "billion laughs" (entity expansion) and external-entity
attacks get in. No news feed needs them, so a feed that declares any is refused before a
parser sees it (defusedxml does the check properly; a byte search also catches what a
malformed document would hide from it).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from urllib.parse import urljoin
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

from ingest.crawl import CrawlContext
from ingest.document import Document
from ingest.fetch import FEED_TYPES, HTML_TYPES, Fetched
from ingest.sources._common import iso_day, parse_datetime

log = logging.getLogger("nhskg.crawl")
ENTITY_DECLARATION = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)


class FeedError(ValueError):
    """A body that is not a feed we will read; the message says why."""


@dataclass
class FeedEntry:
    url: str
    title: str | None
    published: datetime | None
    updated: datetime | None


@dataclass
class Feed:
    url: str
    title: str | None
    entries: list[FeedEntry]


def check_safe_xml(body: bytes) -> None:
    """Refuse XML that declares entities or a DTD with an internal subset of its own."""
    if ENTITY_DECLARATION.search(body):
        raise FeedError("the feed declares XML entities (entity expansion attack?); refused")
    try:
        defused_fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(f"unsafe XML refused: {exc}") from exc
    except ParseError:
        pass  # feedparser copes with sloppy feeds, and none of them can declare entities here


def parse_feed(fetched: Fetched) -> Feed:
    check_safe_xml(fetched.body)
    parsed = feedparser.parse(
        fetched.body,
        response_headers={
            "content-location": fetched.url,
            "content-type": fetched.headers.get("Content-Type", "application/xml"),
        },
    )
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom structure"
        raise FeedError(f"not a readable feed: {reason}")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            log.warning("%s: an entry has no link; skipped", fetched.url)
            continue
        # dict.get: feedparser's own get() maps a missing "updated" to "published", noisily
        published = parse_datetime(dict.get(entry, "published_parsed"))
        updated = parse_datetime(dict.get(entry, "updated_parsed")) or published
        entries.append(
            FeedEntry(urljoin(fetched.url, link.strip()), entry.get("title"), published, updated)
        )
    return Feed(fetched.url, parsed.feed.get("title"), entries)


def read_feed(context: CrawlContext, url: str) -> Feed:
    feed = parse_feed(context.fetch(url, accept=FEED_TYPES))
    log.info("%s: %d entries", url, len(feed.entries))
    return feed


def crawl_feed(
    context: CrawlContext,
    feed_url: str,
    parse_page: Callable[[Fetched], Document],
    *,
    publisher: str | None = None,
) -> Iterator[Document]:
    """Each recent entry's page, parsed; pages stored before and not updated are skipped."""
    feed = read_feed(context, feed_url)
    for entry in feed.entries:
        if not context.is_recent(entry.published or entry.updated):
            continue
        if context.known(entry.url, entry.updated):
            continue
        read = partial(_read_entry, context, entry, parse_page, publisher or feed.title)
        doc = context.attempt(entry.url, read)
        if doc is not None:
            yield doc


def _read_entry(
    context: CrawlContext,
    entry: FeedEntry,
    parse_page: Callable[[Fetched], Document],
    publisher: str | None,
) -> Document:
    doc = parse_page(context.fetch(entry.url, accept=HTML_TYPES))
    doc.url = entry.url  # the address the publisher advertises, stable across redirects
    doc.published = doc.published or iso_day(entry.published)
    doc.publisher = doc.publisher or publisher
    doc.kind = doc.kind or "news_article"
    return doc
