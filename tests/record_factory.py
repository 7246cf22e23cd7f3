"""Small, valid extraction records for tests, built from a sentence and the names in it."""

from __future__ import annotations

from typing import Any

from ingest.articles import document_from_text
from ingest.record import Entity, Extractor, Record, Relation, Span, validate_record_dict


def make_record(
    headline: str,
    sentence: str,
    entities: list[tuple[str, str, dict[str, Any]]],
    relations: list[tuple[str, int, int | str, dict[str, Any]]],
    *,
    url: str | None = "https://example.org/news/1",
    published: str | None = "2018-09-05",
    publisher: str | None = "Example News",
    kind: str | None = "news_article",
) -> Record:
    """``entities``: (name, type, extra fields); ``relations``: (type, subject index,
    object index or "code", attributes). The sentence is the evidence of every relation."""
    doc = document_from_text(f"{headline}\n\n{sentence}\n")
    text = doc.text
    doc.url, doc.published, doc.publisher, doc.kind = url, published, publisher, kind
    ev_start = text.index(sentence)
    evidence = Span.of(text, ev_start, ev_start + len(sentence))
    ents = []
    for i, (name, etype, extra) in enumerate(entities):
        start = text.index(name)
        ents.append(
            Entity(
                id=f"e{i + 1}",
                name=name,
                type=etype,
                mentions=[Span.of(text, start, start + len(name))],
                aliases=extra.get("aliases", []),
                identifiers=extra.get("identifiers", {}),
                sectors=extra.get("sectors", []),
            )
        )
    rels = [
        Relation(
            type=rtype,
            subject=f"e{subj + 1}",
            object=obj if isinstance(obj, str) else f"e{obj + 1}",
            evidence=evidence,
            confidence=0.9,
            attributes=attrs,
        )
        for rtype, subj, obj, attrs in relations
    ]
    record = Record(doc.source(), ents, rels, Extractor("test", "1"))
    validate_record_dict(record.to_dict(), text)
    return record


OUH = ("Oxford University Hospitals NHS Foundation Trust", "Trust", {"identifiers": {"ods": "RTH"}})
SENSYNE = ("Sensyne Health", "Company", {"sectors": ["ai"]})

# One record per relation type: the builder's golden Turtle files are made from these.
RELATION_EXAMPLES: dict[str, Record] = {}


def _examples() -> dict[str, Record]:
    if RELATION_EXAMPLES:
        return RELATION_EXAMPLES
    RELATION_EXAMPLES.update(
        partnership=make_record(
            "Trust signs research deal",
            "Oxford University Hospitals NHS Foundation Trust signed a five-year strategic research agreement with Sensyne Health.",
            [OUH, SENSYNE],
            [
                (
                    "partnership",
                    0,
                    1,
                    {
                        "agreement": "strategic research agreement",
                        "duration_years": 5,
                        "start": "2018-03",
                    },
                )
            ],
        ),
        data_sharing=make_record(
            "Records shared",
            "The Royal Free London NHS Foundation Trust gave DeepMind 1.6 million patient records.",
            [
                (
                    "Royal Free London NHS Foundation Trust",
                    "Trust",
                    {"identifiers": {"ods": "RAL"}},
                ),
                ("DeepMind", "Company", {}),
            ],
            [("data_sharing", 0, 1, {"records": 1600000, "dataset": "hospital records"})],
        ),
        equity_stake=make_record(
            "Trust takes stake",
            "Oxford University Hospitals NHS Foundation Trust received a £5m equity stake in Sensyne Health.",
            [OUH, SENSYNE],
            [("equity_stake", 0, 1, {"amount_gbp": 5000000, "percent": None, "shares": 2857142})],
        ),
        royalty=make_record(
            "Royalties",
            "Oxford University Hospitals NHS Foundation Trust will receive royalties from Sensyne Health.",
            [OUH, SENSYNE],
            [("royalty", 0, 1, {"percent": 2.5})],
        ),
        contract=make_record(
            "Contract awarded",
            "Kettering General Hospital NHS Foundation Trust awarded Huma Therapeutics Limited a contract worth £56,977.",
            [
                (
                    "Kettering General Hospital NHS Foundation Trust",
                    "Trust",
                    {"identifiers": {"ods": "RNQ"}},
                ),
                ("Huma Therapeutics Limited", "Company", {}),
            ],
            [
                (
                    "contract",
                    0,
                    1,
                    {
                        "value_gbp": 56977,
                        "start": "2025-04-01",
                        "end": "2028-03-31",
                        "identifier": "ocds-b5fd17-test",
                    },
                )
            ],
        ),
        investment=make_record(
            "Award",
            "NHSX awarded Brainomix £1.2m a year from the AI award.",
            [("NHSX", "GovernmentBody", {}), ("Brainomix", "Company", {"sectors": ["ai"]})],
            [("investment", 0, 1, {"amount_gbp": 1200000, "per_year": True})],
        ),
        role=make_record(
            "CEO speaks",
            "Lord Drayson, chief executive of Sensyne Health, welcomed the code.",
            [("Lord Drayson", "Person", {}), SENSYNE],
            [("role", 0, 1, {"title": "chief executive"})],
        ),
        endorses_code=make_record(
            "Firm backs code",
            "Sensyne Health said it would sign up to the code of conduct.",
            [SENSYNE],
            [("endorses_code", 0, "code", {})],
        ),
        regulatory_finding=make_record(
            "ICO rules",
            "The Information Commissioner's Office ruled that the Royal Free London NHS Foundation Trust failed to comply with the Data Protection Act.",
            [
                ("Information Commissioner's Office", "GovernmentBody", {}),
                (
                    "Royal Free London NHS Foundation Trust",
                    "Trust",
                    {"identifiers": {"ods": "RAL"}},
                ),
            ],
            [
                (
                    "regulatory_finding",
                    0,
                    1,
                    {
                        "outcome": "failed to comply with the Data Protection Act",
                        "date": "2017-07-03",
                    },
                )
            ],
        ),
    )
    for name, record in RELATION_EXAMPLES.items():
        record.source.url = f"https://example.org/news/{name}"
    return RELATION_EXAMPLES


def relation_examples() -> dict[str, Record]:
    return _examples()
