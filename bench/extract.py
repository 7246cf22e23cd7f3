"""Throughput of the whole extract path against bare spaCy, and its memory over a stream.

Usage: python bench/extract.py [--docs N] [--processes N] [--rounds N] [--model NAME]
                              [--memory-only]

Both sides run in this one process on the same texts (the development articles of
``data/corpus/`` and ``shared/seeds/``, cycled to N documents and streamed, never held in
memory):

- **bare**: ``nlp.pipe`` of the statistical model alone (``spacy.load(model)``);
- **ours**: what ``nhskg extract`` does per article: read the file (``read_article``),
  run the full pipeline with our components (``Extractor.extract_many``), build the
  record and serialise it to JSON.

Each is run single-process and with ``--processes N``, ``--rounds`` times in turn (bare,
ours, bare, ours, …), so that a machine whose speed drifts during the run slows both
sides alike; the ratio printed for each setting is the median of the rounds' ratios, and
each round's is printed too. Words are whitespace-separated
words of the article text, the same count for both sides. The ratio ours/bare is the
share of bare spaCy's throughput our path keeps (target ≥ 0.75). Memory: the resident
set size of this process after every 10% of the stream of our path; flat means the last
reading is within a few MB of the first.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.articles import read_article  # noqa: E402
from ingest.document import Document  # noqa: E402
from ingest.extract import load_extractor  # noqa: E402

SOURCES = [ROOT / "data" / "corpus", ROOT.parent / "shared" / "seeds"]


def article_files() -> list[Path]:
    files = sorted((ROOT / "data" / "corpus").glob("d[0-9][0-9][0-9]_*.txt"))
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        files += sorted(seeds.glob("*.txt"))
    if not files:
        raise SystemExit("no articles to benchmark on")
    return files


def paths(n: int) -> Iterator[Path]:
    return itertools.islice(itertools.cycle(article_files()), n)


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def bare(nlp, n: int, processes: int) -> tuple[int, float]:
    texts = (read_article(p).text for p in paths(n))
    words = 0
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=32, n_process=processes):
        words += len(doc.text.split())
    return words, time.perf_counter() - start


def ours(extractor, n: int, processes: int, memory: list[float]) -> tuple[int, float]:
    words = [0]
    step = max(1, n // 10)

    def documents() -> Iterator[Document]:
        for p in paths(n):
            doc = read_article(p)
            words[0] += len(doc.text.split())
            yield doc

    start = time.perf_counter()
    for i, record in enumerate(extractor.extract_many(documents(), n_process=processes), 1):
        record.to_json()
        if i % step == 0:
            memory.append(rss_mb())
    return words[0], time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=500, help="documents per run (500)")
    parser.add_argument("--processes", type=int, default=2, help="processes for the parallel run")
    parser.add_argument(
        "--rounds", type=int, default=3, help="bare/ours runs in turn per setting (3)"
    )
    parser.add_argument("--model", default=None, help="spaCy model (default: the setting)")
    parser.add_argument(
        "--memory-only",
        action="store_true",
        help="run only our path with --processes, for the memory check over many documents",
    )
    args = parser.parse_args(argv)

    import spacy

    extractor = load_extractor(args.model)
    package = extractor.model_name
    nlp = spacy.load(package)
    print(f"model {package} {extractor.nlp.meta.get('version')}; {args.docs} documents per run")
    ok = True
    if args.memory_only:
        memory: list[float] = []
        words, elapsed = ours(extractor, args.docs, args.processes, memory)
        print(f"extract path, processes={args.processes}: {words / elapsed:,.0f} words/s")
        print("  memory (RSS, MB) every 10%: " + ", ".join(f"{m:.0f}" for m in memory))
        return 0
    for processes in (1, args.processes):
        ratios: list[float] = []
        for round_ in range(1, args.rounds + 1):
            words, t_bare = bare(nlp, args.docs, processes)
            memory: list[float] = []
            _, t_ours = ours(extractor, args.docs, processes, memory)
            wps_bare, wps_ours = words / t_bare, words / t_ours
            ratios.append(wps_ours / wps_bare)
            print(
                f"processes={processes}, round {round_}: bare spaCy {wps_bare:,.0f} words/s, "
                f"extract path {wps_ours:,.0f} words/s, ratio {ratios[-1]:.2f}"
            )
            if memory:
                growth = memory[-1] - memory[0]
                print(
                    f"  memory (RSS, MB) over the stream: first {memory[0]:.0f}, "
                    f"last {memory[-1]:.0f}, max {max(memory):.0f}, growth {growth:+.0f}"
                )
        ratio = statistics.median(ratios)
        ok = ok and ratio >= 0.75
        print(f"processes={processes}: median ratio {ratio:.2f} over {len(ratios)} rounds")
    print("target ratio >= 0.75:", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
