"""The store: idempotent loads, replaced documents, atomic writes, bound parameters."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from graph.load import ensure_reference, load_record, stored_document_hash
from graph.store import SelectResult, StoreError, open_store
from tests.record_factory import make_record, relation_examples


def test_loading_twice_leaves_the_triple_count_unchanged(memory_store) -> None:
    record = relation_examples()["equity_stake"]
    assert load_record(memory_store, record) == "new"
    count = len(memory_store)
    assert load_record(memory_store, record) == "unchanged"
    assert len(memory_store) == count


def test_a_changed_article_replaces_its_old_facts(memory_store) -> None:
    old = make_record(
        "Deal",
        "Oxford University Hospitals NHS Foundation Trust received a £5m stake in Sensyne Health.",
        [
            ("Oxford University Hospitals NHS Foundation Trust", "Trust", {}),
            ("Sensyne Health", "Company", {}),
        ],
        [("equity_stake", 0, 1, {"amount_gbp": 5000000})],
    )
    new = make_record(
        "Deal",
        "Oxford University Hospitals NHS Foundation Trust received a £6m stake in Sensyne Health.",
        [
            ("Oxford University Hospitals NHS Foundation Trust", "Trust", {}),
            ("Sensyne Health", "Company", {}),
        ],
        [("equity_stake", 0, 1, {"amount_gbp": 6000000})],
    )
    load_record(memory_store, old)
    assert load_record(memory_store, new) == "replaced"
    amounts = memory_store.query(
        "SELECT ?a WHERE { ?s <https://w3id.org/nhskg/ontology#amountGBP> ?a }"
    )
    assert isinstance(amounts, SelectResult)
    assert [r["a"].toPython() for r in amounts.rows] == [6000000]
    assert stored_document_hash(memory_store, "https://example.org/news/1") == new.source.sha256


def test_a_failed_write_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    ensure_reference(store)
    load_record(store, relation_examples()["contract"])
    before = sorted(map(str, store.quads()))
    broken = Graph()
    broken.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal("x")))
    # an IRI with a space cannot be written: the whole replacement must be refused
    broken.add(
        (URIRef("https://example.org/bad iri"), URIRef("https://example.org/p"), Literal("y"))
    )
    with pytest.raises(StoreError):
        store.replace_graph("https://w3id.org/nhskg/id/doc/u809e5c5700222b3a", broken)
    assert sorted(map(str, store.quads())) == before


CRASHING_LOAD = """
import sys
from rdflib import Graph, Literal, URIRef
from graph.store import open_store
store = open_store(sys.argv[1])
big = Graph()
for i in range(100_000):
    big.add((URIRef(f"https://example.org/s{i}"), URIRef("https://example.org/p"), Literal(i)))
data = big.serialize(format="nt")
print("writing", flush=True)
store.replace_graph_ntriples("https://example.org/big", data)
print("done", flush=True)
"""


def test_a_crash_mid_load_leaves_no_partial_document(tmp_path: Path) -> None:
    """Kill a loader while it writes: afterwards the document is wholly there or not at all."""
    import signal
    import subprocess
    import sys
    import time

    path = tmp_path / "store"
    store = open_store(path)
    ensure_reference(store)
    load_record(store, relation_examples()["contract"])
    before = len(store)
    del store
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASHING_LOAD, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "writing"
    time.sleep(1.0)  # the update of 100k triples takes several seconds: kill it midway
    assert proc.poll() is None, "the load finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    after = len(open_store(path, read_only=True))
    assert after == before


def test_parameters_are_bound_not_pasted(memory_store) -> None:
    load_record(memory_store, relation_examples()["equity_stake"])
    hostile = 'x" } ; DROP ALL #'
    result = memory_store.query(
        "SELECT ?name ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?name }",
        {"name": Literal(hostile)},
    )
    assert isinstance(result, SelectResult)
    assert result.rows == []
    assert len(memory_store) > 1000


def test_row_cap_marks_the_result_truncated(memory_store) -> None:
    result = memory_store.query("SELECT * WHERE { ?s ?p ?o }", max_rows=5)
    assert isinstance(result, SelectResult)
    assert len(result.rows) == 5 and result.truncated


def test_reading_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "missing", read_only=True)


def test_a_fact_stated_by_several_documents_is_one_triple() -> None:
    """The default graph is a set: SPARQL users get each fact once, and it stays as long
    as some document still states it."""
    store = open_store(None)
    fact = (
        '<https://example.org/deepmind> <http://www.w3.org/2000/01/rdf-schema#label> "DeepMind" .'
    )
    other = "<https://example.org/deepmind> <https://example.org/p> <https://example.org/o> ."
    labels = "SELECT ?l WHERE { <https://example.org/deepmind> ?p ?l }"
    store.replace_graph_ntriples("https://example.org/doc1", fact)
    store.replace_graph_ntriples("https://example.org/doc2", fact + "\n" + other)
    assert len(store.query(labels).rows) == 2
    store.replace_graph_ntriples("https://example.org/doc2", fact)  # doc2 drops `other`
    assert [str(r["l"]) for r in store.query(labels).rows] == ["DeepMind"]
    store.drop_graph("https://example.org/doc1")  # doc2 still states the label
    assert [str(r["l"]) for r in store.query(labels).rows] == ["DeepMind"]
    named = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert [str(r["g"]) for r in store.query(named).rows] == ["https://example.org/doc2"]
    store.drop_graph("https://example.org/doc2")
    assert store.query(labels).rows == []
    assert len(store) == 0
