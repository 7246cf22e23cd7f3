"""Roles on their own: a post in a named unit of a body, and a founder whose company the
narrative names, not the firm quoted in his own words. Sentences written for these tests."""

from __future__ import annotations

from tests.extract_support import attributes_by_pair, extractor  # noqa: F401


def roles(extractor, body: str) -> dict[tuple[str, str], dict]:  # noqa: F811
    return attributes_by_pair(extractor, body, "role")


def test_a_post_in_a_unit_belongs_to_the_body_after_at(extractor) -> None:  # noqa: F811
    found = roles(
        extractor,
        "Dan Taylor, programme director of the Data Security Centre at NHS Digital, said "
        "the partnership would help.",
    )
    assert found.get(("Dan Taylor", "NHS Digital")) == {"title": "programme director"}


def test_a_name_inside_a_quotation_is_not_what_the_company_refers_to(extractor) -> None:  # noqa: F811
    found = roles(
        extractor,
        "Exscientia has signed a drug discovery deal with Sanofi worth up to $5.2bn.\n\n"
        '"It is immensely exciting to collaborate with Sanofi," said Andrew Hopkins, who '
        "founded the company in 2012 and is its chief executive.",
    )
    assert ("Andrew Hopkins", "Exscientia") in found
    assert ("Andrew Hopkins", "Sanofi") not in found


def test_a_title_of_two_bodies_is_a_post_in_each(extractor) -> None:  # noqa: F811
    found = roles(
        extractor,
        "Joanne Chadwick-Bell, chief executive of East Sussex Healthcare NHS Trust, has been "
        "appointed group chief executive of The Royal Wolverhampton NHS Trust and Walsall "
        "Healthcare NHS Trust.",
    )
    assert ("Joanne Chadwick-Bell", "East Sussex Healthcare NHS Trust") in found
    assert ("Joanne Chadwick-Bell", "Royal Wolverhampton NHS Trust") in found
    assert ("Joanne Chadwick-Bell", "Walsall Healthcare NHS Trust") in found


def test_she_skips_a_man_and_professor_alone_names_no_trust(extractor) -> None:  # noqa: F811
    found = roles(
        extractor,
        "Walsall Healthcare NHS Trust has a new chief executive, Joanne Chadwick-Bell, "
        "after Professor David Loughton retired. She was previously a regional director at "
        "Care UK.",
    )
    assert ("Joanne Chadwick-Bell", "Care UK") in found
    assert ("David Loughton", "Care UK") not in found
    assert ("David Loughton", "Walsall Healthcare NHS Trust") not in found
