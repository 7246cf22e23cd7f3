"""The named news sources against fixture sites in their real formats."""

from __future__ import annotations

import json
import logging
from datetime import date

import pytest

from ingest.crawl import run
from ingest.fetch import Fetched
from ingest.sources import all_sources, get_source
from ingest.sources.govuk import content_document, search_params
from tests.crawl_support import (
    SAMPLES,
    SITES,
    TOLERANCE,
    FixtureServer,
    gaps,
    make_context,
)


def crawl_docs(server, tmp_path, source: str, path: str, **options):
    context = make_context(tmp_path, server.url(path), **options)
    return context, list(get_source(source).crawl(context))


def test_every_source_module_is_listed_with_its_metadata() -> None:
    sources = all_sources()
    expected = {"govuk", "digitalhealth", "nhs-england", "feed", "page"}
    assert expected | {"contracts-finder", "data-uses-register"} == set(sources)
    for source in sources.values():
        info = source.info
        assert info.title and info.publisher and info.licence and info.description
        assert info.home_page.startswith("https://") or info.name in ("feed", "page")


def test_digitalhealth_articles_are_parsed_from_wordpress_markup(tmp_path, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="nhskg.crawl")
    with FixtureServer(SITES / "digitalhealth") as server:
        context, docs = crawl_docs(server, tmp_path, "digitalhealth", "/feed/")
    assert [d.title for d in docs] == [
        "Leeds trust picks Larkspur for AI-assisted discharge summaries",
        "Trust in Oxford redesigns its data access committee",
    ]
    leeds = docs[0]
    assert leeds.published == "2024-05-15" and leeds.publisher == "Digital Health"
    assert leeds.url == server.url("/2024/05/leeds-larkspur-discharge-summaries/")
    assert leeds.text.startswith(leeds.title + "\n\nLeeds Teaching Hospitals NHS Trust has chosen")
    assert "patient’s GP" in leeds.text and "\n\nData stays in the trust\n\n" in leeds.text
    for boilerplate in ("caption", "Share this", "Most read", "Fixture Reporter", "Events"):
        assert boilerplate not in leeds.text
    # the redesigned page is logged with its URL and reason, and the run went on
    assert "ics-cloud-framework/: LayoutError: none of the selectors" in caplog.text
    assert context.summary.failed == 1
    # the site's Crawl-delay (0.4 s) is longer than ours, so it is the one kept
    assert min(gaps(server.hits[1:])) >= 0.4 - TOLERANCE


def test_nhs_england_news_and_blogs(tmp_path, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="nhskg.crawl")
    with FixtureServer(SITES / "nhs_england") as server:
        context, docs = crawl_docs(server, tmp_path, "nhs-england", "/feed/")
    assert [(d.published, d.publisher) for d in docs] == [
        ("2024-06-06", "NHS England"),
        ("2024-06-04", "NHS England"),
    ]
    rules = docs[0]
    assert rules.title == "NHS England sets out rules for AI scribes in GP practices"
    assert "Digital Technology Assessment Criteria" in rules.text
    assert "\n\nPatients must be told when a consultation is recorded.\n\n" in rules.text
    assert "Skip to main content" not in rules.text and "Open Government Licence" not in rules.text
    assert "page-with-two-bodies/: LayoutError: selector 'article .entry-content' matched 2" in (
        caplog.text
    )
    assert context.summary.failed == 1


def test_nhs_england_blog_keeps_the_feed_date(tmp_path) -> None:
    with FixtureServer(SITES / "nhs_england") as server:
        _, docs = crawl_docs(server, tmp_path, "nhs-england", "/feed/", since=date(2024, 6, 5))
    assert [d.title for d in docs] == ["NHS England sets out rules for AI scribes in GP practices"]


def test_govuk_search_then_content_api(tmp_path, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="nhskg.crawl")
    with FixtureServer(SITES / "govuk") as server:
        context, docs = crawl_docs(server, tmp_path, "govuk", "/", since=date(2024, 5, 1))
        searches = server.hits_for("/api/search.json")
    assert [d.kind for d in docs] == ["press_release", "news_article"]
    rules = docs[0]
    assert rules.url == server.url(
        "/government/news/new-rules-for-nhs-data-partnerships-with-technology-firms"
    )
    assert rules.publisher == "Department of Health and Social Care"  # the emphasised one
    assert rules.published == "2024-05-20"
    assert rules.text.startswith(
        "New rules for NHS data partnerships with technology firms\n\n"
        "The Department of Health and Social Care sets out principles"
    )
    assert "\n\nWhat trusts must do\n\npublish each agreement and its value\n\n" in rules.text
    assert "£5 million" in docs[1].text
    assert "story-whose-body-lost-its-wrapper: LayoutError: selector 'div.govspeak'" in caplog.text
    assert context.summary.failed == 1
    # every content item fetched once, though five topic searches found them
    content_paths = [p for p in server.paths() if p.startswith("/api/content/")]
    assert len(content_paths) == len(set(content_paths)) == 3
    query = searches[0].path
    assert "filter_organisations=department-of-health-and-social-care" in query
    assert (
        "filter_public_timestamp=from%3A2024-05-01" in query and "order=-public_timestamp" in query
    )


def test_govuk_search_parameters_follow_the_search_api() -> None:
    params = search_params("artificial intelligence", date(2024, 1, 31), 100)
    names = {name for name, _ in params}
    assert {"q", "order", "count", "start", "fields", "filter_public_timestamp"} <= names
    assert ("filter_content_store_document_type", "press_release") in params
    assert ("filter_content_store_document_type", "news_story") in params
    assert ("start", "100") in params


@pytest.mark.parametrize(
    "name,title,publisher,kind",
    [
        (
            "content_api_press_release_phe_2016.json",
            "Modern life responsible for ‘worrying’ health in middle aged",
            "Public Health England",
            "press_release",
        ),
        (
            "content_api_news_story_dh_care_act_2016.json",
            "Final Care Act guidance published",
            "Department of Health",
            "news_article",
        ),
    ],
)
def test_real_content_api_samples_parse(name, title, publisher, kind) -> None:
    body = (SAMPLES / "govuk" / name).read_bytes()
    data = json.loads(body)
    fetched = Fetched("https://www.gov.uk/api/content" + data["base_path"], "", {}, body)
    doc = content_document(fetched, "https://www.gov.uk" + data["base_path"])
    assert (doc.title, doc.publisher, doc.kind) == (title, publisher, kind)
    assert doc.published == data["first_published_at"][:10]
    assert doc.text.startswith(title + "\n\n" + " ".join(data["description"].split()))
    assert "<" not in doc.text and len(doc.text) > 500


def test_govuk_second_run_skips_items_not_updated(tmp_path) -> None:
    from tests.crawl_support import DocumentOnlyExtractor, memory_store

    store = memory_store()
    with FixtureServer(SITES / "govuk") as server:
        for _ in range(2):
            context = make_context(
                tmp_path,
                server.url("/"),
                store=store,
                extractor=DocumentOnlyExtractor(),
                since=date(2024, 5, 1),
            )
            summary = run(context, get_source("govuk"))
        content = [h for h in server.hits if h.path.startswith("/api/content/")]
    assert (summary.unchanged, summary.new, summary.failed) == (2, 0, 1)
    assert len(content) == 4  # three the first time; only the broken one again
