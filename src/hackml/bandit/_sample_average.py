"""Per-arm pull counts and running mean rewards: the state most policies share."""

from __future__ import annotations

import numpy as np


def average_state(n_arms: int, value: float = 0.0, count: float = 0.0) -> dict:
    """``counts`` (pseudo-counts allowed) and ``values`` (running means) for one run."""
    return {"counts": np.full(n_arms, float(count)), "values": np.full(n_arms, float(value))}


def average_learn(state: dict, arms: np.ndarray, rewards: np.ndarray) -> None:
    """Incremental mean ``Q <- Q + (r - Q) / n`` for the pulled arm of each run, in place."""
    rows = np.arange(arms.shape[0])
    counts = state["counts"]
    counts[rows, arms] += 1.0
    q = state["values"][rows, arms]
    state["values"][rows, arms] = q + (rewards - q) / counts[rows, arms]
