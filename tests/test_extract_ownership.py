"""Ownership on its own: companies described as another body's arm, purchases named by a
noun, each holder's own percentage, and names that only say where a spin-out came from.
Sentences written for these tests."""

from __future__ import annotations

from tests.extract_support import (  # noqa: F401
    attributes_by_pair,
    extractor,
    relations_by_name,
    relations_in,
    text_document,
)


def stake_percents(extractor, body: str) -> dict[str, float]:  # noqa: F811
    found = attributes_by_pair(extractor, body, "equity_stake")
    return {holder: attrs.get("percent") for (holder, _), attrs in found.items()}


def test_a_company_described_as_a_bodys_arm_is_held_by_that_body(extractor) -> None:  # noqa: F811
    rels = relations_in(
        extractor,
        "Merrow Bio raised £20m in a round led by Lindqvist Partners alongside GV, "
        "Alphabet's venture capital arm, and Sequoia Capital China.\n\n"
        "Cancer Research Technology, the commercial arm of Cancer Research UK, licensed the "
        "compound to Delmont Pharma.",
    )
    assert ("equity_stake", "Alphabet", "GV") in rels
    assert ("equity_stake", "Cancer Research UK", "Cancer Research Technology") in rels
    # the list members around the arm hold nothing
    assert not any(r[0] == "equity_stake" and r[2] == "Sequoia Capital China" for r in rels)


def test_its_arm_belongs_to_the_body_named_before_it_not_the_subject(extractor) -> None:  # noqa: F811
    rels = relations_in(
        extractor,
        "Kestrel Advisory was appointed administrator of the holding company, Harlow Group "
        "Holdings, and of Harlow Partners, its research arm.",
    )
    assert ("equity_stake", "Harlow Group Holdings", "Harlow Partners") in rels
    assert ("equity_stake", "Kestrel Advisory", "Harlow Partners") not in rels


def test_a_purchase_named_by_a_noun_with_its_owner_pronoun(extractor) -> None:  # noqa: F811
    rels = relations_in(
        extractor,
        "It is Oracle's largest acquisition, dwarfing its $9.3bn purchase of NetSuite in 2016.",
    )
    assert ("equity_stake", "Oracle", "NetSuite") in rels


def test_buying_a_firms_goods_is_no_purchase_of_the_firm(extractor) -> None:  # noqa: F811
    rels = relations_in(
        extractor,
        "Leeds Teaching Hospitals NHS Trust said the purchase of Sectra software cost £12m.",
    )
    assert not any(r[0] == "equity_stake" and r[2] == "Sectra" for r in rels)


def test_each_holder_keeps_its_own_percentage(extractor) -> None:  # noqa: F811
    percents = stake_percents(
        extractor,
        "Evotec, the German drug discovery group, held 11.2 per cent of Exscientia, and "
        "Novo Holdings 10.5 per cent.",
    )
    assert percents == {"Evotec": 11.2, "Novo Holdings": 10.5}


def test_the_university_a_spin_out_came_from_holds_no_stake(extractor) -> None:  # noqa: F811
    rels = relations_in(
        extractor,
        "Shares in Corvale Therapeutics, the University of Oxford spin-out, rose 40 per cent "
        "on their first day of trading.",
    )
    assert ("equity_stake", "University of Oxford", "Corvale Therapeutics") not in rels


def test_names_ending_in_a_company_word_are_companies_not_people(extractor) -> None:  # noqa: F811
    record = extractor.extract(
        text_document(
            "Cougar Biotechnology was bought by Johnson & Johnson in 2009. She is director of "
            "Information Technology at Kettering General Hospital NHS Foundation Trust."
        )
    )
    types = {e.name: e.type for e in record.entities}
    assert types.get("Cougar Biotechnology") == "Company"
    assert "Information Technology" not in types
    assert ("equity_stake", "Johnson & Johnson", "Cougar Biotechnology") in relations_by_name(
        record
    )


def test_a_company_bought_by_another_is_a_takeover_not_a_purchase(extractor) -> None:  # noqa: F811
    rels = relations_in(
        extractor,
        "Another company it backed, the cancer-detection specialist Base Genomics, was "
        "bought by the US diagnostics group Exact Sciences in October 2020 for $410m (£343m).",
    )
    assert ("equity_stake", "Exact Sciences", "Base Genomics") in rels
    assert ("contract", "Exact Sciences", "Base Genomics") not in rels
    assert ("investment", "Exact Sciences", "Base Genomics") not in rels


def test_a_company_now_part_of_another_is_held_by_it(extractor) -> None:  # noqa: F811
    rels = relations_in(
        extractor,
        "It was picked after a final round against BT, and took over from the previous "
        "supplier, Cable & Wireless, which is now part of Vodafone.\n\nSheffield Teaching "
        "Hospitals NHS Foundation Trust is part of NHS England's programme.",
    )
    assert ("equity_stake", "Vodafone", "Cable & Wireless") in rels
    assert ("equity_stake", "Vodafone", "BT") not in rels
    assert not any(r[0] == "equity_stake" and r[1] == "NHS England" for r in rels)


def test_a_firm_among_the_owners_holds_its_share(extractor) -> None:  # noqa: F811
    percents = stake_percents(
        extractor,
        "Guy's and St Thomas' NHS Foundation Trust, King's College Hospital NHS Foundation "
        "Trust and Serco each own a third (33.3 per cent) of Viapath.",
    )
    assert percents.get("Serco") == 33.3
    assert percents.get("Guy's and St Thomas' NHS Foundation Trust") == 33.3


def test_a_register_of_holders_gives_each_its_own_numbers(extractor) -> None:  # noqa: F811
    found = attributes_by_pair(
        extractor,
        "Renalytix, the AIM-listed kidney diagnostics company, has published its register. "
        "Renalytix said the other significant shareholders are:\n\n"
        "- Jefferson River Capital LLC, with 8,533,280 shares (8.5%);\n"
        "- Polar Capital, with 4,115,671 shares (4.1%).\n",
        "equity_stake",
    )
    assert found[("Jefferson River Capital LLC", "Renalytix")] == {
        "shares": 8533280,
        "percent": 8.5,
    }
    assert found[("Polar Capital", "Renalytix")]["percent"] == 4.1


def test_a_person_holds_shares_only_when_the_text_says_so(extractor) -> None:  # noqa: F811
    rels = relations_in(
        extractor,
        "Cambridge Antibody Technology has agreed to a takeover. The offer has been agreed "
        "with CAT's board, which is chaired by Dr Paul Nicholson and has recommended it to "
        "shareholders.\n\nLord Drayson, who together with his wife held about 22.8 per cent "
        "of Sensyne Health, has seen the value of that stake shrink.",
    )
    assert ("equity_stake", "Paul Nicholson", "Cambridge Antibody Technology") not in rels
    assert ("equity_stake", "Lord Drayson", "Sensyne Health") in rels
