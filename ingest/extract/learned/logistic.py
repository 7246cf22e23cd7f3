"""L2-penalised logistic regression over binary string features, for both learned stages.

Why our own few lines and not scikit-learn: the models are small (tens of thousands of
rows, a few thousand features), ship as JSON weights read without any library, and one
dependency fewer keeps a fresh install light. Fitted by full-batch gradient descent with
Adam; deterministic for the same rows.
"""

from __future__ import annotations

import math

import numpy as np

L2 = 1e-4
EPOCHS = 200


def fit(
    rows: list[list[str]], labels: list[int], l2: float = L2, epochs: int = EPOCHS
) -> dict[str, float]:
    """Weights of an L2-penalised logistic regression over binary features (Adam)."""
    names = sorted({f for row in rows for f in row})
    index = {f: i for i, f in enumerate(names)}
    idx = np.array([index[f] for row in rows for f in row], dtype=np.int64)
    lens = np.array([len(row) for row in rows], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lens)[:-1]])
    y = np.array(labels, dtype=float)
    w = np.zeros(len(names))
    m, v = np.zeros_like(w), np.zeros_like(w)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for step in range(1, epochs + 1):
        z = np.add.reduceat(w[idx], offsets)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        grad = np.bincount(idx, weights=np.repeat(p - y, lens), minlength=len(w))
        grad = grad / len(y) + l2 * w
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= lr * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + 1e-8)
    return {f: float(w[i]) for f, i in index.items()}


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
