"""Name normalisation shared by the components, the resolver and the scorer.

Two spellings of one organisation must share a key: case, accents, ``&``/``and``,
apostrophes, a leading "the" and legal forms ("plc", "Ltd") do not tell names apart.
"""

from __future__ import annotations

import re

from graph.ids import fold

LEGAL_SUFFIX = re.compile(
    r"\s+(plc|p\.l\.c\.|ltd\.?|limited|inc\.?|incorporated|llc|llp|corp\.?|corporation|"
    r"gmbh|s\.a\.|ag|co\.)$",
    re.I,
)
HONORIFICS = (
    "Dr",
    "Dr.",
    "Doctor",
    "Professor",
    "Prof",
    "Prof.",
    "Sir",
    "Dame",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Miss",
    "Mx",
    "Dr",
    "Rt",
    "Hon",
    "Cllr",
)
# Peerage titles are how these people are named ("Lord Drayson"), so they stay in the name
# unless the given name is there too ("Baroness Dido Harding").
PEERAGE = ("Lord", "Lady", "Baroness", "Baron", "Viscount")


def strip_legal_suffix(name: str) -> str:
    previous = None
    while previous != name:
        previous = name
        name = LEGAL_SUFFIX.sub("", name).strip().rstrip(",")
    return name


def org_key(name: str) -> str:
    """The key two spellings of one organisation share."""
    key = fold(strip_legal_suffix(name.strip()))
    return re.sub(r"^the ", "", key)


def clean_person_name(name: str) -> str:
    """Drop honorifics and a possessive; keep peerage titles ("Lord Drayson")."""
    name = re.sub(r"['’]s?$", "", name.strip()).strip()
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".") in {h.rstrip(".") for h in HONORIFICS}:
        words = words[1:]
    if len(words) > 2 and words[0] in PEERAGE:
        words = words[1:]  # "Baroness Dido Harding" is Dido Harding; "Lord Drayson" stays
    return " ".join(words)


def person_key(name: str) -> str:
    return fold(clean_person_name(name))


def surname(name: str) -> str:
    words = clean_person_name(name).split()
    return words[-1] if words else ""


def strip_the(text: str) -> str:
    return re.sub(r"^(the|The)\s+", "", text.strip())


def tidy_name(text: str) -> str:
    """A mention's text as an entity name: single spaces, no leading "the"."""
    return strip_the(" ".join(text.split()))
