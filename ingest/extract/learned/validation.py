"""What both trainers report before their final fit: precision, recall and F1 over
contiguous blocks of development articles, each scored by a model trained on the rest.

Why contiguous blocks and not random folds: the articles were written in batches, a
batch's articles share annotators and topics, and a block roughly one batch long asks
what a model does on a batch it has not seen, as the next batch will.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

Item = TypeVar("Item")


@dataclass
class Tally:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, predicted: set, gold: set) -> None:
        self.tp += len(predicted & gold)
        self.pred += len(predicted)
        self.gold += len(gold)

    def line(self, label: str, width: int = 16) -> str:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return f"{label:<{width}} P {p:.3f} R {r:.3f} F1 {f1:.3f}"


def blocks(items: Sequence[Item], folds: int) -> Iterator[tuple[list[Item], list[Item]]]:
    """(held-out block, the rest) for each of ``folds`` contiguous blocks."""
    size = -(-len(items) // folds)
    for start in range(0, len(items), size):
        end = start + size
        yield list(items[start:end]), [*items[:start], *items[end:]]
