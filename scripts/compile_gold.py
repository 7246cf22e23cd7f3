"""Compile hand-written annotations into golden extraction records.

Why: offsets are tedious and error-prone to type by hand. An annotator writes
``data/annotations/NAME.json`` naming entities by the strings that mention them and
relations by their evidence sentence; this script finds the offsets in
``data/corpus/NAME.txt``, fills ``source`` from the ``.meta.json`` sidecar and writes
``data/records/NAME.jsonl``, validated against the contract.

Usage: python scripts/compile_gold.py [NAME ...]   (default: every annotation file)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.articles import read_article  # noqa: E402
from ingest.record import validate_record_dict  # noqa: E402

CORPUS = ROOT / "data" / "corpus"
ANNOTATIONS = ROOT / "data" / "annotations"
RECORDS = ROOT / "data" / "records"
GOLD_EXTRACTOR = {"name": "gold", "version": "1"}


def find_mentions(text: str, entities: list[dict]) -> dict[str, list[dict]]:
    """All whole-word occurrences of each entity's surface strings, longest match first."""
    candidates = []
    for ent in entities:
        for surface in ent.get("surface", [ent["name"]]):
            pattern = r"(?<!\w)" + re.escape(surface) + r"(?!\w)"
            for m in re.finditer(pattern, text):
                candidates.append((m.start(), m.end(), ent["id"]))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    found: dict[str, list[dict]] = {e["id"]: [] for e in entities}
    for start, end, eid in candidates:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        found[eid].append({"start": start, "end": end, "text": text[start:end]})
    for spans in found.values():
        spans.sort(key=lambda s: s["start"])
    return found


def evidence_span(text: str, evidence: str, occurrence: int, where: str) -> dict:
    starts = [m.start() for m in re.finditer(re.escape(evidence), text)]
    if not starts:
        raise SystemExit(f"{where}: evidence not found in text: {evidence[:80]!r}")
    if occurrence >= len(starts):
        raise SystemExit(f"{where}: evidence occurs {len(starts)} times, asked for #{occurrence}")
    start = starts[occurrence]
    return {"start": start, "end": start + len(evidence), "text": evidence}


def compile_one(name: str) -> dict:
    ann = json.loads((ANNOTATIONS / f"{name}.json").read_text(encoding="utf-8"))
    doc = read_article(CORPUS / f"{name}.txt")
    text = doc.text
    mentions = find_mentions(text, ann["entities"])
    entities = []
    for ent in ann["entities"]:
        if not mentions[ent["id"]]:
            raise SystemExit(f"{name}: entity {ent['id']} ({ent['name']}) is never mentioned")
        entities.append(
            {
                "id": ent["id"],
                "name": ent["name"],
                "type": ent["type"],
                "aliases": ent.get("aliases", []),
                "identifiers": ent.get("identifiers", {}),
                "sectors": ent.get("sectors", []),
                "mentions": mentions[ent["id"]],
            }
        )
    relations = []
    for i, rel in enumerate(ann["relations"]):
        where = f"{name}: relation {i}"
        relations.append(
            {
                "type": rel["type"],
                "subject": rel["subject"],
                "object": rel["object"],
                "attributes": rel.get("attributes", {}),
                "evidence": evidence_span(text, rel["evidence"], rel.get("occurrence", 0), where),
                "confidence": rel.get("confidence", 1.0),
            }
        )
    source = doc.source()
    record = {
        "source": {
            "url": source.url,
            "title": source.title,
            "published": source.published,
            "publisher": source.publisher,
            "sha256": source.sha256,
        },
        "entities": entities,
        "relations": relations,
        "extractor": GOLD_EXTRACTOR,
    }
    if source.kind:
        record["source"]["kind"] = source.kind
    validate_record_dict(record, text)
    return record


def main(names: list[str]) -> None:
    names = names or sorted(p.stem for p in ANNOTATIONS.glob("*.json"))
    RECORDS.mkdir(parents=True, exist_ok=True)
    for name in names:
        record = compile_one(name)
        out = RECORDS / f"{name}.jsonl"
        out.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        print(
            f"{out.relative_to(ROOT)}: {len(record['entities'])} entities, "
            f"{len(record['relations'])} relations"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
