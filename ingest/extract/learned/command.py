"""What the two training commands share: their common options, the development
articles they train on and what a model file records of its training."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Protocol

from ingest.eval import corpus_names
from ingest.extract.learned.logistic import EPOCHS


def training_parser(description: str, out: Path, l2: float) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--folds", type=int, default=7)
    parser.add_argument("--out", type=Path, default=out)
    parser.add_argument("--l2", type=float, default=l2)
    parser.add_argument(
        "--until", default=None, help="train on development articles named before this only"
    )
    return parser


def development_names(until: str | None) -> list[str]:
    """The development articles to train on: all, or those named before ``until``. Never
    the held-out part."""
    return [n for n in corpus_names("dev") if until is None or n < until]


class Model(Protocol):
    meta: dict[str, Any]

    def to_json(self) -> dict[str, Any]: ...

    def save(self, path: Path) -> None: ...


def save_trained(model: Model, names: list[str], l2: float, spacy_model: str, out: Path) -> None:
    """Record how the model was trained, write it and say where."""
    model.meta = {
        "trained_on": f"{len(names)} development articles ({names[0]} … {names[-1]})",
        "l2": l2,
        "epochs": EPOCHS,
        "model": spacy_model,
    }
    model.save(out)
    print(f"wrote {out} ({len(model.to_json()['weights'])} weights)")
