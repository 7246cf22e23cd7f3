"""Read article files (``.txt``, ``.html``, ``.htm``) into :class:`Document` objects.

Strict on purpose: a file that is not what it claims is refused with the reason, never
half-read. A ``.txt`` file must be UTF-8 (a BOM is allowed); its first line is the
headline. An HTML page is decoded by its BOM or declared charset, reduced to its main
text (headline first, then the body; boilerplate, navigation, scripts and cookie banners
dropped) with its metadata. A ``NAME.meta.json`` sidecar overrides what the file says.
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

MAX_ARTICLE_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 200_000
SIDECAR_FIELDS = ("url", "title", "published", "publisher", "kind")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_article(path: Path) -> Document:
    """Read one article file; raise :class:`DocumentError` with a clear reason if it can't be."""
    if not path.exists():
        raise DocumentError(f"{path}: no such file")
    if not path.is_file():
        raise DocumentError(f"{path}: not a file")
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise DocumentError(f"{path}: not an article (expected .txt, .html or .htm)")
    size = path.stat().st_size
    if size == 0:
        raise DocumentError(f"{path}: empty file")
    if size > MAX_ARTICLE_BYTES:
        raise DocumentError(
            f"{path}: {size / 1024 / 1024:.1f} MB is over the "
            f"{MAX_ARTICLE_BYTES // (1024 * 1024)} MB limit for one article"
        )
    raw = path.read_bytes()
    if suffix == ".txt":
        doc = document_from_text(decode_text(raw, path))
    else:
        from ingest.html_article import document_from_html

        doc = document_from_html(raw, origin=str(path))
    doc.origin = str(path)
    meta = read_sidecar(path)
    for key in SIDECAR_FIELDS:
        if meta.get(key):
            setattr(doc, key, meta[key])
    if not doc.text.strip():
        raise DocumentError(f"{path}: no article text")
    if len(doc.text) > MAX_TEXT_CHARS:
        raise DocumentError(
            f"{path}: article text of {len(doc.text)} characters is over the {MAX_TEXT_CHARS} limit"
        )
    return doc


def check_not_binary(raw: bytes, path: Path | str) -> None:
    if raw.startswith(UTF16_BOMS):
        raise DocumentError(f"{path}: UTF-16 text; convert it to UTF-8")
    if b"\x00" in raw[:8192]:
        raise DocumentError(f"{path}: binary file, not text")


def decode_text(raw: bytes, path: Path | str) -> str:
    """UTF-8 (with or without BOM) only: another encoding is refused, not guessed."""
    check_not_binary(raw, path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = " (it looks like Windows-1252 or Latin-1)" if _is_cp1252(raw) else ""
        raise DocumentError(
            f"{path}: not UTF-8 text{hint}; convert it with `iconv -t UTF-8` "
            f"(first bad byte at offset {exc.start})"
        ) from exc


def _is_cp1252(raw: bytes) -> bool:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def decode_bytes(raw: bytes, path: Path) -> str:
    """Kept for callers of the first version: the strict UTF-8 decoding of ``decode_text``."""
    return decode_text(raw, path)


def document_from_text(text: str) -> Document:
    text = normalise_text(text)
    title = text.split("\n", 1)[0].strip() or None
    return Document(text=text, title=title)
