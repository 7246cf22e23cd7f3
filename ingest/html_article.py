"""Main text and metadata of an HTML article page (placeholder until the extractor issue)."""

from __future__ import annotations

import trafilatura

from ingest.document import Document, DocumentError, normalise_text


def document_from_html(raw: bytes, origin: str = "page") -> Document:
    html = raw.decode("utf-8", errors="replace")
    body = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta and meta.title else None
    if not body.strip():
        raise DocumentError(f"{origin}: no article text found")
    text = normalise_text(f"{title}\n\n{body}" if title else body)
    return Document(
        text=text,
        title=title,
        url=meta.url if meta else None,
        published=meta.date if meta else None,
        publisher=meta.sitename if meta else None,
    )
