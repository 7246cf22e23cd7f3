"""The trained scorer: a weight per feature and the probability from which a pair the
rules did not find is added.

Why add only, never drop: cross-validated over the development articles, letting the
model drop rule findings it scored below 0.05 cost more right relations than wrong ones
(relation F1 0.675 → 0.644: the rules know phrasings too rare for 200 articles to teach)
and gained only 0.01-0.02 on unseen articles, while adding what it is sure of gained on
every fold of the articles the rules had been tuned on least (``docs/accuracy.md``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from ingest.extract.learned import fill
from ingest.extract.learned.candidates import Candidate, pairs
from ingest.extract.learned.features import (
    conjunctions,
    governing_word,
    pair_features,
    root,
    same_sentence,
    unit_features,
)
from ingest.extract.learned.logistic import sigmoid
from ingest.extract.rules.cues import Found, stated
from ingest.extract.rules.titles import title_phrases
from ingest.extract.rules.units import Unit

FORMAT = "nhskg.relation_scorer.v1"
DEFAULT_ADD = 0.5
# Weights smaller than this are left out of the shipped file: four in five weights, and
# they barely move a decision (on 24 unseen articles, one relation of 215).
PRUNE = 0.03


# Types that exclude each other between the same two parties: money one body pays
# another is a purchase or a grant, not both. The scorer adds neither where the rules
# found the other (a grant "awarded" reads like a contract to a model of words).
EXCLUDES = {"contract": ("investment",), "investment": ("contract",)}


class ScorerFileError(RuntimeError):
    """The scorer file is missing, unreadable or not a scorer (a setting to fix, like a
    missing spaCy model)."""


@dataclass
class Scorer:
    weights: dict[str, float]  # "type|feature" → weight
    add: float = DEFAULT_ADD  # a pair no rule found is added from this probability
    meta: dict[str, Any] = field(default_factory=dict)
    by_type: dict[str, dict[str, float]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # split once by type, so a pair's features are computed once for all its types
        self.by_type = {}
        for name, weight in self.weights.items():
            relation, _, feature = name.partition("|")
            self.by_type.setdefault(relation, {})[feature] = weight

    def probability(self, feats: list[str]) -> float:
        """Of a candidate's typed features (``features.features``)."""
        return sigmoid(sum(self.weights.get(f, 0.0) for f in feats))

    def scored(
        self, statements: list[Unit], at_least: float = 0.0
    ) -> list[tuple[Candidate, float]]:
        """Every candidate of the statements with its probability, those of at least
        ``at_least`` only. A statement's own features are the same for all its pairs, so
        their weight per type is summed once per statement."""
        shared: dict[int, list[str]] = {}  # only statements with a pair are read
        shared_z: dict[tuple[int, str], float] = {}
        out = []
        for pair in pairs(statements):
            if pair.index not in shared:
                shared[pair.index] = unit_features(pair.unit)
            own = pair_features(pair)
            feats = [*own, *conjunctions(own)]
            for relation in pair.types:
                weights = self.by_type.get(relation, {})
                key = (pair.index, relation)
                if key not in shared_z:
                    shared_z[key] = sum(map(weights.get, shared[pair.index], repeat(0.0)))
                p = sigmoid(shared_z[key] + sum(map(weights.get, feats, repeat(0.0))))
                if p >= at_least:
                    out.append((Candidate(relation, pair), p))
        return out

    def additions(self, statements: list[Unit], found: list[Found]) -> list[Found]:
        """Relations the model is sure of that the rules did not find in the document:
        one per fact, from the statement that scored it highest. As with the rules, only
        what is stated as a fact: not in a negated, hedged or conditional clause."""
        known = {(f.type, f.subject, f.object) for f in found}
        excluded = {
            (other, f.subject, f.object) for f in found for other in EXCLUDES.get(f.type, ())
        }
        best: dict[tuple[str, str, str], tuple[Candidate, float]] = {}
        for c, p in self.scored(statements, at_least=self.add):
            if c.key in known or p <= best.get(c.key, (c, -1.0))[1]:
                continue
            if c.key in excluded:
                continue
            if stated(governor(c)):
                best[c.key] = (c, p)
        return [as_found(c, p) for c, p in best.values()]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "add": self.add,
            "meta": self.meta,
            "weights": pruned(self.weights),
        }

    def save(self, path: Path) -> None:
        write_model_file(path, self.to_json())


def pruned(weights: dict[str, float]) -> dict[str, float]:
    """The weights a model file keeps: sorted, rounded, without those under ``PRUNE``."""
    return {k: round(v, 4) for k, v in sorted(weights.items()) if abs(v) >= PRUNE}


def write_model_file(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n")


def read_model_file(path: Path, format_: str, what: str) -> dict[str, Any]:
    """The JSON object of a model file of ``format_``, or a :class:`ScorerFileError`
    naming the file and what is wrong with it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ScorerFileError(f"cannot read the {what} {path}: {err}") from err
    if not isinstance(data, dict) or data.get("format") != format_:
        raise ScorerFileError(f"{path} is not a {format_} file")
    return data


def load_scorer(path: Path) -> Scorer:
    data = read_model_file(path, FORMAT, "relation scorer")
    try:
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return Scorer(weights, float(data.get("add", DEFAULT_ADD)), data.get("meta", {}))
    except (KeyError, AttributeError, TypeError, ValueError) as err:
        raise ScorerFileError(f"{path}: malformed {FORMAT} file ({err!r})") from err


def governor(c: Candidate) -> Token:
    """The word that says how the parties are related: the one governing both in the
    parse when they share a sentence, else the statement's main verb."""
    unit = c.unit
    if same_sentence(unit, c.subject, c.object):
        word = governing_word(root(unit, c.subject), root(unit, c.object))
        if word is not None:
            return word
    return unit.sent.root


def as_found(c: Candidate, p: float) -> Found:
    unit = c.unit
    both_here = c.here(c.subject) and c.here(c.object)
    evidence = unit.evidence if both_here else unit.context_evidence
    attributes = fill.attributes(c.type, unit)
    if c.type == "role":
        title = nearest_title(unit, c)
        if title:
            attributes["title"] = title
    return Found(c.type, c.subject.key, c.object.key, evidence, round(p, 2), attributes)


def nearest_title(unit: Unit, c: Candidate) -> str | None:
    """The title phrase of the statement nearest the person ("Jane Smith, chief
    executive of …"), when the person is named in it."""
    if not c.here(c.subject):
        return None
    skip = {i for o in unit.occs for i in range(o.start, o.end)}
    person = c.subject
    phrases = title_phrases(unit.sent, skip)
    if not phrases:
        return None
    start, end = min(
        phrases, key=lambda se: min(abs(se[0] - person.end), abs(person.start - se[1]))
    )
    return unit.doc[start:end].text
