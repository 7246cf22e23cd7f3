"""The trained entity scorer: for each entity the rules found, how likely each type is,
and what follows: keep it, give it the type the model is sure of, or drop it.

Why after the rules and not instead of them: the rules know every trust in the ODS
reference data and every curated company, and type names by forms the annotated articles
are too few to teach; what they lack is a sense of which of their own findings are
wrong. One-vs-rest logistic regressions (one per type, over ``entity_features``) give it:
an entity no type scores ``drop`` or more, and the types together under ``keep_any``,
is dropped with its mentions and the references resolved to it (the types are scored
one against the rest, so an organisation the model cannot place, "Company" 0.28 and
"Charity" 0.29, is still sure to be one), and one whose rule type scores below ``keep_type`` while
another type scores ``retype`` or more takes that type. Names the reference data or the
gazetteer know, and names in a form only a body takes, are never dropped
(``is_certain``): that evidence is stronger than any context a few hundred articles teach.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from ingest.extract import state
from ingest.extract.components.orgs.forms import form_type
from ingest.extract.learned.entity_features import (
    TYPES,
    entity_features,
    entity_views,
    referred,
)
from ingest.extract.learned.logistic import sigmoid
from ingest.extract.learned.scorer import (
    ScorerFileError,
    pruned,
    read_model_file,
    write_model_file,
)
from ingest.extract.names import LEGAL_SUFFIX

FORMAT = "nhskg.entity_scorer.v1"
DEFAULT_DROP = 0.3
DEFAULT_RETYPE = 0.6
DEFAULT_KEEP_TYPE = 0.3
DEFAULT_KEEP_ANY = 0.5
KNOWN_SOURCES = ("gaz:", "ods:")  # entity keys resolved to the gazetteer or the ODS data
PROOF_FORMS = {"Trust", "GovernmentBody", "University"}


@dataclass
class Verdict:
    """What the scorer makes of one entity: ``type`` None means drop."""

    key: str
    type: str | None
    probabilities: dict[str, float]


@dataclass
class EntityScorer:
    weights: dict[str, float]  # "Type|feature" → weight
    drop: float = DEFAULT_DROP
    retype: float = DEFAULT_RETYPE
    keep_type: float = DEFAULT_KEEP_TYPE
    keep_any: float = DEFAULT_KEEP_ANY
    meta: dict[str, Any] = field(default_factory=dict)
    by_type: dict[str, dict[str, float]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_type = {t: {} for t in TYPES}
        for name, weight in self.weights.items():
            type_, _, feature = name.partition("|")
            self.by_type.setdefault(type_, {})[feature] = weight

    def probabilities(self, feats: list[str]) -> dict[str, float]:
        return {
            t: sigmoid(sum(map(weights.get, feats, repeat(0.0))))
            for t, weights in self.by_type.items()
        }

    def decide(
        self, rule_type: str, probabilities: dict[str, float], certain: bool = False
    ) -> str | None:
        """The type to keep the entity under, or None to drop it. A ``certain`` entity
        (``is_certain``) exists whatever its context says: it may be retyped, never
        dropped."""
        best = max(probabilities, key=probabilities.__getitem__)
        unsure = probabilities[best] < self.drop and sum(probabilities.values()) < self.keep_any
        if unsure and not certain:
            return None
        if (
            best != rule_type
            and probabilities[best] >= self.retype
            and probabilities.get(rule_type, 0.0) < self.keep_type
        ):
            return best
        return rule_type

    def verdicts(self, doc: Doc) -> list[Verdict]:
        views = entity_views(doc)
        refs = referred(doc)
        out = []
        for key, ent in state.entities(doc).items():
            if key not in views:
                continue
            feats = entity_features(key, ent, views[key], refs.get(key, []))
            probabilities = self.probabilities(feats)
            verdict = self.decide(ent["type"], probabilities, is_certain(key, ent["name"]))
            out.append(Verdict(key, verdict, probabilities))
        return out

    def apply(self, doc: Doc) -> None:
        """Drop and retype the document's entities as the verdicts say."""
        ents = state.entities(doc)
        changed = {v.key: v.type for v in self.verdicts(doc) if v.type != ents[v.key]["type"]}
        if not changed:
            return
        for key, type_ in changed.items():
            if type_ is None:
                del ents[key]
            else:
                ents[key]["type"] = type_
        state.set_mentions(
            doc, [relabel(m, changed) for m in state.mentions(doc) if m.kb_id_ in ents]
        )
        kept_refs = []
        for ref in state.refs(doc):
            keys = [k for k in state.ref_keys(ref) if k in ents]
            if keys:
                kept_refs.append(
                    Span(doc, ref.start, ref.end, label=ref.label_, kb_id="|".join(keys))
                )
        doc.spans[state.REFS] = kept_refs

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "drop": self.drop,
            "retype": self.retype,
            "keep_type": self.keep_type,
            "keep_any": self.keep_any,
            "meta": self.meta,
            "weights": pruned(self.weights),
        }

    def save(self, path: Path) -> None:
        write_model_file(path, self.to_json())


def is_certain(key: str, name: str) -> bool:
    """Whether the entity is an organisation or a person whatever its context says:
    resolved to the reference data or the gazetteer, or named in a form only a body
    takes ("… plc", "… LLP", "University of …", "… Council", "… NHS Trust"). Forms
    that firms share with departments and programmes ("… Services", "… Group") are no
    proof."""
    if key.startswith(KNOWN_SOURCES):
        return True
    return bool(LEGAL_SUFFIX.search(name)) or form_type(name) in PROOF_FORMS


def relabel(mention: Span, changed: dict[str, str | None]) -> Span:
    type_ = changed.get(mention.kb_id_)
    if type_ is None:
        return mention
    return Span(mention.doc, mention.start, mention.end, label=type_, kb_id=mention.kb_id_)


def load_entity_scorer(path: Path) -> EntityScorer:
    data = read_model_file(path, FORMAT, "entity scorer")
    try:
        return EntityScorer(
            {str(k): float(v) for k, v in data["weights"].items()},
            drop=float(data.get("drop", DEFAULT_DROP)),
            retype=float(data.get("retype", DEFAULT_RETYPE)),
            keep_type=float(data.get("keep_type", DEFAULT_KEEP_TYPE)),
            keep_any=float(data.get("keep_any", DEFAULT_KEEP_ANY)),
            meta=data.get("meta", {}),
        )
    except (KeyError, AttributeError, TypeError, ValueError) as err:
        raise ScorerFileError(f"{path}: malformed {FORMAT} file ({err!r})") from err
