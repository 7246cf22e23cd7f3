"""Every named question answers from the curated data, with sources, parameters bound."""

from __future__ import annotations

import pytest

from graph import ids
from graph.questions import QuestionError, all_questions, answer, get_question
from graph.store import GraphStore

# Questions whose answer may legitimately be empty on the curated data.
MAY_BE_EMPTY: set[str] = set()


def test_there_are_at_least_twelve_documented_questions() -> None:
    questions = all_questions()
    assert len(questions) >= 12
    for question in questions.values():
        assert question.title and len(question.description) > 40, question.slug
    assert "trusts-holding-equity-in-ai-firms" in questions


@pytest.mark.parametrize("slug", sorted(all_questions()))
def test_every_question_runs_on_the_curated_data(curated_store: GraphStore, slug: str) -> None:
    result = answer(curated_store, slug)
    if slug not in MAY_BE_EMPTY:
        assert result.rows, f"{slug} found nothing in the curated data"
    bound = {p.name for p in get_question(slug).params if p.default}
    assert not bound & set(result.variables), "bound parameter columns must be dropped"


def labels(result, column: str) -> set[str]:
    return {str(row[column]) for row in result.rows if column in row}


def test_trusts_holding_equity_in_ai_firms_names_ouh_and_sensyne_with_sources(
    curated_store: GraphStore,
) -> None:
    result = answer(curated_store, "trusts-holding-equity-in-ai-firms")
    pairs = {(str(r["trust"]), str(r["company"])) for r in result.rows}
    assert (str(ids.trust_iri("RTH")), str(ids.ID["company/sensyne-health"])) in pairs
    for row in result.rows:
        assert str(row["source"]).startswith("http"), row
    # one row per (trust, company)
    assert len(pairs) == len(result.rows)


def test_partners_of_a_trust_accepts_an_ods_code_a_name_or_an_iri(curated_store) -> None:
    by_code = answer(curated_store, "partners-of-trust", {"trust": "RAL"})
    assert "DeepMind" in labels(by_code, "partyLabel")
    by_name = answer(
        curated_store, "partners-of-trust", {"trust": "Royal Free London NHS Foundation Trust"}
    )
    by_iri = answer(curated_store, "partners-of-trust", {"trust": str(ids.trust_iri("RAL"))})
    assert len(by_code.rows) == len(by_name.rows) == len(by_iri.rows)


def test_hostile_parameter_is_just_an_odd_name(curated_store) -> None:
    before = len(curated_store)
    result = answer(curated_store, "deals-of-company", {"company": 'x" } ; DROP ALL #'})
    assert result.rows == []
    assert result.notices == ["company: nothing in the graph is named 'x\" } ; DROP ALL #'"]
    assert len(curated_store) == before
    assert answer(curated_store, "partners-of-trust", {"trust": "RAL"}).rows


def test_unknown_question_and_parameter_are_clear_errors(curated_store) -> None:
    with pytest.raises(QuestionError, match="no question named"):
        answer(curated_store, "who-is-the-walrus")
    with pytest.raises(QuestionError, match="has no parameter 'colour'"):
        answer(curated_store, "partners-of-trust", {"colour": "blue"})
    with pytest.raises(QuestionError, match="must be a number"):
        answer(curated_store, "contracts-above-value", {"min_value": "lots"})


def test_contracts_above_value_filters_by_the_bound_value(curated_store) -> None:
    everything = answer(curated_store, "contracts-above-value", {"min_value": "0"})
    nothing = answer(curated_store, "contracts-above-value", {"min_value": "1e15"})
    assert nothing.rows == []
    values = [row["valueGBP"].toPython() for row in everything.rows]
    assert values == sorted(values, reverse=True)


def test_deal_timeline_is_in_date_order_and_since_filters(curated_store) -> None:
    result = answer(curated_store, "deal-timeline")
    dates = [str(r["date"]) for r in result.rows]
    assert dates == sorted(dates)
    later = answer(curated_store, "deal-timeline", {"since": "2019"})
    assert all(str(r["date"]) >= "2019" for r in later.rows)
    assert len(later.rows) < len(result.rows)


STAKES = """
SELECT ?holder ?company (MAX(?amount) AS ?max) WHERE {
  ?s a <https://w3id.org/nhskg/ontology#EquityStake> ;
     <https://w3id.org/nhskg/ontology#holder> ?holder ;
     <https://w3id.org/nhskg/ontology#issuer> ?company ;
     <https://w3id.org/nhskg/ontology#amountGBP> ?amount .
} GROUP BY ?holder ?company
"""


def test_equity_ledgers_add_each_stake_once(curated_store) -> None:
    """Entities carry several labels; the totals must not count a stake once per label."""
    stakes = curated_store.query(STAKES).rows
    assert stakes, "the curated data states equity amounts"
    by_company: dict[str, float] = {}
    by_holder: dict[str, float] = {}
    for row in stakes:
        amount = float(row["max"].toPython())
        by_company[str(row["company"])] = by_company.get(str(row["company"]), 0) + amount
        by_holder[str(row["holder"])] = by_holder.get(str(row["holder"]), 0) + amount
    for row in answer(curated_store, "equity-ledger-by-company").rows:
        assert float(row["totalStatedGBP"].toPython()) == by_company.get(str(row["company"]), 0)
    for row in answer(curated_store, "equity-ledger-by-holder").rows:
        assert float(row["totalStatedGBP"].toPython()) == by_holder.get(str(row["holder"]), 0)


def test_figures_survive_stakes_that_state_none(curated_store) -> None:
    """Several articles report OUH's stake, not all with the amount: the amount must show."""
    rows = {
        str(r["trust"]): r for r in answer(curated_store, "trusts-holding-equity-in-ai-firms").rows
    }
    assert rows[str(ids.trust_iri("RTH"))]["amountGBP"].toPython() == 5_000_000
    assert rows[str(ids.trust_iri("RLT"))]["amountGBP"].toPython() == 2_500_000
    assert float(rows[str(ids.trust_iri("RD8"))]["percent"].toPython()) == 1.1


def test_roles_keep_their_titles(curated_store) -> None:
    rows = answer(curated_store, "people-and-roles").rows
    drayson = [
        r
        for r in rows
        if str(r["person"]).endswith("/lord-drayson")
        and str(r["organisation"]).endswith("/sensyne-health")
    ]
    assert drayson and "chief executive" in str(drayson[0]["title"]).lower()


def test_code_documents_list_each_endorser_once(curated_store) -> None:
    rows = answer(curated_store, "documents-mentioning-the-code").rows
    assert any("Sensyne" in str(r.get("endorsers", "")) for r in rows)
    for row in rows:
        if "endorsers" in row:
            names = str(row["endorsers"]).split("; ")
            assert len(names) == len(set(names))
