"""The named questions as an API (JSON, CSV, permalinks) and as pages; the home page."""

from __future__ import annotations

import csv
import io

import pytest
import requests

from graph.questions import all_questions

pytest_plugins = ["tests.api_support"]

QUILLMOOR = "https://w3id.org/nhskg/id/trust/quillmoor-community-nhs-trust"
NANDU = "https://w3id.org/nhskg/id/company/fundacion-nandu-analytics"
STAKE_URL = "https://example.org/nhskg-test/quillmoor-stake"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_list_questions(api_server) -> None:
    data = requests.get(api_server("api/questions")).json()
    assert [q["slug"] for q in data["questions"]] == list(all_questions())
    for question in data["questions"]:
        assert question["title"] and question["description"]
        assert question["api"].endswith(f"/api/questions/{question['slug']}")
        assert all({"name", "type", "default", "description"} <= set(p) for p in question["params"])
    assert "Open Government Licence" in data["about"]["licence"]


def test_answer_in_json(api_server) -> None:
    response = requests.get(api_server("api/questions/trusts-holding-equity-in-ai-firms"))
    data = response.json()
    assert response.headers["NHSKG-Truncated"] == "false"
    rows = [r for r in data["rows"] if r["trust"] == QUILLMOOR]
    assert rows == [
        {
            "trust": QUILLMOOR,
            "trustLabel": "Quillmoor Community NHS Trust",
            "company": NANDU,
            "companyLabel": "Fundación Ñandú Analytics",
            "amountGBP": 250000,
            "percent": 4,
            "shares": None,
            "source": STAKE_URL,
            "sources": STAKE_URL,
        }
    ]
    assert STAKE_URL in data["sources"]
    assert data["sparql"] == all_questions()["trusts-holding-equity-in-ai-firms"].sparql
    assert data["truncated"] is False and data["count"] == len(data["rows"])
    assert data["columns"][:2] == ["trust", "trustLabel"]


def test_parameters_permalink_and_csv(api_server) -> None:
    url = api_server("api/questions/partners-of-trust")
    data = requests.get(url, params={"trust": QUILLMOOR}).json()
    kinds = sorted(row["kind"] for row in data["rows"])
    assert kinds == ["contract", "data_sharing", "equity_stake"]
    assert all(
        row["evidence"] and row["source"].startswith("https://example.org/") for row in data["rows"]
    )
    assert data["params"] == {"trust": QUILLMOOR}
    again = requests.get(data["permalink"]).json()
    assert again["rows"] == data["rows"]

    as_csv = requests.get(url, params={"trust": QUILLMOOR, "format": "csv"})
    assert as_csv.headers["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [r["kind"] for r in table] == [r["kind"] for r in data["rows"]]
    by_accept = requests.get(url, params={"trust": QUILLMOOR}, headers={"Accept": "text/csv"})
    assert by_accept.text == as_csv.text


def test_defaults_apply_when_a_parameter_is_left_empty(api_server) -> None:
    url = api_server("api/questions/partners-of-trust")
    assert requests.get(url, params={"trust": ""}).json()["params"] == {"trust": "RAL"}


@pytest.mark.parametrize(
    ("slug", "name"),
    [
        ("deals-of-company", "company"),
        ("partners-of-trust", "trust"),
        ("principles-for-agreement", "agreement"),
    ],
)
def test_parameters_are_values_never_query_text(api_server, slug, name) -> None:
    before = requests.get(api_server("api/status")).json()["triples"]
    hostile = 'x" } ; DROP ALL #'
    value = "https://example.org/" + hostile if name == "agreement" else hostile
    response = requests.get(api_server(f"api/questions/{slug}"), params={name: value})
    if name == "agreement":  # not a well-formed IRI: a bad parameter, said as such
        assert response.status_code == 400
        assert response.json()["title"] == "Bad question parameters"
    else:  # a name: it simply labels nothing
        assert response.status_code == 200
        assert response.json()["rows"] == []
        assert response.json()["notices"] == [f"{name}: nothing in the graph is named {hostile!r}"]
    assert requests.get(api_server("api/status")).json()["triples"] == before


def test_unknown_question_and_parameter(api_server) -> None:
    missing = requests.get(api_server("api/questions/no-such-question"))
    assert missing.status_code == 404
    assert missing.headers["Content-Type"] == "application/problem+json"
    wrong = requests.get(api_server("api/questions/partners-of-trust"), params={"colour": "red"})
    assert wrong.status_code == 400
    assert "colour" in wrong.json()["detail"]


def test_home_page_lists_questions_and_links_its_twin(api_server) -> None:
    page = requests.get(api_server(""), headers={"Accept": BROWSER})
    assert page.headers["Content-Type"].startswith("text/html")
    for question in all_questions().values():
        assert f'href="/questions/{question.slug}"' in page.text
    assert 'rel="alternate" type="application/json" href="/api/questions"' in page.text
    assert 'href="/sparql"' in page.text
    assert "Open Government Licence" in page.text  # the footer says where data comes from


def test_question_page(api_server) -> None:
    page = requests.get(
        api_server("questions/partners-of-trust"),
        params={"trust": QUILLMOOR},
        headers={"Accept": BROWSER},
    )
    assert page.status_code == 200
    assert "Brackenfield Software" in page.text and "<form" in page.text
    assert "/api/questions/partners-of-trust?trust=" in page.text  # the JSON twin
    bad = requests.get(
        api_server("questions/partners-of-trust"),
        params={"trust": "Nowhere At All"},
        headers={"Accept": BROWSER},
    )
    assert bad.status_code == 200 and "nothing in the graph is named" in bad.text
