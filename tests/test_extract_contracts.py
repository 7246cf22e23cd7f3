"""Contracts on their own: customers named as such, a system supplied to a trust, a
supplier chosen "from", and a contract's end date. Sentences written for these tests."""

from __future__ import annotations

from tests.extract_support import attributes_by_pair, extractor  # noqa: F401


def contracts(extractor, body: str) -> dict[tuple[str, str], dict]:  # noqa: F811
    return attributes_by_pair(extractor, body, "contract")


def test_customers_named_as_such_buy_from_the_firm(extractor) -> None:  # noqa: F811
    found = contracts(
        extractor,
        "Accurx's clients include Barts Health NHS Trust and Leeds Teaching Hospitals NHS "
        "Trust.\n\nCurrent Health sells remote monitoring. The drug maker AstraZeneca, "
        "another customer, uses it to follow participants in clinical trials.",
    )
    assert ("Barts Health NHS Trust", "Accurx") in found
    assert ("Leeds Teaching Hospitals NHS Trust", "Accurx") in found
    assert ("AstraZeneca", "Current Health") in found


def test_a_system_supplied_to_a_trust_and_its_end_date(extractor) -> None:  # noqa: F811
    found = contracts(
        extractor,
        "Millennium will replace Lorenzo, which is supplied to Sheffield Teaching Hospitals "
        "NHS Foundation Trust by Dedalus and whose current contract expires in late 2024.\n\n"
        "Barnsley Hospital NHS Foundation Trust chose Lorenzo from CSC in 2013.",
    )
    sheffield = found[("Sheffield Teaching Hospitals NHS Foundation Trust", "Dedalus")]
    assert sheffield.get("end") == "2024" and "start" not in sheffield
    assert any(b == "Barnsley Hospital NHS Foundation Trust" for b, _ in found)


def test_a_group_named_by_number_then_listed_gives_each_its_contract(extractor) -> None:  # noqa: F811
    found = contracts(
        extractor,
        "Ten private hospital groups have signed a deal with NHS England to provide extra "
        "capacity for NHS patients until 31 March.\n\nThe providers are Practice Plus Group, "
        "Spire Healthcare and Nuffield Health.",
    )
    for provider in ("Practice Plus Group", "Spire Healthcare", "Nuffield Health"):
        assert ("NHS England", provider) in found, provider


def test_suppliers_listed_after_a_framework_award_are_all_suppliers(extractor) -> None:  # noqa: F811
    found = contracts(
        extractor,
        "NHS Shared Business Services has appointed 32 organisations to a new national "
        "framework for patient transport.\nAmong the suppliers appointed are:\n"
        "- East Midlands Ambulance Service NHS Trust\n- ERS Medical\n- British Red Cross\n",
    )
    for supplier in (
        "East Midlands Ambulance Service NHS Trust",
        "ERS Medical",
        "British Red Cross",
    ):
        assert ("NHS Shared Business Services", supplier) in found, supplier
    # an NHS trust among the suppliers buys nothing from the others listed with it
    assert not any(b == "East Midlands Ambulance Service NHS Trust" for b, _ in found)


def test_a_contract_a_body_plans_to_extend_exists_and_the_value_told_later(extractor) -> None:  # noqa: F811
    found = contracts(
        extractor,
        "Airedale NHS Foundation Trust plans to extend its patient record (PAS) contract "
        "with Tembrook Systems Ltd by two years. In a notice published in May, the trust "
        "put the value of the extension at £1,250,000.50 excluding VAT.\n\n"
        "Calderdale and Huddersfield NHS Foundation Trust plans to sign its first contract "
        "with Dunmore Health Ltd next year.",
    )
    # a deal named as the trust's own exists, whatever is planned for it
    assert found[("Airedale NHS Foundation Trust", "Tembrook Systems Ltd")] == {
        "value_gbp": 1_250_000.5
    }
    # one it calls its first is still hoped for
    assert not any(s.startswith("Calderdale") for s, _ in found)
