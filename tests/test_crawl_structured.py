"""Contracts Finder and the Data Uses Register: records straight from the fields, into the graph."""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from graph.store import GraphStore, SelectResult, open_store
from ingest.crawl import run
from ingest.record import validate_record_dict
from ingest.sources import get_source
from ingest.sources.contracts_finder import _search_url, release_record
from tests.crawl_support import (
    SAMPLES,
    SITES,
    FixtureServer,
    make_context,
    memory_store,
    write_register_xlsx,
)

CONTRACTS = """
PREFIX nhskg: <https://w3id.org/nhskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?ods ?supplier ?value ?start ?end ?ocid WHERE {
  ?deal a nhskg:Contract ; nhskg:buyer ?buyer ; nhskg:supplier ?s ; nhskg:identifier ?ocid ;
        nhskg:statedIn ?doc .
  ?buyer nhskg:odsCode ?ods .
  ?mention nhskg:mentionOf ?s ; nhskg:inDocument ?doc ; nhskg:spanText ?supplier .
  OPTIONAL { ?deal nhskg:valueGBP ?value } OPTIONAL { ?deal nhskg:startDate ?start }
  OPTIONAL { ?deal nhskg:endDate ?end }
} ORDER BY ?ocid ?supplier
"""
SHARING = """
PREFIX nhskg: <https://w3id.org/nhskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?ref ?provider ?recipient ?ods ?commercial ?start ?end
       (GROUP_CONCAT(DISTINCT ?dataset; separator="|") AS ?datasets)
       (GROUP_CONCAT(DISTINCT ?basis; separator="|") AS ?bases) WHERE {
  ?deal a nhskg:DataSharingAgreement ; nhskg:identifier ?ref ;
        nhskg:dataProvider/rdfs:label ?provider ; nhskg:dataRecipient ?r .
  ?r rdfs:label ?recipient .
  OPTIONAL { ?r nhskg:odsCode ?ods } OPTIONAL { ?deal nhskg:commercialPurpose ?commercial }
  OPTIONAL { ?deal nhskg:startDate ?start } OPTIONAL { ?deal nhskg:endDate ?end }
  OPTIONAL { ?deal nhskg:dataset ?dataset } OPTIONAL { ?deal nhskg:legalBasis ?basis }
} GROUP BY ?ref ?provider ?recipient ?ods ?commercial ?start ?end ORDER BY ?ref
"""


def rows(store: GraphStore, sparql: str) -> list[dict[str, str]]:
    result = store.query(sparql)
    assert isinstance(result, SelectResult)
    return [{k: str(v) for k, v in row.items()} for row in result.rows]


# -- Contracts Finder ---------------------------------------------------------------------


def test_contracts_finder_pages_through_a_release_package(tmp_path, caplog) -> None:
    caplog.set_level(logging.DEBUG, logger="nhskg.crawl")
    store = memory_store()
    with FixtureServer(SITES / "contracts_finder") as server:
        url = server.url("/Published/Notices/OCDS/Search?stages=award&limit=100")
        summary = run(make_context(tmp_path, url, store=store), get_source("contracts-finder"))
        assert "/Published/Notices/OCDS/Search?page=2" in server.paths()
    assert (summary.fetched, summary.new, summary.failed) == (2, 2, 0)
    found = rows(store, CONTRACTS)
    assert [(r["ods"], r["supplier"], r.get("value")) for r in found] == [
        ("RR7", "Northwind Imaging Ltd", "1200000"),
        ("QYG", "Mersey Cloud Services Limited", "2500000.5"),
        ("QYG", "Wirral Data Partners LLP", "2500000.5"),
    ]
    assert (found[0]["start"], found[0]["end"]) == ("2024-07-01", "2027-06-30")
    assert found[0]["ocid"] == "ocds-b5fd17-aaaaaaaa-0000-4000-8000-000000000001"
    assert "Withdrawn Bidder" not in str(found)  # a cancelled award is no contract
    assert "Exampleshire County Council' is not an NHS trust or ICB" in caplog.text
    assert "CPV 55320000 is not technology" in caplog.text


def test_contracts_finder_supplier_with_a_companies_house_number(tmp_path) -> None:
    context = make_context(tmp_path)
    with FixtureServer(SITES / "contracts_finder") as server:
        context.options.argument = server.url("/Published/Notices/OCDS/Search")
        records = list(get_source("contracts-finder").crawl(context))
    northwind = records[0].entity("e2")
    assert northwind is not None and northwind.identifiers == {"companies_house": "09999991"}


def test_contracts_finder_default_url_is_the_search_api() -> None:
    url = _search_url(date(2025, 3, 1))
    assert url.startswith(
        "https://www.contractsfinder.service.gov.uk/Published/Notices/OCDS/Search?"
    )
    assert "stages=award" in url and "publishedFrom=2025-03-01T00%3A00%3A00" in url


def test_the_real_samples_become_contracts_with_ods_codes(tmp_path) -> None:
    store = memory_store()
    context = make_context(tmp_path, str(SAMPLES / "contracts_finder"), store=store)
    summary = run(context, get_source("contracts-finder"))
    assert summary.new == 3
    found = {
        (r["ods"], r["supplier"], r["value"], r["start"], r["end"]) for r in rows(store, CONTRACTS)
    }
    assert found == {
        ("RNQ", "Huma Therapeutics Limited", "56977", "2025-04-01", "2028-03-31"),
        ("RH5", "OX. MANAGEMENT SERVICES LIMITED", "246580", "2024-11-01", "2027-10-31"),
        ("RGR", "ITB", "49995", "2025-01-01", "2025-12-31"),
    }
    ocids = {r["ocid"] for r in rows(store, CONTRACTS)}
    assert "ocds-b5fd17-8ae61027-8bf6-401b-b4c9-c0f2f79fc791" in ocids


def test_structured_records_keep_the_contract(tmp_path) -> None:
    from ingest.sources.contracts_finder import _file_releases

    for release in _file_releases(SAMPLES / "contracts_finder"):
        record = release_record(release)
        data = record.to_dict()
        # the generated summary is the text the spans index into
        text = record.relations[0].evidence.text
        assert "awarded a contract to" in text
        validate_record_dict(data)
        assert record.source.kind == "register_entry"
        assert record.source.url.startswith(
            "https://www.contractsfinder.service.gov.uk/Published/Notice/releases/"
        )


# -- the Data Uses Register ---------------------------------------------------------------

AGREEMENTS = [
    [
        "DARS-NIC-90011-FIXCC-v1",
        "Sepsis alerts from linked records",
        "Larkspur Analytics Ltd",
        "Commercial",
        "Larkspur Analytics Ltd",
        "Sole",
        datetime(2022, 9, 1),
        datetime(2025, 8, 31),
        "No",
        "Yes",
        "To build and test an early warning score for sepsis.",
        "Pseudonymised records are analysed in the applicant's secure environment.",
        "A validated score.",
        "Earlier treatment for patients with sepsis.",
        "",
    ],
    [
        "DARS-NIC-90012-FIXDD-v2",
        "Cancer waiting times dashboard",
        "Gateshead Health NHS Foundation Trust",
        "NHS Trust",
        "Gateshead Health NHS Foundation Trust",
        "Sole",
        datetime(2023, 4, 1),
        datetime(2026, 3, 31),
        "No",
        "No (Local NHS Provider)",
        "To monitor cancer waiting times for the trust's patients.",
        "",
        "",
        "",
        "",
    ],
    ["DARS-NIC-90013-FIXEE-v1", "A row without its applicant", "", "", "", "", None, None]
    + [""] * 7,
]
DATASETS = [
    [
        "DARS-NIC-90011-FIXCC-v1",
        "Hospital Episode Statistics Admitted Patient Care",
        "Pseudonymised",
        "Sensitive",
        "One-Off",
        "Health and Social Care Act 2012 - s261(2)(b)(ii)",
        "Does not apply",
    ],
    [
        "DARS-NIC-90011-FIXCC-v1",
        "Civil Registration - Deaths",
        "Pseudonymised",
        "Sensitive",
        "One-Off",
        "Health and Social Care Act 2012 - s261(2)(b)(ii)",
        "Does not apply",
    ],
    [
        "DARS-NIC-90012-FIXDD-v2",
        "Cancer Waiting Times",
        "Identifiable",
        "Sensitive",
        "Monthly",
        "Health and Social Care Act 2012 - s261(5)(d)",
        "Statutory exemption to flow confidential data without consent",
    ],
]
RELEASES = [
    [
        "NIC-90011-FIXCC-2022-09",
        "DARS-NIC-90011-FIXCC-v1",
        "Civil Registration - Deaths",
        "Pseudonymised",
        "Sensitive",
        "Yes",
        "Health and Social Care Act 2012 - s261(2)(b)(ii)",
        "One-Off",
        "Sep-22",
    ],
]


def register(tmp_path: Path, **kw) -> Path:
    return write_register_xlsx(tmp_path / "register.xlsx", AGREEMENTS, DATASETS, RELEASES, **kw)


def test_register_xlsx_becomes_data_sharing_agreements(tmp_path, caplog) -> None:
    store = memory_store()
    context = make_context(tmp_path, str(register(tmp_path)), store=store)
    summary = run(context, get_source("data-uses-register"))
    assert (summary.new, summary.failed, summary.requests) == (2, 1, 0)
    assert "DARS-NIC-90013-FIXEE-v1: LayoutError" in caplog.text  # logged; the run went on
    larkspur, gateshead = rows(store, SHARING)
    assert set(larkspur.pop("datasets").split("|")) == {
        "Hospital Episode Statistics Admitted Patient Care",
        "Civil Registration - Deaths",
    }
    assert larkspur == {
        "ref": "DARS-NIC-90011-FIXCC-v1",
        "provider": "NHS Digital",  # before the February 2023 merger
        "recipient": "Larkspur Analytics Ltd",
        "commercial": "true",
        "start": "2022-09-01",
        "end": "2025-08-31",
        "bases": "Health and Social Care Act 2012 - s261(2)(b)(ii)",
    }
    assert (gateshead["provider"], gateshead["ods"], gateshead["commercial"]) == (
        "NHS England",
        "RR7",
        "false",
    )


def test_register_second_run_unchanged_and_a_changed_row_replaces(tmp_path) -> None:
    store = memory_store()
    path = register(tmp_path)
    first = run(make_context(tmp_path, str(path), store=store), get_source("data-uses-register"))
    again = run(make_context(tmp_path, str(path), store=store), get_source("data-uses-register"))
    assert (first.new, again.new, again.unchanged) == (2, 0, 2)
    AGREEMENTS[0][7] = datetime(2026, 8, 31)  # the agreement was extended
    try:
        register(tmp_path)
        third = run(
            make_context(tmp_path, str(path), store=store), get_source("data-uses-register")
        )
    finally:
        AGREEMENTS[0][7] = datetime(2025, 8, 31)
    assert (third.replaced, third.unchanged) == (1, 1)
    assert rows(store, SHARING)[0]["end"] == "2026-08-31"


def test_register_csv_is_accepted(tmp_path) -> None:
    store = memory_store()
    csv_path = SITES / "register" / "data-uses-register.csv"
    summary = run(
        make_context(tmp_path, str(csv_path), store=store), get_source("data-uses-register")
    )
    assert summary.new == 2
    exampleton, leeds = rows(store, SHARING)
    assert exampleton["recipient"] == "University of Exampleton"
    assert set(exampleton["datasets"].split("|")) == {
        "Hospital Episode Statistics Admitted Patient Care",
        "Civil Registration - Deaths",
    }
    assert (exampleton["start"], exampleton["end"]) == ("2021-04-01", "2024-03-31")
    assert (leeds["ods"], leeds["provider"]) == ("RR8", "NHS England")


def test_register_since_bounds_by_agreement_start(tmp_path) -> None:
    context = make_context(tmp_path, str(register(tmp_path)), since=date(2023, 1, 1))
    records = list(get_source("data-uses-register").crawl(context))
    assert [r.relations[0].attributes["identifier"] for r in records] == ["DARS-NIC-90012-FIXDD-v2"]


# -- the command line ---------------------------------------------------------------------


def test_cli_register_and_contracts_end_to_end(cli, tmp_path) -> None:
    store = tmp_path / "store"
    common = ["--store", str(store), "--cache-dir", str(tmp_path / "cache")]
    result = cli("crawl", "data-uses-register", str(register(tmp_path)), *common)
    assert result.returncode == 2, result.stderr  # one bad row, logged and skipped
    assert "2 new" in result.stderr.splitlines()[-1]
    with FixtureServer(SITES / "contracts_finder") as server:
        url = server.url("/Published/Notices/OCDS/Search")
        result = cli("crawl", "contracts-finder", url, "--allow-private-addresses", *common)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1].startswith("crawl contracts-finder: 2 fetched, 2 new")
    graph = open_store(store, read_only=True)
    assert {r["ods"] for r in rows(graph, CONTRACTS)} == {"RR7", "QYG"}
    assert {r.get("ods") for r in rows(graph, SHARING)} == {None, "RR7"}


def test_cli_fails_loudly_on_a_register_without_its_datasets_sheet(cli, tmp_path) -> None:
    path = register(tmp_path, sheets=("Agreements", "DataReleases"))
    places = ["--store", str(tmp_path / "s"), "--cache-dir", str(tmp_path / "c")]
    result = cli("crawl", "data-uses-register", str(path), *places)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "no 'Datasets' sheet" in result.stderr


def test_cli_lists_the_sources(cli) -> None:
    result = cli("crawl", "--list")
    assert result.returncode == 0
    for name in ("govuk", "digitalhealth", "nhs-england", "feed URL", "page URL"):
        assert name in result.stdout
    assert "contracts-finder [URL]" in result.stdout and "data-uses-register URL" in result.stdout


def test_crawling_doc_covers_every_source_and_option() -> None:
    from nhskg.commands.crawl import crawl
    from tests.crawl_support import SITES as _sites

    doc = (_sites.parents[2] / "docs" / "crawling.md").read_text(encoding="utf-8")
    for source in ("govuk", "digitalhealth", "nhs-england", "feed", "page"):
        assert f"`{source}" in doc, source
    assert "`contracts-finder" in doc and "`data-uses-register" in doc
    for param in crawl.params:
        for option in getattr(param, "opts", []):
            if option.startswith("--"):
                assert f"`{option}" in doc, f"docs/crawling.md does not document {option}"
