"""Attributes of a relation the scorer adds, read the way the rules read them.

A pair the rules did not find has no attributes yet: its amount, percentage, number of
records or dates come from its statement (and, for a deal's value, from the statement
that goes on about it, "The contract, worth £2m, …"), as in the rule of its type.
"""

from __future__ import annotations

from typing import Any

from ingest.extract.rules import attributes as attr
from ingest.extract.rules.units import Unit


def attributes(relation: str, unit: Unit) -> dict[str, Any]:
    if relation == "contract":
        start, end = attr.period(unit)
        return attr.clean({"value_gbp": _money(unit), "start": start, "end": end})
    if relation == "investment":
        return attr.clean({"amount_gbp": _money(unit)})
    if relation == "equity_stake":
        return attr.clean(
            {
                "amount_gbp": _money(unit),
                "percent": attr.first_value(unit, "percent"),
                "shares": attr.first_value(unit, "shares"),
            }
        )
    if relation == "royalty":
        return attr.clean({"percent": attr.first_value(unit, "percent")})
    if relation == "data_sharing":
        records, dataset = attr.records(unit)
        return attr.clean({"records": records, "dataset": dataset})
    if relation == "partnership":
        return attr.clean({"agreement": attr.agreement(unit), "start": attr.date(unit)})
    return {}


def _money(unit: Unit) -> int | float | None:
    q = attr.money(unit, follow=True)
    return q["value"] if q else None
