"""Article pages of WordPress news sites (Digital Health, NHS England).

Both sites run WordPress, whose themes keep the classic markup: the headline in an
``h1`` (``.entry-title``), the body in ``.entry-content``, the dates in Open Graph
``article:published_time`` meta tags (Yoast) and JSON-LD. Each choice below is strict:
the first selector that matches must match exactly one element, so a redesign fails
loudly with the selector's name instead of storing the sidebar.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup

from ingest.document import Document, normalise_text
from ingest.fetch import Fetched
from ingest.html import (
    LayoutError,
    block_text,
    drop,
    json_ld,
    meta_content,
    parse_html,
    select_first_strict,
    text_of,
)
from ingest.sources._common import iso_day

BOILERPLATE = (
    "script",
    "style",
    "figure",
    "aside",
    "form",
    ".sharedaddy",
    ".jp-relatedposts",
    ".related-posts",
    ".social-share",
    ".share-buttons",
    ".wp-block-buttons",
    ".newsletter",
    ".advert",
)
MIN_BODY_CHARS = 80


@dataclass(frozen=True)
class Layout:
    publisher: str
    headline: tuple[str, ...] = ("h1.entry-title", "article h1", "main h1", "h1")
    body: tuple[str, ...] = (
        "article .entry-content",
        "div.entry-content",
        "div.post-content",
        "div.article-content",
    )
    boilerplate: tuple[str, ...] = BOILERPLATE


def parse_article(fetched: Fetched, layout: Layout) -> Document:
    """Headline, date and body paragraphs of one article page."""
    soup = parse_html(fetched.body, fetched.charset)
    headline = text_of(select_first_strict(soup, layout.headline))
    if not headline:
        raise LayoutError("the headline element is empty")
    body_node = select_first_strict(soup, layout.body)
    drop(body_node, layout.boilerplate)
    body = block_text(body_node)
    if len(body) < MIN_BODY_CHARS:
        raise LayoutError(f"article body has only {len(body)} characters of text")
    return Document(
        text=normalise_text(f"{headline}\n\n{body}"),
        title=headline,
        url=fetched.url,
        published=published_day(soup),
        publisher=layout.publisher,
        kind="news_article",
        origin=fetched.url,
    )


def published_day(soup: BeautifulSoup) -> str | None:
    """Open Graph first (what Yoast writes), then JSON-LD, then the first ``<time>``."""
    stamp = meta_content(soup, "article:published_time")
    if not stamp:
        stamp = next(
            (str(item["datePublished"]) for item in json_ld(soup) if item.get("datePublished")),
            None,
        )
    if not stamp:
        found = soup.select_one("article time[datetime], time[datetime]")
        stamp = str(found["datetime"]) if found is not None else None
    return iso_day(stamp) if stamp else None
