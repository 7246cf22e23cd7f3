"""Strict BeautifulSoup helpers: a page that is not laid out as we expect raises.

Why strict: when a site changes its templates, a lenient scraper keeps running and
quietly stores half an article, or the cookie banner. Here a selector that matches
nothing, or more than the one element it should, raises :class:`LayoutError` naming the
selector and the count; the crawl logs the page with that reason and goes on.

Text comes out one paragraph per block element, paragraphs separated by a blank line,
whitespace collapsed, so offsets into it are stable from one run to the next.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable
from typing import Any

from bs4 import (
    BeautifulSoup,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
    Tag,
)
from bs4.dammit import EncodingDetector

# WHATWG: a page labelled Latin-1 or ASCII is decoded as Windows-1252.
CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252"}
CHARSET_ALIASES |= {"us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252"}
BLOCKS = frozenset(
    {"p", "div", "section", "article", "header", "footer", "main", "aside", "address", "hr"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote"}
    | {"pre", "table", "tr", "td", "th", "figure", "figcaption"}
)
NEVER_TEXT = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "form", "button", "nav"}
)


class LayoutError(ValueError):
    """A page whose markup is not what its parser expects; the message names the selector."""


def decode_html(raw: bytes, content_type_charset: str | None = None) -> str:
    """The page as text: BOM, then the HTTP charset, then ``<meta charset>``, then UTF-8,
    then Windows-1252 (the usual charset of pages that declare none)."""
    bom = EncodingDetector.strip_byte_order_mark(raw)[1]
    declared = EncodingDetector.find_declared_encoding(raw, is_html=True)
    for charset in (bom, content_type_charset, declared):
        codec = _codec(charset)
        if codec:
            return raw.decode(codec, errors="replace").lstrip("\ufeff")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _codec(charset: str | None) -> str | None:
    if not charset:
        return None
    name = CHARSET_ALIASES.get(charset.strip().lower(), charset.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def parse_html(raw: bytes | str, charset: str | None = None) -> BeautifulSoup:
    text = raw if isinstance(raw, str) else decode_html(raw, charset)
    return BeautifulSoup(text, "lxml")


def select_strict(node: Tag, selector: str) -> list[Tag]:
    """All matches of ``selector``; at least one, or :class:`LayoutError`."""
    found = node.select(selector)
    if not found:
        raise LayoutError(f"selector {selector!r} matched nothing")
    return found


def select_one_strict(node: Tag, selector: str) -> Tag:
    """The one element ``selector`` matches; zero or two or more raise :class:`LayoutError`."""
    found = node.select(selector)
    if len(found) != 1:
        what = "nothing" if not found else f"{len(found)} elements"
        raise LayoutError(f"selector {selector!r} matched {what}, expected exactly one")
    return found[0]


def select_first_strict(node: Tag, selectors: Iterable[str]) -> Tag:
    """The first selector in ``selectors`` that matches must match exactly one element.

    For sites whose templates differ between sections: the choices are tried in order,
    and an ambiguous match is an error rather than a guess.
    """
    tried = []
    for selector in selectors:
        if node.select(selector):
            return select_one_strict(node, selector)
        tried.append(selector)
    raise LayoutError(f"none of the selectors {tried!r} matched")


def meta_content(soup: BeautifulSoup, key: str) -> str | None:
    """``<meta property=key>`` or ``<meta name=key>`` content; two different values raise."""
    values = {
        " ".join(str(tag.get("content", "")).split())
        for attr in ("property", "name", "itemprop")
        for tag in soup.find_all("meta", attrs={attr: key})
    } - {""}
    if len(values) > 1:
        raise LayoutError(f"meta {key!r} has {len(values)} different values")
    return values.pop() if values else None


def json_ld(soup: BeautifulSoup) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, ``@graph`` members included; bad JSON is skipped."""
    out: list[dict[str, Any]] = []
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict):
                out.extend(g for g in item.get("@graph", []) if isinstance(g, dict))
                out.append(item)
    return out


def drop(node: Tag, selectors: Iterable[str]) -> None:
    """Remove boilerplate (share buttons, related links) before taking the text."""
    for selector in selectors:
        for element in node.select(selector):
            element.decompose()


def text_of(node: Tag) -> str:
    """One line of text: whitespace collapsed."""
    return " ".join(node.get_text(" ").split())


def block_text(node: Tag) -> str:
    """Paragraphs of ``node``, one per block element, separated by blank lines."""
    paragraphs: list[str] = [""]
    try:
        _walk(node, paragraphs)
    except RecursionError as exc:
        raise LayoutError("markup nested too deeply to read") from exc
    cleaned = (" ".join(p.split()) for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


def _walk(node: Tag, paragraphs: list[str]) -> None:
    for child in node.children:
        if isinstance(child, Comment | Doctype | Declaration | ProcessingInstruction):
            continue
        if isinstance(child, NavigableString):
            paragraphs[-1] += str(child)
        elif isinstance(child, Tag):
            if child.name in NEVER_TEXT:
                continue
            if child.name == "br":
                paragraphs.append("")
            elif child.name in BLOCKS:
                paragraphs.append("")
                _walk(child, paragraphs)
                paragraphs.append("")
            else:
                _walk(child, paragraphs)
