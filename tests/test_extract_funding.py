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


def test_investors_named_without_a_sum_back_the_company_that_raised(extractor) -> None:  # noqa: F811
    found = investments(
        extractor,
        "Current Health has raised $43m in a Series B round led by Northpond Ventures. "
        "LRVHealth, OSF HealthCare, Section 32 and Elements Health Ventures also invested.\n\n"
        "Par Equity took part again, as did MMC Ventures. The round also drew in the "
        "Scottish Investment Bank and the insurer Legal & General.\n\n"
        "The entrepreneur Sir Charles Dunstone and Demis Hassabis are among its individual "
        "investors.",
    )
    for backer in (
        "Northpond Ventures",
        "LRVHealth",
        "Elements Health Ventures",
        "Par Equity",
        "MMC Ventures",
        "Scottish Investment Bank",
        "Legal & General",
        "Charles Dunstone",
        "Demis Hassabis",
    ):
        assert (backer, "Current Health") in found, backer
    # a backer is never the recipient of the others' money
    assert not any(r == "Elements Health Ventures" for _, r in found)


def test_a_stock_market_is_no_investor(extractor) -> None:  # noqa: F811
    found = investments(
        extractor,
        "One Health Group has raised £5.2 million from a share placing as it prepares to "
        "move its listing from the AQSE Growth Market to AIM.",
    )
    assert not any("Market" in f for f, _ in found)


def test_the_body_that_runs_a_fund_pays_the_bodies_listed_and_named_later(extractor) -> None:  # noqa: F811
    found = investments(
        extractor,
        "NHS Providers said the £21m AI Diagnostic Fund should not outpace support for core "
        "infrastructure. The Department of Health and Social Care (DHSC), which runs the "
        "fund, named a number of the trusts that will receive money:\n\n"
        "- West Suffolk NHS Foundation Trust;\n"
        "- Imperial College Healthcare NHS Trust.\n\n"
        "Sherwood Forest Hospitals NHS Foundation Trust is also getting a share of the fund.",
    )
    dhsc = "Department of Health and Social Care"
    for trust in (
        "West Suffolk NHS Foundation Trust",
        "Imperial College Healthcare NHS Trust",
        "Sherwood Forest Hospitals NHS Foundation Trust",
    ):
        assert (dhsc, trust) in found, trust
    assert not any(f == "NHS Providers" for f, _ in found)
    assert not any("Fund" in r for _, r in found)  # the fund is a pot, not a recipient


def test_givers_listed_after_a_pledge_fund_the_body_the_text_is_about(extractor) -> None:  # noqa: F811
    found = investments(
        extractor,
        "Genes & Health, a study of British South Asian volunteers run by Queen Mary "
        "University of London, has recruited 50,000 people. Genes & Health wants 100,000.\n\n"
        "Five drug companies have committed £25m of new investment to the study. They are:\n\n"
        "- GSK;\n- Pfizer;\n- Takeda.\n\n"
        "Genes & Health was first funded by the Wellcome Trust.",
    )
    for company in ("GlaxoSmithKline", "Pfizer", "Takeda"):
        assert (company, "Genes & Health") in found, company
        assert "amount_gbp" not in found[company, "Genes & Health"]  # a shared sum
        assert ("Wellcome", company) not in found  # the givers receive nothing
    assert ("Wellcome", "Genes & Health") in found


def test_each_body_of_a_published_allocation_gets_its_own_sum(extractor) -> None:  # noqa: F811
    found = investments(
        extractor,
        "The Department of Health and Social Care funds electronic prescribing.\n\n"
        "Its first round went to three trusts. They shared £16m, and each trust's "
        "allocation was published:\n\n"
        "- University Hospitals of North Midlands NHS Trust, £2.19m\n"
        "- Barts Health NHS Trust, £1.7m\n"
        "- East Sussex Healthcare NHS Trust, £1.62m\n",
    )
    dhsc = "Department of Health and Social Care"
    assert found[dhsc, "University Hospitals of North Midlands NHS Trust"] == {
        "amount_gbp": 2_190_000
    }
    assert found[dhsc, "Barts Health NHS Trust"] == {"amount_gbp": 1_700_000}
    assert found[dhsc, "East Sussex Healthcare NHS Trust"] == {"amount_gbp": 1_620_000}


def test_funders_listed_together_never_fund_each_other(extractor) -> None:  # noqa: F811
    found = investments(
        extractor,
        "Kelvane Health has raised $550m in a funding round.\n\nThe money comes from Saudi "
        "Arabia's sovereign wealth fund, the Public Investment Fund (PIF), the US health "
        "insurer Centene Corporation and the German reinsurer Munich Re, along with the "
        "Swedish investment group Kinnevik, an existing shareholder.",
    )
    names = ("Public Investment Fund", "Centene Corporation", "Munich Re", "Kinnevik")
    assert not any(f in names and r in names for f, r in found), found


def test_supporters_listed_after_they_include_and_examples_among_them(extractor) -> None:  # noqa: F811
    found = investments(
        extractor,
        "Oxford Sciences Innovation plc has raised £230m. The new investors include "
        "sovereign wealth funds from Asia, among them the Oman Investment Fund. The largest "
        "of its original supporters have also taken part in the round. They include Invesco "
        "Asset Management and IP Group plc.\n\nSir Charles Dunstone and Demis Hassabis, "
        "co-founder of the artificial intelligence company DeepMind, are among its "
        "individual investors.",
    )
    osi = "Oxford Sciences Innovation plc"
    for backer in ("Oman Investment Fund", "Invesco", "Demis Hassabis"):
        assert (backer, osi) in found, backer
    assert ("DeepMind", osi) not in found  # named only to describe a backer
    assert not any(r == "Oman Investment Fund" for _, r in found)


def test_a_universitys_spin_outs_are_not_the_university(extractor) -> None:  # noqa: F811
    found = investments(
        extractor,
        "Oxford Sciences Innovation raises a further £230m to back University of Oxford "
        "spin-outs.\n\nAnother company it backed, Base Genomics, was bought by Exact "
        "Sciences for $410m (£343m).",
    )
    assert not any(r in ("University of Oxford", "Exact Sciences") for _, r in found)


def test_funders_a_sentence_lists_and_further_backers_of_a_round(extractor) -> None:  # noqa: F811
    biobank = investments(
        extractor,
        "UK Biobank will measure proteins in 600,000 samples. The companies funding that "
        "first phase are Alden Scientific, Amgen and Takeda.",
    )
    for funder in ("Alden Scientific", "Amgen", "Takeda"):
        assert (funder, "UK Biobank") in biobank, funder
    doccla = investments(
        extractor,
        "Doccla has raised $45m. Giant Ventures, which had led its seed round a year "
        "earlier, and Speedinvest put in more money too. KHP Ventures, a collaboration "
        "between King's College London and King's College Hospital NHS Foundation Trust, "
        "also invested.",
    )
    for funder in ("Giant Ventures", "Speedinvest", "KHP Ventures"):
        assert (funder, "Doccla") in doccla, funder
    assert not any(r == "Giant Ventures" for _, r in doccla)
    huma = investments(
        extractor,
        "Huma is backed by Leaps by Bayer, the venture arm of the German drug maker Bayer, "
        "as well as Hitachi Ventures. Two of its other backers are owned by Alphabet.",
    )
    assert ("Leaps by Bayer", "Huma") in huma
    assert ("Hitachi Ventures", "Huma") in huma
    assert not any(f == "Alphabet" for f, _ in huma)  # an owner, not a funder


def test_money_asked_for_or_lost_is_no_funding_and_abbreviated_funders_are_one(
    extractor,  # noqa: F811
) -> None:
    found = investments(
        extractor,
        "The trust asked NHS England's technology fund for £19m in 2016 but was turned "
        "down. Without the savings it would lose £8m of funding from NHS Improvement.\n\n"
        "A £10 million centre is being launched at Queen's University Belfast, with Invest "
        "Northern Ireland (Invest NI) offering £5.8 million towards the project. Invest NI "
        "said it was pleased.",
    )
    assert not any(f in ("NHS England", "NHS Improvement") for f, _ in found)
    assert ("Invest Northern Ireland", "Queen's University Belfast") in found
    assert not any(f == "Invest NI" for f, _ in found)
