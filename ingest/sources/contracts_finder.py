"""Contracts Finder: technology contracts awarded by NHS buyers, from OCDS releases.

Each award of a release becomes one ``contract`` relation per supplier: buyer (a trust
with its ODS code, or an ICB) → supplier (a company), with the award's value in pounds,
the contract period and the OCDS ``ocid`` as the agreement's identifier. Releases whose
buyer is not an NHS trust or ICB, or whose CPV codes are not technology, are passed over.

Input: the Contracts Finder OCDS search API from ``--since`` (default: the last 30 days),
following the package's ``links.next``; or a release package URL; or a saved JSON file
(or a folder of them) holding a release package, a record package or a single release.
The record's document is a short generated summary of the release (``_records``).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from ingest.crawl import CrawlContext
from ingest.fetch import JSON_TYPES
from ingest.html import LayoutError
from ingest.record import Extractor, Record, Relation, Source, text_sha256
from ingest.sources import SourceInfo
from ingest.sources._common import iso_day, require, with_query
from ingest.sources._records import Entities, TextBuilder, nhs_organisation, one_line

log = logging.getLogger("nhskg.crawl")

SITE = "https://www.contractsfinder.service.gov.uk"
SEARCH_URL = f"{SITE}/Published/Notices/OCDS/Search"
RELEASE_URL = SITE + "/Published/Notice/releases/{notice}.json"
TECH_CPV_PREFIXES = ("48", "72", "30", "32", "73", "33195")
DEFAULT_DAYS = 30
PAGE_SIZE = 100
MAX_PAGE_BYTES = 50 * 1024 * 1024
EXTRACTOR = Extractor("contracts-finder", "1")
NOTICE_ID = re.compile(r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", re.I)

INFO = SourceInfo(
    name="contracts-finder",
    title="Contracts Finder award notices (OCDS)",
    publisher="Cabinet Office (Contracts Finder)",
    home_page="https://www.contractsfinder.service.gov.uk/",
    licence="Open Government Licence v3.0",
    description=(
        "Technology contracts (CPV 48, 72, 30, 32, 73, 33195) awarded by NHS trusts and "
        "ICBs: buyer (ODS code), supplier, value, period, OCDS ocid."
    ),
    argument="optional",
    argument_help="a release package URL, or a saved OCDS JSON file or folder "
    "(default: the search API from --since)",
)


def crawl(context: CrawlContext) -> Iterator[Record]:
    for release in releases(context):
        reason = irrelevant(release)
        if reason:
            log.debug("passed over %s: %s", release.get("ocid"), reason)
            continue
        if not context.is_recent(_day(release.get("date"))):
            continue
        record = context.attempt(str(release.get("ocid")), partial(release_record, release))
        if record is not None:
            yield record


def releases(context: CrawlContext) -> Iterator[dict[str, Any]]:
    """Releases from the API, a URL or saved files, latest version of each ocid once."""
    argument = context.argument
    if argument and not argument.startswith(("http://", "https://")):
        yield from _latest(_file_releases(Path(argument)))
        return
    url: str | None = argument or _search_url(context.since)
    seen: set[str] = set()
    while url and url not in seen:
        seen.add(url)
        package = json.loads(context.fetch(url, JSON_TYPES, max_bytes=MAX_PAGE_BYTES).body)
        found = list(package_releases(package))
        yield from _latest(found)
        next_url = (package.get("links") or {}).get("next") if isinstance(package, dict) else None
        url = next_url if found else None


def _search_url(since: date | None) -> str:
    if since is None:
        since = datetime.now(UTC).date() - timedelta(days=DEFAULT_DAYS)
        log.info("contracts-finder: no --since given; awards published from %s", since)
    params = [("stages", "award"), ("limit", str(PAGE_SIZE))]
    return with_query(SEARCH_URL, [*params, ("publishedFrom", f"{since.isoformat()}T00:00:00")])


def _file_releases(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        raise ValueError(f"{path}: no such file or folder")
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{file}: not readable JSON: {exc}") from exc
        yield from package_releases(data)


def package_releases(data: Any) -> Iterator[dict[str, Any]]:
    """Releases of a release package, record package (compiled releases) or lone release."""
    if not isinstance(data, dict):
        raise LayoutError("OCDS JSON must be an object")
    if isinstance(data.get("releases"), list):
        yield from (r for r in data["releases"] if isinstance(r, dict))
    elif isinstance(data.get("records"), list):
        for record in data["records"]:
            if isinstance(record, dict) and isinstance(record.get("compiledRelease"), dict):
                yield record["compiledRelease"]
    elif "ocid" in data:
        yield data
    else:
        raise LayoutError("OCDS JSON has no releases, records or ocid")


def _latest(found: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    latest: dict[str, dict[str, Any]] = {}
    for release in found:
        key = str(release.get("ocid") or release.get("id"))
        if key not in latest or str(release.get("date")) > str(latest[key].get("date")):
            latest[key] = release
    yield from latest.values()


def irrelevant(release: dict[str, Any]) -> str | None:
    """Why a release is outside the graph (``None`` when it belongs in it)."""
    if not release.get("awards"):
        return "no awards"
    if nhs_organisation(buyer_name(release)) is None:
        return f"buyer {buyer_name(release)!r} is not an NHS trust or ICB"
    codes = cpv_codes(release)
    if not any(code.startswith(TECH_CPV_PREFIXES) for code in codes):
        return f"CPV {', '.join(sorted(codes)) or 'none'} is not technology"
    return None


def buyer_name(release: dict[str, Any]) -> str:
    buyer = release.get("buyer") or {}
    if isinstance(buyer, dict) and buyer.get("name"):
        return one_line(buyer["name"])
    for party in release.get("parties") or []:
        if isinstance(party, dict) and "buyer" in (party.get("roles") or []):
            return one_line(party.get("name"))
    return ""


def cpv_codes(release: dict[str, Any]) -> set[str]:
    tender = release.get("tender") or {}
    found = [tender.get("classification")]
    for item in tender.get("items") or []:
        if isinstance(item, dict):
            found += [item.get("classification"), *(item.get("additionalClassifications") or [])]
    return {
        str(c["id"])
        for c in found
        if isinstance(c, dict) and c.get("id") and str(c.get("scheme", "CPV")).upper() == "CPV"
    }


def release_url(release: dict[str, Any]) -> str:
    """The release's own JSON on Contracts Finder (not the notice page, which news cites)."""
    match = NOTICE_ID.match(str(release.get("id") or ""))
    if not match:
        raise LayoutError(f"release {release.get('ocid')!r} has no Contracts Finder notice id")
    return RELEASE_URL.format(notice=match.group(1).lower())


def release_record(release: dict[str, Any]) -> Record:
    """One record per release: a ``contract`` relation per active award and supplier."""
    ocid = str(require(release, "ocid"))
    url = release_url(release)
    tender = release.get("tender") or {}
    title = one_line(tender.get("title")) or f"Contract award {ocid}"
    published = iso_day(release.get("date"))
    text, entities = TextBuilder(), Entities()
    text.add(f"{title}\n\n")
    text.add(f"Contract award {ocid}, published on Contracts Finder on {published or '?'}.\n")
    relations = []
    for award in release.get("awards") or []:
        if not isinstance(award, dict) or award.get("status") not in (None, "active"):
            continue
        for supplier in award.get("suppliers") or []:
            if isinstance(supplier, dict) and one_line(supplier.get("name")):
                relation = _award(text, entities, release, award, supplier)
                relations.append(relation)
    if not relations:
        raise LayoutError(f"release {ocid} has no active award with a supplier")
    _describe(text, tender)
    body = text.text()
    source = Source(url, title, published, "Contracts Finder", text_sha256(body), "register_entry")
    return Record(source, entities.all(), relations, EXTRACTOR)


def _award(
    text: TextBuilder,
    entities: Entities,
    release: dict[str, Any],
    award: dict[str, Any],
    supplier: dict[str, Any],
) -> Relation:
    """Write the award's sentence; its span is the relation's evidence."""
    tender = release.get("tender") or {}
    buyer = buyer_name(release)
    buyer_type, buyer_ids = nhs_organisation(buyer) or ("Other", {})
    name = one_line(supplier.get("name"))
    period = award.get("contractPeriod") or tender.get("contractPeriod") or {}
    value = gbp(award.get("value"))
    start, end = iso_day(period.get("startDate")), iso_day(period.get("endDate"))
    sentence_start = text.length
    subject = entities.mention(buyer, text.add(buyer), buyer_type, buyer_ids)
    text.add(" awarded a contract to ")
    obj = entities.mention(name, text.add(name), "Company", supplier_ids(release, supplier))
    text.add(_terms(value, start, end) + ".")
    evidence = text.span_since(sentence_start)
    text.add("\n")
    attributes = {
        "value_gbp": value,
        "start": start,
        "end": end,
        "identifier": str(release["ocid"]),
        "agreement": one_line(tender.get("title")) or None,
    }
    attributes = {k: v for k, v in attributes.items() if v is not None}
    return Relation("contract", subject, obj, evidence, 1.0, attributes)


def _terms(value: float | int | None, start: str | None, end: str | None) -> str:
    words = ""
    if value is not None:
        words += f" worth £{value:,}" if isinstance(value, int) else f" worth £{value:,.2f}"
    if start and end:
        words += f", from {start} to {end}"
    elif start:
        words += f", from {start}"
    elif end:
        words += f", until {end}"
    return words


def _describe(text: TextBuilder, tender: dict[str, Any]) -> None:
    description = one_line(tender.get("description"))
    if description:
        text.add(f"What it covers: {description}\n")
    classification = tender.get("classification") or {}
    if isinstance(classification, dict) and classification.get("id"):
        label = one_line(classification.get("description"))
        text.add(f"Classification: CPV {classification['id']}{', ' + label if label else ''}.\n")


def gbp(value: Any) -> float | int | None:
    """An OCDS value in pounds; other currencies are left out rather than mislabelled."""
    if not isinstance(value, dict) or value.get("amount") in (None, ""):
        return None
    if str(value.get("currency") or "GBP").upper() != "GBP":
        return None
    try:
        amount = float(value["amount"])
    except (TypeError, ValueError):
        return None
    if amount < 0:
        return None
    return int(amount) if amount.is_integer() else amount


def supplier_ids(release: dict[str, Any], supplier: dict[str, Any]) -> dict[str, str]:
    """A Companies House number when the supplier's party carries one (scheme GB-COH)."""
    for party in release.get("parties") or []:
        if isinstance(party, dict) and party.get("id") == supplier.get("id"):
            identifiers = [party.get("identifier"), *(party.get("additionalIdentifiers") or [])]
            for ident in identifiers:
                if isinstance(ident, dict) and ident.get("scheme") == "GB-COH" and ident.get("id"):
                    return {"companies_house": str(ident["id"]).strip()}
    return {}


def _day(value: Any) -> date | None:
    day = iso_day(value)
    return date.fromisoformat(day) if day else None
