"""Power, sample size and minimum detectable effect of two-group tests (normal theory).

Power of a z-test whose statistic has standard deviation ``sd0`` under ``H0`` and
``sd1`` under the alternative, with true difference ``d`` and ``n`` per group:

    power = 1 - Phi((z_crit sd0 - d sqrt(n)) / sd1)          ("larger")
          + Phi((-z_crit sd0 - d sqrt(n)) / sd1)             (+ this for "two-sided")

with ``z_crit = Phi^-1(1 - alpha/2)`` two-sided (``1 - alpha`` one-sided). For means
``sd0 = sd1 = sigma sqrt(2)``; for proportions ``sd0 = sqrt(2 pbar (1 - pbar))``
(pooled under H0) and ``sd1 = sqrt(p1 (1 - p1) + p2 (1 - p2))``. These equal
statsmodels' ``NormalIndPower`` and ``power_proportions_2indep``. The sample size is the
smallest integer ``n`` reaching the power; the minimum detectable effect the ``d``
that reaches it at a given ``n``.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import optimize, stats

from hackml._core.validation import check_choice, check_scalar

__all__ = [
    "minimum_detectable_effect",
    "power_two_means",
    "power_two_proportions",
    "sample_size_two_means",
    "sample_size_two_proportions",
]

_ALT = ["two-sided", "larger", "smaller"]


def _power(d, n, sd0, sd1, alpha, alternative):
    if alternative == "smaller":
        d, alternative = -d, "larger"
    crit = stats.norm.isf(alpha / 2 if alternative == "two-sided" else alpha)
    out = stats.norm.sf((crit * sd0 - d * np.sqrt(n)) / sd1)
    if alternative == "two-sided":
        out += stats.norm.cdf((-crit * sd0 - d * np.sqrt(n)) / sd1)
    return float(out)


def _sds_prop(p_baseline, effect):
    p1 = p_baseline + effect
    if not 0 < p1 < 1:
        raise ValueError(
            f"p_baseline + min_effect must lie in (0, 1); got {p_baseline} + {effect} = {p1}."
        )
    pbar = (p1 + p_baseline) / 2
    sd0 = math.sqrt(2 * pbar * (1 - pbar))
    return sd0, math.sqrt(p1 * (1 - p1) + p_baseline * (1 - p_baseline))


def _common(alpha, alternative, power=None):
    check_scalar(alpha, "alpha", low=0, high=1, include_low=False, include_high=False)
    check_choice(alternative, "alternative", _ALT)
    if power is not None:
        check_scalar(power, "power", low=alpha, high=1, include_low=False, include_high=False)


def power_two_proportions(p_baseline, min_effect, n, *, alpha=0.05, alternative="two-sided"):
    """Power to detect rate ``p_baseline + min_effect`` against ``p_baseline``, ``n`` per group.

    Examples
    --------
    >>> round(power_two_proportions(0.10, 0.02, 3841), 3)
    0.8
    """
    _common(alpha, alternative)
    check_scalar(p_baseline, "p_baseline", low=0, high=1, include_low=False, include_high=False)
    check_scalar(n, "n", low=0, include_low=False)
    sd0, sd1 = _sds_prop(p_baseline, min_effect)
    return _power(min_effect, n, sd0, sd1, alpha, alternative)


def power_two_means(std, min_effect, n, *, alpha=0.05, alternative="two-sided"):
    """Power to detect a difference ``min_effect`` in means of common ``std``, ``n`` per group.

    Examples
    --------
    >>> round(power_two_means(1.0, 0.5, 64), 3)
    0.807
    """
    _common(alpha, alternative)
    check_scalar(std, "std", low=0, include_low=False)
    check_scalar(n, "n", low=0, include_low=False)
    sd = std * math.sqrt(2)
    return _power(min_effect, n, sd, sd, alpha, alternative)


def _smallest_n(power_of, target):
    hi = 2
    while power_of(hi) < target:
        hi *= 2
        if hi > 2**50:
            raise ValueError("no sample size reaches that power; is the effect zero?")
    lo = hi // 2
    while hi - lo > 1:  # power rises with n on the side of the effect: bisect
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if power_of(mid) < target else (lo, mid)
    return hi if power_of(lo) < target else lo


def sample_size_two_proportions(
    p_baseline, min_effect, *, alpha=0.05, power=0.8, alternative="two-sided"
):
    """Smallest ``n`` per group whose power to detect ``min_effect`` reaches ``power``.

    Examples
    --------
    >>> sample_size_two_proportions(0.10, 0.02)
    3841
    """
    _common(alpha, alternative, power)
    return _smallest_n(
        lambda n: power_two_proportions(
            p_baseline, min_effect, n, alpha=alpha, alternative=alternative
        ),
        power,
    )


def sample_size_two_means(std, min_effect, *, alpha=0.05, power=0.8, alternative="two-sided"):
    """Smallest ``n`` per group to detect a mean difference ``min_effect`` (``std`` known).

    Examples
    --------
    >>> sample_size_two_means(1.0, 0.5)
    63
    """
    _common(alpha, alternative, power)
    return _smallest_n(
        lambda n: power_two_means(std, min_effect, n, alpha=alpha, alternative=alternative), power
    )


def minimum_detectable_effect(
    n, *, p_baseline=None, std=None, alpha=0.05, power=0.8, alternative="two-sided"
):
    """Smallest effect (``> 0``, or ``< 0`` for ``"smaller"``) detected with ``power`` at ``n``.

    Give ``p_baseline`` for a difference in proportions, or ``std`` for a difference
    in means (exactly one).

    Examples
    --------
    >>> round(minimum_detectable_effect(3841, p_baseline=0.10), 4)
    0.02
    >>> round(minimum_detectable_effect(63, std=1.0), 3)
    0.499
    """
    _common(alpha, alternative, power)
    check_scalar(n, "n", low=0, include_low=False)
    if (p_baseline is None) == (std is None):
        raise ValueError("give exactly one of p_baseline (proportions) or std (means).")
    sign = -1.0 if alternative == "smaller" else 1.0
    if p_baseline is not None:

        def f(d):
            return power_two_proportions(
                p_baseline, sign * d, n, alpha=alpha, alternative=alternative
            )

        upper = (1 - p_baseline if sign > 0 else p_baseline) * (1 - 1e-12)
    else:

        def f(d):
            return power_two_means(std, sign * d, n, alpha=alpha, alternative=alternative)

        upper = 100 * std
    if f(upper) < power:
        raise ValueError(f"no effect is detectable with power {power} at n={n}.")
    return sign * optimize.brentq(lambda d: f(d) - power, 1e-12, upper, xtol=1e-14)
