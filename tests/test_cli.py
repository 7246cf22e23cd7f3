"""The `nhskg` command as users run it: the contract's calls and every error path."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import RECORDS

QUESTION = "trusts-holding-equity-in-ai-firms"


@pytest.fixture
def built_store(tmp_path: Path, cli) -> Path:
    store = tmp_path / "store"
    result = cli("load", *map(str, RECORDS), store=store)
    assert result.returncode == 0, result.stderr
    return store


def triple_count(cli, store: Path) -> int:
    out = cli(
        "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json", store=store
    )
    return json.loads(out.stdout)["rows"][0]["n"]


def test_load_validate_and_load_again_adds_nothing(built_store: Path, cli) -> None:
    assert cli("validate", store=built_store).returncode == 0
    before = triple_count(cli, built_store)
    again = cli("load", *map(str, RECORDS), store=built_store)
    assert again.returncode == 0
    assert f"{len(RECORDS)} unchanged" in again.stderr
    assert triple_count(cli, built_store) == before


def test_ask_equity_question_as_csv_lists_trusts_with_sources(built_store: Path, cli) -> None:
    result = cli("ask", QUESTION, "--format", "csv", store=built_store)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows
    assert {"trustLabel", "companyLabel", "amountGBP", "percent", "source"} <= set(rows[0])
    assert any(r["trustLabel"] == "Oxford University Hospitals NHS Foundation Trust" for r in rows)
    assert all(r["source"].startswith("http") for r in rows)


def test_ask_without_a_question_lists_them(cli) -> None:
    result = cli("ask")
    assert result.returncode == 0
    assert QUESTION in result.stdout
    listed = json.loads(cli("ask", "--format", "json").stdout)
    assert any(q["slug"] == "partners-of-trust" and q["params"] for q in listed)


def test_ask_with_param_and_json(built_store: Path, cli) -> None:
    result = cli(
        "ask", "partners-of-trust", "--param", "trust=RP6", "--format", "json", store=built_store
    )
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["rows"] and body["truncated"] is False
    assert any("DeepMind" in (r["partyLabel"] or "") for r in body["rows"])


def test_query_from_file_and_construct_as_turtle(built_store: Path, cli, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text(
        "CONSTRUCT { ?t <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE "
        "{ ?t <https://w3id.org/nhskg/ontology#odsCode> 'RTH' ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    )
    result = cli("query", f"@{query}", "--format", "ttl", store=built_store)
    assert result.returncode == 0, result.stderr
    assert "Oxford University Hospitals NHS Foundation Trust" in result.stdout


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig", "jsonld", "graphml", "gexf", "csv"])
def test_export_formats_parse(built_store: Path, cli, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"graph.{fmt}"
    result = cli("export", "--format", fmt, "--output", str(out), store=built_store)
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    if fmt in ("graphml", "gexf"):
        import networkx as nx

        graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        assert graph.number_of_edges() > 10
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(data.decode())))
        assert rows and all(r["document_url"].startswith("http") for r in rows)
    else:
        from rdflib import Dataset, Graph

        rdf_format = {
            "ttl": "turtle",
            "nt": "nt",
            "nq": "nquads",
            "trig": "trig",
            "jsonld": "json-ld",
        }[fmt]
        graph = Dataset() if fmt in ("nq", "trig") else Graph()
        graph.parse(data=data, format=rdf_format)
        assert len(graph) > 1000


def test_malformed_record_is_refused_and_the_store_is_unchanged(
    built_store: Path, cli, tmp_path: Path
) -> None:
    before = triple_count(cli, built_store)
    good = RECORDS[0].read_text()
    bad = tmp_path / "bad.jsonl"
    bad.write_text(good + '{"source": {"url": null}, "entities": [], "relations": []}\n')
    result = cli("load", str(bad), store=built_store)
    assert result.returncode != 0
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1
    assert "bad.jsonl:2" in result.stderr
    assert triple_count(cli, built_store) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ask", "who-is-the-walrus"), "no question named"),
        (("ask", "partners-of-trust", "--param", "trust"), "NAME=VALUE"),
        (("query", "SELECT * WHERE {"), "error at 1:"),
        (("query", "@/nonexistent.rq"), "no such file"),
        (("load", "/nonexistent.jsonl"), "no such file"),
    ],
)
def test_bad_input_gets_a_one_line_error(built_store: Path, cli, args, message: str) -> None:
    result = cli(*args, store=built_store)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], result.stderr


@pytest.mark.parametrize("command", ["ask", "query", "export", "validate"])
def test_a_missing_store_is_a_clear_error(cli, tmp_path: Path, command: str) -> None:
    args = {
        "ask": ("ask", QUESTION),
        "query": ("query", "ASK {}"),
        "export": ("export", "--format", "ttl"),
        "validate": ("validate",),
    }[command]
    result = cli(*args, store=tmp_path / "nowhere")
    assert result.returncode != 0
    assert result.stderr.startswith("error: no store at")
    assert not (tmp_path / "nowhere").exists(), "reading must not create a store"


def test_validate_fails_on_a_broken_store(built_store: Path, cli, tmp_path: Path) -> None:
    copy = tmp_path / "broken"
    shutil.copytree(built_store, copy)
    from graph.store import open_store

    store = open_store(copy)
    store.replace_graph_ntriples(  # a stake with no source: what a buggy loader might write
        "https://example.org/g",
        "<https://example.org/a> a <https://w3id.org/nhskg/ontology#EquityStake> .",
    )
    del store
    result = cli("validate", store=copy)
    assert result.returncode == 1
    assert "an agreement must cite the document that states it" in result.stderr
    assert "SHACL violations" in result.stderr.splitlines()[-1]


def test_every_command_documents_its_options(cli) -> None:
    for command in ("load", "ask", "query", "export", "validate"):
        result = cli(command, "--help")
        assert result.returncode == 0
        assert "--store" in result.stdout


def test_ask_with_a_name_that_matches_nothing_says_so(built_store: Path, cli) -> None:
    result = cli(
        "ask",
        "deals-of-company",
        "--param",
        "company=Nobody Ltd",
        "--format",
        "csv",
        store=built_store,
    )
    assert result.returncode == 0
    assert "nothing in the graph is named 'Nobody Ltd'" in result.stderr
    assert result.stdout.strip().count("\n") == 0  # the header line only
