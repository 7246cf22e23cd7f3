"""What the query service adds to a query: HTTP round trips against the store itself.

Why: every /sparql request crosses a process boundary (a killable worker, so a runaway
query can be stopped) and is serialised twice (worker to web process, web process to
client). This measures that overhead where it matters to a user: the same queries run
(a) in process on the same store, the baseline, and (b) through the real ``nhskg serve``
over HTTP, in the same run. It reports the median latency of each and their ratio, and
the throughput of concurrent clients.

Usage: python bench/api.py [--docs 300] [--repeat 50] [--clients 4]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from questions import synthetic_record

from graph.load import ensure_reference, load_record
from graph.questions import answer
from graph.reference import trusts
from graph.store import open_store, raw_query

NHSKG = Path(sys.executable).parent / "nhskg"
SERVING = re.compile(r"nhskg: serving (http://[\d.]+:\d+/)")
PREFIX = "PREFIX nhskg: <https://w3id.org/nhskg/ontology#>\n"
QUERIES = {
    "ASK": PREFIX + "ASK { ?s a nhskg:EquityStake }",
    "SELECT 500 rows": PREFIX + "SELECT ?a ?p WHERE { ?a nhskg:subjectParty ?p } LIMIT 500",
    "COUNT by type": "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c",
}
QUESTION = "trusts-holding-equity-in-ai-firms"


def build_store(path: Path, docs: int) -> None:
    store = open_store(path)
    ensure_reference(store)
    rng = random.Random(7)
    codes = sorted(trusts())
    for i in range(docs):
        load_record(store, synthetic_record(i, rng, codes))
    store.flush()
    print(f"store: {docs} documents, {len(store)} triples")


def median_ms(call, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def start_server(store: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [str(NHSKG), "serve", "--port", "0", "--store", str(store), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("NHSKG_")},
            "NHSKG_RATE_LIMIT_PER_MINUTE": "0",  # a benchmark is one very busy client
        },
    )
    found: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            if match := SERVING.search(line):
                found.append(match[1])
                ready.set()
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(60) or not found:
        process.kill()
        raise SystemExit("nhskg serve did not start")
    return process, found[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store"
        build_store(path, args.docs)
        store = open_store(path, read_only=True)
        process, url = start_server(path)
        session = requests.Session()
        accept = {"Accept": "application/sparql-results+json"}
        try:
            print(f"{'query':22} {'in process ms':>14} {'over HTTP ms':>13} {'ratio':>6}")
            for name, query in QUERIES.items():
                base = median_ms(lambda q=query: raw_query(store, q), args.repeat)
                http = median_ms(
                    lambda q=query: session.get(
                        url + "sparql", params={"query": q}, headers=accept
                    ).raise_for_status(),
                    args.repeat,
                )
                print(f"{name:22} {base:14.2f} {http:13.2f} {http / base:6.1f}")
            base = median_ms(lambda: answer(store, QUESTION), args.repeat)
            http = median_ms(
                lambda: session.get(url + f"api/questions/{QUESTION}").raise_for_status(),
                args.repeat,
            )
            print(f"{'question (JSON API)':22} {base:14.2f} {http:13.2f} {http / base:6.1f}")
            ask = QUERIES["ASK"]
            total = args.repeat * args.clients

            def one(_: int) -> None:
                requests.get(url + "sparql", params={"query": ask}, headers=accept)

            t0 = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                list(pool.map(one, range(total)))
            elapsed = time.perf_counter() - t0
            print(f"{args.clients} concurrent clients: {total / elapsed:,.0f} ASK requests/s")
        finally:
            process.terminate()
            process.wait(10)


if __name__ == "__main__":
    main()
