"""Funding on its own: sums several bodies share, funders listed in a relative clause, and
state research institutes typed as government bodies. Sentences written for these tests."""

from __future__ import annotations

from tests.extract_support import (  # noqa: F401
    attributes_by_pair,
    extractor,
    relations_by_name,
    text_document,
)


def investments(extractor, body: str) -> dict[tuple[str, str], dict]:  # noqa: F811
    return attributes_by_pair(extractor, body, "investment")


def test_bodies_sharing_a_sum_each_receive_without_its_amount(extractor) -> None:  # noqa: F811
    found = investments(
        extractor,
        "Barts Health NHS Trust and Whittington Health NHS Trust will share £2m from the "
        "NHS AI Lab.\n\nBirmingham Women's and Children's NHS Foundation Trust is one of "
        "eight trusts to share £6m from NHS England for the scheme.",
    )
    assert ("NHS AI Lab", "Barts Health NHS Trust") in found
    assert ("NHS AI Lab", "Whittington Health NHS Trust") in found
    birmingham = ("NHS England", "Birmingham Women's and Children's NHS Foundation Trust")
    assert birmingham in found
    assert "amount_gbp" not in found[birmingham]  # £6m is the eight trusts' together


def test_a_share_of_a_fine_is_no_funding(extractor) -> None:  # noqa: F811
    found = investments(
        extractor,
        "The Competition and Markets Authority fined Pfizer and Flynn Pharma £70m. Pfizer's "
        "share is £63.3m.",
    )
    assert not found


def test_every_funder_a_group_includes_is_a_funder(extractor) -> None:  # noqa: F811
    found = investments(
        extractor,
        "Health Data Research UK is funded by a group that includes the Medical Research "
        "Council, the Wellcome Trust and the British Heart Foundation.",
    )
    funders = {f for f, r in found if r == "Health Data Research UK"}
    assert funders == {"Medical Research Council", "Wellcome", "British Heart Foundation"}


def test_a_national_institute_is_a_government_body(extractor) -> None:  # noqa: F811
    record = extractor.extract(
        text_document(
            "The compound won a grant from the US National Institute on Drug Abuse, and the "
            "National Institute of Mental Health funds the wider study."
        )
    )
    types = {e.name: e.type for e in record.entities}
    assert types.get("US National Institute on Drug Abuse") == "GovernmentBody"
    assert types.get("National Institute of Mental Health") == "GovernmentBody"
    assert not any(r[0] == "investment" and r[2] == "NIDA" for r in relations_by_name(record))
