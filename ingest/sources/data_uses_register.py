"""NHS England's Data Uses Register: who receives NHS patient data, and on what terms.

Each agreement (a ``Reference Number`` such as ``DARS-NIC-06303-H3G5G-v1``) becomes one
``data_sharing`` relation: the data provider (NHS Digital for agreements starting before
the two merged on 1 February 2023, NHS England after) → the applicant organisation (a
trust with its ODS code where the name is one), with the datasets, their legal bases,
the commercial-purpose flag, the agreement's period and its reference number.

Input is the monthly register saved by hand (the site blocks automated downloads): the
``.xlsx`` with sheets ``Agreements`` and ``Datasets`` (column names in
``data/samples/README.md``), or a ``.csv`` of the Agreements sheet, optionally
with ``Dataset`` and ``Legal Basis for Provision of Data`` columns (one row per dataset).
A register whose sheets or columns are not these fails the run, naming what is missing.
The record's document is a short generated summary of the agreement (``_records``).
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from ingest.crawl import CrawlContext
from ingest.fetch import SPREADSHEET_TYPES
from ingest.html import LayoutError
from ingest.record import Extractor, Record, Relation, Source, text_sha256
from ingest.sources import SourceInfo
from ingest.sources._common import iso_day, parse_datetime
from ingest.sources._records import Entities, TextBuilder, nhs_organisation, one_line

log = logging.getLogger("nhskg.crawl")

REGISTER_URL = "https://digital.nhs.uk/services/data-access-request-service-dars/data-uses-register"
MERGER = date(2023, 2, 1)  # NHS Digital became part of NHS England
MAX_BYTES = 100 * 1024 * 1024
EXTRACTOR = Extractor("data-uses-register", "1")
REFERENCE = "Reference Number"
AGREEMENT_COLUMNS = (
    REFERENCE,
    "Application Title",
    "Applicant Organisation",
    "Applicant Organisation Type",
    "DSA Start Date",
    "DSA End Date",
    "For Commercial Purposes",
)
DATASET_COLUMNS = (REFERENCE, "Dataset", "Legal Basis for Provision of Data")
COMPANY_WORDS = re.compile(r"\b(ltd|limited|plc|llp|inc|gmbh)\b\.?", re.IGNORECASE)

INFO = SourceInfo(
    name="data-uses-register",
    title="NHS England Data Uses Register",
    publisher="NHS England (NHS Digital before February 2023)",
    home_page=REGISTER_URL,
    licence="Open Government Licence v3.0",
    description="Data sharing agreements for NHS patient data: provider, applicant, datasets, "
    "legal basis, commercial purpose and period.",
    argument="required",
    argument_help="the register saved as .xlsx or .csv (a path, or a URL)",
)


@dataclass
class Agreement:
    reference: str
    title: str
    applicant: str
    applicant_type: str
    start: str | None
    end: str | None
    commercial: bool | None
    controllers: str = ""
    objective: str = ""
    datasets: dict[str, list[str]] = field(default_factory=dict)  # dataset → legal bases


def crawl(context: CrawlContext) -> Iterator[Record]:
    if not context.argument:
        raise ValueError("data-uses-register needs the register file (.xlsx or .csv)")
    for agreement in read_register(context, context.argument):
        start = parse_datetime(agreement.start)
        if not context.is_recent(start.date() if start else None):
            continue
        url = f"{REGISTER_URL}#{agreement.reference}"
        record = context.attempt(url, partial(agreement_record, agreement, url))
        if record is not None:
            yield record


def read_register(context: CrawlContext, where: str) -> list[Agreement]:
    if where.startswith(("http://", "https://")):
        fetched = context.fetch(where, SPREADSHEET_TYPES, max_bytes=MAX_BYTES)
        data, name = fetched.body, fetched.url
    else:
        path = Path(where)
        if not path.is_file():
            raise ValueError(f"{path}: no such file")
        data, name = path.read_bytes(), str(path)
    if data[:2] == b"PK":
        sheets = xlsx_sheets(data)
    elif name.lower().split("?")[0].endswith(".csv") or b"," in data[:4096]:
        sheets = csv_sheets(data)
    else:
        raise LayoutError(f"{name}: neither an .xlsx workbook nor a CSV file")
    return agreements(sheets)


def xlsx_sheets(data: bytes) -> dict[str, list[dict[str, Any]]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise LayoutError(f"not a readable .xlsx workbook: {exc}") from exc
    try:
        sheets = {}
        for name, columns in (("Agreements", AGREEMENT_COLUMNS), ("Datasets", DATASET_COLUMNS)):
            if name not in book.sheetnames:
                raise LayoutError(f"the workbook has no {name!r} sheet (has {book.sheetnames})")
            sheets[name] = table(list(book[name].iter_rows(values_only=True)), columns, name)
        return sheets
    finally:
        book.close()


def csv_sheets(data: bytes) -> dict[str, list[dict[str, Any]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    rows = [tuple(row) for row in csv.reader(io.StringIO(text))]
    agreements_rows = table(rows, AGREEMENT_COLUMNS, "CSV")
    has_datasets = (
        all(c in agreements_rows[0] for c in DATASET_COLUMNS) if agreements_rows else False
    )
    return {"Agreements": agreements_rows, "Datasets": agreements_rows if has_datasets else []}


def table(rows: list[tuple[Any, ...]], required: tuple[str, ...], where: str) -> list[dict]:
    """Rows as dicts under the header row (the first row naming ``Reference Number``)."""
    for index, row in enumerate(rows[:20]):
        header = [one_line(cell) for cell in row]
        if REFERENCE in header:
            missing = [c for c in required if c not in header]
            if missing:
                raise LayoutError(f"{where}: no column(s) {', '.join(map(repr, missing))}")
            body = rows[index + 1 :]
            return [
                dict(zip(header, r, strict=False))
                for r in body
                if any(c not in (None, "") for c in r)
            ]
    raise LayoutError(f"{where}: no header row with {REFERENCE!r}")


def agreements(sheets: dict[str, list[dict[str, Any]]]) -> list[Agreement]:
    found: dict[str, Agreement] = {}
    for row in sheets["Agreements"]:
        ref = one_line(row.get(REFERENCE))
        if ref and ref not in found:
            found[ref] = Agreement(
                reference=ref,
                title=one_line(row.get("Application Title")),
                applicant=one_line(row.get("Applicant Organisation")),
                applicant_type=one_line(row.get("Applicant Organisation Type")),
                start=iso_day(row.get("DSA Start Date")),
                end=iso_day(row.get("DSA End Date")),
                commercial=yes_no(row.get("For Commercial Purposes")),
                controllers=one_line(row.get("Data Controller(s)")),
                objective=one_line(row.get("Objective for Processing")),
            )
    for row in sheets["Datasets"]:
        agreement = found.get(one_line(row.get(REFERENCE)))
        dataset = one_line(row.get("Dataset"))
        if agreement is None or not dataset:
            continue
        bases = agreement.datasets.setdefault(dataset, [])
        basis = one_line(row.get("Legal Basis for Provision of Data"))
        if basis and basis not in bases:
            bases.append(basis)
    log.info("register: %d agreements", len(found))
    return list(found.values())


def yes_no(value: Any) -> bool | None:
    """``Yes`` / ``No (Agency/Public Body)`` → True / False; anything else is unknown."""
    word = one_line(value).lower()
    if word.startswith(("yes", "true", "y ")) or word == "y":
        return True
    if word.startswith(("no", "false")) or word == "n":
        return False
    return None


def agreement_record(agreement: Agreement, url: str) -> Record:
    a = agreement
    if not a.applicant:
        raise LayoutError(f"{a.reference}: no Applicant Organisation")
    provider = "NHS Digital" if a.start and date.fromisoformat(a.start) < MERGER else "NHS England"
    receiver_type, receiver_ids = organisation_type(a.applicant, a.applicant_type)
    text, entities = TextBuilder(), Entities()
    text.add(f"{a.title or a.reference}\n\nData Uses Register entry {a.reference}.\n")
    start = text.length
    subject = entities.mention(provider, text.add(provider), "GovernmentBody")
    text.add(" provides data to ")
    obj = entities.mention(a.applicant, text.add(a.applicant), receiver_type, receiver_ids)
    text.add(f" under data sharing agreement {a.reference}{_period(a)}; for commercial purposes: ")
    text.add({True: "yes", False: "no", None: "not stated"}[a.commercial] + ".")
    if a.datasets:
        listed = "; ".join(
            f"{d} ({', '.join(b) or 'legal basis not stated'})" for d, b in a.datasets.items()
        )
        text.add(f"\nDatasets and legal bases: {listed}.")
    evidence = text.span_since(start)
    text.add("\n")
    if a.controllers:
        text.add(f"Data controller(s): {a.controllers}.\n")
    if a.objective:
        text.add(f"Objective for processing: {a.objective}\n")
    attributes = {
        "dataset": list(a.datasets) or None,
        "legal_basis": sorted({b for bases in a.datasets.values() for b in bases}) or None,
        "commercial": a.commercial,
        "start": a.start,
        "end": a.end,
        "identifier": a.reference,
        "agreement": a.title or None,
    }
    attributes = {k: v for k, v in attributes.items() if v is not None}
    relation = Relation("data_sharing", subject, obj, evidence, 1.0, attributes)
    body = text.text()
    title = a.title or a.reference
    source = Source(url, title, a.start, "NHS England", text_sha256(body), "register_entry")
    return Record(source, entities.all(), [relation], EXTRACTOR)


def _period(a: Agreement) -> str:
    if a.start and a.end:
        return f", from {a.start} to {a.end}"
    return f", from {a.start}" if a.start else (f", until {a.end}" if a.end else "")


def organisation_type(name: str, declared: str) -> tuple[str, dict[str, str]]:
    """The applicant's entity type: a trust or ICB by the reference data, else from the
    register's organisation type and the name's own words."""
    nhs = nhs_organisation(name)
    if nhs is not None:
        return nhs
    kind, lowered = declared.lower(), name.lower()
    if "universit" in lowered or "academic" in kind or "university" in kind:
        return "University", {}
    if "commercial" in kind or "company" in kind or COMPANY_WORDS.search(name):
        return "Company", {}
    if "charit" in kind or "charit" in lowered:
        return "Charity", {}
    public = ("government", "public", "local authority", "agency", "department", "nhs", "icb")
    if any(w in kind for w in public) or "council" in lowered or lowered.startswith("nhs "):
        return "GovernmentBody", {}
    return "Other", {}
