"""The limits that keep a public endpoint up: a real time limit, and a rate limit.

A query that would run for ever is stopped at the configured limit (its worker process
killed and replaced) while another client's query is answered at once; the pool is whole
again afterwards. A client past its burst gets 429 with Retry-After.
"""

from __future__ import annotations

import json
import threading
import time
from urllib.error import HTTPError

import pytest
import requests
from SPARQLWrapper import JSON, SPARQLWrapper

pytest.register_assert_rewrite("tests.api_support")
from tests.api_support import SLOW_QUERY, TIME_LIMIT, timed  # noqa: E402

pytest_plugins = ["tests.api_support"]


def ask(url: str) -> bool:
    sparql = SPARQLWrapper(url)
    sparql.setQuery("ASK { ?s ?p ?o }")
    sparql.setReturnFormat(JSON)
    return sparql.queryAndConvert()["boolean"]


@pytest.mark.slow
def test_slow_query_is_stopped_while_another_client_is_answered(api_server) -> None:
    endpoint = api_server("sparql")
    slow = SPARQLWrapper(endpoint)
    slow.setQuery(SLOW_QUERY)
    slow.setReturnFormat(JSON)
    outcome: dict[str, object] = {}
    thread = threading.Thread(target=lambda: outcome.update(slow=timed(slow.queryAndConvert)))
    thread.start()
    time.sleep(0.3)  # the slow query is running in one worker by now

    answer, seconds = timed(ask, endpoint)
    assert answer is True
    assert seconds < 0.5 * TIME_LIMIT
    assert "slow" not in outcome  # still running while the other client was answered

    thread.join(TIME_LIMIT + 10)
    error, slow_seconds = outcome["slow"]
    assert isinstance(error, HTTPError) and error.code == 503
    assert TIME_LIMIT - 0.1 <= slow_seconds < TIME_LIMIT + 3
    problem = json.loads(error.read())  # a whole body, never a half-written result
    assert problem["status"] == 503 and "time limit" in problem["title"]

    for _ in range(4):  # the killed worker has been replaced: both answer again
        assert ask(endpoint) is True
    status = requests.get(api_server("api/status")).json()
    assert status["workers"]["stopped_at_time_limit"] >= 1
    deadline = time.monotonic() + 10
    while status["workers"]["idle"] < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        status = requests.get(api_server("api/status")).json()
    assert status["workers"]["idle"] == 2


@pytest.mark.slow
def test_a_stopped_query_asked_for_as_csv_gets_a_whole_text_error(api_server) -> None:
    """No half-written CSV: the client gets a 503 and a plain-text reason."""
    response = requests.post(
        api_server("sparql"), data={"query": SLOW_QUERY}, headers={"Accept": "text/csv"}
    )
    assert response.status_code == 503
    assert response.headers["Content-Type"].startswith("text/plain")
    assert "stopped" in response.text


def test_a_query_past_the_memory_cap_stops_only_its_worker(small_memory_server) -> None:
    """Sorting a cross product of every triple needs gigabytes: the worker hits its cap
    and dies, the client is told why, and the next query is answered by its replacement."""
    endpoint = small_memory_server("sparql")
    hungry = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
    response, seconds = timed(requests.post, endpoint, data={"query": hungry})
    assert response.status_code == 503
    assert "more than the 400 MB a query may use" in response.json()["detail"]
    assert seconds < TIME_LIMIT  # stopped by the memory cap, not the clock
    assert ask(endpoint) is True


def test_rate_limit_after_burst(limited_server) -> None:
    url = limited_server("api/questions")
    statuses = [requests.get(url).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    refused = requests.get(url)
    assert refused.status_code == 429
    retry_after = int(refused.headers["Retry-After"])
    assert 1 <= retry_after <= 10  # 6 a minute: one every 10 s
    assert refused.json()["status"] == 429
    with pytest.raises(HTTPError) as caught:
        ask(limited_server("sparql"))
    assert caught.value.code == 429
