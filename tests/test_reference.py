"""ODS reference data: every trust, open and closed, with names people use."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import RDF

from graph import ids
from graph.reference import ods_title, reference_graph, trusts
from graph.resolve import trust_code_for_name
from ontology.namespace import NHSKG


def test_all_273_trusts_are_loaded_with_their_status() -> None:
    rows = trusts()
    assert len(rows) == 273
    assert sum(r.status == "open" for r in rows.values()) == 205
    assert rows["RBA"].status == "closed" and rows["RBA"].close_date == "2020-03-31"
    graph = reference_graph()
    assert len(set(graph.subjects(RDF.type, NHSKG.NHSTrust))) == 273
    assert (ids.trust_iri("RP6"), NHSKG.foundationTrust, Literal(True)) in graph


def test_trust_names_are_in_title_case() -> None:
    assert (
        ods_title("GUY'S AND ST THOMAS' NHS FOUNDATION TRUST")
        == "Guy's and St Thomas' NHS Foundation Trust"
    )
    assert trusts()["RTH"].name == "Oxford University Hospitals NHS Foundation Trust"


def test_aliases_and_former_names_resolve_to_ods_codes() -> None:
    assert trust_code_for_name("the Royal Free") == "RAL"
    assert trust_code_for_name("GOSH") == "RP4"
    assert trust_code_for_name("OUH") == "RTH"
    assert trust_code_for_name("Moorfields") == "RP6"
    assert trust_code_for_name("South Warwickshire NHS Foundation Trust") == "RJC"
    assert trust_code_for_name("ROYAL FREE LONDON NHS FOUNDATION TRUST") == "RAL"
    assert trust_code_for_name("Acme Widgets") is None
