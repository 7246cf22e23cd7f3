"""Data sharing and endorsements on their own: bodies granted access to another's data, a
supplier of data to a body, and a body welcoming the code. Sentences written for these
tests."""

from __future__ import annotations

from tests.extract_support import (  # noqa: F401
    extractor,
    relations_by_name,
    relations_in,
    text_document,
)


def test_bodies_given_access_receive_the_holders_data(extractor) -> None:  # noqa: F811
    rels = relations_in(
        extractor,
        "UK Biobank holds the health records of half a million volunteers. Among the "
        "companies given access were ReMark International, an insurance consultancy, and "
        "Lydia.ai, a technology firm.\n\nTPP says it was the first supplier of electronic "
        "record data to UK Biobank.",
    )
    assert ("data_sharing", "UK Biobank", "ReMark International") in rels
    assert ("data_sharing", "UK Biobank", "Lydia.ai") in rels
    assert ("data_sharing", "TPP", "UK Biobank") in rels


def test_the_body_that_welcomes_the_code_endorses_it(extractor) -> None:  # noqa: F811
    rels = relations_in(
        extractor,
        "The Kent Surrey Sussex Academic Health Science Network, which leads on artificial "
        "intelligence for the AHSN Network, has welcomed the code of conduct for data-driven "
        "health and care technology.",
    )
    endorsers = {s for t, s, _ in rels if t == "endorses_code"}
    assert endorsers == {"Kent Surrey Sussex Academic Health Science Network"}


def test_the_number_of_genomes_or_samples_shared_is_the_records_count(extractor) -> None:  # noqa: F811
    record = extractor.extract(
        text_document(
            "Genomics England gave AbbVie access to about 5,000 whole genome sequences from "
            "NHS patients."
        )
    )
    found = [r.attributes.get("records") for r in record.relations if r.type == "data_sharing"]
    assert found == [5000]
