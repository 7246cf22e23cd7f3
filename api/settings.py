"""The query service's settings: declared once, with defaults and help text.

Each setting is read, in order of precedence, from the mapping given to
``create_app(config)``, from an ``NHSKG_<NAME>`` environment variable, and from its
default. ``docs/api.md`` documents every one (a test checks), as datasette does for its
``SETTINGS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nhskg.settings import default_store_path

ENV_PREFIX = "NHSKG_"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "store",
        None,
        "Folder of the on-disk store to serve (read-only). Default: $NHSKG_STORE, else the "
        "user's data folder, as for the other nhskg commands.",
    ),
    Setting(
        "query_time_limit",
        10.0,
        "Seconds a query may run. At the limit its worker process is stopped and replaced, "
        "and the client gets a 503 with an explanation.",
    ),
    Setting(
        "download_time_limit",
        60.0,
        "Seconds the whole-graph downloads (/api/export.*, /api/network.*) may take to "
        "compute; each is computed once and then served from memory.",
    ),
    Setting(
        "queue_time_limit",
        10.0,
        "Seconds a request waits for a free query worker before a 503 with Retry-After.",
    ),
    Setting(
        "query_memory_limit_mb",
        2048,
        "Most heap memory, in MB, a query worker may use (0: no cap; a worker needs about "
        "300 to start). A query that needs more stops its worker, which is replaced; the "
        "client gets a 503 saying why.",
    ),
    Setting(
        "query_workers",
        2,
        "Query worker processes. Each runs one query at a time; the web server has more "
        "threads than this, so pages keep being served while queries run.",
    ),
    Setting(
        "sparql_max_rows",
        10000,
        "Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) that /sparql returns; a longer "
        "result is cut there and says so.",
    ),
    Setting(
        "api_max_rows",
        10000,
        "Most rows a named question or an entity search returns in the JSON API.",
    ),
    Setting(
        "max_body_bytes",
        65536,
        "Largest request body accepted, and longest query text on a GET (413 beyond it).",
    ),
    Setting(
        "rate_limit_per_minute",
        120,
        "Requests a client may make per minute, on average (0 turns rate limiting off). "
        "Beyond it: 429 with Retry-After.",
    ),
    Setting(
        "rate_limit_burst",
        30,
        "Requests a client may make at once before the per-minute rate applies.",
    ),
    Setting(
        "allowed_service_endpoints",
        (),
        "SPARQL endpoints that queries may call with SERVICE (IRIs separated by spaces or "
        "commas). Empty, the default, refuses every SERVICE clause.",
    ),
    Setting(
        "trust_proxy_headers",
        False,
        "Take the client address from X-Forwarded-For (set this only behind a reverse proxy "
        "that sets it); used for rate limiting.",
    ),
    Setting(
        "cors_origins",
        "*",
        "Origins allowed to call the service from a browser (CORS), separated by spaces.",
    ),
)
BY_NAME = {s.name: s for s in SETTINGS}


class SettingsError(ValueError):
    """A setting that is unknown or whose value cannot be used; says which."""


def load_settings(
    config: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Every setting's value, from ``config``, then ``environ``, then the default."""
    config = dict(config or {})
    environ = environ or {}
    unknown = sorted(k for k in config if k not in BY_NAME and not k.isupper())
    if unknown:
        raise SettingsError(f"unknown setting {unknown[0]!r}; settings are: {', '.join(BY_NAME)}")
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        if setting.name in config:
            raw = config[setting.name]
        elif environ.get(setting.env, "") != "":
            raw = environ[setting.env]
        else:
            raw = setting.default
        values[setting.name] = convert(setting, raw)
    if values["store"] is None:
        values["store"] = default_store_path(dict(environ))
    return values


def convert(setting: Setting, raw: Any) -> Any:
    """Coerce ``raw`` (often an environment string) to the type of the setting's default."""
    default = setting.default
    try:
        if setting.name == "store":
            return None if raw is None else Path(raw)
        if isinstance(default, bool):
            return _boolean(raw)
        if isinstance(default, int):
            value: Any = int(raw)
        elif isinstance(default, float):
            value = float(raw)
        elif isinstance(default, tuple):
            items = raw.replace(",", " ").split() if isinstance(raw, str) else raw
            return tuple(str(item) for item in items)
        else:
            return str(raw)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"{setting.name} ({setting.env}): cannot use {raw!r}") from exc
    if value < 0:
        raise SettingsError(f"{setting.name} ({setting.env}) must not be negative")
    return value


def _boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(raw)
