"""``investment``: funder → recipient of money (grant, investment, IT spend).

Cue: "invest…", "funding", "grant", "backed", or a verb of giving or getting money
("awarded X £2m", "received £1.4m", "went to X") with an amount in the statement. The
funder is the object of "from"/"by"/"under" or the subject of "invest"/"fund"/"award";
the recipient the subject of "receive"/"win"/"raise", the object of "award"/"give", or of
"in"/"to". A statement naming only the recipient takes the funder that the document
names with its funding (read once per document by ``funders``); one naming only the
funder ("investment from Sensyne of up to £250,000 a year") takes the recipient from the
lead-in or the sentence before. Every investor the grammar names is a funder ("led by A,
with participation from B", "the money comes from A, B and C", "investors including A and
B"); with several, the round's total stays with the lead investor only. ``per_year`` when
the amount is "a year". A company raising money from no one named is no relation; an
"investigation" is no investment.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ingest.extract.rules import attributes as attr
from ingest.extract.rules import frames
from ingest.extract.rules.backers import RECIPIENT_TYPES, listed_backers, named_backers
from ingest.extract.rules.cues import (
    FUNDER_NOUNS,
    INVESTMENT_FRAMES,
    ROUND_NOUNS,
    ROUND_VERBS,
    Found,
    governing_prep,
    in_modifier_of,
    stated_cue,
)
from ingest.extract.rules.funders import (
    FUNDER_TYPES,
    FUNDER_VERBS,
    ROUND,
    each_sum_before,
    funding_bodies,
    is_funder,
    says_each,
)
from ingest.extract.rules.funding_checks import (
    announcing_body,
    describes_offspring,
    money_not_given,
    owner_not_funder,
    sharing_verb,
)
from ingest.extract.rules.regulatory_finding import REGULATORS
from ingest.extract.rules.units import (
    NHS_TYPES,
    Occ,
    Unit,
    keys,
    most_named,
    one_per_entity,
    token_at,
)

RELATION = "investment"
CUE = re.compile(
    r"\b(invest(?!igat)\w*|funding|funded|funds?|grants?|backing|backed|backers?|bankroll\w*|awards?|"
    r"paid for|co-?funded|"
    r"prizes?|"
    r"financing|financed|seed money|donat\w+)\b",
    re.I,
)
MONEY_VERBS = re.compile(
    r"\b(award(?:ed|s)?|receiv(?:ed|es|e|ing)|won|wins|given|gave|went to|go(?:es)? to|"
    r"shared|secured|gets?|got|allocated|granted|provid(?:ed|es|ing)|put|puts|"
    r"pump(?:ed|s|ing)|inject(?:ed|s|ing)|"
    r"committed|pledged|donated|handed)\b",
    re.I,
)
# "are also getting a share of the fund": money named without a sum
SHARE_OF_FUND = re.compile(
    r"\b(?:share|part|slice|portion) of the (?:fund|funding|money|cash|pot)\b", re.I
)
# A sum several bodies divide between them is no one's own amount (the guidelines).
SHARED_OUT = re.compile(
    r"\b(?:to |will |who |which )(?:share|split|divide)\b|\b(?:shared|split|divided) "
    r"(?:between|among|amongst)\b",
    re.I,
)
# "co-led the round alongside W": W is a further investor, never the recipient
ALONGSIDE = ("alongside", "along", "plus")
CONTRACT_WORD = re.compile(r"\bcontracts?\b", re.I)
AWARDED_DEAL = re.compile(
    r"\b(?:awarded|won|wins|secured|handed) (?:the |a |an |its )?(?:[\w£.,-]+ ){0,4}?"
    r"(?:deal|contract|franchise|framework|tender)\b",
    re.I,
)
NOT_RECIPIENT_PREPS = ("of", "from", "by", "according", "like", "than", "including")
# "a programme of / run under / funded through the NHS AI Lab"
PROGRAMME_PREPS = ("of", "under", "through", "via")
# Verbs saying where money came from, when their subject is the money.
MONEY_SOURCE_VERBS = {"come", "arrive", "flow", "originate"}
RECIPIENT_VERBS = {"receive", "win", "get", "secure", "raise", "share"}
# "Smaller sums go to A (£23.6m) and B (£12.7m)": the money is the subject
MONEY_GOING_VERBS = {"go", "flow", "pass"}
# Named as an investor outright, a person may be one (an angel investor).
ANGEL_TYPES = (*FUNDER_TYPES, "Person")
JOINING = {"join", "participate", "invest", "include"}
SUM_NOUNS = {"sum", "amount", "share", "rest", "remainder", "balance", "money", "cash"}
PARTY_TYPES = (*NHS_TYPES, *FUNDER_TYPES)
# "support", "help" say who gives money only in so many words ("backed by", "funded by"):
# "won an award to support deployment" names no funder.
VAGUE_VERBS = {"support", "help"}
FRAMES = {lemma: f for lemma, f in INVESTMENT_FRAMES.items() if lemma not in VAGUE_VERBS}


def find(unit: Unit) -> list[Found]:
    raisers = unit.extra.get("raisers", [])
    named = named_backers(unit, raisers)
    if not named and not raisers:
        named, raisers = listed_backers(unit)
    if not named:
        return money_statement(unit)
    # "LRVHealth and OSF HealthCare also invested": each backs the company that raised
    # the round, and none of them received money
    backed = found(unit, named, raisers[:1], None, unit.evidence, 0.6)
    named_keys = keys(named)
    return backed + [f for f in money_statement(unit) if f.object not in named_keys]


def money_statement(unit: Unit) -> list[Found]:
    if unit.extra.get("giving_list"):
        return listed_givers(unit)
    if unit.extra.get("funded_list"):
        return listed(unit)
    if unit.extra.get("funded_examples"):
        return examples(unit)
    amount = attr.money(unit)
    cue = stated_cue(unit, CUE) or stated_cue(unit, ROUND)
    if cue is None and amount is not None:
        cue = stated_cue(unit, MONEY_VERBS) or sharing_verb(unit)
    if cue is None or unit.search(CONTRACT_WORD) or unit.search(AWARDED_DEAL):
        return []  # "awarded the five-year deal, worth £800m, to X" is a purchase
    if money_not_given(cue):
        return []  # "asked the fund for £19m", "would lose £8m of funding"
    if amount is None:
        amount = attr.money(unit, follow=True) or each_sum_before(unit)
    occs = unit.of(*PARTY_TYPES)
    parsed_funders, parsed_recipients = parsed_sides(unit)
    if parsed_funders and parsed_recipients:
        return found(unit, parsed_funders, parsed_recipients, amount, unit.evidence, 0.7)
    # every investor the grammar names ("the money comes from W, V and U"); a guess by
    # position or type stays one funder
    funders = parsed_funders or [o for o in occs if is_funder(o, unit)][:1]
    if not funders and unit.search(CUE):
        # "funding from the award, one of the programmes of the NHS AI Lab", "an award
        # funded through the NHS AI Lab": the national body whose programme pays
        funders = [
            o
            for o in occs
            if o.type in ("GovernmentBody", "Charity")
            and governing_prep(o, unit) in PROGRAMME_PREPS
        ][:1]
    recipients = [o for o in parsed_recipients if o.key not in keys(funders)] or [
        o for o in occs if o.key not in keys(funders) and is_recipient(o, unit)
    ]
    if not recipients:
        # no grammar names the recipient: an organisation of the cue's clause that is not
        # a source or a modifier ("spun out of X", "according to X", "money from X")
        candidates = [
            o
            for o in occs
            if o.key not in keys(funders)
            and o.type != "GovernmentBody"
            and governing_prep(o, unit) not in NOT_RECIPIENT_PREPS + ALONGSIDE
            and token_at(unit.doc, o).dep_ != "poss"  # "GV, Alphabet's venture arm"
            and not describes_offspring(unit, o)  # "to back University of Oxford spin-outs"
        ]
        several_ok = parsed_funders and not unit.search(ROUND)
        recipients = frames.in_clause(unit, cue, candidates) or (
            candidates if len(keys(candidates)) == 1 or several_ok else []
        )
    elif not funders and unit.search(CUE) and not unit.search(ROUND):
        # the grammar names the recipient and the statement speaks of funding: the national
        # body or charity it names (not a regulator, not "according to" it) pays
        funders = [
            o
            for o in occs
            if o.type in ("GovernmentBody", "Charity")
            and o.key not in keys(recipients)
            and o.key not in REGULATORS
            and governing_prep(o, unit) not in ("according", "to", "with", "than")
        ][:1]
    evidence, confidence = unit.evidence, 0.65
    funding_named = amount is not None or unit.search(SHARE_OF_FUND)
    if recipients and not funders and funding_named and not unit.search(ROUND):
        # a grant naming only its winner: the body the document names as giving money
        # (a company raising a round from no one named is no relation)
        funders = [o for o in funding_bodies(unit) if o.key not in {r.key for r in recipients}]
        evidence, confidence = unit.context_evidence, 0.5
        if not funders:
            funders, evidence = announcing_body(unit, recipients), unit.evidence
    if funders and not recipients:
        # a round named without its company ("OSI co-led the Series A") is a round of the
        # company the article says raised money; other money goes to the body just named
        raiser = [o for o in unit.extra.get("raisers", []) if o.key not in keys(funders)]
        recipients = (raiser if unit.search(ROUND) else []) or [
            o
            for o in unit.context_of("Trust", "Other", "Company", "University", "Charity")
            if o.key not in keys(funders)
        ][:1]
        evidence, confidence = unit.context_evidence, 0.5
    return found(unit, one_per_entity(funders), recipients, amount, evidence, confidence)


def found(
    unit: Unit,
    funders: list[Occ],
    recipients: list[Occ],
    amount: dict | None,
    evidence: tuple[int, int],
    confidence: float,
) -> list[Found]:
    recipients = [r for r in recipients if r.key not in REGULATORS]  # "the PAC put the cost at"
    attributes = attr.clean(
        {
            "amount_gbp": amount["value"] if amount else None,
            "per_year": True if amount and amount.get("per_year") else None,
        }
    )
    recipients = [r for r in recipients if not describes_offspring(unit, r)]
    funders = [f for f in funders if not owner_not_funder(unit, f)]
    out = []
    several = len(one_per_entity(funders)) > 1
    lead = lead_investors(unit) if several else set()
    for f in one_per_entity(funders):
        for r in one_per_entity(recipients):
            if f.key == r.key or listed_together(unit, f, r):
                continue
            own = dict(attributes)
            # "one of eight trusts to share £6m": not what this one gets
            shared = bool(unit.search(SHARED_OUT)) or (
                len(one_per_entity(recipients)) > 1
                and not says_each(unit)
                and each_sum_before(unit) is None
            )
            if (several and f.key not in lead) or shared:
                # several investors of one round: the round's total is not each one's
                # (it stays with the investor who led the round); a sum shared between
                # several recipients is not what each one got either
                own.pop("amount_gbp", None)
                own.pop("per_year", None)
            own_sums = not shared or len(unit.quantities_of("money")) > 1
            near = (
                attr.own_sum(unit, r, one_per_entity(recipients))
                if r.named and len(one_per_entity(funders)) == 1 and own_sums
                else None
            )
            if near is not None:
                own["amount_gbp"] = near["value"]
                own.pop("per_year", None)
                if near.get("per_year"):
                    own["per_year"] = True
            out.append(Found(RELATION, f.key, r.key, evidence, confidence, own))
    return out


def parsed_sides(unit: Unit) -> tuple[list[Occ], list[Occ]]:
    """Funders and recipients as the verbs give them ("Y invested £5m in Z", "Z raised
    £11m in a round led by Y, with participation from W and V", "backed by Y")."""
    sides = frames.sides(unit, FRAMES)
    funders = [o for o in sides.a if o.type in FUNDER_TYPES]
    recipients = [o for o in sides.b if o.type in PARTY_TYPES]
    for token in unit.sent:
        lemma = token.lemma_.lower()
        if lemma in ROUND_VERBS and token.pos_ == "VERB" and _about_round(token):
            # "a round led by Y", "Y led the round", "Y and V joined the round"
            for child in token.children:
                if child.dep_ in ("agent", "nsubj") or (
                    child.dep_ == "prep" and child.lower_ == "by"
                ):
                    target = (
                        child
                        if child.dep_ == "nsubj"
                        else next((g for g in child.children if g.dep_ == "pobj"), None)
                    )
                    if target is not None:
                        funders += [
                            o for o in frames.occ_at(unit, target) if o.type in FUNDER_TYPES
                        ]
            # "Y co-led the round alongside W and V"
            rounds = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            near = [token, *(t for r in rounds for t in r.subtree)]
            for pobj in [g for t in near for g in frames.along(t)]:
                funders += [o for o in frames.occ_at(unit, pobj) if o.type in FUNDER_TYPES]
        elif _takes_part(token):
            # "a round led by Y, in which W and V took part", "W participated in the round"
            subject = frames.subject_of(token)
            if subject is not None:
                # every body in the subject's phrase ("Tencent and Gilead Sciences")
                funders += [
                    o
                    for o in unit.occs
                    if subject.left_edge.i <= o.start
                    and o.end <= subject.right_edge.i + 1
                    and o.type in FUNDER_TYPES
                ]
        elif lemma == "include" and token.pos_ == "VERB" and _money_subject(token):
            # "the round … included W and V"
            for child in token.children:
                if child.dep_ == "dobj":
                    funders += [o for o in frames.occ_at(unit, child) if o.type in FUNDER_TYPES]
        elif lemma in ("bring", "include", "comprise") and _round_subject(token):
            # "The round brings together the venture capital firms A and B, and C"
            for child in token.children:
                if child.dep_ in ("dobj", "attr"):
                    listed = [
                        o
                        for o in unit.occs
                        if child.left_edge.i <= o.start
                        and o.end <= child.right_edge.i + 1
                        and o.type in FUNDER_TYPES
                        and o.named
                    ]
                    # not "the University of Edinburgh's" fund, named to describe one
                    funders += [
                        o
                        for o in listed
                        if not in_modifier_of(o, unit, listed)
                        and token_at(unit.doc, o).dep_ != "poss"
                    ]
        elif lemma in MONEY_GOING_VERBS and token.pos_ == "VERB" and _money_subject(token, True):
            for pobj in (g for prep, g in frames.preps_of(token) if prep == "to"):
                recipients += [o for o in frames.occ_at(unit, pobj) if o.type in PARTY_TYPES]
        elif lemma in MONEY_SOURCE_VERBS and token.pos_ == "VERB" and _money_subject(token):
            # "the money comes from W, V and U", "the funding was provided by W"
            sources = [g for prep, g in frames.preps_of(token) if prep in ("from", "by")]
            for pobj in sources + (frames.along(token) if sources else []):
                funders += [o for o in frames.occ_at(unit, pobj) if o.type in FUNDER_TYPES]
        elif lemma in FUNDER_NOUNS and token.pos_ == "NOUN":
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                    for g in child.children:
                        if g.dep_ == "pobj":
                            funders += [o for o in frames.occ_at(unit, g) if o.type in FUNDER_TYPES]
        elif lemma in ("investor", "backer", "shareholder") and token.pos_ == "NOUN":
            # "investors including W and V", "existing investors W and V", "earlier backers,
            # including W and the entrepreneur V" (a person may be an investor here)
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("including", "include", "such"):
                    for g in child.subtree:
                        if g.dep_ == "pobj":
                            funders += [o for o in frames.occ_at(unit, g) if o.type in ANGEL_TYPES]
                elif child.dep_ == "appos":
                    funders += [o for o in frames.occ_at(unit, child) if o.type in FUNDER_TYPES]
            if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in JOINING:
                # "Three new investors joined: A; B; and C"
                funders += _listed_after(unit, token.head)
            backed = [g for prep, g in frames.preps_of(token) if prep in ("of", "in")]
            backer = _described(token)
            if backed and backer is not None and lemma != "shareholder":
                # "Microsoft, already the largest backer of OpenAI"
                funders += [o for o in frames.occ_at(unit, backer) if o.type in ANGEL_TYPES]
                recipients += [
                    o for g in backed for o in frames.occ_at(unit, g) if o.type in PARTY_TYPES
                ]
    funders = one_per_entity(funders)
    recipients = [o for o in one_per_entity(recipients) if o.key not in keys(funders)]
    return funders, recipients


def _described(noun: Token) -> Token | None:
    """What a noun describes: the head of its apposition ("Microsoft, the largest backer"),
    or the subject when it is the complement ("Microsoft is the largest backer")."""
    if noun.dep_ == "appos":
        return noun.head
    if noun.dep_ == "attr":
        return frames.subject_of(noun.head)
    left = noun.left_edge
    if left.i >= 2 and noun.doc[left.i - 1].text == "," and noun.doc[left.i - 2].pos_ == "PROPN":
        return noun.doc[left.i - 2]  # an apposition the parser took for a second object
    return None


def _listed_after(unit: Unit, verb: Token) -> list[Occ]:
    """The bodies listed after a verb and a colon ("joined: A; B; and C")."""
    after = [t for t in unit.sent if t.i > verb.i]
    if not after or after[0].text != ":":
        return []
    listed = [o for o in unit.occs if o.start > verb.i and o.type in FUNDER_TYPES and o.named]
    # not "Intel" in "Intel Capital, the corporate venture arm of Intel"
    return [o for o in listed if not in_modifier_of(o, unit, listed)]


def lead_investors(unit: Unit) -> set[str]:
    """Keys of the investors said to have led the round ("a round led by Y")."""
    out: set[str] = set()
    for token in unit.sent:
        if (
            token.lemma_.lower() in ("lead", "co-lead")
            and token.pos_ == "VERB"
            and _about_round(token)
        ):
            for child in token.children:
                target = child if child.dep_ == "nsubj" else None
                if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                    target = next((g for g in child.children if g.dep_ == "pobj"), None)
                if target is not None:
                    out |= {o.key for o in frames.occ_at(unit, target)}
    return out


def _takes_part(verb: Token) -> bool:
    """ "took part in" / "participated in" a round, or a relative clause of one ("a round
    … in which W took part")."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or not (
        lemma == "participate"
        or (lemma == "take" and any(c.lower_ == "part" for c in verb.children))
    ):
        return False
    rounds = [g for prep, g in frames.preps_of(verb) if prep == "in"]
    if verb.dep_ == "relcl":
        # the clause may hang from the round or, misparsed, from its lead investor
        rounds += [a for a, _ in zip(verb.ancestors, range(4), strict=False)]
    return any(r.lemma_.lower() in ROUND_NOUNS for r in rounds)


def _money_subject(verb: Token, sums: bool = False) -> bool:
    subj = frames.subject_of(verb)
    if subj is None:
        return False
    lemma = subj.lemma_.lower()
    return lemma in FUNDER_NOUNS or lemma in ROUND_NOUNS or (sums and lemma in SUM_NOUNS)


def _round_subject(verb: Token) -> bool:
    subj = frames.subject_of(verb)
    return subj is not None and subj.lemma_.lower() in ("round", "raise", "financing")


def _about_round(verb: Token) -> bool:
    """ "led" says who invested only when what was led is a round of funding."""
    heads = [verb.head] if verb.dep_ in ("acl", "relcl") else []
    heads += [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(h.lemma_.lower() in ROUND_NOUNS or h.lower_ == "round" for h in heads)


def is_recipient(occ: Occ, unit: Unit) -> bool:
    root = token_at(unit.doc, occ)
    head = root.head.lemma_.lower()
    if root.dep_ in ("nsubj", "nsubjpass") and head in RECIPIENT_VERBS | {"award", "give"}:
        return root.dep_ == "nsubjpass" or head in RECIPIENT_VERBS
    if root.dep_ in ("dative", "dobj") and head in FUNDER_VERBS:
        return True
    if root.dep_ == "pobj" and root.head.head.lower_ in ("according", "due", "thanks"):
        return False  # "according to the DHSC"
    return governing_prep(occ, unit) in ("to", "in", "into")


def listed(unit: Unit) -> list[Found]:
    """An item of a list of funded bodies: its first organisation receives from the body
    the lead-in names as giving money ("The DHSC, which runs the fund, named the trusts
    that will receive money:"), else the one the document names."""
    own = [o for o in unit.of(*PARTY_TYPES) if o.named]
    if not own or is_funder(own[0], unit):
        return []  # "- £50 million from Wellcome": an item naming a funder
    giving = [
        o
        for o in unit.context
        if o.type in ("GovernmentBody", "Charity") and o.key not in REGULATORS
    ]
    if len(keys(giving)) != 1:
        giving = funding_bodies(unit)
    funders = [o for o in giving if o.key != own[0].key][:1]
    amount = attr.money(unit) or unit.extra.get("each_sum")
    return found(unit, funders, own[:1], amount, unit.context_evidence, 0.5)


def listed_together(unit: Unit, a: Occ, b: Occ) -> bool:
    """Two names of one list ("a consortium of eight drug companies: Regeneron, AbbVie,
    …, Pfizer and Takeda") stand on the same side of the money, never on both."""
    if not (
        unit.sent.start <= a.start < unit.sent.end and unit.sent.start <= b.start < unit.sent.end
    ):
        return False
    head_a, head_b = token_at(unit.doc, a), token_at(unit.doc, b)
    return _list_head(head_a).i == _list_head(head_b).i


def _list_head(token: Token) -> Token:
    """The first name of the coordination (or apposition) the token is a member of;
    "A, along with B" and "A alongside B" coordinate too."""
    while token.head.i != token.i:
        head = token.head
        if token.dep_ in ("conj", "appos"):
            token = head
        elif token.dep_ == "pobj" and head.lower_ == "alongside":
            token = head.head
        elif (
            token.dep_ == "pobj"
            and head.lower_ == "with"
            and head.head.lower_ in ("along", "together")
            and head.head.head.i != head.head.i
        ):
            token = head.head.head
        else:
            break
    return token


def listed_givers(unit: Unit) -> list[Found]:
    """An item of a list of bodies giving money ("Seven companies have committed £25m to
    the study. They are: - GSK; - MSD"): its organisation funds the body the text is
    about, with no sum of its own (the list shares one)."""
    own = [o for o in unit.of(*PARTY_TYPES) if o.named][:1]
    recipients = [
        o for o in unit.focus_of(*RECIPIENT_TYPES) if o.key not in keys(own)
    ] or most_named(unit, RECIPIENT_TYPES, set(keys(own)))
    return found(unit, own, recipients[:1], None, unit.context_evidence, 0.5)


def examples(unit: Unit) -> list[Found]:
    """Each body a statement of examples names receives from the document's funder."""
    own = [o for o in unit.of(*PARTY_TYPES) if o.named]
    funders = [o for o in funding_bodies(unit) if o.key not in keys(own)]
    return found(unit, funders, own, each_sum_before(unit), unit.context_evidence, 0.5)
