"""Entity search, entities with their sourced facts, IRI dereferencing, downloads."""

from __future__ import annotations

import pytest
import requests
from rdflib import RDFS, Dataset, Graph, Literal, URIRef

from graph.store import open_store

pytest_plugins = ["tests.api_support"]
# rdflib's own parsers use its deprecated APIs: not ours to fix.
pytestmark = [
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated"),
    pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated"),
    pytest.mark.filterwarnings("ignore:Dataset.identifier is deprecated"),
]

QUILLMOOR = "https://w3id.org/nhskg/id/trust/quillmoor-community-nhs-trust"
NANDU = "https://w3id.org/nhskg/id/company/fundacion-nandu-analytics"
STAKE_SENTENCE = (
    "Quillmoor Community NHS Trust has taken a 4% stake worth £250,000 in Fundación Ñandú "
    "Analytics, a Madrid machine learning company."
)
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def search(server, **params) -> dict:
    response = requests.get(server("api/entities"), params=params)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("q", ["nandu", "FUNDACIÓN ñandú", "fundacion nandu analytics", "Ñandú"])
def test_search_ignores_case_and_accents(api_server, q) -> None:
    assert search(api_server, q=q)["results"][0]["id"] == NANDU


def test_search_ranks_exact_names_first_and_filters_by_type(api_server) -> None:
    royal_free = search(api_server, q="Royal Free")["results"][0]
    assert royal_free["id"].endswith("/trust/RAL") and royal_free["score"] == 0
    assert royal_free["path"] == "/id/trust/RAL"
    quillmoor = search(api_server, q="quillmoor", type="trust")["results"]
    assert [r["id"] for r in quillmoor] == [QUILLMOOR]
    assert search(api_server, q="quillmoor", type="company")["results"] == []
    assert requests.get(api_server("api/entities"), params={"type": "planet"}).status_code == 400


def test_entity_has_its_facts_with_sources_and_evidence(api_server) -> None:
    data = requests.get(api_server("api/entities/trust/quillmoor-community-nhs-trust")).json()
    assert data["id"] == QUILLMOOR and data["label"] == "Quillmoor Community NHS Trust"
    stake = next(a for a in data["agreements"] if a["kind"] == "equity_stake")
    assert stake["party"] == {"id": NANDU, "label": "Fundación Ñandú Analytics"}
    assert stake["terms"]["amountGBP"] == 250000 and stake["terms"]["percent"] == 4
    assert stake["evidence"] == STAKE_SENTENCE
    assert stake["source"]["url"] == "https://example.org/nhskg-test/quillmoor-stake"
    assert stake["source"]["published"] == "2021-03-04"
    assert all(a["source"] and a["evidence"] for a in data["agreements"])
    label = next(s for s in data["statements"] if s["name"] == "label")
    assert {s["url"] for s in label["sources"]} == {
        "https://example.org/nhskg-test/quillmoor-stake",
        "https://example.org/nhskg-test/quillmoor-portal",
    }
    assert len(data["mentionedIn"]) == 2


def test_unknown_entity_is_404(api_server) -> None:
    for path in ("api/entities/trust/no-such-trust", "id/trust/no-such-trust", "id/trust/%zz"):
        assert requests.get(api_server(path)).status_code == 404


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_iri_dereferences_to_rdf(api_server, accept, rdf_format) -> None:
    response = requests.get(
        api_server("id/trust/quillmoor-community-nhs-trust"), headers={"Accept": accept}
    )
    assert response.headers["Content-Type"].startswith(accept)
    assert response.headers["Vary"] == "Accept"
    graph = Graph().parse(data=response.text, format=rdf_format)
    assert (URIRef(QUILLMOOR), RDFS.label, Literal("Quillmoor Community NHS Trust")) in graph
    assert len(list(graph.subjects(None, URIRef(QUILLMOOR)))) >= 3  # the agreements


def test_iri_dereferences_to_a_page_for_browsers(api_server) -> None:
    page = requests.get(
        api_server("id/trust/quillmoor-community-nhs-trust"), headers={"Accept": BROWSER}
    )
    assert page.headers["Content-Type"].startswith("text/html")
    assert STAKE_SENTENCE in page.text.replace("&#39;", "'")
    assert 'href="/api/entities/trust/quillmoor-community-nhs-trust"' in page.text
    assert "format=ttl" in page.text


def test_search_page(api_server) -> None:
    page = requests.get(api_server("entities"), params={"q": "nandu"}, headers={"Accept": BROWSER})
    assert 'href="/id/company/fundacion-nandu-analytics"' in page.text


def test_network_downloads(api_server) -> None:
    data = requests.get(api_server("api/network.json")).json()
    assert any(node["id"] == QUILLMOOR for node in data["nodes"])
    edges = [e for e in data["edges"] if e["source"] == QUILLMOOR]
    assert len(edges) == 3 and all(e["document_url"] for e in edges)
    csv_text = requests.get(api_server("api/network.csv")).text
    assert csv_text.startswith("source,source_label,target")
    assert "<graphml" in requests.get(api_server("api/network.graphml")).text
    assert requests.get(api_server("api/network.svg")).status_code == 404


def test_export_holds_the_whole_graph(api_server, api_store_path) -> None:
    response = requests.get(api_server("api/export.nq"))
    assert response.status_code == 200
    dataset = Dataset()
    dataset.parse(data=response.text, format="nquads")
    store = open_store(api_store_path, read_only=True)
    assert len(list(dataset.quads())) == len(list(store.quads()))  # every document's graph
    merged = Graph().parse(data=requests.get(api_server("api/export.nt")).text, format="nt")
    assert len(merged) == len(store)  # each fact once
