"""Roles on their own: a post in a named unit of a body, and a founder whose company the
narrative names, not the firm quoted in his own words. Sentences written for these tests."""

from __future__ import annotations

from tests.extract_support import (  # noqa: F401
    attributes_by_pair,
    extractor,
    relations_by_name,
    text_document,
)


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


def test_people_with_a_bare_title_a_partner_title_or_a_double_barrelled_name(
    extractor,  # noqa: F811
) -> None:
    record = extractor.extract(
        text_document(
            "Joanne Chadwick-Bell is chief executive of East Sussex Healthcare NHS Trust. "
            "Demis Hassabis, co-founder of the artificial intelligence company DeepMind, "
            "invested. Andrea Jackson, a director at Northpond, and Tripp Peake, a general "
            "partner at LRVHealth, are joining the board."
        )
    )
    types = {e.name: e.type for e in record.entities}
    for person in ("Joanne Chadwick-Bell", "Demis Hassabis", "Tripp Peake"):
        assert types.get(person) == "Person", person
    assert ("role", "Tripp Peake", "LRVHealth") in relations_by_name(record)


def test_short_names_a_trust_or_company_goes_by(extractor) -> None:  # noqa: F811
    found = roles(
        extractor,
        "Presymptom Health has raised £1.5m. Dr Iain Miller, Presymptom's chief executive, "
        "spoke.\n\nThe Christie NHS Foundation Trust has formed The Christie Pathology "
        "Partnership with Synlab. Roger Spencer, the Christie's interim chief executive, "
        "said the partnership fitted the trust's ambition.\n\nJoanne Chadwick-Bell leads "
        "East Sussex Healthcare NHS Trust. In East Sussex, the trust's deputy chief "
        "executive, Steve Aumayer, will step up.",
    )
    assert ("Iain Miller", "Presymptom Health") in found
    assert ("Roger Spencer", "Christie NHS Foundation Trust") in found
    assert ("Steve Aumayer", "East Sussex Healthcare NHS Trust") in found


def test_contact_lines_listed_founders_and_offices_with_a_modifier(extractor) -> None:  # noqa: F811
    found = roles(
        extractor,
        "Cambridge Antibody Technology has settled its dispute with Abbott. For further "
        "information: Peter Chambré, Chief Executive Officer, and John Aston, Chief Financial "
        "Officer, Cambridge Antibody Technology.\n\nHuma has bought eConsult. Its co-founders "
        "are Professor Dame Clare Gerada, a former chair of the Royal College of General "
        "Practitioners; Dr Arvind Madan; and Dr Murray Ellender.\n\nThe ICO reprimanded NHS "
        "Lanarkshire. John Edwards, the UK Information Commissioner, said that was no excuse."
        "\n\nThe Kent Surrey Sussex Academic Health Science Network (KSS AHSN) has welcomed "
        "the code. Dr Des Holden, medical director of KSS AHSN, said he was pleased.",
    )
    cat = "Cambridge Antibody Technology"
    assert found[("Peter Chambré", cat)] == {"title": "Chief Executive Officer"}
    assert found[("John Aston", cat)] == {"title": "Chief Financial Officer"}
    for founder in ("Clare Gerada", "Arvind Madan", "Murray Ellender"):
        assert any(p == founder and o.startswith("eConsult") for p, o in found), founder
    assert ("John Edwards", "Information Commissioner's Office") in found
    assert ("Des Holden", "Kent Surrey Sussex Academic Health Science Network") in found


def test_posts_told_by_a_passive_verb_of_leading(extractor) -> None:  # noqa: F811
    found = roles(
        extractor,
        "The Antivirals Taskforce buys treatments. The taskforce was set up in April and is "
        "chaired by Eddie Gray.\n\nThe supply agreement was signed through the government's "
        "Vaccine Taskforce, then chaired by Kate Bingham.\n\nCSL Seqirus' Liverpool site, "
        "headed by Nige Hilton, recently added a facility.",
    )
    assert found.get(("Eddie Gray", "Antivirals Taskforce")) == {"title": "chair"}
    assert found.get(("Kate Bingham", "Vaccine Taskforce")) == {"title": "chair"}
    assert found.get(("Nige Hilton", "CSL Seqirus")) == {"title": "head"}
