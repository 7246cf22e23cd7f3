"""GOV.UK news and press releases from DHSC, NHS England and related bodies.

Two public APIs, no scraping: the Search API (``/api/search.json``) finds news stories
and press releases of the health organisations that match partnership topics, newest
first from ``--since``; the Content API (``/api/content/<path>``) gives each one's title,
summary, dates, organisations and body (govspeak HTML). Field names follow the samples
in ``data/samples/govuk/`` and the search-api documentation.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any

from ingest.crawl import CrawlContext
from ingest.document import Document, normalise_text
from ingest.fetch import JSON_TYPES, Fetched
from ingest.html import LayoutError, block_text, drop, parse_html, select_one_strict
from ingest.sources import SourceInfo
from ingest.sources._common import iso_day, parse_datetime, require, with_query

log = logging.getLogger("nhskg.crawl")

BASE_URL = "https://www.gov.uk"
ORGANISATIONS = (
    "department-of-health-and-social-care",
    "nhs-england",
    "nhs-digital",
    "nhsx",
    "medicines-and-healthcare-products-regulatory-agency",
    "office-for-life-sciences",
    "uk-health-security-agency",
)
DOCUMENT_KINDS = {"press_release": "press_release", "news_story": "news_article"}
TOPICS = ("artificial intelligence", "data sharing", "technology", "partnership", "digital")
FIELDS = ("title", "link", "public_timestamp", "description", "content_store_document_type")
PAGE_SIZE = 100
DEFAULT_DAYS = 30

INFO = SourceInfo(
    name="govuk",
    title="GOV.UK health news and press releases",
    publisher="DHSC, NHS England and other bodies, via GOV.UK",
    home_page="https://www.gov.uk/search/news-and-communications",
    licence="Open Government Licence v3.0 (Crown copyright)",
    description=(
        "News stories and press releases of DHSC, NHS England, NHS Digital, NHSX, MHRA, "
        "OLS and UKHSA on AI, data, technology and partnerships (Search + Content APIs)."
    ),
    argument="optional",
    argument_help=f"the site's base URL (default {BASE_URL})",
)


@dataclass
class Hit:
    link: str
    title: str | None
    updated: datetime | None


def crawl(context: CrawlContext) -> Iterator[Document]:
    base = (context.argument or BASE_URL).rstrip("/")
    since = context.since
    if since is None:
        since = datetime.now(UTC).date() - timedelta(days=DEFAULT_DAYS)
        log.info("govuk: no --since given; searching from %s", since)
    for hit in search(context, base, since):
        web_url, api_url = base + hit.link, f"{base}/api/content{hit.link}"
        if context.known(web_url, hit.updated, fetched_url=api_url):
            continue
        doc = context.attempt(web_url, partial(read_item, context, api_url, web_url))
        if doc is not None:
            yield doc


def read_item(context: CrawlContext, api_url: str, web_url: str) -> Document:
    return content_document(context.fetch(api_url, JSON_TYPES), web_url)


def search(context: CrawlContext, base: str, since: date) -> Iterator[Hit]:
    """Hits of every topic query, each link once, page by page until ``total``."""
    seen: set[str] = set()
    for topic in TOPICS:
        start = 0
        while True:
            url = with_query(f"{base}/api/search.json", search_params(topic, since, start))
            data = json.loads(context.fetch(url, JSON_TYPES).body)
            results = require(data, "results")
            if not isinstance(results, list):
                raise LayoutError("search.json: results is not a list")
            for result in results:
                link = result.get("link") if isinstance(result, dict) else None
                if link and link.startswith("/") and link not in seen:
                    seen.add(link)
                    updated = parse_datetime(result.get("public_timestamp"))
                    yield Hit(link, result.get("title"), updated)
            start += len(results)
            if not results or start >= int(data.get("total") or 0):
                break


def search_params(topic: str, since: date, start: int) -> list[tuple[str, str]]:
    params = [("q", topic), ("order", "-public_timestamp")]
    params += [("filter_organisations", org) for org in ORGANISATIONS]
    params += [("filter_content_store_document_type", kind) for kind in DOCUMENT_KINDS]
    params += [("filter_public_timestamp", f"from:{since.isoformat()}")]
    params += [("fields", field) for field in FIELDS]
    params += [("count", str(PAGE_SIZE)), ("start", str(start))]
    return params


def content_document(fetched: Fetched, web_url: str) -> Document:
    """A Content API item (``news_article`` schema) as a document: title, summary, body."""
    data = json.loads(fetched.body)
    title = str(require(data, "title"))
    document_type = require(data, "document_type")
    if document_type not in DOCUMENT_KINDS:
        raise LayoutError(f"document_type {document_type!r} is not a news story or press release")
    soup = parse_html(body_html(require(data, "details", "body")))
    root = select_one_strict(soup, "div.govspeak")
    drop(root, ("script", "style"))
    summary = " ".join(str(data.get("description") or "").split())
    paragraphs = (" ".join(title.split()), summary, block_text(root))
    return Document(
        text=normalise_text("\n\n".join(p for p in paragraphs if p)),
        title=title,
        url=web_url,
        published=iso_day(data.get("first_published_at") or data.get("public_updated_at")),
        publisher=lead_organisation(data),
        kind=DOCUMENT_KINDS[str(document_type)],
        origin=fetched.url,
    )


def body_html(body: Any) -> str:
    """``details.body`` is HTML, or (multi-format items) a list of ``{content_type, content}``."""
    if isinstance(body, str):
        return body
    if isinstance(body, list):
        for part in body:
            if isinstance(part, dict) and part.get("content_type") == "text/html":
                return str(part.get("content") or "")
    raise LayoutError("details.body has no HTML")


def lead_organisation(data: dict[str, Any]) -> str | None:
    """The first emphasised organisation's title (the item's lead publisher)."""
    orgs = [o for o in (data.get("links") or {}).get("organisations") or [] if isinstance(o, dict)]
    emphasised = (data.get("details") or {}).get("emphasised_organisations") or []
    for content_id in emphasised:
        for org in orgs:
            if org.get("content_id") == content_id and org.get("title"):
                return str(org["title"])
    return str(orgs[0]["title"]) if orgs and orgs[0].get("title") else None
