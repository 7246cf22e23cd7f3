"""Partnerships told without the word: NHS bodies testing or trialling a firm's product.
Sentences written for these tests."""

from __future__ import annotations

from tests.extract_support import (  # noqa: F401
    extractor,
    relations_by_name,
    relations_in,
    text_document,
)


def partnerships(extractor, body: str) -> set[tuple[str, str]]:  # noqa: F811
    return {(s, o) for t, s, o in relations_in(extractor, body) if t == "partnership"}


def relations(extractor, body: str) -> set[tuple[str, str, str]]:  # noqa: F811
    return relations_by_name(extractor.extract(text_document(body)))


def test_trusts_trying_out_a_firms_product_partner_the_firm(extractor) -> None:  # noqa: F811
    found = partnerships(
        extractor,
        "Leeds Teaching Hospitals NHS Trust will test Kheiron's Mia software on 10,000 "
        "mammograms.\n\nBarts Health NHS Trust is trialling an artificial intelligence tool "
        "made by Qure.ai to read chest X-rays.\n\nFive more NHS trusts are to test software "
        "from Ibex Medical Analytics. Imperial College Healthcare NHS Trust and University "
        "Hospital Southampton NHS Foundation Trust will compare the findings of its Galen "
        "platform with those of their pathologists.",
    )
    assert ("Leeds Teaching Hospitals NHS Trust", "Kheiron Medical Technologies") in found
    assert ("Barts Health NHS Trust", "Qure.ai") in found
    assert ("Imperial College Healthcare NHS Trust", "Ibex Medical Analytics") in found
    assert (
        "University Hospital Southampton NHS Foundation Trust",
        "Ibex Medical Analytics",
    ) in found


def test_testing_patients_or_ideas_is_no_partnership(extractor) -> None:  # noqa: F811
    found = partnerships(
        extractor,
        "Leeds Teaching Hospitals NHS Trust will test 10,000 patients for the virus, and "
        "Kheiron Medical Technologies will assess the idea separately.",
    )
    assert not found


def test_a_name_that_only_says_whose_bodies_they_are_is_no_party(extractor) -> None:  # noqa: F811
    found = partnerships(
        extractor,
        "Two NHS Scotland boards, the University of Glasgow and the digital health company "
        "Lenus Health have signed a memorandum of understanding to test new treatments.",
    )
    assert not any(s == "NHS Scotland" for s, _ in found)
    assert ("University of Glasgow", "Lenus Health") in found


def test_the_deal_a_purchase_was_told_as_is_no_partnership(extractor) -> None:  # noqa: F811
    found = partnerships(
        extractor,
        "Bolton NHS Foundation Trust and Stockport NHS Foundation Trust have signed a "
        "contract with Sectra for a shared imaging system.\n\nThe deal with Sectra was signed "
        "this month by the Greater Manchester Provider Federation Board on the trusts' behalf.",
    )
    assert not any(o == "Sectra" for _, o in found)


def test_members_of_a_group_partner_its_founder_and_get_its_data(extractor) -> None:  # noqa: F811
    rels = relations(
        extractor,
        "Genomics England has formed an industry group, the GENE Consortium. During "
        "the trial year, members will be given access to about 5,000 whole genome "
        "sequences. The members are AbbVie, Biogen and Takeda. Genomics England "
        "said the group would share its findings.",
    )
    for member in ("AbbVie", "Biogen", "Takeda"):
        assert ("partnership", "Genomics England", member) in rels, member
        assert ("data_sharing", "Genomics England", member) in rels, member


def test_people_listed_as_a_panels_members_are_no_partners(extractor) -> None:  # noqa: F811
    rels = relations(
        extractor,
        "The Welsh Government has set up an advisory group on artificial "
        "intelligence. Members from outside government are:\n"
        "- Professor Diane Gutiw, research lead at CGI\n"
        "- Ruth McGuinness, head of data at Kainos\n",
    )
    assert not any(r[0] == "partnership" for r in rels), rels
    assert ("role", "Ruth McGuinness", "Kainos") in rels


def test_partners_listed_after_a_pilot_with_an_unnamed_group(extractor) -> None:  # noqa: F811
    found = partnerships(
        extractor,
        "Leeds Teaching Hospitals NHS Trust will run a research pilot with three technology "
        "firms this year. The partners are Kheiron Medical Technologies, Brainomix and "
        "Skin Analytics.",
    )
    for partner in ("Kheiron Medical Technologies", "Brainomix", "Skin Analytics"):
        assert ("Leeds Teaching Hospitals NHS Trust", partner) in found, partner
