"""``nhskg.amounts.v1``: amounts, percentages, share counts, counts, durations and dates.

Each is found by a pattern over the text and normalised: "£5m" → 5000000 (GBP),
"£2.5 million", "£250,000 a year" (per_year), "175p a share" and "£1.75 a share" (share
prices, kept apart from amounts), "1.1 per cent"/"1.1%" → 1.1, "4,285,714 ordinary
shares" → 4285714, "about 1.6 million patients" → 1600000 records, "five-year" → 5 years,
"5 September 2018" → 2018-09-05, "December 2016" → 2016-12, "earlier this year" → the
article's year. Results go to ``doc._.nhskg_quantities`` as plain dicts with offsets.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ingest.extract import state
from ingest.extract.naming import factory_name, register_versioned

NAME = "nhskg.amounts.v1"
FACTORY = factory_name(NAME)

MULTIPLIERS = {
    "": 1,
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
WORD_NUMBERS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
NUM = r"\d[\d,]*(?:\.\d+)?"
SCALE = r"(?:\s?(?:bn|billion|mn|million|m|k|thousand)\b)?"
CURRENCY = {"£": "GBP", "$": "USD", "€": "EUR", "GBP": "GBP", "US$": "USD"}
MONEY = re.compile(rf"(?P<cur>US\$|£|\$|€|GBP ?)(?P<num>{NUM})(?P<scale>{SCALE})", re.I)
PENCE = re.compile(rf"\b(?P<num>{NUM})p\b")
PER_SHARE = re.compile(r"^\s*(?:a|per|each) share\b|^\s*each\b", re.I)
PER_YEAR = re.compile(r"^\s*(?:a|per|each) (?:year|annum)\b|^\s*annually\b|^\s*a year\b", re.I)
PERCENT = re.compile(rf"(?P<num>{NUM})\s?(?:%|per ?cent\b)", re.I)
SHARES = re.compile(
    rf"\b(?P<num>{NUM})(?P<scale>{SCALE})\s+(?:(?:new|ordinary|existing|issued|more)\s+)*shares\b",
    re.I,
)
COUNT_NOUNS = (
    r"patients?|people|records|patient records|scans|images|x-rays|individuals|"
    r"citizens|residents|health records|medical records|users|genomes|genome sequences|"
    r"sequences|samples|participants|volunteers|slides|mammograms"
)
COUNT = re.compile(
    rf"\b(?P<num>{NUM}|a|one|two|three|four|five|six|seven|eight|nine|ten)"
    rf"(?P<scale>\s(?:million|thousand|billion)|m\b)?"
    rf"\s+(?P<mods>(?:[\w-]+\s){{0,4}}?)(?P<noun>{COUNT_NOUNS})\b",
    re.I,
)
DURATION = re.compile(
    r"\b(?P<num>\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)"
    r"[- ]years?\b",
    re.I,
)
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
DATE_FULL = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?P<month>{MONTH_RE}),? (?P<year>(?:19|20)\d\d)\b"
)
DATE_US = re.compile(rf"\b(?P<month>{MONTH_RE}) (?P<day>\d{{1,2}}),? (?P<year>(?:19|20)\d\d)\b")
DATE_MONTH = re.compile(rf"\b(?P<month>{MONTH_RE}),? (?P<year>(?:19|20)\d\d)\b")
DATE_YEAR = re.compile(r"(?<![£$€\d.,/-])\b(?P<year>(?:19|20)\d\d)\b(?![\d/%]|\.\d| ?(?:p\b|m\b))")
DATE_MONTH_ONLY = re.compile(
    rf"\b(?:in|on|since|from|by|until|last|this) (?P<month>{MONTH_RE})\b(?! \d)"
)
RELATIVE = re.compile(
    r"\b(?P<rel>earlier this year|later this year|this year|last year|the previous year|"
    r"next year|this month|last month|today|yesterday)\b",
    re.I,
)


def number(text: str) -> float:
    text = text.strip().lower()
    if text in WORD_NUMBERS:
        return float(WORD_NUMBERS[text])
    return float(text.replace(",", ""))


def scaled(num: str, scale: str) -> float:
    return number(num) * MULTIPLIERS[scale.strip().lower()]


def plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 6)


@Language.component(FACTORY)
def amounts(doc: Doc) -> Doc:
    doc._.nhskg_quantities = find_quantities(state.doc_text(doc), doc._.nhskg_published)
    return doc


def find_quantities(text: str, published: str | None = None) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    found += money(text)
    found += percents(text)
    found += shares(text)
    found += counts(text)
    found += durations(text)
    found += dates(text, published)
    found.sort(key=lambda q: (q["start"], -q["end"]))
    return found


def _q(kind: str, m: re.Match[str], value: Any, **extra: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "start": m.start(),
        "end": m.end(),
        "text": m.group(0),
        "value": value,
        **extra,
    }


def money(text: str) -> list[dict[str, Any]]:
    out = []
    for m in MONEY.finditer(text):
        cur = CURRENCY[m.group("cur").strip().upper() if m.group("cur") != "US$" else "US$"]
        value = plain(scaled(m.group("num"), m.group("scale")))
        rest = text[m.end() : m.end() + 30]
        kind = "price" if PER_SHARE.match(rest) else "money"
        out.append(_q(kind, m, value, currency=cur, per_year=bool(PER_YEAR.match(rest))))
    for m in PENCE.finditer(text):
        rest = text[m.end() : m.end() + 30]
        out.append(
            _q("price", m, plain(number(m.group("num")) / 100), currency="GBP", per_year=False)
        )
        del rest
    return out


def percents(text: str) -> list[dict[str, Any]]:
    return [_q("percent", m, plain(number(m.group("num")))) for m in PERCENT.finditer(text)]


def shares(text: str) -> list[dict[str, Any]]:
    return [
        _q("shares", m, int(scaled(m.group("num"), m.group("scale"))))
        for m in SHARES.finditer(text)
        if text[max(0, m.start() - 1) : m.start()] not in ("£", "$")
    ]


def counts(text: str) -> list[dict[str, Any]]:
    out = []
    for m in COUNT.finditer(text):
        if text[max(0, m.start() - 1) : m.start()] in ("£", "$", "€"):
            continue
        num = m.group("num")
        if num.lower() == "a" and not m.group("scale"):
            continue
        scale = (m.group("scale") or "").strip().lower()
        scale = "million" if scale == "m" else scale
        value = int(scaled(num, scale))
        out.append(
            _q("count", m, value, noun=m.group("noun").lower(), mods=m.group("mods").strip())
        )
    return out


def durations(text: str) -> list[dict[str, Any]]:
    return [_q("duration", m, plain(number(m.group("num")))) for m in DURATION.finditer(text)]


def dates(text: str, published: str | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    covered: list[tuple[int, int]] = []

    def add(m: re.Match[str], value: str | None) -> None:
        if value and not any(s <= m.start() < e for s, e in covered):
            out.append(_q("date", m, value))
            covered.append((m.start(), m.end()))

    for m in DATE_FULL.finditer(text):
        add(m, f"{m['year']}-{MONTHS[m['month'].lower()]:02d}-{int(m['day']):02d}")
    for m in DATE_US.finditer(text):
        add(m, f"{m['year']}-{MONTHS[m['month'].lower()]:02d}-{int(m['day']):02d}")
    for m in DATE_MONTH.finditer(text):
        add(m, f"{m['year']}-{MONTHS[m['month'].lower()]:02d}")
    for m in DATE_YEAR.finditer(text):
        add(m, m["year"])
    for m in DATE_MONTH_ONLY.finditer(text):
        add(m, month_in_context(MONTHS[m["month"].lower()], published, m.group(0)))
    for m in RELATIVE.finditer(text):
        add(m, relative_date(m["rel"].lower(), published))
    return out


def month_in_context(month: int, published: str | None, phrase: str) -> str | None:
    """ "in February" in an article of April 2016 is 2016-02; of January 2016, 2015-02."""
    if not published:
        return None
    year, pub_month = int(published[:4]), int(published[5:7]) if len(published) >= 7 else 12
    if phrase.lower().startswith("last") or month > pub_month:
        year -= 1
    return f"{year}-{month:02d}"


def relative_date(rel: str, published: str | None) -> str | None:
    if not published:
        return None
    year = int(published[:4])
    if rel in ("earlier this year", "later this year", "this year"):
        return str(year)
    if rel in ("last year", "the previous year"):
        return str(year - 1)
    if rel == "next year":
        return str(year + 1)
    if rel in ("today", "yesterday"):
        return published if rel == "today" or len(published) < 10 else None
    if rel == "this month" and len(published) >= 7:
        return published[:7]
    return None


register_versioned(NAME, amounts)
