"""Records → RDF: one golden Turtle file per relation type, compared as graphs."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import XSD

from graph import ids
from graph.build import build_record, partial_date
from ingest.record import RELATION_TYPES
from ontology.namespace import NHSKG
from tests.record_factory import relation_examples

GOLDEN = Path(__file__).parent / "golden" / "build"


@pytest.mark.parametrize("relation_type", RELATION_TYPES)
def test_builder_matches_golden_turtle(relation_type: str) -> None:
    _, graph = build_record(relation_examples()[relation_type])
    golden = Graph().parse(GOLDEN / f"{relation_type}.ttl", format="turtle")
    if to_isomorphic(graph) != to_isomorphic(golden):
        _, only_built, only_golden = graph_diff(to_isomorphic(graph), to_isomorphic(golden))
        pytest.fail(
            f"built graph differs from golden {relation_type}.ttl\n"
            f"only built:\n{only_built.serialize(format='nt')}\n"
            f"only golden:\n{only_golden.serialize(format='nt')}"
        )


def test_every_relation_type_has_an_example() -> None:
    assert set(relation_examples()) == set(RELATION_TYPES)


def test_amounts_are_decimals_in_pounds_and_party_roles_are_named() -> None:
    doc, graph = build_record(relation_examples()["equity_stake"])
    stake = next(graph.subjects(RDF.type, NHSKG.EquityStake))
    assert graph.value(stake, NHSKG.amountGBP) == Literal("5000000.0", datatype=XSD.decimal)
    assert graph.value(stake, NHSKG.holder) == ids.trust_iri("RTH")
    assert graph.value(stake, NHSKG.issuer) == ids.ID["company/sensyne-health"]
    assert graph.value(stake, NHSKG.statedIn) == doc
    # the evidence points at the exact sentence
    span = graph.value(stake, NHSKG.evidence)
    assert "£5m equity stake" in str(graph.value(span, NHSKG.spanText))


def test_a_trust_named_by_a_former_name_lands_on_its_ods_node() -> None:
    from tests.record_factory import make_record

    record = make_record(
        "Old name",
        "South Warwickshire NHS Foundation Trust signed with Sensyne Health.",
        [
            ("South Warwickshire NHS Foundation Trust", "Trust", {}),
            ("Sensyne Health", "Company", {}),
        ],
        [("partnership", 0, 1, {})],
    )
    _, graph = build_record(record)
    assert (None, NHSKG.nhsParty, ids.trust_iri("RJC")) in graph


@pytest.mark.parametrize(
    ("value", "datatype"),
    [("2018-09-05", XSD.date), ("2018-09", XSD.gYearMonth), ("2018", XSD.gYear)],
)
def test_partial_dates_keep_their_precision(value: str, datatype: URIRef) -> None:
    assert partial_date(value) == Literal(value, datatype=datatype)


def test_unknown_attributes_are_kept_not_dropped() -> None:
    from tests.record_factory import make_record

    record = make_record(
        "x",
        "Oxford University Hospitals NHS Foundation Trust partnered with Sensyne Health.",
        [
            ("Oxford University Hospitals NHS Foundation Trust", "Trust", {}),
            ("Sensyne Health", "Company", {}),
        ],
        [("partnership", 0, 1, {"therapy_area": "diabetes"})],
    )
    _, graph = build_record(record)
    assert Literal("therapy_area=diabetes") in set(graph.objects(None, NHSKG.attribute))
