"""Main text and metadata of an HTML article page.

The page is decoded by its byte-order mark, else its declared charset (``<meta
charset>``), else as UTF-8; a page that fails to decode is refused, not guessed. The main
text comes from trafilatura (precision first: navigation, scripts, comments, tables
dropped), then paragraphs that are cookie banners or share/subscribe furniture are
removed. Title, date, publisher and URL come from the page's metadata (Open Graph,
JSON-LD, ``<title>``). The text starts with the headline line, then a blank line, then the
body, as for ``.txt`` articles, so a fact in a headline has a span like any other.
"""

from __future__ import annotations

import re

import trafilatura

from ingest.articles import check_not_binary
from ingest.document import Document, DocumentError, normalise_text

MIN_BODY_WORDS = 25
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
FURNITURE = re.compile(
    r"(\bcookies?\b.*\b(accept|consent|settings|preferences|use|policy)\b|"
    r"\b(accept|reject) all\b|\bmanage (your )?(cookie|privacy)|"
    r"^(share|follow us|subscribe|sign up)( (this|to|on|for)\b.*)?$|"
    r"^(advertisement|related (news|articles|stories)|read more|skip to (main )?content)$)",
    re.I,
)
ISO_DATE = re.compile(r"^(\d{4})(-\d{2})?(-\d{2})?")


def decode_html(raw: bytes, origin: str) -> str:
    check_not_binary(raw, origin)
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict")
    declared = CHARSET.search(raw[:4096])
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    try:
        return raw.decode(encoding)
    except LookupError as exc:
        raise DocumentError(f"{origin}: unknown charset {encoding!r} declared") from exc
    except UnicodeDecodeError as exc:
        where = "declared" if declared else "assumed (none declared)"
        raise DocumentError(
            f"{origin}: not valid {encoding} text ({where}); first bad byte at offset {exc.start}"
        ) from exc


def main_text(html: str) -> str:
    body = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        deduplicate=True,
    )
    paragraphs = [p.strip() for p in (body or "").split("\n") if p.strip()]
    return "\n\n".join(p for p in paragraphs if not FURNITURE.search(p) or len(p) > 300)


def iso_date(value: str | None) -> str | None:
    m = ISO_DATE.match(value or "")
    return "".join(g for g in m.groups() if g) if m else None


def document_from_html(raw: bytes, origin: str = "page") -> Document:
    html = decode_html(raw, origin)
    body = main_text(html)
    if len(body.split()) < MIN_BODY_WORDS:
        raise DocumentError(f"{origin}: no article text found (only navigation or boilerplate)")
    meta = trafilatura.extract_metadata(html)
    title = " ".join(meta.title.split()) if meta and meta.title else None
    if title and body.split("\n", 1)[0].strip() == title:
        body = body.split("\n", 1)[1].lstrip() if "\n" in body else ""
    text = normalise_text(f"{title}\n\n{body}" if title else body)
    return Document(
        text=text,
        title=title,
        url=meta.url if meta else None,
        published=iso_date(meta.date) if meta else None,
        publisher=meta.sitename if meta else None,
    )
