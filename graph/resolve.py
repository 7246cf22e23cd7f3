"""Resolve an extraction record's entity to its IRI in the graph.

Why here and not only in the extractor: records made elsewhere (by hand, by another
tool, by an older extractor) must land on the same nodes. A trust resolves by its ODS
code, else by its name or a known alias or former name; a known organisation by its
gazetteer name or aliases; everything else by type and normalised name.
"""

from __future__ import annotations

from functools import cache

from rdflib import URIRef

from graph import ids
from graph.reference import gazetteer, gazetteer_entity_iri, trusts
from ingest.record import Entity


@cache
def _trust_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for row in trusts().values():
        for name in [row.name, *row.aliases]:
            key = ids.normalise_org_name(name)
            # an open trust wins a name it shares with a closed predecessor
            if key not in names or row.status == "open":
                names[key] = row.ods_code
    return names


@cache
def _gazetteer_names() -> dict[tuple[str, str], URIRef]:
    names: dict[tuple[str, str], URIRef] = {}
    for row in gazetteer().values():
        iri = gazetteer_entity_iri(row)
        for name in [row.name, *row.aliases]:
            names.setdefault((row.type, ids.normalise_org_name(name)), iri)
            names.setdefault(("*", ids.normalise_org_name(name)), iri)
    return names


def trust_code_for_name(name: str) -> str | None:
    return _trust_names().get(ids.normalise_org_name(name))


def entity_iri(entity: Entity) -> URIRef:
    """Trust by ODS code or known name; else the gazetteer; else registry ids; else the name."""
    idents = {k.lower(): v for k, v in entity.identifiers.items() if v}
    if entity.type == "Trust":
        code = idents.get("ods") or trust_code_for_name(entity.name)
        if not code:
            code = next((c for a in entity.aliases if (c := trust_code_for_name(a))), None)
        if code:
            return ids.trust_iri(code)
    if entity.type != "Person":
        names = _gazetteer_names()
        for name in [entity.name, *entity.aliases]:
            key = ids.normalise_org_name(name)
            hit = names.get((entity.type, key)) or names.get(("*", key))
            if hit is not None:
                return hit
    if idents.get("companies_house"):
        return ids.company_number_iri(idents["companies_house"])
    if entity.type == "GovernmentBody" and idents.get("ods"):
        return ids.icb_iri(idents["ods"])
    return ids.name_iri(entity.type, entity.name)
