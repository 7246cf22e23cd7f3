"""Where nhskg keeps its store, and the one place that reads the environment for it."""

from __future__ import annotations

import os
from pathlib import Path

STORE_ENV = "NHSKG_STORE"
ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


def default_store_path(environ: dict[str, str] | None = None) -> Path:
    """``$NHSKG_STORE``, else ``$XDG_DATA_HOME/nhskg/store`` (``~/.local/share/nhskg/store``)."""
    env = os.environ if environ is None else environ
    if env.get(STORE_ENV):
        return Path(env[STORE_ENV])
    base = Path(env.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "nhskg" / "store"
