"""Render SELECT results for people (table) and machines (csv, json)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from typing import Any

from rdflib import Literal
from rdflib.term import Node

from graph.store import SelectResult


def plain(term: Node | None) -> Any:
    """A JSON-friendly value: numbers stay numbers, everything else is its string."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float):
            return value
        if hasattr(value, "is_finite"):  # Decimal
            return int(value) if value == value.to_integral_value() else float(value)
        return str(term)
    return str(term)


def to_json(result: SelectResult, **extra: Any) -> str:
    rows = [{v: plain(row.get(v)) for v in result.variables} for row in result.rows]
    body = {"columns": result.variables, "rows": rows, "truncated": result.truncated, **extra}
    return json.dumps(body, ensure_ascii=False, indent=2)


def to_csv(result: SelectResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(
            ["" if (v := plain(row.get(var))) is None else v for var in result.variables]
        )
    return out.getvalue()


def to_table(result: SelectResult) -> str:
    """A fixed-width table cut to the terminal's width; IRIs shortened to their last part."""
    if not result.rows:
        return "(no rows)"
    width = shutil.get_terminal_size((160, 20)).columns
    cells = [[_short(row.get(v)) for v in result.variables] for row in result.rows]
    widths = [
        min(max(len(h), *(len(c[i]) for c in cells)), 48) for i, h in enumerate(result.variables)
    ]
    lines = [_line(result.variables, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(c, widths) for c in cells]
    if result.truncated:
        lines.append(f"(truncated at {len(result.rows)} rows)")
    return "\n".join(line[:width] for line in lines)


def _short(term: Node | None) -> str:
    value = plain(term)
    if value is None:
        return ""
    text = str(value)
    if text.startswith("https://w3id.org/nhskg/id/"):
        return text.removeprefix("https://w3id.org/nhskg/id/")
    return text


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(
        (c if len(c) <= w else c[: w - 1] + "…").ljust(w)
        for c, w in zip(cells, widths, strict=True)
    ).rstrip()


def render(result: SelectResult, fmt: str) -> str:
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        return to_csv(result)
    return to_table(result)
