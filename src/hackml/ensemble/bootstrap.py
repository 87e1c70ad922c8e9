"""Bootstrap resampling and bootstrap confidence intervals for any statistic.

The bootstrap treats the sample as the population: drawing ``n`` rows with replacement
``B`` times and recomputing a statistic ``T`` on each draw gives ``T*_1..T*_B``, whose
spread estimates the sampling spread of ``T``. Two intervals at level ``1 - a``:

* percentile: ``[q_{a/2}(T*), q_{1-a/2}(T*)]``;
* basic (reverse percentile): ``[2 T - q_{1-a/2}(T*), 2 T - q_{a/2}(T*)]``.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from .._core.validation import check_choice, check_random_state, check_scalar

__all__ = ["BootstrapResult", "bootstrap_confidence_interval", "bootstrap_indices"]


def bootstrap_indices(n_samples, n_resamples=100, *, random_state=None):
    """Row indices of ``n_resamples`` bootstrap samples, shape ``(n_resamples, n_samples)``.

    Each row is ``n_samples`` draws with replacement; rows not drawn in resample ``b`` are
    its out-of-bag rows (about ``1/e``, 36.8%, of them for large ``n_samples``).

    Examples
    --------
    >>> idx = bootstrap_indices(5, 3, random_state=0)
    >>> idx.shape
    (3, 5)
    >>> bool(((idx >= 0) & (idx < 5)).all())
    True
    """
    check_scalar(n_samples, "n_samples", kind=numbers.Integral, low=1)
    check_scalar(n_resamples, "n_resamples", kind=numbers.Integral, low=1)
    rng = check_random_state(random_state)
    return rng.randint(0, n_samples, size=(n_resamples, n_samples))


@dataclass
class BootstrapResult:
    """``statistic`` on the data, the interval ``low``-``high`` and all ``replicates``."""

    statistic: float
    low: float
    high: float
    standard_error: float
    replicates: np.ndarray


def bootstrap_confidence_interval(
    data, statistic, *, n_resamples=1000, confidence=0.95, method="percentile", random_state=None
):
    """Bootstrap confidence interval of ``statistic(data)``.

    Parameters
    ----------
    data : array-like or tuple of array-likes
        Resampled along the first axis; a tuple's arrays are resampled with the same rows
        (paired data) and passed as separate arguments to ``statistic``.
    statistic : callable
        ``statistic(*arrays) -> float``.
    n_resamples : int, default=1000
    confidence : float, default=0.95
    method : {"percentile", "basic"}, default="percentile"
    random_state : int, RandomState or None

    Returns
    -------
    BootstrapResult

    Examples
    --------
    >>> import numpy as np
    >>> x = np.random.default_rng(0).normal(loc=3.0, size=200)
    >>> res = bootstrap_confidence_interval(x, np.mean, random_state=0)
    >>> bool(res.low < 3.0 < res.high), round(res.standard_error, 2)
    (True, 0.07)
    """
    arrays = tuple(np.asarray(a) for a in data) if isinstance(data, tuple) else (np.asarray(data),)
    n = arrays[0].shape[0] if arrays[0].ndim else 0
    if n < 2 or any(a.ndim == 0 or a.shape[0] != n for a in arrays):
        raise ValueError(
            "data must be an array (or a tuple of arrays of equal length) with at least 2 "
            f"rows; got lengths {[a.shape[0] if a.ndim else 0 for a in arrays]}."
        )
    if not callable(statistic):
        raise TypeError(f"statistic must be callable; got {type(statistic).__name__}.")
    check_scalar(confidence, "confidence", low=0, high=1, include_low=False, include_high=False)
    check_choice(method, "method", ["percentile", "basic"])
    idx = bootstrap_indices(n, n_resamples, random_state=random_state)
    t = float(statistic(*arrays))
    reps = np.array([float(statistic(*(a[i] for a in arrays))) for i in idx])
    a = 1.0 - confidence
    lo, hi = np.quantile(reps, [a / 2, 1 - a / 2])
    if method == "basic":
        lo, hi = 2 * t - hi, 2 * t - lo
    return BootstrapResult(t, float(lo), float(hi), float(reps.std(ddof=1)), reps)
