"""The code of conduct's principles: both versions, complete, and linked across versions."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, Graph, Namespace
from rdflib.namespace import SKOS

from graph.questions import answer
from ontology.namespace import NHSKG

CODE = Namespace("https://w3id.org/nhskg/code/")
PRINCIPLES = Path(__file__).resolve().parent.parent / "ontology" / "principles.ttl"


def principles() -> Graph:
    return Graph().parse(PRINCIPLES, format="turtle")


def concepts(graph: Graph, scheme) -> set:
    return set(graph.subjects(SKOS.inScheme, scheme))


def test_each_version_has_ten_documented_principles() -> None:
    graph = principles()
    for scheme in (CODE["2018"], CODE["2019"]):
        members = concepts(graph, scheme)
        assert len(members) == 10
        numbers = sorted(int(graph.value(c, SKOS.notation)) for c in members)
        assert numbers == list(range(1, 11))
        for concept in members:
            assert (concept, RDF.type, NHSKG.Principle) in graph
            assert graph.value(concept, SKOS.prefLabel) and graph.value(concept, SKOS.definition)


def test_every_principle_links_to_exactly_one_in_the_other_version() -> None:
    graph = principles()
    links = (SKOS.closeMatch, SKOS.exactMatch)
    for source, target in ((CODE["2018"], CODE["2019"]), (CODE["2019"], CODE["2018"])):
        for concept in concepts(graph, source):
            matches = {o for p in links for o in graph.objects(concept, p)}
            assert len(matches & concepts(graph, target)) == 1, concept
    commercial_2018 = {o for p in links for o in graph.objects(CODE["2018-p8"], p)}
    assert commercial_2018 == {CODE["2019-p10"]}
    assert "commercial strategy" in str(graph.value(CODE["2019-p10"], SKOS.prefLabel)).lower()


def test_the_2018_titles_carry_their_source() -> None:
    graph = principles()
    assert graph.value(CODE["2018"], SKOS.editorialNote)
    assert str(graph.value(CODE["2018"], Namespace("http://purl.org/dc/terms/").source)).startswith(
        "https://www.gov.uk/"
    )


def test_equity_deals_speak_to_the_commercial_strategy_principle(curated_store) -> None:
    rows = answer(curated_store, "principles-for-agreement").rows
    stakes = [r for r in rows if str(r["principle"]) == str(CODE["2019-p10"])]
    assert stakes, (
        "equity and royalty deals should be matched to principle 10 (commercial strategy)"
    )
