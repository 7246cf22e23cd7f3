"""Known organisations, read once from ``data/`` and handed to the components.

Three sources: the ODS reference data (every NHS trust, open or closed, with the curated
short names, abbreviations and former names of ``trust_aliases.csv``; CCGs and ICBs), and
the curated ``data/gazetteer/organisations.csv`` (companies, NHS bodies, regulators,
universities, charities). Every known organisation gets one key (``ods:RAL``,
``gaz:deepmind``) that the record keeps, so the same organisation has one identity across
documents.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from graph.reference import ods_title
from ingest.extract.names import org_key

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"
FUZZY_THRESHOLD = 92.0
DISTINCTIVE_MIN = 88.0
# Words many names share: two names alike only in these are not alike.
GENERIC_WORDS = {
    "the",
    "of",
    "and",
    "for",
    "university",
    "nhs",
    "foundation",
    "trust",
    "hospital",
    "hospitals",
    "health",
    "care",
    "healthcare",
    "services",
    "medical",
    "technologies",
    "technology",
    "group",
    "uk",
    "national",
    "institute",
    "college",
    "centre",
    "council",
    "board",
    "ccg",
    "icb",
    "teaching",
    "general",
    "royal",
    "ltd",
    "limited",
    "plc",
}


def distinctive(key: str) -> str:
    """A normalised name without the words many names share."""
    words = [w for w in key.split() if w not in GENERIC_WORDS]
    return " ".join(words) or key


# A trust name without "NHS (Foundation) Trust" is a safe short form only when it still
# names an institution ("Kettering General Hospital"), not just a place ("Somerset").
INSTITUTION_WORDS = {
    "Hospital",
    "Hospitals",
    "Healthcare",
    "Health",
    "Teaching",
    "Children's",
    "Eye",
    "Care",
    "Partnership",
    "Ambulance",
    "Royal",
    "Infirmary",
    "Orthopaedic",
    "Women's",
    "Clinic",
}
TRUST_SUFFIXES = (" NHS Foundation Trust", " NHS Trust")


@dataclass
class KnownOrg:
    key: str
    name: str
    type: str
    identifiers: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    open: bool = True
    close_date: str = ""


@dataclass
class Surface:
    """A string that names a known organisation, for the phrase matcher."""

    text: str
    key: str
    case_sensitive: bool = True


class Gazetteer:
    """Lookup of known organisations by surface string, normalised name or fuzzy name."""

    def __init__(self) -> None:
        self.orgs: dict[str, KnownOrg] = {}
        self.surfaces: list[Surface] = []
        self._by_key: dict[str, list[str]] = defaultdict(list)
        self._fuzzy_names: dict[str, list[tuple[str, str]]] = defaultdict(list)
        # per type, the names alone (rapidfuzz's choices) and the answers given so far:
        # the same unknown name is looked up for every mention of it in every document
        self._fuzzy_choices: dict[str, list[str]] = {}
        self._fuzzy_seen: dict[tuple[str, str, float], KnownOrg | None] = {}
        # Normalised names of products, programmes, data sets and publications.
        self.products: set[str] = set()
        # Given names: an unknown "Firstname Surname" the NER calls an ORG is a person.
        self.first_names: set[str] = set()
        # Normalised names of towns, counties, regions and countries.
        self.places: set[str] = set()

    # -- building -------------------------------------------------------------------
    def add(self, org: KnownOrg, surfaces: list[tuple[str, bool]]) -> None:
        self.orgs[org.key] = org
        for text, case_sensitive in surfaces:
            text = " ".join(text.split())
            if not text:
                continue
            self.surfaces.append(Surface(text, org.key, case_sensitive))
            nkey = org_key(text)
            if nkey and org.key not in self._by_key[nkey]:
                self._by_key[nkey].append(org.key)
            self._fuzzy_names[org.type].append((nkey, org.key))
            self._fuzzy_choices.pop(org.type, None)
            self._fuzzy_seen.clear()

    def add_products(self, names: list[str]) -> None:
        self.products.update(org_key(n) for n in names if n.strip())

    # -- lookups --------------------------------------------------------------------
    def is_place(self, name: str) -> bool:
        """A town, county, region or country, not an organisation."""
        return org_key(name) in self.places and self.lookup(name) is None

    def is_product(self, name: str) -> bool:
        """A known product, programme, data set or publication, not an organisation."""
        return org_key(name) in self.products and self.lookup(name) is None

    def lookup(self, name: str, type_: str | None = None) -> KnownOrg | None:
        """The organisation this exact name (up to normalisation) names, or None."""
        keys = self._by_key.get(org_key(name), [])
        found = [self.orgs[k] for k in keys if type_ is None or self.orgs[k].type == type_]
        if not found:
            return None
        return sorted(found, key=lambda o: (not o.open, o.key))[0]

    def is_full_name(self, key: str, text: str) -> bool:
        """A formal name ("… NHS Foundation Trust"), not a short name or a hospital's."""
        return bool(re.search(r"\b(Trust|Board)\b", text))

    def fuzzy(self, name: str, type_: str, threshold: float = FUZZY_THRESHOLD) -> KnownOrg | None:
        """The organisation of this type whose name is closest, if at least ``threshold``
        (remembered per name, up to ``FUZZY_MEMORY`` names, so memory stays bounded over a
        stream)."""
        key = org_key(name)
        asked = (key, type_, threshold)
        if asked not in self._fuzzy_seen:
            if len(self._fuzzy_seen) >= FUZZY_MEMORY:
                self._fuzzy_seen.clear()
            self._fuzzy_seen[asked] = self._closest(key, type_, threshold)
        return self._fuzzy_seen[asked]

    def _closest(self, key: str, type_: str, threshold: float) -> KnownOrg | None:
        choices = self._fuzzy_names.get(type_, [])
        if not choices:
            return None
        if type_ not in self._fuzzy_choices:
            self._fuzzy_choices[type_] = [c[0] for c in choices]
        hits = process.extract(
            key, self._fuzzy_choices[type_], scorer=fuzz.ratio, score_cutoff=threshold, limit=3
        )
        for _, _, index in hits:
            if fuzz.ratio(distinctive(key), distinctive(choices[index][0])) >= DISTINCTIVE_MIN:
                return self.orgs[choices[index][1]]
        return self.grown_from(key, type_) if type_ == "Trust" else None

    def grown_from(self, key: str, type_: str) -> KnownOrg | None:
        """A trust by the name it had before it took in a neighbour: "Worcestershire Health
        and Care NHS Trust" is now "Herefordshire and Worcestershire Health and Care NHS
        Trust", whose name ends with the old one. Only when one trust's name so ends."""
        if len(key.split()) < 4:
            return None
        ends = {
            index
            for name, index in self._fuzzy_names.get(type_, [])
            if name != key and name.endswith(" " + key)
        }
        return self.orgs[ends.pop()] if len(ends) == 1 else None


FUZZY_MEMORY = 50_000


def load_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    gaz = Gazetteer()
    _add_trusts(gaz, data_dir / "reference")
    _add_commissioners(gaz, data_dir / "reference")
    _add_curated(gaz, data_dir / "gazetteer" / "organisations.csv")
    gaz.add_products(_read_lines(data_dir / "gazetteer" / "products.txt"))
    _add_places(gaz, data_dir / "reference")
    for line in _read_lines(data_dir / "gazetteer" / "first_names.txt"):
        gaz.first_names.update(line.split())
    return gaz


COUNTRIES = (
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Britain",
    "Great Britain",
    "United Kingdom",
    "Ireland",
    "Europe",
    "United States",
    "America",
    "China",
    "India",
    "Israel",
    "Germany",
    "France",
    "Canada",
    "Australia",
    "Japan",
)


def _add_places(gaz: Gazetteer, ref: Path) -> None:
    """Towns and counties of the trusts' addresses, regions, countries."""
    names: set[str] = set(COUNTRIES)
    for row in _read_csv(ref / "nhs_trusts.csv"):
        for column in ("town", "county", "gor_name", "nhs_england_region_name"):
            value = (row.get(column) or "").strip()
            if value and not any(ch.isdigit() for ch in value):
                names.add(ods_title(value))
    for row in _read_csv(ref / "gor_codes.csv"):
        for value in row.values():
            if value and not any(ch.isdigit() for ch in value) and len(value) > 3:
                names.add(value.strip())
    gaz.places.update(org_key(n) for n in names)


@cache
def given_name_genders(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """First name → "female" or "male" for names news uses for one sex only, so that "she"
    and "he" can pass over a person whose name says otherwise."""
    out: dict[str, str] = {}
    for line in _read_lines(data_dir / "gazetteer" / "given_name_genders.txt"):
        sex, _, names = line.partition(":")
        out.update((name, sex.strip()) for name in names.split())
    return out


def _read_lines(path: Path) -> list[str]:
    """Non-empty lines of a list file, without ``#`` comments."""
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def trust_name_variants(name: str) -> list[tuple[str, bool]]:
    """Full-name variants (matched ignoring case) and safe short forms (case-sensitive)."""
    name = re.sub(r"^The ", "", name)
    out = [(name, False), (name.replace(" and ", " & "), False)]
    for suffix in TRUST_SUFFIXES:
        if name.endswith(suffix):
            core = name[: -len(suffix)]
            out.append((core + " Foundation Trust", False))
            out.append((core + " Trust", False))
            if set(core.split()) & INSTITUTION_WORDS and len(core.split()) >= 2:
                out.append((core, True))
    return out


def _add_trusts(gaz: Gazetteer, ref: Path) -> None:
    aliases: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in _read_csv(ref / "trust_aliases.csv"):
        aliases[row["ods_code"]].append((row["alias"], row.get("kind", "")))
    for row in _read_csv(ref / "nhs_trusts.csv"):
        code = row["ods_code"]
        name = re.sub(r"^The ", "", ods_title(row["name"]))
        surfaces = trust_name_variants(name)
        alias_names = []
        for alias, kind in aliases.get(code, []):
            alias = re.sub(r"^the ", "", alias)
            alias_names.append(alias)
            if kind in ("name", "former"):
                surfaces.extend(trust_name_variants(alias))
            else:
                surfaces.append((alias, True))
        org = KnownOrg(
            key=f"ods:{code}",
            name=name,
            type="Trust",
            identifiers={"ods": code},
            aliases=alias_names,
            open=row["status"] == "open",
            close_date=row.get("close_date") or "",
        )
        gaz.add(org, surfaces)


def _add_commissioners(gaz: Gazetteer, ref: Path) -> None:
    eccg = ref / "eccg.csv"
    if eccg.exists():
        with eccg.open(encoding="utf-8") as fh:
            for row in csv.reader(fh):
                code, upper = row[0], row[1]
                if not upper.endswith(" CCG"):
                    continue
                name = ods_title(upper)
                core = name.removeprefix("NHS ").removesuffix(" CCG")
                variants = [name, f"{core} CCG", f"NHS {core} Clinical Commissioning Group"]
                variants.append(f"{core} Clinical Commissioning Group")
                org = KnownOrg(
                    f"ods:{code}", name, "GovernmentBody", {"ods": code}, open=not row[11]
                )
                gaz.add(org, [(v, False) for v in variants])
    for row in _read_csv(ref / "icb_names_codes_dec_2024.csv"):
        code, name = row["ICB24CDH"], row["ICB24NM"]
        core = name.removeprefix("NHS ").removesuffix(" Integrated Care Board")
        variants = [name, f"{core} ICB", f"NHS {core} ICB", f"{core} Integrated Care Board"]
        # "NHS North East London": the name each board uses of itself since 2022, matched
        # only as written (lower case it is a phrase, "the NHS in north east London")
        gaz.add(
            KnownOrg(f"ods:{code}", name, "GovernmentBody", {"ods": code}),
            [(v, False) for v in variants] + [(f"NHS {core}", True)],
        )


def _add_curated(gaz: Gazetteer, path: Path) -> None:
    for row in _read_csv(path):
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        sectors = [s.strip() for s in (row.get("sectors") or "").split("|") if s.strip()]
        identifiers = {}
        if (row.get("companies_house") or "").strip():
            identifiers["companies_house"] = row["companies_house"].strip()
        org = KnownOrg(
            key=f"gaz:{row['id']}",
            name=row["name"],
            type=row["type"],
            identifiers=identifiers,
            aliases=aliases,
            sectors=sectors,
        )
        surfaces = [(row["name"], True)] + [(a, True) for a in aliases]
        surfaces += [(s.removeprefix("The "), True) for s, _ in surfaces if s.startswith("The ")]
        gaz.add(org, surfaces)
