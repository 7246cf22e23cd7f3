"""The rules' pattern search on lower-cased text finds what the pattern as written finds,
at the same offsets, and falls back to the pattern as written where lower-casing would
change the answer. Texts written for these tests."""

from __future__ import annotations

import re

import pytest

from ingest.extract.rules import patterns

TEXTS = [
    "The Trust SIGNED a Partnership with Kheiron; the partnerships widened in 2021.",
    "Partnered with DeepMind. Not a partner trust of anyone.",
    "Bought on G-Cloud 12; the firm signed, then g-cloud signed.",
    "İstanbul Partners signed a partnership",  # lower-casing "İ" adds a character
    "",
]
PATTERNS = [
    re.compile(r"\b(partnerships?|partner(?:ed|ing|s)?\b(?! trusts? of))", re.I),
    re.compile(r"\bsigned\b", re.I),
    re.compile(r"\bpartner\w*(?= [A-Z])", re.I),  # a class in capitals, either case under re.I
    re.compile(r"\b(G-Cloud|SIGNED)\W", re.I),  # capitals, and an escape that must stay "\W"
    re.compile(r"\bPartner\w*"),  # case-sensitive: left as written
]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:30])
@pytest.mark.parametrize("text", TEXTS)
def test_search_and_finditer_agree_with_the_pattern_as_written(pattern, text) -> None:
    expected = [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in patterns.finditer(pattern, text)] == expected
    found = patterns.search(pattern, text)
    assert (found.span() if found else None) == (expected[0] if expected else None)
