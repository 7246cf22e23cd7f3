"""``load``, ``ask``, ``query``, ``export`` and ``validate``: the store-side commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.load import ensure_reference, load_record
from graph.network import NETWORK_FORMATS, network
from graph.questions import QuestionError, all_questions, answer
from graph.store import RDF_FORMATS, GraphStore, QueryError, SelectResult, StoreError, open_store
from graph.validate import validate_store
from ingest.record import RecordError, read_records
from nhskg.commands._common import Failure, fails_cleanly, resolve_store_path, store_option
from nhskg.output import render

EXPORT_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "graphml", "gexf", "csv")


def open_existing(store_path: Path | None) -> GraphStore:
    """Open a store that must already exist: reading commands never create one."""
    path = resolve_store_path(store_path)
    if not path.exists():
        raise Failure(f"no store at {path}: run `nhskg build` or `nhskg load` first")
    return open_store(path, read_only=True)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@fails_cleanly(StoreError, RecordError, OSError)
def load(files: tuple[Path, ...], store_path: Path | None) -> None:
    """Load extraction records (JSON Lines, as `extract` prints them) into the store.

    Every file is read and checked before anything is written, so a malformed record
    leaves the store as it was. Loading the same records twice adds nothing.
    """
    records = []
    for path in files:
        if not path.is_file():
            raise Failure(f"{path}: no such file")
        records.extend(record for _, record in read_records(path))
    store = open_store(resolve_store_path(store_path))
    ensure_reference(store)
    counts = {"new": 0, "replaced": 0, "unchanged": 0}
    for record in records:
        counts[load_record(store, record)] += 1
    store.flush()
    click.echo(
        f"loaded {len(records)} records: {counts['new']} new, {counts['replaced']} replaced, "
        f"{counts['unchanged']} unchanged; {len(store)} triples in the store",
        err=True,
    )


@click.command()
@click.argument("question", required=False)
@click.option(
    "--param", "params", multiple=True, metavar="NAME=VALUE", help="A question parameter."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@store_option
@fails_cleanly(QuestionError, QueryError, StoreError)
def ask(question: str | None, params: tuple[str, ...], fmt: str, store_path: Path | None) -> None:
    """Answer a named question; with no QUESTION, list them."""
    if question is None:
        _list_questions(fmt)
        return
    values = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise Failure(f"--param takes NAME=VALUE, not {item!r}")
        values[name.strip()] = value
    store = open_existing(store_path)
    result = answer(store, question, values)
    for notice in result.notices:
        click.echo(f"note: {notice}", err=True)
    click.echo(render(result, fmt))


def _list_questions(fmt: str) -> None:
    questions = all_questions()
    if fmt == "json":
        import json

        click.echo(json.dumps([q.to_dict() for q in questions.values()], indent=2))
        return
    for q in questions.values():
        params = ", ".join(f"{p.name}={p.default or ''}" for p in q.params)
        click.echo(f"{q.slug}\n    {q.title}" + (f"  [{params}]" if params else ""))
        click.echo(f"    {q.description}")


@click.command()
@click.argument("sparql")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "ttl"]),
    default="table",
    show_default=True,
)
@store_option
@fails_cleanly(QueryError, StoreError)
def query(sparql: str, fmt: str, store_path: Path | None) -> None:
    """Run a SPARQL query (its text, or @file.rq) against the store."""
    if sparql.startswith("@"):
        path = Path(sparql[1:])
        if not path.is_file():
            raise Failure(f"{path}: no such file")
        sparql = path.read_text(encoding="utf-8")
    store = open_existing(store_path)
    result = store.query(sparql)
    if isinstance(result, bool):
        click.echo("true" if result else "false")
    elif isinstance(result, SelectResult):
        if fmt == "ttl":
            raise Failure("--format ttl is for CONSTRUCT and DESCRIBE queries")
        click.echo(render(result, fmt))
    else:
        click.echo(result.serialize(format="turtle"))


@click.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option(
    "--output", type=click.Path(path_type=Path, dir_okay=False), help="File (default: stdout)."
)
@store_option
@fails_cleanly(StoreError, OSError)
def export(fmt: str, output: Path | None, store_path: Path | None) -> None:
    """Write the whole graph, or its network projection (graphml, gexf, csv)."""
    store = open_existing(store_path)
    data = NETWORK_FORMATS[fmt](network(store)) if fmt in NETWORK_FORMATS else store.dump(fmt)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(data)
        click.echo(f"wrote {len(data)} bytes to {output}", err=True)


@click.command()
@store_option
@fails_cleanly(StoreError)
def validate(store_path: Path | None) -> None:
    """Check the store against the SHACL shapes; lists violations and exits 1 if any."""
    store = open_existing(store_path)
    violations = validate_store(store)
    if violations:
        for violation in violations:
            click.echo(str(violation), err=True)
        raise Failure(f"{len(violations)} SHACL violations")
    click.echo(f"valid: {len(store)} triples conform to the shapes", err=True)


COMMANDS = [load, ask, query, export, validate]
assert set(RDF_FORMATS) >= {"ttl", "nt", "nq", "jsonld"}
