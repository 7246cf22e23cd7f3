"""Digital Health (digitalhealth.net): UK health IT news, from its RSS feed.

The feed lists the latest stories; each story's page is read with the WordPress layout
(``_wordpress``). Digital Health's articles are copyright: we keep the raw page in the
local cache and extract facts with their evidence; the text is not republished.
"""

from __future__ import annotations

from collections.abc import Iterator

from ingest.crawl import CrawlContext
from ingest.document import Document
from ingest.fetch import Fetched
from ingest.sources import SourceInfo
from ingest.sources._feeds import crawl_feed
from ingest.sources._wordpress import Layout, parse_article

FEED_URL = "https://www.digitalhealth.net/feed/"
LAYOUT = Layout(publisher="Digital Health")

INFO = SourceInfo(
    name="digitalhealth",
    title="Digital Health news",
    publisher="Digital Health Intelligence Ltd",
    home_page="https://www.digitalhealth.net/",
    licence="copyright Digital Health Intelligence; facts and short evidence quotes only",
    description="News on NHS IT, data and AI deals: the RSS feed, then each article page.",
    argument="optional",
    argument_help=f"the feed URL (default {FEED_URL})",
)


def parse_page(fetched: Fetched) -> Document:
    return parse_article(fetched, LAYOUT)


def crawl(context: CrawlContext) -> Iterator[Document]:
    yield from crawl_feed(context, context.argument or FEED_URL, parse_page)
