"""``page URL``: one article from any site, its main text found by trafilatura.

Any site means no selectors of our own to be strict about: trafilatura finds the main
text and the metadata. A page where it finds no text fails with that reason.
"""

from __future__ import annotations

from collections.abc import Iterator

import trafilatura

from ingest.crawl import CrawlContext
from ingest.document import Document, DocumentError, normalise_text
from ingest.fetch import HTML_TYPES, Fetched
from ingest.html import decode_html, parse_html, text_of
from ingest.sources import SourceInfo
from ingest.sources._common import iso_day

INFO = SourceInfo(
    name="page",
    title="One article page",
    publisher="(the page's own site)",
    home_page="",
    licence="the page's own terms; facts are extracted, the text is not republished",
    description="One article at a URL you name: its main text and metadata.",
    argument="required",
    argument_help="the article's URL",
)


def crawl(context: CrawlContext) -> Iterator[Document]:
    """The one page; a failure here fails the run, since there is nothing else to do."""
    url = context.argument
    if not url:
        raise ValueError("page needs a URL")
    doc = parse_page(context.fetch(url, accept=HTML_TYPES))
    doc.url = url  # the address the user named, so a second run finds it stored
    yield doc


def parse_page(fetched: Fetched) -> Document:
    html = decode_html(fetched.body, fetched.charset)
    body = trafilatura.extract(
        html, url=fetched.url, include_comments=False, include_tables=False, favor_precision=True
    )
    if not body or not body.strip():
        raise DocumentError(f"{fetched.url}: no article text found")
    meta = trafilatura.extract_metadata(html, default_url=fetched.url)
    title = meta.title if meta is not None and meta.title else None
    if not title:
        found = parse_html(html).find("title")
        title = text_of(found) if found is not None else None
    if not title:
        raise DocumentError(f"{fetched.url}: no headline found")
    return Document(
        text=normalise_text(f"{title}\n\n{body}"),
        title=title,
        url=fetched.url,
        published=iso_day(meta.date) if meta is not None else None,
        publisher=meta.sitename if meta is not None and meta.sitename else None,
        kind="news_article",
        origin=fetched.url,
    )
