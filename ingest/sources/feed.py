"""``feed URL``: every article linked from any RSS or Atom feed.

The feed is read with feedparser after a safety check (``_feeds.check_safe_xml``); each
entry's page is read like ``page URL`` (trafilatura), since the site is unknown.
"""

from __future__ import annotations

from collections.abc import Iterator

from ingest.crawl import CrawlContext
from ingest.document import Document
from ingest.sources import SourceInfo
from ingest.sources._feeds import crawl_feed
from ingest.sources.page import parse_page

INFO = SourceInfo(
    name="feed",
    title="Any RSS or Atom feed",
    publisher="(the feed's own site)",
    home_page="",
    licence="the site's own terms; facts are extracted, the text is not republished",
    description="The articles an RSS or Atom feed links to, each read like `page URL`.",
    argument="required",
    argument_help="the feed's URL",
)


def crawl(context: CrawlContext) -> Iterator[Document]:
    if not context.argument:
        raise ValueError("feed needs a URL")
    yield from crawl_feed(context, context.argument, parse_page)
