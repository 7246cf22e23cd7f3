"""Options and error handling shared by the CLI commands."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from nhskg.settings import STORE_ENV, default_store_path


class Failure(click.ClickException):
    """An expected failure: printed as one ``error: …`` line, exit code 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def store_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--store",
        "store_path",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        help=f"Store folder (default: ${STORE_ENV}, else {default_store_path({})}).",
    )(func)


def resolve_store_path(store_path: Path | None) -> Path:
    return store_path if store_path is not None else default_store_path()


def fails_cleanly(*errors: type[Exception]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Turn the named exception types into a one-line error and exit code 1."""

    def wrap(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def inner(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except errors as exc:
                raise Failure(str(exc)) from exc

        return inner

    return wrap
