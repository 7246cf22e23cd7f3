"""Small helpers the sources share: dates in the forms sites write them, and query URLs."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from urllib.parse import urlencode, urlsplit, urlunsplit

from ingest.html import LayoutError

DAY_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_datetime(value: object) -> datetime | None:
    """An aware datetime from ISO text, a ``datetime``, a ``date`` or a UTC ``struct_time``.

    Day-first slashes (``01/04/2019``) are read the British way. Unreadable text is
    ``None``: a missing date must not sink a page, but a wrong one must not be invented.
    """
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    text = str(value).strip()
    match = DAY_FIRST.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return datetime(year, month, day, tzinfo=UTC)
        except ValueError:
            return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def iso_day(value: object) -> str | None:
    """``YYYY-MM-DD`` as the extraction record wants it, from any form ``parse_datetime`` reads.

    The calendar day is the one the publisher wrote (no conversion to UTC), so a story
    published at 00:30 BST keeps its date.
    """
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value.strip()):
        day = value.strip()[:10]
        return day if parse_datetime(day) else None
    parsed = parse_datetime(value)
    return parsed.date().isoformat() if parsed else None


def with_query(url: str, params: list[tuple[str, str]]) -> str:
    """``url`` with ``params`` appended (repeated names kept, as the GOV.UK API wants)."""
    parts = urlsplit(url)
    query = "&".join(q for q in (parts.query, urlencode(params)) if q)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def require(data: object, *path: str) -> object:
    """``data[path[0]][path[1]]…`` or :class:`LayoutError` naming the missing key."""
    current = data
    for i, key in enumerate(path):
        if not isinstance(current, dict) or current.get(key) in (None, ""):
            raise LayoutError(f"JSON has no {'.'.join(path[: i + 1])}")
        current = current[key]
    return current
