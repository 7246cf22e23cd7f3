"""Run store jobs in worker processes that can be stopped at a deadline.

pyoxigraph cannot cancel a running query, so every query runs in a worker process
(``api.worker``) that holds the store open read-only. A request takes an idle worker,
sends the job and waits at most the time limit. If no answer has come by then, the
worker is killed (nothing it does writes, so that is safe) and a fresh one is started in
the background; the client gets a clean error, never a half-written body, and the other
workers keep answering meanwhile.

Workers are started as ``python -m api.worker`` (not with multiprocessing), so they
never re-import the program that created the app and behave the same under waitress,
``flask run`` or a notebook. A replacement is ready in about half a second. Messages go
over a socket pair, pickled by ``multiprocessing.connection``.
"""

from __future__ import annotations

import logging
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

log = logging.getLogger("nhskg.api")
READY_TIMEOUT = 60.0


class RunnerError(RuntimeError):
    """A job could not be run or finished; ``status`` is the HTTP status it maps to."""

    status = 500
    title = "Query failed"


class QueryTimeout(RunnerError):
    status = 503
    title = "Query stopped at the time limit"

    def __init__(self, limit: float) -> None:
        super().__init__(
            f"the query ran for {limit:g} s, this service's limit, and was stopped; narrow "
            "it (a LIMIT, fewer unbound patterns) or run it on your own copy of the graph"
        )
        self.limit = limit


class WorkerDied(RunnerError):
    """The worker died mid-query: out of memory under its cap, or a crash in the engine."""

    status = 503
    title = "Query stopped"


class Busy(RunnerError):
    status = 503
    title = "All query workers are busy"


class Stopping(RunnerError):
    status = 503
    title = "The service is stopping"


class JobFailed(RunnerError):
    """The job ran and reported an error of ``kind`` (query, question, internal)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = 400 if kind in ("query", "question") else 500


@dataclass(eq=False)
class Worker:
    process: subprocess.Popen
    conn: Connection
    jobs: int = 0


def launch(store_path: Path, memory_limit_mb: int = 0) -> Worker:
    """Start one worker process connected to us by a socket pair."""
    ours, theirs = socket.socketpair()
    fd = theirs.fileno()
    try:
        process = subprocess.Popen(
            [
                sys.executable,
                "-P",  # not the current folder first: its own `api/` would shadow ours
                "-m",
                "api.worker",
                str(store_path),
                str(fd),
                str(os.getpid()),
                str(memory_limit_mb),
            ],
            pass_fds=[fd],
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
        )
    finally:
        theirs.close()
    return Worker(process, Connection(ours.detach()))


class QueryRunner:
    """A pool of ``workers`` processes serving the store at ``store_path``."""

    def __init__(
        self,
        store_path: Path,
        workers: int,
        time_limit: float,
        queue_limit: float,
        memory_limit_mb: int = 0,
    ) -> None:
        self.store_path = Path(store_path)
        self.memory_limit_mb = memory_limit_mb
        self.size = max(1, workers)
        self.time_limit = time_limit
        self.queue_limit = queue_limit
        self.killed = 0
        self.fatal: str | None = None
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        # Workers are started from one long-lived thread: on Linux a worker is killed when
        # the thread that started it ends (see api.worker.die_with_parent).
        self._launches: queue.Queue[Future[Worker] | None] = queue.Queue()
        self._launcher = threading.Thread(
            target=self._launch_loop, name="nhskg-worker-launcher", daemon=True
        )
        self._launcher.start()

    # -- lifecycle ----------------------------------------------------------------

    def start(self, wait: bool = True) -> QueryRunner:
        """Start the workers; with ``wait``, until they are ready (or one says why not)."""
        starters = [self._start_worker() for _ in range(self.size)]
        if wait:
            for thread in starters:
                thread.join(READY_TIMEOUT)
            if self.fatal:
                raise RunnerError(f"query workers cannot start: {self.fatal}")
        return self

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            self._stop(worker)
        self._launches.put(None)

    def _launch_loop(self) -> None:
        while (future := self._launches.get()) is not None:
            try:
                future.set_result(launch(self.store_path, self.memory_limit_mb))
            except Exception as exc:
                future.set_exception(exc)

    def _start_worker(self) -> threading.Thread:
        thread = threading.Thread(target=self._spawn, name="nhskg-worker-start", daemon=True)
        thread.start()
        return thread

    def _spawn(self) -> None:
        with self._lock:
            if self._closed:
                return
            future: Future[Worker] = Future()
            self._launches.put(future)
            try:
                worker = future.result(READY_TIMEOUT)
            except Exception as exc:  # no such Python, too many processes...
                self.fatal = f"cannot start a query worker: {exc}"
                log.error(self.fatal)
                return
            self._all.add(worker)
        parent = worker.conn
        if not parent.poll(READY_TIMEOUT):
            self._fail(worker, "a query worker did not start in time")
            return
        try:
            status, message = parent.recv()
        except (EOFError, OSError):
            status, message = "fatal", "a query worker exited while starting"
        if status != "ready":
            self._fail(worker, str(message))
            return
        self._idle.put(worker)

    def _fail(self, worker: Worker, message: str) -> None:
        if self.memory_limit_mb:
            message += (
                f" (query_memory_limit_mb is {self.memory_limit_mb}: a worker needs about "
                "300 MB to start)"
            )
        log.error("query worker failed to start: %s", message)
        self.fatal = message
        self._discard(worker)

    def _discard(self, worker: Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        self._stop(worker)

    @staticmethod
    def _stop(worker: Worker) -> None:
        if worker.process.poll() is None:
            worker.process.kill()
        try:
            worker.process.wait(5)
        except subprocess.TimeoutExpired:
            log.error("query worker %s did not stop", worker.process.pid)
        worker.conn.close()

    def _replace(self, worker: Worker) -> None:
        self._discard(worker)
        self._start_worker()

    # -- running jobs -------------------------------------------------------------

    def run(self, job: str, time_limit: float | None = None, **kwargs: Any) -> Any:
        """Run ``job`` in a worker and return its result, or raise a :class:`RunnerError`."""
        limit = self.time_limit if time_limit is None else time_limit
        if self._closed:
            raise Stopping("the service is stopping; try again in a moment")
        worker = self._take_worker()
        started = time.monotonic()
        try:
            worker.conn.send((job, kwargs))
            if not worker.conn.poll(limit):
                self.killed += 1
                self._replace(worker)
                raise QueryTimeout(limit)
            status, result = worker.conn.recv()
        except (EOFError, OSError) as exc:
            if self._closed:
                raise Stopping("the service is stopping; try again in a moment") from exc
            self._replace(worker)
            memory = (
                f"more than the {self.memory_limit_mb} MB a query may use, or "
                if self.memory_limit_mb
                else ""
            )
            raise WorkerDied(
                f"the query's worker process stopped while running it: the query needed "
                f"{memory}hit a fault in the query engine. It was replaced; narrow the query "
                "(a LIMIT, fewer unbound patterns, no ORDER BY over huge results) or run it "
                "on your own copy of the graph"
            ) from exc
        worker.jobs += 1
        self._idle.put(worker)
        log.debug("%s finished in %.3f s", job, time.monotonic() - started)
        if status != "ok":
            raise JobFailed(status, str(result))
        return result

    def _take_worker(self) -> Worker:
        """An idle, live worker; one that died while idle (say, the OOM killer) is replaced."""
        deadline = time.monotonic() + self.queue_limit
        while True:
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                detail = f" ({self.fatal})" if self.fatal else ""
                raise Busy(
                    f"no query worker came free within {self.queue_limit:g} s{detail}; "
                    "try again shortly"
                ) from None
            if worker.process.poll() is None:
                return worker
            self._replace(worker)

    def status(self) -> dict[str, Any]:
        return {
            "workers": self.size,
            "idle": self._idle.qsize(),
            "stopped_at_time_limit": self.killed,
            "time_limit_seconds": self.time_limit,
        }
