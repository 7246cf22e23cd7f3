"""Time every named question on a generated graph of 100k+ triples.

Why: a question that is fast on 40 articles can take minutes on a real crawl. The graph
is generated from records shaped like real ones (trusts from the ODS reference data, a few
hundred companies, every relation type), loaded through the real builder and store. The
baseline measured in the same run is a flat (no sub-SELECT) form of the equity question,
the form that planned badly in Oxigraph; the ratio says what the sub-SELECT form buys.

Usage: python bench/questions.py [--docs 600] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.load import ensure_reference, load_record
from graph.questions import all_questions, answer
from graph.reference import trusts
from graph.store import open_store
from ingest.record import (
    RELATION_TYPES,
    Entity,
    Extractor,
    Record,
    Relation,
    Source,
    Span,
    text_sha256,
)

BENCH_PARAMS = {"deals-of-company": {"company": "Synthetic Analytics 1 Ltd"}}
FLAT_EQUITY = """
PREFIX nhskg: <https://w3id.org/nhskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX sector: <https://w3id.org/nhskg/sector/>
SELECT ?trust (SAMPLE(?tl) AS ?trustLabel) ?company (SAMPLE(?cl) AS ?companyLabel)
       (MAX(?amount) AS ?amountGBP) (MIN(STR(?url)) AS ?source)
WHERE {
  ?trust rdfs:label ?tl . ?company rdfs:label ?cl .
  ?company nhskg:sector sector:ai .
  ?stake nhskg:holder ?trust ; nhskg:issuer ?company ; a nhskg:EquityStake ; nhskg:statedIn ?doc .
  ?trust a nhskg:NHSTrust .
  OPTIONAL { ?doc schema:url ?url }
  OPTIONAL { ?stake nhskg:amountGBP ?amount }
} GROUP BY ?trust ?company
"""


def synthetic_record(i: int, rng: random.Random, codes: list[str]) -> Record:
    trust = rng.choice(codes)
    company = f"Synthetic Analytics {rng.randrange(400)} Ltd"
    person = f"Person Number{rng.randrange(2000)}"
    parts = [f"Deal {i}", ""]
    sentences = []
    for rel_type in rng.sample(RELATION_TYPES, 4):
        sentences.append(f"Trust {trust} and {company} agreed a {rel_type} worth £{i}m.")
    text = "\n".join(parts + sentences) + f"\n{person} leads {company}.\n"

    def span(s: str) -> Span:
        start = text.index(s)
        return Span(start, start + len(s), s)

    entities = [
        Entity(
            "e1", f"Trust {trust}", "Trust", [span(f"Trust {trust}")], identifiers={"ods": trust}
        ),
        Entity("e2", company, "Company", [span(company)], sectors=["ai"] if i % 3 else []),
        Entity("e3", person, "Person", [span(person)]),
    ]
    relations = []
    for sentence in sentences:
        rel_type = sentence.split(" a ")[1].split(" worth")[0]
        subject, obj = ("e3", "e2") if rel_type == "role" else ("e1", "e2")
        if rel_type == "endorses_code":
            obj = "code"
        relations.append(
            Relation(
                rel_type,
                subject,
                obj,
                span(sentence),
                0.8,
                {"amount_gbp": i * 1_000_000, "value_gbp": i * 1000, "date": f"{2015 + i % 10}"},
            )
        )
    source = Source(
        f"https://example.org/synthetic/{i}", f"Deal {i}", "2020-01-01", "Bench", text_sha256(text)
    )
    return Record(source, entities, relations, Extractor("bench", "1"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    codes = sorted(trusts())
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "store")
        ensure_reference(store)
        t0 = time.perf_counter()
        for i in range(args.docs):
            load_record(store, synthetic_record(i, rng, codes))
        load_s = time.perf_counter() - t0
        print(
            f"loaded {args.docs} documents, {len(store)} triples in {load_s:.1f} s "
            f"({len(store) / load_s:,.0f} triples/s)"
        )
        print(f"{'question':45} {'rows':>6} {'seconds':>8}")
        timings = {}
        for slug in all_questions():
            t0 = time.perf_counter()
            rows = len(answer(store, slug, BENCH_PARAMS.get(slug)).rows)
            timings[slug] = time.perf_counter() - t0
            print(f"{slug:45} {rows:6} {timings[slug]:8.3f}")
        t0 = time.perf_counter()
        store.query(FLAT_EQUITY)
        flat = time.perf_counter() - t0
        ours = timings["trusts-holding-equity-in-ai-firms"]
        print(
            f"baseline flat equity query: {flat:.3f} s; sub-SELECT form: {ours:.3f} s; "
            f"ratio {flat / ours:.1f}x"
        )


if __name__ == "__main__":
    main()
