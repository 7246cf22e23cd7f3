"""Searching a statement's text with the rules' cue patterns, fast.

The rules ask dozens of case-insensitive patterns of every statement, several of them
more than once (whether a statement is about buying is asked by four rules), and most
statements hold none of the words. Python's ``re`` folds case at every step of such a
scan, so a case-insensitive pattern is recompiled in lower case to run without ``re.I``
on the lower-cased text, two to three times faster, with the same offsets as long as
lower-casing keeps the text's length (otherwise the pattern runs as written).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Case-insensitive patterns recompiled to run on lower-cased text (None: not possible),
# by the pattern's identity (hashing a compiled pattern costs more than the lookup; the
# pattern is kept beside its recompiled form, so its identity is never reused).
_LOWERED: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}


def _lowered(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    known = _LOWERED.get(id(pattern))
    if known is None:
        fast = None
        if pattern.flags & re.I:
            fast = re.compile(lower_pattern(pattern.pattern), pattern.flags & ~re.I)
        known = _LOWERED[id(pattern)] = (pattern, fast)
    return known[1]


def lower_pattern(source: str) -> str:
    """A case-insensitive pattern's source in lower case, its escapes kept as written
    ("\\W" is not "\\w"). Under ``re.I`` the pattern's own letters, classes such as
    "[A-Z]" among them, match either case, so in lower case on lower-cased text they
    match the same."""
    out = []
    escaped = False
    for char in source:
        out.append(char if escaped else char.lower())
        escaped = char == "\\" and not escaped
    return "".join(out)


def finditer(
    pattern: re.Pattern[str], text: str, lowered: str | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, on the lower-cased text where that is the same.
    ``lowered`` is ``text.lower()`` when the caller has it already."""
    fast = _lowered(pattern)
    if fast is None:
        return pattern.finditer(text)
    lowered = text.lower() if lowered is None else lowered
    if len(lowered) != len(text):
        return pattern.finditer(text)
    return fast.finditer(lowered)


def search(pattern: re.Pattern[str], text: str, lowered: str | None = None) -> re.Match[str] | None:
    """``pattern.search(text)`` the same way: the first of :func:`finditer`'s matches. Its
    offsets are the text's; its ``group()`` may be the lower-cased words."""
    return next(finditer(pattern, text, lowered), None)
