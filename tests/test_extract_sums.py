"""Whose sum is whose, and verbs the model's lemmatizer gets wrong: fines told with
"fined", takeovers told in the passive or beside the goods the firm sells, several
bodies with a sum each, a combined sum that is no one body's, and a sum each body of a
later list gets. Sentences written for these tests, with invented names."""

from __future__ import annotations

import pytest

from tests.extract_support import (  # noqa: F401
    attributes_by_pair,
    extractor,
    relations_in,
    text_document,
)


@pytest.mark.parametrize(
    ("sentence", "word", "lemma"),
    [
        ("The regulator fined the trust last year.", "fined", "fine"),
        ("The inspectors rated the hospital inadequate.", "rated", "rate"),
        ("Two wards trialled the app.", "trialled", "trial"),
        ("She co-founded Varrow Labs in 2019.", "co-founded", "co-found"),
        ("He co-chairs the board.", "co-chairs", "co-chair"),
        ("The firm signed the deal.", "signed", "sign"),
    ],
)
def test_verbs_get_the_lemma_the_rules_ask_for(extractor, sentence, word, lemma) -> None:  # noqa: F811
    doc = extractor.nlp(sentence)
    assert next(t.lemma_ for t in doc if t.text == word) == lemma


def test_a_fine_told_with_fined_names_each_body_and_its_own_sum(extractor) -> None:  # noqa: F811
    found = attributes_by_pair(
        extractor,
        "The Competition and Markets Authority fined Halvern Pharma Ltd £84.2m, a record at the "
        "time, and Ostrel Medicines Ltd £5.2m.",
        "regulatory_finding",
    )
    regulator = "Competition and Markets Authority"
    assert found[(regulator, "Halvern Pharma Ltd")]["amount_gbp"] == 84_200_000
    assert found[(regulator, "Ostrel Medicines Ltd")]["amount_gbp"] == 5_200_000
    # the outcome runs past the decimal point of the sum
    assert found[(regulator, "Halvern Pharma Ltd")]["outcome"].startswith(
        "fined Halvern Pharma Ltd £84.2m"
    )


def test_a_combined_fine_is_no_one_bodys_fine(extractor) -> None:  # noqa: F811
    found = attributes_by_pair(
        extractor,
        "The Competition and Markets Authority looked at the market for two years. Last "
        "year it fined Halvern Pharma Ltd and Ostrel Medicines Ltd a combined £70m over the drug.",
        "regulatory_finding",
    )
    regulator = "Competition and Markets Authority"
    assert set(found) == {(regulator, "Halvern Pharma Ltd"), (regulator, "Ostrel Medicines Ltd")}
    assert all("amount_gbp" not in attrs for attrs in found.values())


def test_agreeing_to_be_bought_is_a_takeover_by_the_buyer(extractor) -> None:  # noqa: F811
    text = (
        "Quillon Medical Ltd, a transplant device maker, has agreed to be bought by the "
        "Japanese group Saneko Corporation for £1.2 billion."
    )
    found = attributes_by_pair(extractor, text, "equity_stake")
    assert found == {("Saneko Corporation", "Quillon Medical Ltd"): {"amount_gbp": 1.2e9}}
    assert not any(r[0] == "contract" for r in relations_in(extractor, text))


def test_buying_a_firm_described_by_its_software_is_a_takeover(extractor) -> None:  # noqa: F811
    rels = relations_in(
        extractor,
        "Marlow Systems plc, whose records software is used by half of GP practices, has "
        "agreed to buy Pellbrook, a supplier of pharmacy, prescribing and other hospital "
        "software, for £57.5m.",
    )
    assert ("equity_stake", "Marlow Systems plc", "Pellbrook") in rels
    assert ("contract", "Marlow Systems plc", "Pellbrook") not in rels


def test_several_bodies_with_a_sum_each_get_their_own(extractor) -> None:  # noqa: F811
    found = attributes_by_pair(
        extractor,
        "NHS England awarded contracts to Tallis Consulting Ltd (£30m) and Brenmoor "
        "Analytics Ltd (£12m).",
        "contract",
    )
    assert found[("NHS England", "Tallis Consulting Ltd")]["value_gbp"] == 30_000_000
    assert found[("NHS England", "Brenmoor Analytics Ltd")]["value_gbp"] == 12_000_000


def test_a_sum_each_body_gets_then_the_bodies_named(extractor) -> None:  # noqa: F811
    found = attributes_by_pair(
        extractor,
        "Thirty-two NHS trusts will receive money from NHSX to improve their digital systems.\n\n"
        "Three trusts will each receive up to £6 million over three years to deliver their "
        "digital plans. They are University Hospitals Coventry and Warwickshire NHS Trust, "
        "Sussex Community NHS Foundation Trust and East Sussex Healthcare NHS Trust.",
        "investment",
    )
    trusts = {
        "University Hospitals Coventry and Warwickshire NHS Trust",
        "Sussex Community NHS Foundation Trust",
        "East Sussex Healthcare NHS Trust",
    }
    assert {recipient for _, recipient in found} == trusts
    assert all(attrs.get("amount_gbp") == 6_000_000 for attrs in found.values())
