"""Who gives and who raises money, read once per document for ``investment``.

Why: a statement about money often names one side only ("Seven trusts will share £35m",
"OSI co-led the Series A"), and the other side is told elsewhere in the article: the body
it names as giving money ("funding from Innovate UK", or the one national body of its
money statements), or the company it says raised money. ``prepare`` finds them, and marks
the items of a funded list ("The trusts are: - A - B … Each will get £5m") and the
statements that give examples of the recipients ("Among them are A and B").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ingest.extract import state
from ingest.extract.rules import attributes as attr
from ingest.extract.rules import deals
from ingest.extract.rules.cues import FUNDER_NOUNS, governing_prep
from ingest.extract.rules.regulatory_finding import REGULATORS
from ingest.extract.rules.units import Occ, Unit, token_at

# A round of funding raised by a company ("a Series B round", "has raised", "new investors").
ROUND = re.compile(
    r"\b((?:seed|series [a-f]|funding|investment|financing|pre-seed) rounds?|series [a-f]\b|"
    r"(?:the|this|that|its|a|new) round\b|(?:new|existing|earlier) (?:investors|backers)|"
    r"raised|raises|raising|fundrais\w+)",
    re.I,
)

# Statements about money given out, where a funder the document names is looked for.
FUNDING_CONTEXT = re.compile(
    r"\b(fund\w*|award\w*|grants?|invest\w*|money|backs?|backed|programme|competition|"
    r"round|winners?)\b",
    re.I,
)

# A list lead-in (or the sentence before it) about money given out to the items.
FUNDED_LIST = re.compile(
    r"\b(fund\w*|grants?|award\w*|winners?|invest\w*|money|allocat\w+|share of £|"
    r"£[\d.,]+\s*(?:m|bn|"
    r"million|billion)\b.*\b(?:to|for|between)|chosen|selected)\b",
    re.I,
)

FUNDER_PREPS = ("from", "by", "under")

# Words for money itself (not a programme or a competition): the statements whose one
# national body is taken as the funder when none is named as one.
MONEY_WORDS = re.compile(r"\b(fund\w*|grants?|money|invest\w*|cash)\b", re.I)

# "£5m each", "£1m apiece": a sum that is every recipient's.
EACH = re.compile(r"\b(each|apiece|a piece)\b", re.I)

# Verbs whose subject gives money, and verbs whose subject raised it.
FUNDER_VERBS = {"invest", "fund", "award", "give", "grant", "back", "allocate", "provide"}

RAISING_VERBS = {"raise", "secure", "close", "complete", "land", "bank"}

FUNDER_TYPES = ("Company", "GovernmentBody", "Charity", "University")

# "Among them are A and B", "They include A", "The winners included A and B": the
# statement names some of the bodies the sentence before gave money to.
EXAMPLES = re.compile(
    r"^\W*(?:among (?:them|those|these|the \w+) (?:are|were|is|was)|(?:they|these|those|"
    r"the (?:winners|recipients|successful \w+|\w+ chosen)) (?:include|included|are|were))\b",
    re.I,
)

# ... when the sentence before speaks of bodies receiving money, not of investors
RECEIVING = re.compile(
    r"\b(get|gets|got|receiv\w+|won|win|awarded|share of|split|shared|chosen|selected|"
    r"winners?|recipients?|funded|allocated)\b",
    re.I,
)

# ... and not of investors ("Existing shareholders also put in money. They included …").
INVESTORS = re.compile(r"\b(shareholders?|investors?|backers?|funders?)\b", re.I)

# A statement after a list that gives every item's sum ("Each will get £5m").
EACH_START = re.compile(r"^\W*(?:each|every one)\b", re.I)


def is_funder(occ: Occ, unit: Unit) -> bool:
    if occ.type not in FUNDER_TYPES:
        return False
    root = token_at(unit.doc, occ)
    if root.dep_ in ("compound", "poss", "nmod") and root.head.lemma_.lower() in FUNDER_NOUNS:
        return True  # "£1.2m in Innovate UK funding", "the NIHR's grant"
    if governing_prep(occ, unit) in FUNDER_PREPS:
        # not "a spin-out from the University of Edinburgh", "researchers from X": "from"
        # names a funder only after money or a verb ("funding from", "raised £5m from")
        prep = root.head if root.dep_ == "pobj" else None
        return prep is None or prep.lower_ != "from" or not _origin(prep.head)
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in FUNDER_VERBS


def _origin(head: Token) -> bool:
    """ "a spin-out from", "researchers from", "data from": a noun that is no sum of money."""
    return (
        head.pos_ not in ("VERB", "AUX")
        and head.lemma_.lower()
        not in (
            *FUNDER_NOUNS,
            "round",
            "m",
            "bn",
            "million",
            "billion",
            "pound",
            "£",
            "sum",
            "amount",
            "award",
            "support",
        )
        and not any(c.text == "£" or c.like_num for c in head.children)
    )


def prepare(units: list[Unit]) -> None:
    """Find once per document the bodies it names as giving money ("managed by the NHS AI
    Lab", "funding from Innovate UK"), for statements that name only the recipient."""
    found: list[Occ] = []
    for unit in units:
        if not unit.search(FUNDING_CONTEXT):
            continue
        for o in unit.of("GovernmentBody", "Charity"):
            if (
                is_funder(o, unit)
                or governing_prep(o, unit) in ("of", "under", "by")
                or runs_fund(o, unit)
            ):
                found.append(o)
    counts: dict[str, int] = {}
    for o in found:
        counts[o.key] = counts.get(o.key, 0) + 1
    best = sorted(found, key=lambda o: -counts[o.key])[:1]
    if not best:
        # "NHS England has confirmed that £35m of central funding will be divided …": the
        # one national body or charity of the statements about money, whatever its role
        named = [
            o
            for unit in units
            if unit.search(MONEY_WORDS)
            for o in unit.of("GovernmentBody", "Charity")
            if o.key not in REGULATORS
        ]
        best = named[:1] if len({o.key for o in named}) == 1 else []
    for unit in units:
        unit.extra["funders"] = best
    # the company that raised money most recently (or, before any, first) in the text
    raisers = [(n, o) for n, unit in enumerate(units) for o in raised_money(unit)]
    for n, unit in enumerate(units):
        before = [o for m, o in raisers if m <= n]
        unit.extra["raisers"] = before[-1:] or [o for _, o in raisers[:1]]
    for n, unit in enumerate(units[1:], start=1):
        before = units[n - 1]
        if (
            EXAMPLES.match(unit.text)
            and RECEIVING.search(before.text)
            and not deals.CONTRACTING.search(before.text)
            and not INVESTORS.search(before.text)
        ):
            unit.extra["funded_examples"] = True
    # the items of a list whose lead-in (or the sentence before it) speaks of money given
    # out: "The funding comes from … Four of the five centres are led by: - A - B"
    for n, unit in enumerate(units):
        if not unit.items:
            continue
        before = units[n - 1].text if n > 0 and not units[n - 1].is_item else ""
        if unit.search(deals.BUYING) or deals.BUYING.search(before):
            continue  # "The first four to sign contracts under that funding were:"
        if unit.search(FUNDED_LIST) or FUNDED_LIST.search(before):
            items = units[n + 1 : n + 1 + len(unit.items)]
            giving = givers_listed(unit) or (n > 0 and givers_listed(units[n - 1]))
            if giving:
                for item in items:  # "Seven companies have committed £25m. They are: …"
                    item.extra["giving_list"] = True
                continue
            each = _each_sum(
                unit, units[n + 1 + len(items)] if n + 1 + len(items) < len(units) else None
            )
            for item in items:
                item.extra["funded_list"] = True
                if each is not None:
                    item.extra["each_sum"] = each


# Nouns for the bodies a list names as giving money, and the verbs they give it with.
GIVER_NOUNS = {
    "company",
    "firm",
    "drugmaker",
    "investor",
    "funder",
    "backer",
    "donor",
    "charity",
    "partner",
    "sponsor",
}
GIVING_VERBS = {"commit", "invest", "give", "pledge", "provide", "contribute", "put", "donate"}


def givers_listed(unit: Unit) -> bool:
    """The statement's subject is a group of givers the list after it names ("Seven life
    sciences companies have committed £25m to the study. They are: …"), not recipients."""
    for token in unit.sent:
        if (
            token.dep_ == "nsubj"
            and token.tag_ == "NNS"
            and token.lemma_.lower() in GIVER_NOUNS
            and token.head.lemma_.lower() in GIVING_VERBS
            and not any(c.dep_ == "poss" for c in token.children)
        ):
            return True
    return False


def _each_sum(lead_in: Unit, after: Unit | None) -> dict | None:
    """The sum every item of a funded list gets: "… will each receive £5m:" in the lead-in,
    or "Each will get £5m" just after the list."""
    if says_each(lead_in) and attr.money(lead_in) is not None:
        return attr.money(lead_in)
    if after is not None and EACH_START.match(after.text):
        return attr.money(after)
    return None


def says_each(unit: Unit) -> bool:
    """The statement gives a sum to every one of its bodies ("will each receive £5m", "£1m
    apiece"), not "each trust's allocation was published" ("each" before a noun)."""
    if not unit.search(EACH):
        return False
    return (
        any(t.lower_ in ("each", "apiece") and t.dep_ != "det" for t in unit.sent)
        or "a piece" in unit.text.lower()
    )


def each_sum_before(unit: Unit) -> dict | None:
    """ "Seven trusts will each receive up to £6m. They are A, B, …": the sum the
    statement before gives each of the bodies this one names, when this one has none."""
    if unit.quantities_of("money") or unit.context_evidence[0] >= unit.evidence[0]:
        return None
    before = state.doc_text(unit.doc)[unit.context_evidence[0] : unit.evidence[0]]
    if not EACH.search(before):
        return None
    return next(
        (q for q in unit.context_quantities if q["kind"] == "money" and q.get("currency") == "GBP"),
        None,
    )


def raised_money(unit: Unit) -> list[Occ]:
    """Companies named as raising money here ("Vaccitech has raised $110.5m", "Huma closed
    a Series D")."""
    if not unit.search(ROUND) and attr.money(unit) is None:
        return []
    out = []
    for o in unit.of("Company"):
        root = token_at(unit.doc, o)
        if o.named and root.dep_ == "nsubj" and root.head.lemma_.lower() in RAISING_VERBS:
            out.append(o)
    return out


RUNNING_VERBS = {"run", "manage", "administer", "oversee", "operate"}
PROGRAMME_NOUNS = {"fund", "programme", "scheme", "award", "competition", "money", "funding"}


def runs_fund(occ: Occ, unit: Unit) -> bool:
    """ "The DHSC, which runs the fund, …": the body that runs a fund gives its money."""
    root = token_at(unit.doc, occ)
    verbs = [t for t in root.subtree if t.dep_ == "relcl"] + (
        [root.head] if root.dep_ == "nsubj" else []
    )
    return any(
        v.lemma_.lower() in RUNNING_VERBS
        and any(c.dep_ == "dobj" and c.lemma_.lower() in PROGRAMME_NOUNS for c in v.children)
        for v in verbs
    )


def funding_bodies(unit: Unit) -> list[Occ]:
    return list(unit.extra.get("funders", []))
