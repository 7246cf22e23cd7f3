"""``serve``: the web app and the SPARQL endpoint under waitress (a production WSGI server).

The Flask development server runs only with ``--debug``. Settings other than the options
below come from ``NHSKG_*`` environment variables (see docs/api.md).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import click

from nhskg.commands._common import Failure, resolve_store_path, store_option


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=5000, show_default=True, type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port; the address is printed).",
)  # fmt: skip
@store_option
@click.option(
    "--workers", type=click.IntRange(1, 64), default=None,
    help="Query worker processes (default: $NHSKG_QUERY_WORKERS, else 2).",
)  # fmt: skip
@click.option(
    "--debug",
    is_flag=True,
    help="Run the Flask development server (with its debugger) instead of waitress.",
)
def serve(host: str, port: int, store_path: Path | None, workers: int | None, debug: bool) -> None:
    """Serve the web app, the JSON API and the SPARQL endpoint at /sparql (docs/api.md)."""
    from api import create_app
    from api.settings import SettingsError
    from api.web import RUNNER_KEY
    from graph.store import StoreError

    config: dict[str, object] = {"store": resolve_store_path(store_path)}
    if workers is not None:
        config["query_workers"] = workers
    try:
        app = create_app(config)
    except (StoreError, SettingsError, RuntimeError) as exc:
        raise Failure(str(exc)) from exc
    threads = max(8, 2 * app.config["NHSKG"]["query_workers"] + 4)
    if debug:
        click.echo(f"nhskg: Flask development server (debug) on http://{host}:{port}/", err=True)
        app.run(host=host, port=port, debug=True, use_reloader=False, threaded=True)
        return
    from waitress import create_server

    server = create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="nhskg",
        max_request_body_size=app.config["NHSKG"]["max_body_bytes"],
    )
    actual = server.effective_port  # type: ignore[union-attr]
    click.echo(
        f"nhskg: serving http://{host}:{actual}/ (store {config['store']}, "
        f"{app.config['NHSKG']['query_workers']} query workers, {threads} threads, "
        f"pid {os.getpid()})",
        err=True,
    )
    sys.stderr.flush()
    runner = app.extensions[RUNNER_KEY]

    def stop(signum: int, frame: object) -> None:
        # Workers first: requests waiting on a query get their answer (an error) at once
        # instead of holding up waitress's shutdown.
        runner.close()
        raise KeyboardInterrupt

    # SIGTERM (a process manager, `kill`) stops the server the way Ctrl-C does.
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        server.run()  # returns once waitress has handled the KeyboardInterrupt
    finally:
        runner.close()
        server.close()
        click.echo("nhskg: stopped", err=True)


COMMANDS = [serve]
