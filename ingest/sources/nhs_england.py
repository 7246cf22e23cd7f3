"""NHS England news and blogs (england.nhs.uk), from the site's RSS feed.

england.nhs.uk is a WordPress site: the feed lists news stories and blog posts, and each
page is read with the WordPress layout (``_wordpress``). Its content is published under
the Open Government Licence v3.0 unless a page says otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator

from ingest.crawl import CrawlContext
from ingest.document import Document
from ingest.fetch import Fetched
from ingest.sources import SourceInfo
from ingest.sources._feeds import crawl_feed
from ingest.sources._wordpress import Layout, parse_article

FEED_URL = "https://www.england.nhs.uk/feed/"
LAYOUT = Layout(publisher="NHS England")

INFO = SourceInfo(
    name="nhs-england",
    title="NHS England news",
    publisher="NHS England",
    home_page="https://www.england.nhs.uk/news/",
    licence="Open Government Licence v3.0",
    description="NHS England's announcements and blogs: the RSS feed, then each page.",
    argument="optional",
    argument_help=f"the feed URL (default {FEED_URL})",
)


def parse_page(fetched: Fetched) -> Document:
    return parse_article(fetched, LAYOUT)


def crawl(context: CrawlContext) -> Iterator[Document]:
    yield from crawl_feed(context, context.argument or FEED_URL, parse_page)
