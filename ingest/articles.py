"""Read article files (``.txt``, ``.html``, ``.htm``) into :class:`Document` objects.

A ``.txt`` file's first line is its headline. An HTML page is reduced to its main text
(headline first, then the body) with its metadata; a ``NAME.meta.json`` sidecar
overrides whatever the file itself says.
"""

from __future__ import annotations

from pathlib import Path

from ingest.document import (
    ARTICLE_SUFFIXES,
    Document,
    DocumentError,
    normalise_text,
    read_sidecar,
)

MAX_ARTICLE_BYTES = 20 * 1024 * 1024


def read_article(path: Path) -> Document:
    """Read one article file; raise :class:`DocumentError` with a clear reason if it can't be."""
    if not path.exists():
        raise DocumentError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise DocumentError(f"{path}: not an article (expected .txt, .html or .htm)")
    raw = path.read_bytes()
    if len(raw) > MAX_ARTICLE_BYTES:
        raise DocumentError(f"{path}: larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MB")
    if suffix == ".txt":
        doc = document_from_text(decode_bytes(raw, path))
    else:
        from ingest.html_article import document_from_html

        doc = document_from_html(raw, origin=str(path))
    doc.origin = str(path)
    meta = read_sidecar(path)
    for key in ("url", "title", "published", "publisher", "kind"):
        if meta.get(key):
            setattr(doc, key, meta[key])
    if not doc.text.strip():
        raise DocumentError(f"{path}: no article text")
    return doc


def decode_bytes(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; binary files are refused."""
    if b"\x00" in raw[:8192]:
        raise DocumentError(f"{path}: binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise DocumentError(f"{path}: not UTF-8 or Windows-1252 text") from exc


def document_from_text(text: str) -> Document:
    text = normalise_text(text)
    title = text.split("\n", 1)[0].strip() or None
    return Document(text=text, title=title)
