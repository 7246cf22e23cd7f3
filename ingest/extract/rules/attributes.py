"""Attributes read off a unit's quantities: amounts, percentages, dates, durations."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from ingest.extract import state
from ingest.extract.rules.units import Occ, Unit

AGREEMENT = re.compile(
    r"\b(strategic research agreement|memorandum of understanding|research collaboration|"
    r"research partnership|joint venture|data[- ]sharing agreement|framework agreement|"
    r"research agreement|partnership agreement)s?\b",
    re.I,
)
RECORD_RANK = (
    "records",
    "patient records",
    "health records",
    "medical records",
    "patients",
    "scans",
    "images",
    "x-rays",
    "mammograms",
    "slides",
    "genomes",
    "genome sequences",
    "sequences",
    "samples",
    "participants",
    "volunteers",
    "individuals",
    "people",
    "citizens",
    "residents",
    "users",
)


def first_value(unit: Unit, kind: str, context: bool = False, **match: Any) -> Any:
    for q in unit.quantities_of(kind, context=context):
        if all(q.get(k) == v for k, v in match.items()):
            return q["value"]
    return None


def money(unit: Unit, context: bool = False, follow: bool = False) -> dict[str, Any] | None:
    """The first amount in pounds of the statement; with ``follow``, else the first of the
    next statement when that one goes on about the same deal ("The contract, worth …")."""
    for q in unit.quantities_of("money", context=context):
        if q.get("currency") == "GBP":
            return q
    if follow:
        return followed(unit, "money")
    return None


def followed(unit: Unit, kind: str) -> dict[str, Any] | None:
    for q in unit.follow_quantities:
        if q["kind"] == kind and (kind != "money" or q.get("currency") == "GBP"):
            return q
    return None


PERIOD_LINK = re.compile(r"^\s*(?:to|until|till|through|and|-|–)\s*$", re.I)
START_CUE = re.compile(
    r"\b(?:from|starting|starts?|start(?:ed|s)? in|begins?|began|since|in)\s*$", re.I
)
END_CUE = re.compile(
    r"\b(?:until|till|ends?|ending|expires?|runs? to|through)\s*(?:in\s*)?"
    r"(?:(?:early|late|mid-?|the end of|the start of)\s*)?$",
    re.I,
)


def period(unit: Unit) -> tuple[str | None, str | None]:
    """Start and end of a contract: "runs from 1 April 2025 to 31 March 2028", "from
    April 2021 until 2024", "starting in January" (here or in the statement that follows)."""
    text = state.doc_text(unit.doc)
    for qs in (
        unit.quantities_of("date"),
        [q for q in unit.follow_quantities if q["kind"] == "date"],
    ):
        for a, b in pairwise(qs):
            if PERIOD_LINK.match(text[a["end"] : b["start"]]):
                before = text[max(0, a["start"] - 20) : a["start"]]
                if START_CUE.search(before) or "between" in before.lower():
                    return a["value"], b["value"]
        for q in qs:
            before = text[max(0, q["start"] - 20) : q["start"]]
            if END_CUE.search(before):
                # "whose contract expires in late 2024": an end, and the start only if
                # another date comes before it
                starts = [d["value"] for d in qs if d["start"] < q["start"]]
                return (starts[0] if starts else None), q["value"]
    return date(unit), None


def own_kind(unit: Unit, kind: str) -> list[dict[str, Any]]:
    qs = unit.quantities_of(kind)
    return [q for q in qs if q.get("currency") == "GBP"] if kind == "money" else qs


def money_near(unit: Unit, char: int, kind: str = "money") -> dict[str, Any] | None:
    """The amount in pounds (or other quantity) nearest to a character offset (a clause's
    own amount)."""
    qs = own_kind(unit, kind)
    if not qs:
        return None
    return min(qs, key=lambda q: abs(q["start"] - char) + (0 if q["start"] >= char else 5))


def own_sum(
    unit: Unit, party: Occ, parties: list[Occ], kind: str = "money"
) -> dict[str, Any] | None:
    """The sum one of several parties gets or pays: the one between its name and the next
    party's ("A (£23.6m) and B (£12.7m)", "fined Pfizer £84.2m and Flynn £5.2m"), else
    the one between the previous party and it ("£2m to A and £3m to B"), else the nearest.
    ``kind`` "percent" gives each holder its own share ("A held 11.2%, and B 10.5%")."""
    doc = unit.doc
    starts = sorted(doc[o.start].idx for o in parties)
    here = doc[party.start].idx
    after = [s for s in starts if s > here]
    before = [doc[o.end - 1].idx for o in parties if doc[o.start].idx < here]
    sums = own_kind(unit, kind)
    inside = [q for q in sums if here < q["start"] < (after[0] if after else 10**9)]
    if inside and (after or len(parties) > 1):
        return inside[0]
    leading = [q for q in sums if (max(before) if before else -1) < q["start"] < here]
    return leading[-1] if leading else money_near(unit, here, kind)


def date(unit: Unit) -> str | None:
    return first_value(unit, "date")


def duration(unit: Unit) -> float | None:
    return first_value(unit, "duration")


def agreement(unit: Unit) -> str | None:
    m = unit.search(AGREEMENT)
    return m.group(1).lower().replace("data sharing", "data-sharing") if m else None


TIME_NOUNS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hours"}


def records(unit: Unit) -> tuple[int | None, str | None]:
    """The number of patients or records the data covers, and what they are."""
    best: tuple[int, dict[str, Any]] | None = None
    for context in (False, True):
        for q in unit.quantities_of("count", context=context):
            noun = q.get("noun", "")
            durations = {d["start"] for d in unit.quantities_of("duration", context=context)}
            if noun in TIME_NOUNS or q["start"] in durations:
                continue  # "five years of records" counts years, not records
            rank = RECORD_RANK.index(noun) if noun in RECORD_RANK else len(RECORD_RANK)
            if "record" in q.get("mods", ""):
                rank = 0
            if best is None or rank < best[0]:
                best = (rank, q)
        if best is not None and best[0] <= RECORD_RANK.index("people"):
            break
    if best is None:
        return None, None
    q = best[1]
    dataset = f"{q['mods']} {q['noun']}".strip() if q["noun"] in ("scans", "images") else None
    return int(q["value"]), dataset


def clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None}
