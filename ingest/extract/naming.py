"""Versioned component names.

Our components are named ``nhskg.<what>.v<n>`` (the name a record's ``extractor`` field
and the docs use). spaCy does not allow dots in pipe factory names, so each component is
added to the pipeline as ``nhskg_<what>_v<n>`` and its factory is also registered under
the dotted name in ``spacy.registry.misc`` (``@misc = "nhskg.relations.v1"`` in a config
resolves to it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.util import registry


def factory_name(name: str) -> str:
    return name.replace(".", "_")


def register_versioned(name: str, factory: Callable[..., Any]) -> None:
    if name not in registry.misc:
        registry.misc.register(name, func=lambda: factory)
