"""``regulatory_finding``: regulator → organisation the finding is about, with ``outcome``.

Cue: a sanction or a ruling ("ruled", "fined", "civil monetary penalty", "breach",
"failed to comply", "undertaking", "enforcement notice", "reprimand", rated "inadequate");
or a verb of reporting a finding ("found", "concluded", "cleared", "according to") whose
speaker is the regulator: named (the ICO, CQC, NAO, CMA, MHRA, FDA, a Commons committee),
called "the auditors", "the regulator", "the watchdog", or a pronoun ("they found") that
refers to the regulator named in the sentences just before.

The organisation is what the finding is about: the object of "fined X", "a penalty on X",
"cleared X"; the subject of the clause that was found ("ruled that the trust failed …",
"NHS England had not understood …, the NAO found", "according to the auditors, the
outsourcer closed offices"); the company whose takeover was cleared ("cleared it"); else
the first other organisation after the cue. ``amount_gbp`` for a fine. An investigation
still running is no finding.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ingest.extract import state
from ingest.extract.rules import attributes as attr
from ingest.extract.rules import frames
from ingest.extract.rules.cues import MODALS, Found, cue_tokens, stated
from ingest.extract.rules.units import Occ, Unit, one_per_entity, token_at

RELATION = "regulatory_finding"
REGULATORS = {
    "gaz:ico",
    "gaz:cqc",
    "gaz:mhra",
    "gaz:nhs-improvement",
    "gaz:monitor",
    "gaz:hra",
    "gaz:cma",
    "gaz:nice",
    "gaz:nao",
    "gaz:fda",
    "gaz:healthcare-inspectorate-wales",
    "gaz:public-accounts-committee",
    "gaz:health-committee",
    "gaz:science-and-technology-committee",
}
# A national body whose name says it regulates, audits or inspects.
REGULATOR_NAME = re.compile(
    r"\b(regulat\w+|commissioner|audit\w*|inspectorate|ombudsman|watchdog|"
    r"competition|select committee|accounts committee)\b",
    re.I,
)
# Words that stand for the regulator: "the auditors found", "the watchdog ruled".
REGULATOR_WORDS = {
    "regulator",
    "regulators",
    "auditor",
    "auditors",
    "watchdog",
    "commissioner",
    "inspector",
    "inspectors",
    "committee",
    "mps",
    "authority",
}
PRONOUNS = {"it", "they"}
CUE = re.compile(
    r"\b(ruled|ruling|found that|finds that|failed to comply|breach(?:ed|es)?|fined|fines?|"
    r"penalty|undertaking|enforcement notice|reprimand\w*|censur\w+|"
    r"rated (?:[\w'’-]+ ){0,8}?(?:inadequate|as requires improvement|requires improvement)|"
    r"special measures|warning notice|broke (?:the )?(?:data protection )?law|failed to|"
    r"suspended|ordered|banned|imposed conditions|conditions on|warned)\b",
    re.I,
)
# Verbs that report a finding only when the regulator says it.
REPORTED = re.compile(
    r"\b(found|finds|concluded|concludes|cleared|clears|according to|criticised|ruled|"
    r"approved|clearance)\b",
    re.I,
)
# A clause runs to a comma, full stop or semicolon, but not through one inside a number
# ("fined Pfizer £84.2m", "£1,500").
_CLAUSE = r"(?:[^,.;]|(?<=\d)[.,](?=\d))+?"
OUTCOME = re.compile(
    rf"\b((?:had )?failed to comply with {_CLAUSE}|breach(?:ed)? {_CLAUSE}|fined {_CLAUSE}|"
    r"(?:an )?undertaking|enforcement notice|reprimand|"
    r"rated (?:[\w'’-]+ ){0,8}?(?:inadequate|as requires improvement|requires improvement)|"
    r"(?:placed|put) (?:[\w'’-]+ ){0,4}?(?:in|into) special measures|"
    rf"civil monetary penalty|cleared {_CLAUSE}|broke {_CLAUSE})"
    r"(?= when\b| while\b| after\b| by\b| in \d| in [A-Z]| on \d|[,;:]|\.(?!\d)|$)",
    re.I,
)
TARGET_TYPES = ("Trust", "Company", "GovernmentBody", "Other", "Charity", "University")
# Verbs whose object is what the finding is about: "fined X", "cleared X".
OBJECT_VERBS = {
    "fine",
    "clear",
    "censure",
    "reprimand",
    "criticise",
    "penalise",
    "approve",
    "rate",
    "place",
    "put",
    "order",
    "suspend",
    "ban",
    "warn",
    "instruct",
}
# How many statements back a pronoun ("they found") or a word for the regulator ("the
# auditors found") looks for the regulator it stands for.
NEAR, FAR = 6, 40
# Verbs of a breach whose subject the finding is about: "the trust broke the law".
BREACH_VERBS = {"break", "breach", "fail", "contravene", "violate", "infringe"}
# Nouns of an approval received: "received clearance from the FDA".
APPROVAL_NOUNS = {"clearance", "approval"}


def find(unit: Unit) -> list[Found]:
    for cue, reported in cues(unit):
        regulator = speaker(unit, cue) if reported else None
        if regulator is None and not reported:
            regulator = named_regulator(unit)
        if regulator is None:
            continue
        targets = with_listed(unit, targets_of(unit, cue, regulator, reported), regulator)
        if not targets:
            continue
        amount = attr.money(unit) if re.search(r"\b(fine|penalt)", unit.text, re.I) else None
        attributes = attr.clean(
            {
                "outcome": outcome(unit),
                "date": attr.date(unit),
                "amount_gbp": amount["value"] if amount else None,
            }
        )
        out = []
        for target in targets:
            own = dict(attributes)
            if amount is not None and len(attr.own_kind(unit, "money")) < len(targets):
                # "fined A and B a combined £70m": fewer sums than bodies, none is one
                # body's fine ("fined Pfizer £84.2m and Flynn £5.2m" gives each its own
                # through relations.respective_sums, as for every money relation)
                own.pop("amount_gbp", None)
            out.append(Found(RELATION, regulator.key, target.key, unit.evidence, 0.7, own))
        return out
    return []


def cues(unit: Unit) -> list[tuple[Token, bool]]:
    """The stated cues of the statement: a sanction or ruling (False), or a verb reporting
    a finding that needs the regulator as its speaker (True)."""
    out = [(t, False) for t in cue_tokens(unit, CUE) if stated(t)]
    out += [(t, True) for t in cue_tokens(unit, REPORTED) if stated(t) or own_clause_stated(t)]
    return out


def own_clause_stated(token: Token) -> bool:
    """A reporting verb joined to a negated one is still stated ("did not need an
    investigation and cleared it"): only its own clause counts."""
    if token.dep_ != "conj" or token.pos_ not in ("VERB", "AUX"):
        return False
    return not any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) for c in token.children
    )


def named_regulator(unit: Unit) -> Occ | None:
    regulators = [o for o in unit.occs if is_regulator(o)]
    if not regulators:
        regulators = [o for o in unit.context if is_regulator(o)]
    return regulators[0] if regulators else None


def speaker(unit: Unit, cue: Token) -> Occ | None:
    """The regulator that reports the finding: the subject of "found/concluded/cleared",
    the object of "according to" (or of its "by": "an investigation by the NAO")."""
    if cue.lower_ == "according" or (cue.lower_ == "to" and cue.head.lower_ == "according"):
        node = cue if cue.lower_ == "according" else cue.head
        who = [t for t in node.subtree if t.dep_ == "pobj"]
    elif cue.lower_ == "clearance":
        who = [g for c in cue.children if c.lower_ == "from" for g in c.children]
    else:
        subj = frames.subject_of(cue) if cue.pos_ in ("VERB", "AUX") else None
        if subj is None:
            return None
        who = [subj]
        if cue.lemma_.lower() == "approve" and frames.is_passive(cue):
            who = [g for _, g in frames.preps_of(cue)]
    for token in who:
        found = [o for o in frames.occ_at(unit, token) if is_regulator(o)]
        if found:
            return found[0]
        if token.lower_ in REGULATOR_WORDS or token.lemma_.lower() in REGULATOR_WORDS:
            return recent_regulator(unit, FAR)
        if token.lower_ in PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
            # "The auditors were critical of X. It had …, they found"
            before = state.doc_text(unit.doc)[unit.context_evidence[0] : unit.evidence[0]].lower()
            said = any(w in REGULATOR_WORDS for w in re.findall(r"[a-z]+", before))
            return recent_regulator(unit, FAR if said else NEAR)
    return None


def recent_regulator(unit: Unit, window: int) -> Occ | None:
    """The regulator named in this statement or in the ``window`` statements before it."""
    own = [o for o in unit.occs if is_regulator(o)]
    if own:
        return own[0]
    before = [o for distance, o in unit.extra.get("regulators_before", []) if distance <= window]
    return before[-1] if before else None


def with_listed(unit: Unit, targets: list[Occ], regulator: Occ) -> list[Occ]:
    """ "fined Pfizer and Flynn Pharma a combined £70m", however the parser hung the first
    name on the clause: the names listed with it are found too."""
    listed = [
        o
        for t in targets
        for o in frames.occ_at(unit, token_at(unit.doc, t), deep=False)
        if o.type in TARGET_TYPES and o.key != regulator.key and not is_regulator(o)
    ]
    return one_per_entity(targets + listed)


def gapped_objects(unit: Unit, verb: Token) -> list[Occ]:
    """ "fined Pfizer £84.2m and Flynn Pharma £5.2m": the verb left out of the second
    clause, the parser hangs its name on the verb or on the first clause's sum."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    out: list[Occ] = []
    for head in heads:
        for child in head.children:
            if child.dep_ == "conj" and child.pos_ == "PROPN":
                out += frames.occ_at(unit, child, deep=False)
    return out


def targets_of(unit: Unit, cue: Token, regulator: Occ, reported: bool = False) -> list[Occ]:
    """What the finding is about (every body a list names: "Pfizer and Flynn Pharma")."""

    def ok(occs: list[Occ]) -> list[Occ]:
        return [
            o
            for o in occs
            if o.type in TARGET_TYPES and o.key != regulator.key and not is_regulator(o)
        ]

    verb = frames.clause_head(cue)
    lemma = verb.lemma_.lower()
    if cue.lemma_.lower() in BREACH_VERBS | APPROVAL_NOUNS:
        # "Royal Free broke data protection law", "X received clearance from the FDA"
        subj = frames.subject_of(cue if cue.pos_ in ("VERB", "AUX") else verb)
        if subj is not None:
            found = ok(owner(unit, subj) + frames.occ_at(unit, subj))
            if found:
                return one_per_entity(found)
    # "fined the trust £180,000", "cleared the takeover", "a penalty on X"
    if lemma in OBJECT_VERBS:
        # every object: "fined Pfizer £84.2m, the largest penalty …, and Flynn £5.2m"
        # has the first name as a dative and the second hung on the penalty
        found = [
            o
            for child in verb.children
            if child.dep_ in ("dative", "dobj", "nsubjpass")
            for o in ok(frames.occ_at(unit, child, deep=False) + owner(unit, child))
        ]
        if found:
            return one_per_entity(found + ok(gapped_objects(unit, verb)))
        if lemma in ("clear", "approve"):
            # "cleared the takeover", "cleared it": the company whose deal it was
            found = (
                ok(unit.context_of("Company"))
                or ok(unit.focus_of("Company"))
                or ok(unit.extra.get("companies_before", []))
            )
            if found:
                return found[:1]
    for token in [cue, *cue.ancestors]:
        for prep, pobj in frames.preps_of(token):
            if prep in ("on", "against"):
                found = ok(frames.occ_at(unit, pobj) + owner(unit, pobj))
                if found:
                    return one_per_entity(found)
        if token.i == verb.i:
            break
    # the clause that was found: "ruled that X failed", "X had not …, the NAO found"
    for subj in found_subjects(cue, verb):
        found = ok(owner(unit, subj) + frames.occ_at(unit, subj, deep=subj.pos_ != "NOUN"))
        if found:
            return one_per_entity(found)
    if reported:
        return []  # a finding reported by the regulator is about its clause's subject
    targets = ok(unit.occs)
    after = [o for o in targets if o.start > cue.i]
    return (after or targets)[:1]


def owner(unit: Unit, token: Token) -> list[Occ]:
    """ "NHS England's decision": the organisation a noun belongs to."""
    return [o for c in token.children if c.dep_ == "poss" for o in frames.occ_at(unit, c)]


def found_subjects(cue: Token, verb: Token) -> list[Token]:
    """Subjects of the clauses the cue reports: its "that" clauses, or the main clause a
    parenthetical "…, the NAO found" or "according to the auditors, …" belongs to."""
    clauses: list[Token] = []
    if cue.lower_ in ("according", "to"):
        node = cue if cue.lower_ == "according" else cue.head
        clauses = [node.head]
    else:
        clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
        clauses += [g for c in clauses for g in c.children if g.dep_ == "conj"]
        if not clauses and verb.dep_ in ("ccomp", "parataxis", "advcl", "conj") and verb.head:
            clauses = [verb.head]
        if not clauses and verb.dep_ == "ROOT":
            clauses = [c for c in verb.children if c.dep_ in ("parataxis",)]
    out = []
    for clause in clauses:
        subj = frames.subject_of(clause)
        if subj is not None and not (subj.i in [t.i for t in verb.subtree] and clause.i == verb.i):
            out.append(subj)
    return out


def prepare(units: list[Unit]) -> None:
    """For each statement, the regulators named in the few before it (for "they found",
    "according to the auditors")."""
    seen: list[tuple[int, Occ]] = []
    for n, unit in enumerate(units):
        unit.extra["regulators_before"] = [(n - i, o) for i, o in seen]
        seen += [(n, o) for o in unit.occs if is_regulator(o)]
        # the company the last few statements are most about ("cleared it")
        recent = [o for u in units[max(0, n - 4) : n] for o in u.occs if o.type == "Company"]
        counts: dict[str, int] = {}
        for o in recent:
            counts[o.key] = counts.get(o.key, 0) + 1 + 4 * acquirer(units[n].doc, o)
        unit.extra["companies_before"] = sorted(
            {o.key: o for o in reversed(recent)}.values(), key=lambda o: -counts[o.key]
        )[:1]


TAKEOVER = {"acquire", "buy", "purchase", "take", "acquisition", "takeover", "bid", "complete"}


def acquirer(doc, occ: Occ) -> bool:
    """ "Microsoft bought …", "Microsoft's acquisition of …": the buyer of a takeover."""
    root = doc[occ.start : occ.end].root
    return root.head.lemma_.lower() in TAKEOVER and root.dep_ in ("nsubj", "poss")


def is_regulator(occ: Occ) -> bool:
    if occ.key in REGULATORS:
        return True
    if occ.type not in ("GovernmentBody", "Other"):
        return False
    return "regulator" in occ.text or (occ.named and bool(REGULATOR_NAME.search(occ.text)))


def outcome(unit: Unit) -> str | None:
    m = unit.search(OUTCOME)
    if not m:
        return None
    # the words as written (the search may have run on the lower-cased text)
    return re.sub(r"^(had |an )", "", unit.text[m.start(1) : m.end(1)]).strip()
