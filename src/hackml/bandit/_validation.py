"""Input checks shared by the bandit family (messages name the argument and the value)."""

from __future__ import annotations

import math
import numbers

import numpy as np

from hackml._core.validation import check_scalar


def check_n_arms(n_arms, name: str = "n_arms") -> int:
    """Return ``n_arms`` as an int >= 1, or raise naming the argument."""
    if n_arms is None:
        raise ValueError(f"{name} must be set to the number of arms (an integer >= 1); got None.")
    return int(check_scalar(n_arms, name, kind=numbers.Integral, low=1))


def check_positive(value, name: str) -> float:
    """A finite number > 0 (prior parameters, temperatures, scales)."""
    return float(check_scalar(value, name, low=0, include_low=False))


def check_arms_index(arms, n_arms: int, name: str = "arm") -> np.ndarray:
    """Integer arm indices in ``[0, n_arms)`` as an int64 array (any shape)."""
    if isinstance(arms, int | np.integer) and not isinstance(arms, bool) and 0 <= arms < n_arms:
        return np.asarray(arms, dtype=np.int64)  # the common scalar case, checked cheaply
    a = np.asarray(arms)
    if not np.issubdtype(a.dtype, np.integer):
        raise TypeError(f"{name} must be an integer arm index; got {arms!r}.")
    a = a.astype(np.int64)
    if a.size and (a.min() < 0 or a.max() >= n_arms):
        bad = a[(a < 0) | (a >= n_arms)].ravel()[0]
        raise ValueError(f"{name} must be in [0, {n_arms - 1}] for {n_arms} arms; got {bad}.")
    return a


def check_rewards(rewards, kind: str, name: str = "reward") -> np.ndarray:
    """Finite float rewards; for ``kind == "bernoulli"`` each must be 0 or 1."""
    if isinstance(rewards, float | int | np.floating | np.integer) and math.isfinite(rewards):
        if kind != "bernoulli" or rewards in (0, 1):
            return np.asarray(rewards, dtype=np.float64)  # the common scalar case
    r = np.asarray(rewards)
    if not (np.issubdtype(r.dtype, np.number) or r.dtype == bool):
        raise TypeError(f"{name} must be numeric; got {rewards!r}.")
    r = r.astype(np.float64)
    if not np.all(np.isfinite(r)):
        raise ValueError(f"{name} must be finite; got {rewards!r}.")
    if kind == "bernoulli" and not np.all((r == 0) | (r == 1)):
        bad = r[(r != 0) & (r != 1)].ravel()[0]
        raise ValueError(f"{name} must be 0 or 1 for a Bernoulli policy; got {bad}.")
    return r
