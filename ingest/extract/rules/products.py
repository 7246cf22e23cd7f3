"""Products and their makers, as a document names them, for deals told by product.

Why: news often says what a buyer bought by its product ("the trusts procured Millennium
together"), having said earlier whose product it is ("Cerner's Millennium", "its
Millennium software", "the Cerner Millennium record"). ``prepare`` reads those pairings
once per document; ``makers(unit)`` gives the makers of the products a statement names.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ingest.extract.rules.units import Occ, Unit

POSSESSIVES = ("'s", "’s")


def prepare(units: list[Unit]) -> None:
    if not units:
        return
    doc = units[0].doc
    seen: dict[str, list[Occ]] = {}
    taken: set[int] = set()
    for unit in units:
        taken.update(i for o in unit.occs if o.named for i in range(o.start, o.end))
    for unit in units:
        for occ in unit.occs:
            if occ.type != "Company":
                continue
            name = product_after(doc, occ, taken)
            if name is not None:
                seen.setdefault(name, []).append(occ)
    # the maker named with the product most often ("Cerner Millennium" twice beats one
    # "its Millennium" that may stand for the company that bought Cerner)
    found = {
        name: max(occs, key=lambda o: (sum(x.key == o.key for x in occs), o.named))
        for name, occs in seen.items()
    }
    for unit in units:
        unit.extra["products"] = found


def product_after(doc: Doc, occ: Occ, taken: set[int]) -> str | None:
    """ "Cerner Millennium", "Cerner's Millennium", "its Millennium software": the
    capitalised word(s) right after a company (or "its" standing for one)."""
    i = occ.end
    if i < len(doc) and doc[i].text in POSSESSIVES:
        i += 1
    elif not occ.named and doc[occ.start].lower_ != "its":
        return None
    j = i
    while j < len(doc) and j - i < 3 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
        if j in taken:
            return None
        j += 1
    if j == i:
        return None
    return doc[i:j].text


def makers(unit: Unit) -> list[Occ]:
    """The makers of the products the statement names (not the statement's own
    occurrence of the maker)."""
    products: dict[str, Occ] = unit.extra.get("products", {})
    out: list[Occ] = []
    for name, maker in products.items():
        if name in unit.text and all(o.key != maker.key for o in out):
            out.append(maker)
    return out
