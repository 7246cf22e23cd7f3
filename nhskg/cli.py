"""The ``nhskg`` command line (public interface: ``shared/contracts/cli.md``).

Commands live one module each in ``nhskg/commands/``; each module exposes ``COMMANDS``, a
list of click commands, and is found by listing the folder, so a new command is a new file.
Every command turns expected failures into a one-line ``error: …`` and a non-zero exit.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from nhskg import __version__, commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nhskg")
def cli() -> None:
    """nhskg: the NHS partnerships knowledge graph."""


def _register() -> None:
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        for command in getattr(module, "COMMANDS", []):
            cli.add_command(command)


_register()


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("error: interrupted", err=True)
        sys.exit(130)
