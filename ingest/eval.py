"""Score the extractor against the golden records of ``data/corpus/`` (see docs/accuracy.md).

Matching, per document:

- **Entities**: an extracted and a golden entity match when their types are equal and
  they share an identity key. Keys come from the ODS code (``ods:RAL``), from the
  gazetteer (any of the entity's names or aliases that the gazetteer knows), and from
  the normalised names and aliases themselves (``org_key``: case, accents, "the", "&",
  legal forms ignored; people without honorifics). Each golden entity matches at most one
  extracted entity. Precision, recall and F1 are counted per entity type.
- **Relations**: a relation matches when its type is equal and its subject and object
  are the same entities as the golden relation's (identity as above, types not required,
  so a mistyped organisation can still carry a right relation). Relations are compared
  as sets of (type, subject, object) per document: stating a fact twice is one fact.
- **Amounts**: for every golden relation that has ``amount_gbp``, ``value_gbp``,
  ``percent``, ``shares`` or ``records``, and that was matched, the extracted relation
  (any of the matching ones) must carry the same value. "Amounts right" is the share of
  those values that are equal; "amounts found" divides by all golden values instead.

The held-out part (``hNNN_*``) is scored the same way, but only its totals are ever
printed: per-document details exist for the development part only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.articles import read_article
from ingest.extract.gazetteer import Gazetteer, load_gazetteer
from ingest.extract.names import org_key, person_key
from ingest.record import ENTITY_TYPES, RELATION_TYPES, Entity, Record, read_records

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
RECORDS = ROOT / "data" / "records"
PARTS = {"dev": "d", "heldout": "h"}
AMOUNT_KEYS = ("amount_gbp", "value_gbp", "percent", "shares", "records")


@dataclass
class Counts:
    tp: int = 0
    gold: int = 0
    pred: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.gold += other.gold
        self.pred += other.pred

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    documents: int = 0
    entities: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    relations: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    amounts_right: int = 0
    amounts_checked: int = 0
    amounts_gold: int = 0

    def add(self, other: Score) -> None:
        self.documents += other.documents
        for name in ("entities", "relations"):
            mine, theirs = getattr(self, name), getattr(other, name)
            for key, counts in theirs.items():
                mine[key].add(counts)
        self.amounts_right += other.amounts_right
        self.amounts_checked += other.amounts_checked
        self.amounts_gold += other.amounts_gold

    def total(self, name: str) -> Counts:
        out = Counts()
        for counts in getattr(self, name).values():
            out.add(counts)
        return out

    @property
    def amount_accuracy(self) -> float:
        return self.amounts_right / self.amounts_checked if self.amounts_checked else 0.0

    @property
    def amount_coverage(self) -> float:
        return self.amounts_right / self.amounts_gold if self.amounts_gold else 0.0


@dataclass
class DocResult:
    name: str
    score: Score
    missed_entities: list[str]
    extra_entities: list[str]
    missed_relations: list[str]
    extra_relations: list[str]
    wrong_amounts: list[str]


def identity_keys(entity: Entity, gazetteer: Gazetteer) -> set[str]:
    keys: set[str] = set()
    ods = {k.lower(): v for k, v in entity.identifiers.items()}.get("ods")
    if ods:
        keys.add(f"ods:{ods.upper()}")
    for name in [entity.name, *entity.aliases]:
        if entity.type == "Person":
            keys.add("person:" + person_key(name))
            continue
        known = gazetteer.lookup(name)
        if known is not None and (known.type == entity.type or not ods):
            keys.add(known.key)
        if not ods or not keys:
            keys.add("name:" + org_key(name))
    return keys


def match_entities(
    gold: list[Entity], pred: list[Entity], gazetteer: Gazetteer, same_type: bool
) -> dict[str, str]:
    """Extracted id → golden id; each golden entity taken at most once."""
    gold_keys = [(g, identity_keys(g, gazetteer)) for g in gold]
    out: dict[str, str] = {}
    used: set[str] = set()
    for p in pred:
        pk = identity_keys(p, gazetteer)
        for g, gk in gold_keys:
            if g.id in used or not (pk & gk):
                continue
            if same_type and g.type != p.type:
                continue
            out[p.id] = g.id
            used.add(g.id)
            break
    return out


def score_document(name: str, gold: Record, pred: Record, gazetteer: Gazetteer) -> DocResult:
    score = Score(documents=1)
    typed = match_entities(gold.entities, pred.entities, gazetteer, same_type=True)
    gold_by_id = {e.id: e for e in gold.entities}
    pred_by_id = {e.id: e for e in pred.entities}
    for t in ENTITY_TYPES:
        counts = score.entities[t]
        counts.gold += sum(1 for e in gold.entities if e.type == t)
        counts.pred += sum(1 for e in pred.entities if e.type == t)
        counts.tp += sum(1 for pid, gid in typed.items() if pred_by_id[pid].type == t)
    missed = [f"{e.type} {e.name}" for e in gold.entities if e.id not in typed.values()]
    extra = [f"{e.type} {e.name}" for e in pred.entities if e.id not in typed]

    loose = match_entities(gold.entities, pred.entities, gazetteer, same_type=False)

    def ident(entity_id: str) -> str:
        return "code" if entity_id == "code" else loose.get(entity_id, "pred:" + entity_id)

    gold_triples = {(r.type, r.subject, r.object) for r in gold.relations}
    pred_triples: dict[tuple[str, str, str], list] = defaultdict(list)
    for r in pred.relations:
        pred_triples[(r.type, ident(r.subject), ident(r.object))].append(r)
    for t in RELATION_TYPES:
        counts = score.relations[t]
        counts.gold += sum(1 for g in gold_triples if g[0] == t)
        counts.pred += sum(1 for p in pred_triples if p[0] == t)
        counts.tp += sum(1 for g in gold_triples if g[0] == t and g in pred_triples)

    def label(triple: tuple[str, str, str], entities: dict[str, Entity]) -> str:
        def n(i: str) -> str:
            return entities[i].name if i in entities else i

        return f"{triple[0]} {n(triple[1])} -> {n(triple[2])}"

    pred_names = {**{k: v for k, v in gold_by_id.items()}}
    for pid, e in pred_by_id.items():
        pred_names.setdefault("pred:" + pid, e)
    missed_rel = [label(g, gold_by_id) for g in sorted(gold_triples) if g not in pred_triples]
    extra_rel = [label(p, pred_names) for p in sorted(pred_triples) if p not in gold_triples]
    wrong = []
    for r in gold.relations:
        for key in AMOUNT_KEYS:
            value = (r.attributes or {}).get(key)
            if value is None:
                continue
            score.amounts_gold += 1
            found = pred_triples.get((r.type, r.subject, r.object))
            if not found:
                continue
            score.amounts_checked += 1
            values = [(p.attributes or {}).get(key) for p in found]
            if any(v is not None and abs(float(v) - float(value)) < 1e-6 for v in values):
                score.amounts_right += 1
            else:
                wrong.append(f"{r.type} {key}: gold {value}, got {values}")
    return DocResult(name, score, missed, extra, missed_rel, extra_rel, wrong)


def corpus_names(part: str, corpus: Path = CORPUS, records: Path = RECORDS) -> list[str]:
    prefix = PARTS[part]
    return sorted(
        p.stem
        for p in corpus.glob(f"{prefix}[0-9][0-9][0-9]_*.txt")
        if (records / f"{p.stem}.jsonl").exists()
    )


def evaluate(
    extractor, part: str, corpus: Path = CORPUS, records: Path = RECORDS
) -> tuple[Score, list[DocResult]]:
    """Score one part; the per-document results are only for the development part."""
    gazetteer = load_gazetteer()
    names = corpus_names(part, corpus, records)
    docs = (read_article(corpus / f"{name}.txt") for name in names)
    total = Score()
    details: list[DocResult] = []
    for name, pred in zip(names, extractor.extract_many(docs), strict=True):
        gold = next(record for _, record in read_records(records / f"{name}.jsonl"))
        result = score_document(name, gold, pred, gazetteer)
        total.add(result.score)
        if part == "dev":
            details.append(result)
    return total, details


def table(title: str, score: Score) -> str:
    lines = [f"{title}: {score.documents} documents"]
    for name, types in (("entities", ENTITY_TYPES), ("relations", RELATION_TYPES)):
        lines.append(f"  {name:<20} {'gold':>5} {'found':>5} {'right':>5}   P      R      F1")
        rows = getattr(score, name)
        for t in types:
            c = rows.get(t, Counts())
            if c.gold or c.pred:
                lines.append(_row(t, c))
        lines.append(_row("all " + name, score.total(name)))
    lines.append(
        f"  amounts right {score.amounts_right}/{score.amounts_checked} "
        f"= {score.amount_accuracy:.3f} of matched relations' amounts "
        f"(found {score.amounts_right}/{score.amounts_gold} = {score.amount_coverage:.3f} of all)"
    )
    return "\n".join(lines)


def _row(label: str, c: Counts) -> str:
    return (
        f"  {label:<20} {c.gold:>5} {c.pred:>5} {c.tp:>5}   "
        f"{c.precision:.3f}  {c.recall:.3f}  {c.f1:.3f}"
    )


def detail_lines(results: Iterable[DocResult]) -> str:
    out = []
    for r in results:
        out.append(f"== {r.name}")
        for label, items in (
            ("missed entity", r.missed_entities),
            ("extra entity", r.extra_entities),
            ("missed relation", r.missed_relations),
            ("extra relation", r.extra_relations),
            ("wrong amount", r.wrong_amounts),
        ):
            out.extend(f"   {label}: {item}" for item in items)
    return "\n".join(out)
