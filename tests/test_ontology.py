"""The ontology is the source of truth: it parses, documents every term, and drives code."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from graph.build import relation_terms
from ingest.record import RELATION_TYPES
from ontology import generate
from ontology.namespace import NHSKG

NS = "https://w3id.org/nhskg/ontology#"


def ontology() -> Graph:
    return Graph().parse(generate.ONTOLOGY_TTL, format="turtle")


def test_namespace_module_is_what_the_generator_makes() -> None:
    committed = generate.NAMESPACE_PY.read_text(encoding="utf-8")
    assert committed == generate.generate(), "run `make ontology` and commit ontology/namespace.py"


def test_every_term_has_a_label_and_a_comment() -> None:
    graph = ontology()
    terms = {
        s
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
        for s in graph.subjects(RDF.type, kind)
        if str(s).startswith(NS)
    }
    assert len(terms) > 60
    missing = sorted(
        str(t) for t in terms if not graph.value(t, RDFS.comment) or not graph.value(t, RDFS.label)
    )
    assert missing == []


def test_unknown_terms_fail_loudly() -> None:
    import pytest

    with pytest.raises(AttributeError):
        NHSKG.EquitySteak  # noqa: B018


def test_every_relation_type_of_the_contract_has_an_agreement_class() -> None:
    terms = relation_terms()
    assert set(terms) == set(RELATION_TYPES)
    graph = ontology()
    for rel in terms.values():
        assert (rel.cls, RDFS.subClassOf, NHSKG.Agreement) in graph
        for prop in (rel.subject_property, rel.object_property):
            assert isinstance(prop, URIRef)


def test_reused_vocabularies() -> None:
    graph = ontology()
    parents = {str(o) for o in graph.objects(None, RDFS.subClassOf)}
    for vocabulary in (
        "http://www.w3.org/ns/org#",
        "http://www.w3.org/ns/prov#",
        "https://schema.org/",
    ):
        assert any(p.startswith(vocabulary) for p in parents), vocabulary
