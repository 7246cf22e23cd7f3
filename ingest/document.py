"""A document as the extractor sees it: plain text plus where it came from.

Offsets in extraction records index into ``Document.text``. For every input form the
text starts with the headline on its own line, so a fact stated in a headline has a span
like any other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ingest.record import Source, text_sha256

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
SIDECAR_KEYS = ("url", "title", "published", "publisher")


class DocumentError(ValueError):
    """A document that cannot be read as an article; the message says why."""


@dataclass
class Document:
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    publisher: str | None = None
    kind: str | None = None
    origin: str | None = None  # the file or URL it was read from, for messages
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)

    def source(self) -> Source:
        return Source(
            url=self.url,
            title=self.title,
            published=self.published,
            publisher=self.publisher,
            sha256=self.sha256,
            kind=self.kind,
        )


def normalise_text(text: str) -> str:
    """Newlines as ``\\n``, no BOM, no trailing whitespace at the end: offsets must be stable."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text.rstrip() + "\n" if text.strip() else ""


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + ".meta.json")


def read_sidecar(path: Path) -> dict[str, str]:
    """The ``NAME.meta.json`` next to an article, or ``{}``; a broken sidecar is an error."""
    meta = sidecar_path(path)
    if not meta.exists():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DocumentError(f"{meta}: not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise DocumentError(f"{meta}: must be a JSON object")
    return {k: str(v) for k, v in data.items() if v is not None}


def article_paths(paths: list[Path]) -> list[Path]:
    """Expand folders to their article files, sorted by name; keep the order given."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file()
                    and p.suffix.lower() in ARTICLE_SUFFIXES
                    and not p.name.endswith(".meta.json")
                )
            )
        else:
            out.append(path)
    return out
