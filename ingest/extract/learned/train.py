"""Train the relation scorer on the development part of the gold corpus.

Why a command and not a fit inside the pipeline: the model is data the project ships
(``data/models/relation_scorer.json``), rebuilt on purpose when the gold corpus or the
features change, and reviewed like any other data change. It never sees the held-out
part.

Each candidate pair (``candidates.py``) of a development article is labelled by the gold
record: positive when the gold record states that relation between the same two
entities in evidence overlapping the candidate's statement. A logistic regression with an
L2 penalty is fitted by gradient descent (numpy; tens of thousands of rows). Before the
final fit, cross-validation over contiguous blocks of articles (each block roughly one
batch written together) reports what the scorer adds on articles it did not see, in the
measure of ``nhskg eval``: sets of (type, subject, object) per document.

Usage: python -m ingest.extract.learned.train [--folds 7] [--out PATH] [--until NAME]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from ingest.articles import read_article
from ingest.eval import CORPUS, RECORDS, match_entities
from ingest.extract import Extractor, load_extractor, state
from ingest.extract.dated import dated
from ingest.extract.gazetteer import Gazetteer, load_gazetteer
from ingest.extract.learned.candidates import candidates
from ingest.extract.learned.command import development_names, save_trained, training_parser
from ingest.extract.learned.features import features, unit_features
from ingest.extract.learned.logistic import L2, fit
from ingest.extract.learned.scorer import DEFAULT_ADD, Scorer
from ingest.extract.learned.settings import SCORER_PATH
from ingest.extract.learned.validation import Tally, blocks
from ingest.extract.records import build_record, entity_ids
from ingest.extract.rules.units import units
from ingest.record import read_records

Triple = tuple[str, str, str]


@dataclass
class Article:
    """One gold article's candidates in gold identities, with what the rules found."""

    name: str
    gold: set[Triple]
    rules: set[Triple]
    rows: list[list[str]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    triples: list[Triple] = field(default_factory=list)


def collect(extractor: Extractor, gazetteer: Gazetteer, name: str) -> Article:
    """The article run through the rules-only pipeline, each candidate named by the gold
    entities it matches (``pred:eN`` for an entity the gold record lacks)."""
    document = read_article(CORPUS / f"{name}.txt")
    doc = extractor.nlp(dated(document.text, document.published))
    record = build_record(doc, document, extractor.info)
    gold = next(r for _, r in read_records(RECORDS / f"{name}.jsonl"))
    to_gold = match_entities(gold.entities, record.entities, gazetteer, same_type=False)

    def ident(record_id: str) -> str:
        return "code" if record_id == "code" else to_gold.get(record_id, "pred:" + record_id)

    ids = entity_ids(doc)
    spans: dict[Triple, list[tuple[int, int]]] = {}
    for r in gold.relations:
        spans.setdefault((r.type, r.subject, r.object), []).append(
            (r.evidence.start, r.evidence.end)
        )
    article = Article(
        name,
        gold={(r.type, r.subject, r.object) for r in gold.relations},
        rules={(r.type, ident(r.subject), ident(r.object)) for r in record.relations},
    )
    statements = units(doc)
    shared = [unit_features(u) for u in statements]
    for c in candidates(statements):
        if c.subject.key not in ids or c.object.key not in ids:
            continue
        triple = (c.type, ident(ids[c.subject.key]), ident(ids[c.object.key]))
        lo, hi = c.unit.context_evidence
        article.rows.append(features(c, shared[c.index]))
        article.labels.append(int(any(a < hi and lo < b for a, b in spans.get(triple, []))))
        article.triples.append(triple)
    state.clear_cache(doc)
    return article


def train(articles: list[Article], l2: float = L2, add: float = DEFAULT_ADD) -> Scorer:
    rows = [row for a in articles for row in a.rows]
    labels = [y for a in articles for y in a.labels]
    return Scorer(fit(rows, labels, l2), add)


def predicted(article: Article, scorer: Scorer) -> tuple[set[Triple], set[Triple]]:
    """(what the scorer alone finds, the rules with the scorer's additions)."""
    alone = {
        t
        for t, row in zip(article.triples, article.rows, strict=True)
        if scorer.probability(row) >= scorer.add
    }
    return alone, article.rules | alone


def cross_validate(articles: list[Article], folds: int, l2: float, add: float) -> list[str]:
    """Each contiguous block of articles scored by a model trained on the others."""
    rules, alone, both = Tally(), Tally(), Tally()
    lines = []
    for test, rest in blocks(articles, folds):
        scorer = train(rest, l2, add)
        block_rules, block_both = Tally(), Tally()
        for a in test:
            found, combined = predicted(a, scorer)
            for tally, got in ((rules, a.rules), (alone, found), (both, combined)):
                tally.add(got, a.gold)
            block_rules.add(a.rules, a.gold)
            block_both.add(combined, a.gold)
        lines.append(
            f"  {test[0].name[:4]}-{test[-1].name[:4]}: "
            f"{block_rules.line('rules', 0)} | {block_both.line('with scorer', 0)}"
        )
    return [
        f"{folds}-fold cross-validation over {len(articles)} development articles "
        f"(l2={l2}, add from p >= {add}):",
        "  " + rules.line("rules alone"),
        "  " + alone.line("scorer alone"),
        "  " + both.line("rules + scorer"),
        *lines,
    ]


def main(argv: list[str] | None = None) -> int:
    parser = training_parser(__doc__.split("\n")[0], SCORER_PATH, L2)
    parser.add_argument("--add", type=float, default=DEFAULT_ADD)
    args = parser.parse_args(argv)
    extractor = load_extractor(scorer=False)
    gazetteer = load_gazetteer()
    names = development_names(args.until)
    articles = [collect(extractor, gazetteer, n) for n in names]
    positives = sum(sum(a.labels) for a in articles)
    print(
        f"{len(articles)} articles, {sum(len(a.rows) for a in articles)} candidates, "
        f"{positives} positive"
    )
    if args.folds > 1:
        print("\n".join(cross_validate(articles, args.folds, args.l2, args.add)))
    scorer = train(articles, args.l2, args.add)
    save_trained(scorer, names, args.l2, extractor.model_name, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
