"""Why peeking at a fixed-horizon test inflates its false-positive rate, by simulation."""

from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np
from scipy import stats

from hackml._core.validation import check_scalar

from .policy import make_rng

__all__ = ["PeekingResult", "peeking_simulation"]


class PeekingResult(NamedTuple):
    """False-positive rates of A/A experiments: tested once, or at every look."""

    fixed_horizon: float
    peeking: float
    nominal: float
    looks: np.ndarray
    cumulative: np.ndarray


def peeking_simulation(
    *, p=0.1, n_per_arm=5000, n_looks=20, alpha=0.05, n_experiments=2000, random_state=None
):
    """Simulate A/A tests (no true difference) checked repeatedly with a z-test.

    Each of ``n_experiments`` experiments gives both arms conversion rate ``p`` and runs
    the pooled two-proportion z-test at ``n_looks`` evenly spaced sample sizes up to
    ``n_per_arm``. Stopping at the first ``|z| > Phi^-1(1 - alpha/2)`` rejects a true
    null far more often than ``alpha``: the probability that a random walk ever crosses
    a fixed boundary grows with the number of looks. Returns the false-positive rate of
    testing once at the end (``fixed_horizon``, about ``alpha``), of stopping at any look
    (``peeking``), and ``cumulative[j]``, the rate when stopping within the first
    ``j + 1`` looks (``looks`` holds the sample sizes).

    Examples
    --------
    >>> res = peeking_simulation(n_looks=10, n_experiments=4000, random_state=0)
    >>> bool(res.peeking > 2 * res.nominal), round(res.fixed_horizon, 2)
    (True, 0.05)
    """
    check_scalar(p, "p", low=0, high=1, include_low=False, include_high=False)
    n_per_arm = check_scalar(n_per_arm, "n_per_arm", kind=numbers.Integral, low=2)
    n_looks = check_scalar(n_looks, "n_looks", kind=numbers.Integral, low=1, high=n_per_arm)
    check_scalar(alpha, "alpha", low=0, high=1, include_low=False, include_high=False)
    n_experiments = check_scalar(n_experiments, "n_experiments", kind=numbers.Integral, low=1)
    rng = make_rng(random_state)
    looks = np.unique(np.linspace(0, n_per_arm, n_looks + 1)[1:].round().astype(np.int64))
    steps = np.diff(looks, prepend=0)
    # successes of each arm at each look: cumulative sums of binomial increments
    sa = np.cumsum(rng.binomial(steps, p, size=(n_experiments, steps.size)), axis=1)
    sb = np.cumsum(rng.binomial(steps, p, size=(n_experiments, steps.size)), axis=1)
    pooled = (sa + sb) / (2 * looks)
    var = pooled * (1 - pooled) * (2 / looks)
    z = np.divide(sa - sb, looks * np.sqrt(var), out=np.zeros(var.shape), where=var > 0)
    reject = np.abs(z) > stats.norm.isf(alpha / 2)
    cumulative = np.logical_or.accumulate(reject, axis=1).mean(axis=0)
    return PeekingResult(
        float(reject[:, -1].mean()), float(cumulative[-1]), float(alpha), looks, cumulative
    )
