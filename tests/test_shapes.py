"""SHACL: a graph built from valid records passes; a broken one fails with the reason."""

from __future__ import annotations

from rdflib import RDF, Literal
from rdflib.namespace import XSD

from graph.build import build_record
from graph.load import ontology_graph
from graph.validate import validate_graph
from ontology.namespace import NHSKG
from tests.record_factory import relation_examples


def built_graph():
    graph = ontology_graph()
    for record in relation_examples().values():
        graph += build_record(record)[1]
    return graph


def test_graph_built_from_every_relation_type_conforms() -> None:
    assert validate_graph(built_graph()) == []


def test_agreement_without_a_source_fails() -> None:
    graph = built_graph()
    stake = next(graph.subjects(RDF.type, NHSKG.EquityStake))
    graph.remove((stake, NHSKG.statedIn, None))
    messages = [v.message for v in validate_graph(graph)]
    assert "an agreement must cite the document that states it" in messages


def test_amount_as_text_and_percent_over_100_fail() -> None:
    graph = built_graph()
    stake = next(graph.subjects(RDF.type, NHSKG.EquityStake))
    graph.set((stake, NHSKG.amountGBP, Literal("five million")))
    graph.add((stake, NHSKG.percent, Literal("150", datatype=XSD.decimal)))
    violations = validate_graph(graph)
    paths = {v.path for v in violations}
    assert str(NHSKG.amountGBP) in paths
    assert str(NHSKG.percent) in paths


def test_stake_with_two_issuers_fails() -> None:
    graph = built_graph()
    stake = next(graph.subjects(RDF.type, NHSKG.EquityStake))
    graph.add((stake, NHSKG.issuer, NHSKG.Company))
    assert any(v.path == str(NHSKG.issuer) for v in validate_graph(graph))
