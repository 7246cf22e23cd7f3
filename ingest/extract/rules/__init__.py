"""Relation rules: one module per relation type of the contract, each with ``find(unit)``.

``RULES`` lists them by finding the modules in this folder, so a new relation type is a
new file. Every rule reads a :class:`~ingest.extract.rules.units.Unit` (a sentence or a
list item with its lead-in) and returns :class:`~ingest.extract.rules.cues.Found`
relations with the contract's direction.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType

from ingest.extract.rules import deals, funders, members, products
from ingest.extract.rules.cues import Found
from ingest.extract.rules.units import Unit

HELPERS = {
    "backers",
    "cues",
    "customers",
    "units",
    "attributes",
    "deals",
    "deployments",
    "enumerations",
    "frames",
    "funders",
    "funding_checks",
    "members",
    "patterns",
    "post_orgs",
    "posts_by_verb",
    "takeovers",
    "products",
    "titles",
    "trials",
}


def _rule_modules() -> list[ModuleType]:
    names = sorted(info.name for info in pkgutil.iter_modules(__path__) if info.name not in HELPERS)
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


_MODULES = _rule_modules()
RULES: dict[str, Callable[[Unit], list[Found]]] = {
    module.RELATION: module.find for module in _MODULES
}
# Rules that need a look at the whole document first expose ``prepare(units)``; so do
# helpers that read the whole document for them (``products``).
PREPARE: list[Callable[[list[Unit]], None]] = [
    products.prepare,
    deals.prepare,
    funders.prepare,
    members.prepare,
    *(module.prepare for module in _MODULES if hasattr(module, "prepare")),
]
