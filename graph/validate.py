"""Check the store against ``ontology/shapes.ttl`` (SHACL, pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Graph
from rdflib.namespace import SH

from graph.store import GraphStore

SHAPES_TTL = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"


@dataclass
class Violation:
    focus: str
    path: str | None
    message: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.focus}{where}: {self.message}"


def validate_graph(data: Graph) -> list[Violation]:
    """Violations of the shapes in ``data`` (which must hold the ontology for subclasses)."""
    shapes = Graph().parse(SHAPES_TTL, format="turtle")
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    if conforms:
        return []
    violations = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        violations.append(
            Violation(
                focus=str(report.value(result, SH.focusNode)),
                path=str(p) if (p := report.value(result, SH.resultPath)) is not None else None,
                message=str(report.value(result, SH.resultMessage) or "violates a shape"),
            )
        )
    return sorted(violations, key=str)


def validate_store(store: GraphStore) -> list[Violation]:
    return validate_graph(store.union_graph())
