"""Classical (frequentist) tests for A/B and A/B/n experiments.

Each returns a :class:`HypothesisResult` ``(statistic, pvalue, df)``; the statistics and
p-values equal statsmodels' ``proportions_ztest`` and scipy's ``chi2_contingency`` and
``ttest_ind(equal_var=False)`` (checked to 1e-10 in the tests).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy import stats

from hackml._core.validation import check_choice

__all__ = ["HypothesisResult", "chi_square_test", "two_proportion_ztest", "welch_ttest"]

_ALTERNATIVES = ["two-sided", "larger", "smaller"]


class HypothesisResult(NamedTuple):
    """A test statistic, its p-value and (where it has one) its degrees of freedom."""

    statistic: float
    pvalue: float
    df: float | None = None


def _pvalue(stat, alternative, dist):
    if alternative == "two-sided":
        return float(2 * dist.sf(abs(stat)))
    return float(dist.sf(stat) if alternative == "larger" else dist.cdf(stat))


def _counts(successes, trials, min_groups):
    s, n = np.asarray(successes), np.asarray(trials)
    for name, v in (("successes", s), ("trials", n)):
        if v.ndim != 1 or not np.issubdtype(v.dtype, np.integer):
            raise TypeError(f"{name} must be a 1-d sequence of integers; got {v.tolist()!r}.")
    if s.shape != n.shape or s.size < min_groups:
        raise ValueError(
            f"successes and trials need one entry per variant (at least {min_groups}); "
            f"got {s.size} and {n.size}."
        )
    if np.any(n <= 0) or np.any(s < 0) or np.any(s > n):
        raise ValueError(
            f"need 0 <= successes <= trials and trials > 0; got successes={s.tolist()}, "
            f"trials={n.tolist()}."
        )
    return s.astype(np.float64), n.astype(np.float64)


def two_proportion_ztest(successes, trials, *, alternative="two-sided", pooled=True):
    """Two-proportion z-test of ``H0: p_A = p_B``.

        z = (p_A - p_B) / sqrt(V),   V = p (1 - p) (1/n_A + 1/n_B)  (pooled, p = total rate)
                                     V = p_A (1 - p_A)/n_A + p_B (1 - p_B)/n_B  (unpooled)

    p-value from the standard normal: ``2 (1 - Phi(|z|))`` two-sided, ``1 - Phi(z)`` for
    ``"larger"`` (``p_A > p_B``), ``Phi(z)`` for ``"smaller"``.

    Examples
    --------
    >>> res = two_proportion_ztest([120, 150], [1000, 1000])
    >>> round(res.statistic, 4), round(res.pvalue, 4)
    (-1.963, 0.0496)
    """
    check_choice(alternative, "alternative", _ALTERNATIVES)
    s, n = _counts(successes, trials, 2)
    if s.size != 2:
        raise ValueError(f"two_proportion_ztest compares 2 variants; got {s.size}.")
    p = s / n
    if pooled:
        pp = s.sum() / n.sum()
        var = pp * (1 - pp) * (1 / n[0] + 1 / n[1])
    else:
        var = float(np.sum(p * (1 - p) / n))
    if var <= 0:
        raise ValueError("the z statistic is undefined: every trial had the same outcome.")
    z = float((p[0] - p[1]) / np.sqrt(var))
    return HypothesisResult(z, _pvalue(z, alternative, stats.norm))


def chi_square_test(successes, trials, *, correction=True):
    """Pearson chi-square test that all variants share one conversion rate (A/B/n).

    On the ``K x 2`` table of successes and failures with expected counts
    ``E_ij = row_i col_j / total``,

        chi2 = sum_ij (O_ij - E_ij)^2 / E_ij,   df = K - 1

    With ``correction`` and ``df = 1``, Yates' continuity correction first moves each
    ``O_ij`` by ``min(0.5, |E_ij - O_ij|)`` towards ``E_ij`` (as scipy does).

    Examples
    --------
    >>> res = chi_square_test([120, 150, 130], [1000, 1000, 1000])
    >>> round(res.statistic, 3), round(res.pvalue, 4), res.df
    (4.038, 0.1328, 2)
    """
    s, n = _counts(successes, trials, 2)
    observed = np.column_stack([s, n - s])
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / observed.sum()
    if np.any(expected == 0):
        raise ValueError("the chi-square test is undefined: a column of the table is all zero.")
    df = s.size - 1
    if correction and df == 1:
        diff = expected - observed
        observed = observed + np.sign(diff) * np.minimum(0.5, np.abs(diff))
    stat = float(np.sum((observed - expected) ** 2 / expected))
    return HypothesisResult(stat, float(stats.chi2.sf(stat, df)), df)


def _sample(x, name):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1 or x.size < 2:
        raise ValueError(f"{name} must be a 1-d sample of at least 2 values; got shape {x.shape}.")
    if not np.all(np.isfinite(x)):
        raise ValueError(f"{name} must be finite; it contains NaN or inf.")
    return x


def welch_ttest(a, b, *, alternative="two-sided"):
    """Welch's t-test of equal means without assuming equal variances.

        t = (mean_a - mean_b) / sqrt(v_a/n_a + v_b/n_b)
        df = (v_a/n_a + v_b/n_b)^2 / ((v_a/n_a)^2/(n_a - 1) + (v_b/n_b)^2/(n_b - 1))

    (``v`` the unbiased sample variances), p-value from Student's t with ``df``.

    Examples
    --------
    >>> res = welch_ttest([5.1, 4.9, 6.2, 5.8, 6.0], [4.1, 4.5, 3.9, 4.8])
    >>> round(res.statistic, 3), round(res.pvalue, 4), round(res.df, 2)
    (3.923, 0.0058, 6.95)
    """
    check_choice(alternative, "alternative", _ALTERNATIVES)
    a, b = _sample(a, "a"), _sample(b, "b")
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    if va + vb == 0:
        raise ValueError("the t statistic is undefined: both samples are constant.")
    t = float((a.mean() - b.mean()) / np.sqrt(va + vb))
    df = float((va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1)))
    return HypothesisResult(t, _pvalue(t, alternative, stats.t(df)), df)
