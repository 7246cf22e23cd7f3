"""Crawl sources: one module per source, found by listing this folder.

A source module has two things: ``INFO``, a :class:`SourceInfo` (name, publisher, home
page, licence), and ``crawl(context)``, a generator that takes a
:class:`ingest.crawl.CrawlContext` and yields what it finds: :class:`ingest.document.Document`
objects for prose (the NLP extractor reads them) or :class:`ingest.record.Record` objects
for registers whose fields already say who dealt with whom. Adding a source is adding a
file; modules whose names start with ``_`` are shared helpers, not sources.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ingest.crawl import CrawlContext
    from ingest.document import Document
    from ingest.record import Record

Argument = Literal["none", "optional", "required"]


@dataclass(frozen=True)
class SourceInfo:
    name: str
    title: str
    publisher: str
    home_page: str
    licence: str
    description: str
    argument: Argument = "none"
    argument_help: str = ""


@dataclass(frozen=True)
class Source:
    info: SourceInfo
    crawl: Callable[[CrawlContext], Iterator[Document | Record]]


class UnknownSource(ValueError):
    """A source name that no module in ``ingest/sources/`` declares."""


@cache
def all_sources() -> dict[str, Source]:
    """Every source module in this folder, by its public name, sorted by name."""
    found: dict[str, Source] = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        info = getattr(module, "INFO", None)
        crawl = getattr(module, "crawl", None)
        if not isinstance(info, SourceInfo) or not callable(crawl):
            raise TypeError(f"{module.__name__} needs INFO (a SourceInfo) and crawl(context)")
        if info.name in found:
            raise TypeError(f"two sources are named {info.name!r}")
        found[info.name] = Source(info, crawl)
    return dict(sorted(found.items()))


def get_source(name: str) -> Source:
    sources = all_sources()
    if name not in sources:
        raise UnknownSource(f"no source {name!r}; choose from {', '.join(sources)}")
    return sources[name]
