"""Names on their own: a new company named with its legal form, and the initials news uses
for a long name without defining them. Sentences written for these tests."""

from __future__ import annotations

from tests.extract_support import extractor, relations_by_name, text_document  # noqa: F401


def test_a_new_name_ending_in_plc_is_a_company(extractor) -> None:  # noqa: F811
    record = extractor.extract(
        text_document("Shares in Zephyr Health plc rose after Kelmscott Bio Ltd bought a stake.")
    )
    types = {e.name: e.type for e in record.entities}
    assert types.get("Zephyr Health plc") == "Company"
    assert types.get("Kelmscott Bio Ltd") == "Company"


def test_undefined_initials_are_the_long_name_they_abbreviate(extractor) -> None:  # noqa: F811
    record = extractor.extract(
        text_document(
            "Oxford Sciences Innovation plc has raised a further £230m. In its first full year "
            "OSI backed 20 new companies, among them Oxford Flow and Oxford Nanoimaging."
        )
    )
    assert "OSI" not in {e.name for e in record.entities}
    rels = relations_by_name(record)
    assert ("investment", "Oxford Sciences Innovation plc", "Oxford Flow") in rels
    assert ("investment", "Oxford Sciences Innovation plc", "Oxford Nanoimaging") in rels


def test_exchanges_tickers_and_names_before_a_known_name(extractor) -> None:  # noqa: F811
    record = extractor.extract(
        text_document(
            "Cambridge Antibody Technology (LSE: CAT; NASDAQ: CATG) and Abbott (NYSE: ABT) "
            "announced today that they have settled.\n\nFrontier IP Group plc has sold down "
            "its stake in Exscientia. Frontier said the sale raised £2m."
        )
    )
    names = {e.name for e in record.entities}
    assert "London School of Economics" not in names and "CATG" not in names
    assert "Frontier IP Group plc" in names and "IP Group" not in names
    assert "Frontier" not in names  # the short form is the same company
    assert ("equity_stake", "Frontier IP Group plc", "Exscientia") in relations_by_name(record)


def test_places_and_cut_names_are_not_people(extractor) -> None:  # noqa: F811
    record = extractor.extract(
        text_document(
            "Patients in Milton Keynes will benefit, said Jane Smith. British Patient Capital "
            "has backed Grey Wolf Therapeutics and Perspectum."
        )
    )
    people = {e.name for e in record.entities if e.type == "Person"}
    assert "Milton Keynes" not in people and "Grey Wolf" not in people
    assert "Jane Smith" in people
