"""The one door to the network: every HTTP request nhskg makes goes through :class:`Fetcher`.

Why one module: politeness is only real if nothing can go round it. The fetcher says who
it is (project, version, contact URL); obeys robots.txt (RFC 9309, parsed by protego,
fetched once per host per run); waits between two requests to a host (our delay or the
site's ``Crawl-delay``, whichever is longer); retries connection errors, 429 and 5xx with
exponential backoff, honouring ``Retry-After``; revalidates what it fetched before with
``ETag``/``Last-Modified`` through requests-cache, so an unchanged page costs a 304 and no
body; checks the content type before reading a body and stops reading at a size cap; and
refuses hosts that resolve to loopback, private, link-local (cloud metadata) or other
non-public addresses, on every redirect hop too, unless told to allow them.

Raw bodies are archived unedited (``raw/`` in the cache folder) with a note of when they
were fetched, so a parse can be redone offline and a crawl knows what it saw last time.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import requests_cache
from protego import Protego
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from nhskg import __version__

log = logging.getLogger("nhskg.crawl")

PROJECT_URL = "https://github.com/nhskg/nhskg"
ROBOTS_TOKEN = "nhskg"

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
JSON_TYPES = ("application/json",)
SPREADSHEET_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/octet-stream",
    "text/csv",
)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRYABLE_ERRORS = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
)
ROBOTS_MAX_BYTES = 512 * 1024
CHUNK = 64 * 1024


def default_user_agent() -> str:
    return f"nhskg/{__version__} (+{PROJECT_URL})"


class FetchError(Exception):
    """A URL that could not be fetched; ``reason`` says why in words a user can act on."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class RobotsDisallowed(FetchError):
    """robots.txt asks us not to fetch this URL, so we never request it."""


class AddressRefused(FetchError):
    """The host resolves to a non-public address and private addresses are not allowed."""


class UnwantedContent(FetchError):
    """The server answered, but with a body we do not read (wrong type, too large)."""


class BodyTooLarge(UnwantedContent):
    """The body is over the size cap; we stopped reading it."""


@dataclass(frozen=True)
class FetchSettings:
    """Everything that decides how hard and where we may fetch; documented in docs/crawling.md."""

    user_agent: str = field(default_factory=default_user_agent)
    delay: float = 1.0
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 300.0
    max_crawl_delay: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    allow_private_addresses: bool = False
    trusted_hosts: frozenset[str] = frozenset()
    cache_dir: Path | None = None


@dataclass
class Fetched:
    """A body as the server sent it, with the URL it finally came from."""

    url: str
    requested_url: str
    headers: Mapping[str, str]
    body: bytes
    from_cache: bool = False

    @property
    def content_type(self) -> str:
        return media_type(self.headers.get("Content-Type"))

    @property
    def charset(self) -> str | None:
        return header_charset(self.headers.get("Content-Type"))


def media_type(header: str | None) -> str:
    return (header or "").split(";", 1)[0].strip().lower()


def header_charset(header: str | None) -> str | None:
    for part in (header or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def without_fragment(url: str) -> str:
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


class Fetcher:
    """Polite HTTP GET for one crawl run; keep one per run so per-host state is shared."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or FetchSettings()
        self._session = _make_session(self.settings)
        self._robots: dict[str, Protego] = {}
        self._last_request: dict[str, float] = {}
        self._warned: set[str] = set()
        self._sleep = sleep
        self._clock = clock
        self.requests_sent = 0
        cache_dir = self.settings.cache_dir
        self.archive = Archive(cache_dir / "raw") if cache_dir is not None else None

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public ------------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        accept: tuple[str, ...] | None = HTML_TYPES,
        max_bytes: int | None = None,
    ) -> Fetched:
        """GET ``url`` politely; :class:`FetchError` (or a subclass) says why it failed."""
        requested = without_fragment(url)
        try:
            final, response = self._follow(requested, accept, max_bytes, check_robots=True)
        except UnwantedContent as exc:
            if self.archive is not None:
                self.archive.note_unwanted(requested, exc.reason)
            raise
        if response.status_code != 200:
            response.close()
            raise FetchError(final, f"HTTP {response.status_code}")
        fetched = Fetched(
            url=final,
            requested_url=requested,
            headers=CaseInsensitiveDict(response.headers),
            body=response.content,
            from_cache=bool(getattr(response, "from_cache", False)),
        )
        if self.archive is not None:
            self.archive.save(fetched)
        return fetched

    def allowed(self, url: str) -> bool:
        """Does robots.txt let us fetch ``url``? (Fetches robots.txt once per host.)"""
        return self._rules(host_key(url)).can_fetch(url, ROBOTS_TOKEN)

    def last_fetched(self, url: str) -> datetime | None:
        return self.archive.last_fetched(without_fragment(url)) if self.archive else None

    def unwanted(self, url: str) -> str | None:
        """Why the last fetch of ``url`` was refused for its type or size, if it was."""
        return self.archive.unwanted(without_fragment(url)) if self.archive else None

    # -- redirects, robots, addresses ------------------------------------------------

    def _follow(
        self, url: str, accept: tuple[str, ...] | None, max_bytes: int | None, check_robots: bool
    ) -> tuple[str, requests.Response]:
        """Follow redirects by hand, so every hop is checked like the first."""
        seen = [url]
        current = url
        for _ in range(self.settings.max_redirects + 1):
            _check_scheme(current)
            self._check_address(current)
            if check_robots and not self.allowed(current):
                raise RobotsDisallowed(current, "robots.txt disallows it; not requested")
            response = self._send(current, accept, max_bytes)
            if response.status_code not in REDIRECT_STATUSES:
                return current, response
            location = response.headers.get("Location")
            response.close()
            if not location:
                raise FetchError(current, f"HTTP {response.status_code} without a Location")
            target = without_fragment(urljoin(current, location))
            if target in seen:
                raise FetchError(url, "redirect loop: " + " -> ".join([*seen, target]))
            seen.append(target)
            current = target
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _check_address(self, url: str) -> None:
        if self.settings.allow_private_addresses:
            return
        parts = urlsplit(url)
        host = parts.hostname or ""
        if host in self.settings.trusted_hosts or parts.netloc in self.settings.trusted_hosts:
            return
        try:
            infos = socket.getaddrinfo(host, parts.port or 0, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError(url, f"cannot resolve host {host!r}: {exc}") from exc
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            kind = non_public_kind(address)
            if kind:
                raise AddressRefused(
                    url,
                    f"{host} resolves to {address}, a {kind} address; refused "
                    "(pass --allow-private-addresses to allow it)",
                )

    def _rules(self, host: str) -> Protego:
        if host not in self._robots:
            self._robots[host] = self._fetch_robots(host)
        return self._robots[host]

    def _fetch_robots(self, host: str) -> Protego:
        """RFC 9309: 4xx means no rules; unreachable (5xx, network) means stay out entirely."""
        url = host + "/robots.txt"
        try:
            _, response = self._follow(url, None, ROBOTS_MAX_BYTES, check_robots=False)
        except AddressRefused:
            raise
        except FetchError as exc:
            log.warning("%s unreachable (%s): not crawling %s", url, exc.reason, host)
            return Protego.parse("User-agent: *\nDisallow: /\n")
        status = response.status_code
        if status == 200:
            return Protego.parse(response.content.decode("utf-8", errors="replace"))
        response.close()
        if 400 <= status < 500:
            return Protego.parse("")
        log.warning("%s answered HTTP %s: not crawling %s", url, status, host)
        return Protego.parse("User-agent: *\nDisallow: /\n")

    # -- one request, with politeness and retries ---------------------------------------

    def _delay_for(self, host: str) -> float:
        delay = self.settings.delay
        rules = self._robots.get(host)
        crawl_delay = rules.crawl_delay(ROBOTS_TOKEN) if rules is not None else None
        if crawl_delay:
            if crawl_delay > self.settings.max_crawl_delay and host not in self._warned:
                self._warned.add(host)
                log.warning(
                    "%s asks for a %.0f s Crawl-delay; waiting %.0f s (max_crawl_delay)",
                    host,
                    crawl_delay,
                    self.settings.max_crawl_delay,
                )
            delay = max(delay, min(float(crawl_delay), self.settings.max_crawl_delay))
        return delay

    def _wait_turn(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is None:
            return
        wait = last + self._delay_for(host) - self._clock()
        if wait > 0:
            self._sleep(wait)

    def _send(
        self, url: str, accept: tuple[str, ...] | None, max_bytes: int | None
    ) -> requests.Response:
        host = host_key(url)
        limit = max_bytes if max_bytes is not None else self.settings.max_bytes
        attempt = 0
        while True:
            self._wait_turn(host)
            try:
                response = self._session.get(
                    url,
                    stream=True,
                    allow_redirects=False,
                    timeout=self.settings.timeout,
                    headers={"Accept": ", ".join(accept) if accept else "*/*"},
                    hooks={"response": [_body_hook(url, accept, limit)]},
                )
            except RETRYABLE_ERRORS as exc:
                if attempt >= self.settings.retries:
                    raise FetchError(url, f"connection failed: {_short(exc)}") from exc
                wait = self.settings.backoff * 2**attempt
            except requests.RequestException as exc:
                raise FetchError(url, f"request failed: {_short(exc)}") from exc
            else:
                if response.status_code not in RETRY_STATUSES:
                    return response
                wait = self._retry_wait(url, response, attempt)
            finally:
                self._last_request[host] = self._clock()
                self.requests_sent += 1
            log.info("retrying %s in %.1f s", url, wait)
            self._sleep(wait)
            attempt += 1

    def _retry_wait(self, url: str, response: requests.Response, attempt: int) -> float:
        status = response.status_code
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        response.close()
        if attempt >= self.settings.retries:
            raise FetchError(url, f"HTTP {status} after {attempt + 1} attempts")
        if retry_after is not None and retry_after > self.settings.max_retry_after:
            raise FetchError(
                url,
                f"HTTP {status} asking us to wait {retry_after:.0f} s (Retry-After), "
                f"longer than max_retry_after ({self.settings.max_retry_after:.0f} s)",
            )
        return retry_after if retry_after is not None else self.settings.backoff * 2**attempt


def _make_session(settings: FetchSettings) -> requests_cache.CachedSession:
    """A requests-cache session that stores 200s and revalidates them on every use.

    ``expire_after=0`` keeps a response that carries ETag or Last-Modified and sends a
    conditional request next time; responses without validators are not kept.
    """
    if settings.cache_dir is not None:
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        cache_name: str = str(settings.cache_dir / "http-cache")
        backend = "sqlite"
    else:
        cache_name, backend = "nhskg", "memory"
    session = requests_cache.CachedSession(
        cache_name,
        backend=backend,
        expire_after=0,
        allowable_codes=(200,),
        allowable_methods=("GET",),
        cache_control=False,
    )
    session.headers["User-Agent"] = settings.user_agent
    if not settings.allow_private_addresses:
        adapter = PublicPeerAdapter(settings.trusted_hosts, max_retries=0)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
    return session


class PublicPeerAdapter(HTTPAdapter):
    """Checks the address each socket actually connected to, not only the one looked up.

    ``Fetcher._check_address`` resolves a host before the request, with a message a user
    can act on; but the connection resolves it again, and a hostile DNS server can answer
    a public address the first time and 127.0.0.1 or 169.254.169.254 the second (DNS
    rebinding). Checking the connected peer closes that gap: no bytes of the request are
    sent to a non-public address. Proxied requests are not checked (the proxy connects).
    """

    def __init__(self, trusted_hosts: frozenset[str], **kwargs: Any) -> None:
        self._pools = _public_peer_pools(trusted_hosts)
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pools


def _public_peer_pools(trusted_hosts: frozenset[str]) -> dict[str, type]:
    def check(connection: HTTPConnection, sock: socket.socket) -> None:
        if connection.host in trusted_hosts:
            return
        peer = ipaddress.ip_address(str(sock.getpeername()[0]).split("%", 1)[0])
        kind = non_public_kind(peer)
        if kind:
            sock.close()
            url = f"//{connection.host}:{connection.port}"
            raise AddressRefused(
                url,
                f"{connection.host} connected to {peer}, a {kind} address, though it "
                "resolved to a public one when checked (DNS rebinding?); refused",
            )

    class PublicHTTPConnection(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            sock = super()._new_conn()
            check(self, sock)
            return sock

    class PublicHTTPSConnection(HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            sock = super()._new_conn()
            check(self, sock)
            return sock

    class PublicHTTPPool(HTTPConnectionPool):
        ConnectionCls = PublicHTTPConnection

    class PublicHTTPSPool(HTTPSConnectionPool):
        ConnectionCls = PublicHTTPSConnection

    return {"http": PublicHTTPPool, "https": PublicHTTPSPool}


def _check_scheme(url: str) -> None:
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise FetchError(url, "only http and https URLs with a host can be fetched")


def non_public_kind(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is off limits (``None`` when it is a public address)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local (cloud metadata)"
    if address.is_private:
        return "private"
    if address.is_multicast or address.is_unspecified or address.is_reserved:
        return "reserved"
    if not address.is_global:
        return "non-public"
    return None


def parse_retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _body_hook(url: str, accept: tuple[str, ...] | None, max_bytes: int) -> Callable[..., Any]:
    """Check type and size before the body is read, then read it with a cap.

    A response hook runs inside requests-cache before it stores the body, so the cap holds
    for what gets cached too. The hook may run twice on one response (requests-cache
    dispatches hooks again); the second time the body is already there.
    """
    read = False

    def hook(response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        nonlocal read
        if response.status_code != 200:
            return response
        kind = media_type(response.headers.get("Content-Type"))
        if accept is not None and kind not in accept:
            response.close()
            raise UnwantedContent(url, f"content type {kind or 'missing'} is not wanted here")
        if read or getattr(response, "from_cache", False):
            if len(response.content) > max_bytes:
                raise BodyTooLarge(url, f"body larger than the {max_bytes}-byte limit")
            return response
        response._content = _read_capped(url, response, max_bytes)
        read = True
        return response

    return hook


def _read_capped(url: str, response: requests.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        response.close()
        raise BodyTooLarge(url, f"body of {int(declared)} bytes is over the {max_bytes}-byte limit")
    chunks, size = [], 0
    for chunk in response.iter_content(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            response.close()
            raise BodyTooLarge(url, f"body larger than the {max_bytes}-byte limit; stopped reading")
        chunks.append(chunk)
    return b"".join(chunks)


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:199] + "…"


class Archive:
    """Raw bodies, unedited, one file per URL, with a JSON note of when and whence."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _paths(self, url: str) -> tuple[Path, Path]:
        parts = urlsplit(url)
        folder = self.root / (parts.netloc.replace(":", "_") or "local")
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]
        return folder / f"{key}.body", folder / f"{key}.json"

    def save(self, fetched: Fetched) -> None:
        body_path, meta_path = self._paths(fetched.requested_url)
        body_path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(fetched.body).hexdigest()
        if not body_path.exists() or _meta(meta_path).get("sha256") != digest:
            body_path.write_bytes(fetched.body)
        note = {
            "url": fetched.requested_url,
            "final_url": fetched.url,
            "content_type": fetched.headers.get("Content-Type"),
            "etag": fetched.headers.get("ETag"),
            "last_modified": fetched.headers.get("Last-Modified"),
            "sha256": digest,
            "fetched_at": _now(),
        }
        meta_path.write_text(json.dumps(note, indent=1), encoding="utf-8")

    def note_unwanted(self, url: str, reason: str) -> None:
        """Remember a refused body (a PDF, a huge page) so the next run need not ask again."""
        _, meta_path = self._paths(url)
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        note = {"url": url, "unwanted": reason, "fetched_at": _now()}
        meta_path.write_text(json.dumps(note, indent=1), encoding="utf-8")

    def unwanted(self, url: str) -> str | None:
        reason = _meta(self._paths(url)[1]).get("unwanted")
        return str(reason) if reason else None

    def body(self, url: str) -> bytes | None:
        body_path, _ = self._paths(url)
        return body_path.read_bytes() if body_path.exists() else None

    def last_fetched(self, url: str) -> datetime | None:
        stamp = _meta(self._paths(url)[1]).get("fetched_at")
        try:
            return datetime.fromisoformat(stamp) if stamp else None
        except ValueError:
            return None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _meta(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
