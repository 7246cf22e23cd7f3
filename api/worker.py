"""A query worker: a process that opens the store read-only and runs jobs one at a time.

The store library cannot cancel a query, so the web process stops a query that runs past
its time limit by killing the whole worker (``api.runner``). Nothing here writes, so a
worker can be killed at any moment without harm. Started as
``python -m api.worker STORE FD``: FD is the worker's end of a socket pair.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import sys
import traceback
from multiprocessing.connection import Connection

from api.jobs import JOBS
from graph.questions import QuestionError
from graph.store import QueryError, StoreError, open_store

PR_SET_PDEATHSIG = 1


def main(
    conn: Connection, store_path: str, parent: int | None = None, memory_limit_mb: int = 0
) -> None:
    """Report ``ready`` (or ``fatal``), then answer ``(job, kwargs)`` messages until EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    die_with_parent()
    limit_memory(memory_limit_mb)
    if parent is not None and os.getppid() != parent:
        return  # the server died before we could ask to die with it
    try:
        store = open_store(store_path, read_only=True)
    except (StoreError, OSError) as exc:
        conn.send(("fatal", str(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            job, kwargs = conn.recv()
        except (EOFError, OSError):
            return  # the web process has gone
        conn.send(run_job(store, job, kwargs))


def limit_memory(megabytes: int) -> None:
    """Cap this worker's heap, so one query that sorts or joins a huge result kills only
    its own worker (which is replaced) and never the machine. RLIMIT_DATA counts the heap
    and anonymous mappings, not the store's memory-mapped files."""
    if megabytes <= 0 or not hasattr(resource, "RLIMIT_DATA"):
        return
    limit = megabytes * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):  # a lower hard limit already applies
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def die_with_parent() -> None:
    """On Linux, be killed when the thread that started us ends (or its process dies, even
    by SIGKILL), so a query never outlives the server. Elsewhere the worker exits when it
    next reads from its closed socket."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def run_job(store: object, job: str, kwargs: dict) -> tuple[str, object]:
    """``("ok", result)``, or ``(error kind, message)`` for the web process to report."""
    try:
        return "ok", JOBS[job](store, **kwargs)
    except QueryError as exc:
        return "query", str(exc)
    except QuestionError as exc:
        return "question", str(exc)
    except Exception as exc:  # a bug: report it rather than die, and log where it was
        traceback.print_exc(file=sys.stderr)
        return "internal", f"{type(exc).__name__}: {exc}"


if __name__ == "__main__":
    main(Connection(int(sys.argv[2])), sys.argv[1], int(sys.argv[3]), int(sys.argv[4]))
