"""Classical A/B tests against statsmodels and scipy (statistics and p-values to 1e-10)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportions_ztest

from hackml.bandit import chi_square_test, two_proportion_ztest, welch_ttest

COUNTS = [([120, 150], [1000, 1000]), ([7, 19], [80, 95]), ([512, 488], [10_000, 9_700])]


@pytest.mark.parametrize(("successes", "trials"), COUNTS)
@pytest.mark.parametrize("alternative", ["two-sided", "larger", "smaller"])
@pytest.mark.parametrize("pooled", [True, False])
def test_ztest_matches_statsmodels(successes, trials, alternative, pooled):
    ours = two_proportion_ztest(successes, trials, alternative=alternative, pooled=pooled)
    if pooled:
        ref = proportions_ztest(np.array(successes), np.array(trials), alternative=alternative)
    else:  # statsmodels has no unpooled two-sample variant: the textbook formula by hand
        p = np.array(successes) / np.array(trials)
        z = (p[0] - p[1]) / np.sqrt(np.sum(p * (1 - p) / np.array(trials)))
        pv = {
            "two-sided": 2 * stats.norm.sf(abs(z)),
            "larger": stats.norm.sf(z),
            "smaller": stats.norm.cdf(z),
        }[alternative]
        ref = (z, pv)
    np.testing.assert_allclose(ours.statistic, ref[0], rtol=0, atol=1e-10)
    np.testing.assert_allclose(ours.pvalue, ref[1], rtol=0, atol=1e-10)


@pytest.mark.parametrize(
    ("successes", "trials"),
    [*COUNTS, ([120, 150, 131], [1000, 1000, 990]), ([3, 9, 4, 12], [40, 41, 39, 44])],
)
@pytest.mark.parametrize("correction", [True, False])
def test_chi_square_matches_scipy(successes, trials, correction):
    s, n = np.array(successes), np.array(trials)
    ours = chi_square_test(s, n, correction=correction)
    ref = stats.chi2_contingency(np.column_stack([s, n - s]), correction=correction)
    np.testing.assert_allclose(ours.statistic, ref[0], rtol=0, atol=1e-10)
    np.testing.assert_allclose(ours.pvalue, ref[1], rtol=0, atol=1e-10)
    assert ours.df == ref[2]


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_welch_matches_scipy(alternative):
    rng = np.random.default_rng(0)
    a, b = rng.normal(10.0, 2.0, 57), rng.normal(10.6, 4.0, 31)
    ours = welch_ttest(
        a, b, alternative={"greater": "larger", "less": "smaller"}.get(alternative, alternative)
    )
    ref = stats.ttest_ind(a, b, equal_var=False, alternative=alternative)
    np.testing.assert_allclose(ours.statistic, ref.statistic, rtol=0, atol=1e-10)
    np.testing.assert_allclose(ours.pvalue, ref.pvalue, rtol=0, atol=1e-10)
    np.testing.assert_allclose(ours.df, ref.df, rtol=1e-12)


def test_welch_on_real_data_matches_scipy():
    from hackml.datasets import load_iris

    X, y = load_iris(return_X_y=True)
    a, b = X[y == 1, 2], X[y == 2, 2]  # petal length, versicolor vs virginica
    ours = welch_ttest(a, b)
    ref = stats.ttest_ind(a, b, equal_var=False)
    np.testing.assert_allclose(
        [ours.statistic, ours.pvalue], [ref.statistic, ref.pvalue], rtol=0, atol=1e-10
    )


def test_bad_input():
    with pytest.raises(ValueError, match="need 0 <= successes <= trials"):
        two_proportion_ztest([5, 12], [10, 11])
    with pytest.raises(ValueError, match="compares 2 variants; got 3"):
        two_proportion_ztest([1, 2, 3], [10, 10, 10])
    with pytest.raises(TypeError, match="successes must be a 1-d sequence of integers"):
        two_proportion_ztest([1.5, 2], [10, 10])
    with pytest.raises(ValueError, match="alternative must be one of"):
        two_proportion_ztest([1, 2], [10, 10], alternative="bigger")
    with pytest.raises(ValueError, match="every trial had the same outcome"):
        two_proportion_ztest([0, 0], [10, 10])
    with pytest.raises(ValueError, match="a column of the table is all zero"):
        chi_square_test([0, 0], [10, 10])
    with pytest.raises(ValueError, match="at least 2 values"):
        welch_ttest([1.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="both samples are constant"):
        welch_ttest([1.0, 1.0], [2.0, 2.0])
    with pytest.raises(ValueError, match="b must be finite"):
        welch_ttest([1.0, 2.0], [1.0, np.nan])
