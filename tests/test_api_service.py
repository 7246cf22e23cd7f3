"""The service's own contracts: settings, the OpenAPI document, docs, the query guard.

Most of these need no server: settings and the guard are plain functions, and the
OpenAPI document comes from an in-process app's URL map.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from api.guard import Refused, check_query, read_query
from api.settings import SETTINGS, SettingsError, load_settings
from graph.questions import all_questions

pytest_plugins = ["tests.api_support"]

DOC = Path(__file__).resolve().parent.parent / "docs" / "api.md"


# -- settings -----------------------------------------------------------------------


def test_every_setting_is_documented() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.name}`" in doc, f"docs/api.md does not document {setting.name}"
        assert f"`{setting.env}`" in doc, f"docs/api.md does not name {setting.env}"
        assert setting.help, f"{setting.name} has no help text"


def test_settings_come_from_config_then_environment_then_defaults(tmp_path) -> None:
    env = {
        "NHSKG_STORE": str(tmp_path),
        "NHSKG_QUERY_TIME_LIMIT": "2.5",
        "NHSKG_RATE_LIMIT_BURST": "7",
        "NHSKG_TRUST_PROXY_HEADERS": "yes",
        "NHSKG_ALLOWED_SERVICE_ENDPOINTS": "https://a.example/sparql, https://b.example/sparql",
    }
    values = load_settings({"rate_limit_burst": 9}, env)
    assert values["store"] == tmp_path
    assert values["query_time_limit"] == 2.5
    assert values["rate_limit_burst"] == 9  # the mapping wins over the environment
    assert values["trust_proxy_headers"] is True
    assert values["allowed_service_endpoints"] == (
        "https://a.example/sparql",
        "https://b.example/sparql",
    )
    assert values["sparql_max_rows"] == 10000  # the default
    assert set(values) == {s.name for s in SETTINGS}


@pytest.mark.parametrize(
    ("config", "env", "message"),
    [
        ({"query_time_limt": 3}, {}, "unknown setting 'query_time_limt'"),
        ({}, {"NHSKG_QUERY_WORKERS": "many"}, "NHSKG_QUERY_WORKERS"),
        ({"sparql_max_rows": -1}, {}, "must not be negative"),
        ({}, {"NHSKG_TRUST_PROXY_HEADERS": "perhaps"}, "trust_proxy_headers"),
    ],
)
def test_bad_settings_fail_loudly(config, env, message) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)):
        load_settings(config, env)


def test_missing_store_fails_at_startup(tmp_path) -> None:
    from api import create_app
    from graph.store import StoreError

    with pytest.raises(StoreError, match="no store"):
        create_app({"store": tmp_path / "nothing-here"}, environ={})


# -- the query guard -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("PREFIX ex: <http://example.org/select#> ask { ex:a ?p ?o }", "ASK"),
        ("BASE <http://e/> # SELECT in a comment\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ('DESCRIBE <http://example.org/x> # "INSERT"', "DESCRIBE"),
    ],
)
def test_query_forms(query, form) -> None:
    assert check_query(query).form == form


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" }',
        "SELECT * WHERE { <http://example.org/service> ?p ?o } # SERVICE",
        "PREFIX service: <http://example.org/> SELECT * { service:x ?p ?o }",
        "SELECT ?service WHERE { ?service ?p ?o }",
        "SELECT * WHERE { ?s ?p '''SERVICE\n<http://x/> { }''' }",
    ],
)
def test_service_in_strings_iris_names_and_comments_is_not_a_call(query) -> None:
    assert check_query(query).services == []


def test_allowed_service_endpoint_passes_and_others_do_not() -> None:
    allowed = ("https://query.wikidata.org/sparql",)
    query = "PREFIX wd: <https://query.wikidata.org/> SELECT * { SERVICE wd:sparql { ?s ?p ?o } }"
    assert check_query(query, allowed).services == list(allowed)
    with pytest.raises(Refused, match="variable endpoint"):
        check_query("SELECT * { SERVICE ?endpoint { ?s ?p ?o } }", allowed)
    with pytest.raises(Refused, match="could not confirm"):
        check_query("SELECT * WHERE { ?a ?p ?b FILTER(?a<?b)SERVICE?x#>\n{ ?s ?p ?o } }", allowed)


def test_updates_are_recognised_after_the_prologue() -> None:
    for update in ("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }", "load <http://e/>"):
        assert read_query(update).form.startswith("UPDATE:")
        with pytest.raises(Refused, match="read-only"):
            check_query(update)


# -- OpenAPI and docs -----------------------------------------------------------------


def test_openapi_describes_every_route(api_app) -> None:
    response = api_app.test_client().get("/api/openapi.json")
    document = json.loads(response.data)
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] and document["servers"]
    paths = document["paths"]
    for rule in api_app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)
        assert path in paths, f"{rule.rule} is not in the OpenAPI document"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            op = paths[path][method.lower()]
            assert op["summary"], f"{method} {rule.rule} has no summary (docstring)"
            assert "200" in op["responses"] and "429" in op["responses"]
            declared = {p["name"] for p in op["parameters"] if p["in"] == "path"}
            assert declared == set(rule.arguments)
    for slug, question in all_questions().items():
        op = paths[f"/api/questions/{slug}"]["get"]
        assert {p["name"] for p in op["parameters"]} >= {p.name for p in question.params}
    assert "requestBody" in paths["/sparql"]["post"]
    ids = [op["operationId"] for item in paths.values() for op in item.values()]
    assert len(ids) == len(set(ids))


def test_docs_have_examples_for_every_client() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for needle in ("```sh\ncurl", "SPARQLWrapper", "import requests", "```r", "SPARQLStore"):
        assert needle in doc, f"docs/api.md has no {needle!r} example"
    for route in ("/sparql", "/api/questions", "/api/entities", "/id/", "/api/openapi.json"):
        assert route in doc


def test_request_body_cap_in_process(api_app) -> None:
    client = api_app.test_client()
    small = client.post("/sparql", data={"query": "ASK {}"}, headers={"Accept": "application/json"})
    assert small.status_code == 200 and small.get_json()["boolean"] is True
    big = client.post("/sparql", data={"query": "ASK {} #" + "x" * 10_000})
    assert big.status_code == 413
