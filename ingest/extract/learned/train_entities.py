"""Train the entity scorer on the development part of the gold corpus.

Each entity the rules find in a development article (the pipeline without either
learned stage) is labelled by the gold record: for each type, positive when the entity
is a gold entity of that type (matched as ``nhskg eval`` matches them, by identity and
whatever the type), negative otherwise, so an entity the annotators did not mark is
negative for every type. Before the final fit, cross-validation over contiguous blocks
of articles reports the entity precision, recall and F1 (typed, as ``nhskg eval``) of
the rules alone and with the scorer's drops and retypes, on articles it did not see.

Usage: python -m ingest.extract.learned.train_entities [--folds 7] [--out PATH] [--until NAME]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from ingest.articles import read_article
from ingest.eval import CORPUS, RECORDS, match_entities
from ingest.extract import Extractor, load_extractor, state
from ingest.extract.dated import dated
from ingest.extract.gazetteer import Gazetteer, load_gazetteer
from ingest.extract.learned.command import development_names, save_trained, training_parser
from ingest.extract.learned.entity_features import (
    TYPES,
    entity_features,
    entity_views,
    referred,
)
from ingest.extract.learned.entity_scorer import (
    DEFAULT_DROP,
    DEFAULT_KEEP_ANY,
    DEFAULT_KEEP_TYPE,
    DEFAULT_RETYPE,
    EntityScorer,
    is_certain,
)
from ingest.extract.learned.logistic import fit
from ingest.extract.learned.settings import ENTITY_SCORER_PATH
from ingest.extract.learned.validation import Tally, blocks
from ingest.extract.records import build_record, entity_ids
from ingest.record import read_records

# Weaker than the relation scorer's: a few thousand entities, and cross-validation over
# the development part preferred it (entity F1 0.892 against 0.890 at 1e-4).
L2 = 3e-5


@dataclass
class Found:
    """One entity the rules found: its features, its rule type, the gold type it is."""

    features: list[str]
    rule_type: str
    gold_type: str | None
    certain: bool


@dataclass
class Article:
    name: str
    gold_count: int
    found: list[Found] = field(default_factory=list)


def collect(extractor: Extractor, gazetteer: Gazetteer, name: str) -> Article:
    document = read_article(CORPUS / f"{name}.txt")
    doc = extractor.nlp(dated(document.text, document.published))
    record = build_record(doc, document, extractor.info)
    gold = next(r for _, r in read_records(RECORDS / f"{name}.jsonl"))
    gold_types = {e.id: e.type for e in gold.entities}
    to_gold = match_entities(gold.entities, record.entities, gazetteer, same_type=False)
    ids = entity_ids(doc)
    views = entity_views(doc)
    refs = referred(doc)
    article = Article(name, len(gold.entities))
    for key, ent in state.entities(doc).items():
        if key not in views:
            continue
        gold_id = to_gold.get(ids[key])
        article.found.append(
            Found(
                entity_features(key, ent, views[key], refs.get(key, [])),
                ent["type"],
                gold_types.get(gold_id) if gold_id else None,
                is_certain(key, ent["name"]),
            )
        )
    state.clear_cache(doc)
    return article


def rows_of(articles: list[Article]) -> tuple[list[list[str]], list[int]]:
    rows, labels = [], []
    for a in articles:
        for f in a.found:
            for t in TYPES:
                rows.append([f"{t}|{x}" for x in f.features])
                labels.append(int(f.gold_type == t))
    return rows, labels


def train(articles: list[Article], l2: float = L2, **thresholds: float) -> EntityScorer:
    rows, labels = rows_of(articles)
    return EntityScorer(fit(rows, labels, l2), **thresholds)


def tally(article: Article, scorer: EntityScorer | None, into: Tally) -> None:
    into.gold += article.gold_count
    for f in article.found:
        kept: str | None = f.rule_type
        if scorer is not None:
            kept = scorer.decide(f.rule_type, scorer.probabilities(f.features), f.certain)
        if kept is None:
            continue
        into.pred += 1
        into.tp += int(kept == f.gold_type)


def cross_validate(
    articles: list[Article], folds: int, l2: float, **thresholds: float
) -> list[str]:
    rules, both = Tally(), Tally()
    lines = []
    for test, rest in blocks(articles, folds):
        scorer = train(rest, l2, **thresholds)
        block_rules, block_both = Tally(), Tally()
        for a in test:
            for t, s in ((rules, None), (block_rules, None), (both, scorer), (block_both, scorer)):
                tally(a, s, t)
        lines.append(
            f"  {test[0].name[:4]}-{test[-1].name[:4]}: "
            f"{block_rules.line('rules')} | {block_both.line('with scorer')}"
        )
    return [
        f"{folds}-fold cross-validation over {len(articles)} development articles "
        f"(l2={l2}, {', '.join(f'{k}={v}' for k, v in thresholds.items())}), typed entities:",
        "  " + rules.line("rules alone"),
        "  " + both.line("with scorer"),
        *lines,
    ]


def main(argv: list[str] | None = None) -> int:
    parser = training_parser(__doc__.split("\n")[0], ENTITY_SCORER_PATH, L2)
    parser.add_argument("--drop", type=float, default=DEFAULT_DROP)
    parser.add_argument("--retype", type=float, default=DEFAULT_RETYPE)
    parser.add_argument("--keep-type", type=float, default=DEFAULT_KEEP_TYPE)
    parser.add_argument("--keep-any", type=float, default=DEFAULT_KEEP_ANY)
    args = parser.parse_args(argv)
    extractor = load_extractor(scorer=False, entity_scorer=False)
    gazetteer = load_gazetteer()
    names = development_names(args.until)
    articles = [collect(extractor, gazetteer, n) for n in names]
    found = sum(len(a.found) for a in articles)
    right = sum(f.gold_type is not None for a in articles for f in a.found)
    print(f"{len(articles)} articles, {found} entities found by the rules, {right} of them gold")
    thresholds = {
        "drop": args.drop,
        "retype": args.retype,
        "keep_type": args.keep_type,
        "keep_any": args.keep_any,
    }
    if args.folds > 1:
        print("\n".join(cross_validate(articles, args.folds, args.l2, **thresholds)))
    scorer = train(articles, args.l2, **thresholds)
    save_trained(scorer, names, args.l2, extractor.model_name, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
