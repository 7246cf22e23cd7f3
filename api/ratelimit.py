"""Per-client rate limiting: a token bucket per client address.

A client may make ``burst`` requests at once; the bucket refills at ``per_minute`` / 60
tokens a second. An empty bucket means 429 with ``Retry-After`` (whole seconds until a
token is back). Buckets live in this process's memory, which fits one server process
with many threads (waitress).
"""

from __future__ import annotations

import math
import threading
import time

MAX_CLIENTS = 10_000


class RateLimiter:
    def __init__(self, per_minute: int, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = max(1, burst)
        self.enabled = per_minute > 0
        self._buckets: dict[str, tuple[float, float]] = {}  # client: (tokens, when)
        self._lock = threading.Lock()

    def hit(self, client: str) -> float:
        """Take a token for ``client``: 0 if allowed, else seconds until one is free."""
        if not self.enabled:
            return 0.0
        now = time.monotonic()
        with self._lock:
            tokens, then = self._buckets.get(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - then) * self.rate)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                self._prune(now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def retry_after(self, wait: float) -> int:
        return max(1, math.ceil(wait))

    def _prune(self, now: float) -> None:
        """Forget clients whose bucket has refilled, once there are many."""
        if len(self._buckets) <= MAX_CLIENTS:
            return
        full = self.burst / self.rate
        for client, (_, then) in list(self._buckets.items()):
            if now - then >= full:
                del self._buckets[client]
