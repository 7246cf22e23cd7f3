"""Reference data: NHS trusts (ODS), regions, ICBs and the curated organisation gazetteer.

Loaded on every build into named graphs of their own, so every trust, open or closed, is
in the graph with its ODS code even before any article names it, and an article's trust
resolves to the same node. The CSV files and their licences are described in
``data/reference/README.md``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from graph import ids
from ontology.namespace import NHSKG

DATA = Path(__file__).resolve().parent.parent / "data"
REFERENCE = DATA / "reference"
GAZETTEER = DATA / "gazetteer" / "organisations.csv"
SCHEMA_POSTCODE = URIRef("https://schema.org/postalCode")
SCHEMA_LOCALITY = URIRef("https://schema.org/addressLocality")

ODS_SOURCE = URIRef("https://digital.nhs.uk/services/organisation-data-service")
OGL_V3 = URIRef("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")
SMALL_WORDS = {"and", "of", "for", "the", "upon", "on", "in", "at"}
UPPER_WORDS = {"NHS", "ICB", "CCG", "UK", "II"}


def ods_title(name: str) -> str:
    """ODS upper-case names in the case people write them.

    ``KING'S COLLEGE HOSPITAL NHS FOUNDATION TRUST`` →
    ``King's College Hospital NHS Foundation Trust``.
    """
    words = []
    for i, word in enumerate(name.split()):
        if word in UPPER_WORDS:
            words.append(word)
        elif i > 0 and word.lower() in SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append(re.sub(r"[A-Za-z]+('[A-Za-z]+)?", lambda m: m.group(0).capitalize(), word))
    return " ".join(words)


@dataclass
class TrustRow:
    ods_code: str
    name: str
    foundation: bool
    status: str
    open_date: str
    close_date: str
    region_code: str
    region_name: str
    icb_code: str
    icb_name: str
    town: str
    postcode: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class GazetteerRow:
    key: str
    name: str
    type: str
    aliases: list[str]
    sectors: list[str]
    companies_house: str


@cache
def trusts() -> dict[str, TrustRow]:
    rows: dict[str, TrustRow] = {}
    with (REFERENCE / "nhs_trusts.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows[r["ods_code"]] = TrustRow(
                ods_code=r["ods_code"],
                name=ods_title(r["name"]),
                foundation=r["is_foundation_trust"] == "true",
                status=r["status"],
                open_date=r["open_date"],
                close_date=r["close_date"],
                region_code=r["nhs_england_region_code"],
                region_name=r["nhs_england_region_name"],
                icb_code=r["icb_code"],
                icb_name=r["icb_name"],
                town=r["town"].title(),
                postcode=r["postcode"],
            )
    aliases = REFERENCE / "trust_aliases.csv"
    if aliases.exists():
        with aliases.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                if r["ods_code"] in rows:
                    rows[r["ods_code"]].aliases.append(r["alias"])
    return rows


@cache
def gazetteer() -> dict[str, GazetteerRow]:
    if not GAZETTEER.exists():
        return {}
    rows = {}
    with GAZETTEER.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows[r["id"]] = GazetteerRow(
                key=r["id"],
                name=r["name"],
                type=r["type"],
                aliases=[a.strip() for a in (r.get("aliases") or "").split("|") if a.strip()],
                sectors=[s.strip() for s in (r.get("sectors") or "").split("|") if s.strip()],
                companies_house=(r.get("companies_house") or "").strip(),
            )
    return rows


def gazetteer_entity_iri(row: GazetteerRow) -> URIRef:
    if row.companies_house:
        return ids.company_number_iri(row.companies_house)
    return ids.gazetteer_iri(row.type, row.key)


def trust_triples(row: TrustRow) -> Iterator[tuple]:
    iri = ids.trust_iri(row.ods_code)
    yield iri, RDF.type, NHSKG.NHSTrust
    yield iri, RDFS.label, Literal(row.name)
    yield iri, SKOS.prefLabel, Literal(row.name)
    yield iri, NHSKG.odsCode, Literal(row.ods_code)
    yield iri, NHSKG.foundationTrust, Literal(row.foundation)
    yield iri, NHSKG.status, Literal(row.status)
    if row.open_date:
        yield iri, NHSKG.openDate, Literal(row.open_date, datatype=XSD.date)
    if row.close_date:
        yield iri, NHSKG.closeDate, Literal(row.close_date, datatype=XSD.date)
    if row.region_code:
        region = ids.region_iri(row.region_code)
        yield iri, NHSKG.region, region
        yield region, RDF.type, NHSKG.Region
        yield region, RDFS.label, Literal(row.region_name)
        yield region, NHSKG.odsCode, Literal(row.region_code)
    if row.icb_code:
        icb = ids.icb_iri(row.icb_code)
        yield iri, NHSKG.icb, icb
        yield icb, RDF.type, NHSKG.IntegratedCareBoard
        yield icb, RDF.type, NHSKG.GovernmentBody
        yield icb, RDFS.label, Literal(row.icb_name)
        yield icb, NHSKG.odsCode, Literal(row.icb_code)
    if row.town:
        yield iri, SCHEMA_LOCALITY, Literal(row.town)
    if row.postcode:
        yield iri, SCHEMA_POSTCODE, Literal(row.postcode)
    for alias in row.aliases:
        yield iri, SKOS.altLabel, Literal(alias)


def reference_graph() -> Graph:
    graph = Graph()
    for row in trusts().values():
        for triple in trust_triples(row):
            graph.add(triple)
    graph.add(
        (
            ids.REFERENCE_GRAPH,
            DCTERMS.source,
            URIRef("https://digital.nhs.uk/services/organisation-data-service"),
        )
    )
    graph.add(
        (
            ids.REFERENCE_GRAPH,
            DCTERMS.license,
            URIRef("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
        )
    )
    return graph


def gazetteer_graph() -> Graph:
    graph = Graph()
    for row in gazetteer().values():
        iri = gazetteer_entity_iri(row)
        cls = getattr(NHSKG, _CLASS_NAMES.get(row.type, "OtherOrganisation"))
        graph.add((iri, RDF.type, cls))
        graph.add((iri, RDFS.label, Literal(row.name)))
        graph.add((iri, SKOS.prefLabel, Literal(row.name)))
        for alias in row.aliases:
            graph.add((iri, SKOS.altLabel, Literal(alias)))
        for sector in row.sectors:
            graph.add((iri, NHSKG.sector, ids.sector_iri(sector)))
        if row.companies_house:
            graph.add((iri, NHSKG.companiesHouseNumber, Literal(row.companies_house)))
    return graph


_CLASS_NAMES = {
    "Trust": "NHSTrust",
    "GovernmentBody": "GovernmentBody",
    "Company": "Company",
    "University": "University",
    "Charity": "Charity",
    "Person": "Person",
    "Other": "OtherOrganisation",
}


def class_for(entity_type: str) -> URIRef:
    return getattr(NHSKG, _CLASS_NAMES.get(entity_type, "OtherOrganisation"))
