"""Power and sample size against statsmodels, and the peeking simulation."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import power_proportions_2indep

from hackml.bandit import (
    minimum_detectable_effect,
    peeking_simulation,
    power_two_means,
    power_two_proportions,
    sample_size_two_means,
    sample_size_two_proportions,
)

SM_ALT = {"two-sided": "two-sided", "larger": "larger", "smaller": "smaller"}


@pytest.mark.parametrize("alternative", ["two-sided", "larger", "smaller"])
@pytest.mark.parametrize(("std", "effect", "n"), [(1.0, 0.5, 64), (3.0, -0.4, 900), (2.0, 0.1, 50)])
def test_power_of_means_matches_statsmodels(std, effect, n, alternative):
    ours = power_two_means(std, effect, n, alpha=0.05, alternative=alternative)
    ref = NormalIndPower().power(
        effect / std, nobs1=n, alpha=0.05, ratio=1, alternative=SM_ALT[alternative]
    )
    np.testing.assert_allclose(ours, ref, rtol=0, atol=1e-10)


@pytest.mark.parametrize("alternative", ["two-sided", "larger", "smaller"])
@pytest.mark.parametrize(("p", "effect", "n"), [(0.1, 0.02, 3841), (0.3, -0.05, 500)])
def test_power_of_proportions_matches_statsmodels(p, effect, n, alternative):
    ours = power_two_proportions(p, effect, n, alpha=0.05, alternative=alternative)
    ref = power_proportions_2indep(
        effect, p, n, alpha=0.05, alternative=alternative, return_results=False
    )
    np.testing.assert_allclose(ours, ref, rtol=0, atol=1e-10)


@pytest.mark.parametrize("alternative", ["two-sided", "larger"])
def test_sample_size_is_the_smallest_n_reaching_the_power(alternative):
    n = sample_size_two_proportions(0.1, 0.02, power=0.8, alternative=alternative)
    assert power_two_proportions(0.1, 0.02, n, alternative=alternative) >= 0.8
    assert power_two_proportions(0.1, 0.02, n - 1, alternative=alternative) < 0.8
    m = sample_size_two_means(2.0, 0.3, power=0.9, alternative=alternative)
    assert power_two_means(2.0, 0.3, m, alternative=alternative) >= 0.9
    assert power_two_means(2.0, 0.3, m - 1, alternative=alternative) < 0.9
    ref = NormalIndPower().solve_power(0.15, power=0.9, alpha=0.05, alternative=alternative)
    assert m == int(np.ceil(ref))


def test_minimum_detectable_effect_inverts_power():
    d = minimum_detectable_effect(2000, p_baseline=0.2, power=0.8)
    np.testing.assert_allclose(power_two_proportions(0.2, d, 2000), 0.8, atol=1e-10)
    d = minimum_detectable_effect(100, std=3.0, power=0.9, alternative="smaller")
    assert d < 0
    np.testing.assert_allclose(power_two_means(3.0, d, 100, alternative="smaller"), 0.9, atol=1e-10)


def test_power_bad_input():
    with pytest.raises(ValueError, match="alpha must be < 1"):
        power_two_means(1.0, 0.5, 10, alpha=1.0)
    with pytest.raises(ValueError, match=r"p_baseline \+ min_effect must lie in \(0, 1\)"):
        sample_size_two_proportions(0.9, 0.2)
    with pytest.raises(ValueError, match="give exactly one of p_baseline"):
        minimum_detectable_effect(100, p_baseline=0.1, std=1.0)
    with pytest.raises(ValueError, match="std must be > 0"):
        sample_size_two_means(0.0, 0.5)


def test_peeking_inflates_false_positives():
    res = peeking_simulation(
        p=0.1, n_per_arm=4000, n_looks=20, alpha=0.05, n_experiments=4000, random_state=0
    )
    se = np.sqrt(0.05 * 0.95 / 4000)
    assert abs(res.fixed_horizon - 0.05) < 4 * se  # one look: the nominal rate
    assert res.peeking > 0.05 + 10 * se  # twenty looks: far above it
    assert res.peeking > 0.15
    assert np.all(np.diff(res.cumulative) >= 0) and res.cumulative[-1] == res.peeking
    assert res.cumulative[4] > res.fixed_horizon  # five looks already inflate it
    assert res.looks[-1] == 4000 and res.looks.size == 20


def test_peeking_bad_input():
    with pytest.raises(ValueError, match="n_looks must be <= 10"):
        peeking_simulation(n_per_arm=10, n_looks=11)
