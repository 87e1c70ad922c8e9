"""Bias-variance decomposition and bootstrap intervals on cases with known answers."""

import numpy as np
import pytest

from hackml.ensemble import (
    BaggingRegressor,
    bias_variance_decomposition,
    bootstrap_confidence_interval,
    bootstrap_indices,
    plot_bias_variance,
)
from hackml.tree import DecisionTreeClassifier, DecisionTreeRegressor

SIGMA = 0.4


def _f(X):
    return np.sin(2 * X[:, 0]) + 0.5 * X[:, 1]


def _sampler(rng, n=150):
    X = rng.uniform(-2, 2, (n, 2))
    return X, _f(X) + rng.normal(0, SIGMA, n)


def _test_set():
    rng = np.random.RandomState(123)
    X = rng.uniform(-2, 2, (400, 2))
    f = _f(X)
    return X, f + rng.normal(0, SIGMA, 400), f


def test_decomposition_adds_up_with_fresh_training_sets():
    X_test, y_test, f_test = _test_set()
    bv = bias_variance_decomposition(
        DecisionTreeRegressor(max_depth=4),
        None,
        None,
        X_test,
        y_test,
        f_test=f_test,
        sampler=_sampler,
        n_rounds=40,
        random_state=0,
    )
    assert abs(bv.noise - SIGMA**2) < 0.03  # the noise is the known sigma^2
    total = bv.bias2 + bv.variance + bv.noise
    # the cross terms left over are Monte-Carlo error: a few standard errors of the mean
    per_point = ((bv.predictions - y_test) ** 2).mean(axis=0)
    se = per_point.std(ddof=1) / np.sqrt(len(y_test))
    assert abs(total - bv.expected_loss) < 3 * se


def test_without_truth_the_identity_is_exact():
    X_test, y_test, _ = _test_set()
    X, y = _sampler(np.random.RandomState(0))
    bv = bias_variance_decomposition(
        DecisionTreeRegressor(), X, y, X_test, y_test, n_rounds=10, random_state=0
    )
    assert bv.noise == 0.0
    assert np.isclose(bv.bias2 + bv.variance, bv.expected_loss)


def test_bagging_a_deep_tree_lowers_variance_not_bias():
    X_test, y_test, f_test = _test_set()
    kw = dict(f_test=f_test, sampler=_sampler, n_rounds=20, random_state=0)
    tree = bias_variance_decomposition(DecisionTreeRegressor(), None, None, X_test, y_test, **kw)
    bag = bias_variance_decomposition(
        BaggingRegressor(n_estimators=15, random_state=0), None, None, X_test, y_test, **kw
    )
    assert bag.variance < 0.6 * tree.variance
    assert bag.expected_loss < tree.expected_loss
    assert bag.bias2 < tree.bias2 + 0.05


def test_zero_one_decomposition_for_two_classes():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(400, 2))
    y = (X[:, 0] + X[:, 1] + rng.normal(0, 0.7, 400) > 0).astype(int)
    bv = bias_variance_decomposition(
        DecisionTreeClassifier(),
        X[:200],
        y[:200],
        X[200:],
        y[200:],
        loss="0-1",
        n_rounds=15,
        random_state=0,
    )
    # Domingos, two classes, noise-free view: loss = bias + V_unbiased - V_biased, exactly
    assert np.isclose(bv.expected_loss, bv.bias2 + bv.variance_unbiased - bv.variance_biased)
    assert np.isclose(bv.variance, bv.variance_unbiased + bv.variance_biased)


def test_plot_against_complexity():
    import matplotlib

    matplotlib.use("Agg")
    X_test, y_test, f_test = _test_set()
    X, y = _sampler(np.random.RandomState(1))
    ax, res = plot_bias_variance(
        DecisionTreeRegressor(),
        "max_depth",
        [1, 2, 4, 10],
        X,
        y,
        X_test,
        y_test,
        f_test=f_test,
        n_rounds=8,
        random_state=0,
    )
    assert [r.bias2 for r in res] == sorted([r.bias2 for r in res], reverse=True)
    assert res[-1].variance > res[0].variance
    assert len(ax.lines) == 3


def test_bootstrap_interval_covers_and_matches_theory():
    x = np.random.default_rng(0).exponential(scale=2.0, size=400)
    res = bootstrap_confidence_interval(x, np.mean, n_resamples=500, random_state=0)
    assert res.low < res.statistic < res.high
    assert abs(res.standard_error - x.std(ddof=1) / np.sqrt(400)) < 0.02
    basic = bootstrap_confidence_interval(
        x, np.mean, n_resamples=500, method="basic", random_state=0
    )
    assert np.isclose(basic.low + res.high, 2 * res.statistic)
    # paired data: the correlation of (x, 2x + noise)
    z = 2 * x + np.random.default_rng(1).normal(size=400)
    corr = bootstrap_confidence_interval(
        (x, z), lambda a, b: np.corrcoef(a, b)[0, 1], n_resamples=200, random_state=0
    )
    assert 0.9 < corr.low < corr.high <= 1.0


def test_bootstrap_indices_and_bad_input():
    idx = bootstrap_indices(1000, 50, random_state=0)
    oob = np.mean([1000 - np.unique(row).size for row in idx]) / 1000
    assert abs(oob - np.exp(-1)) < 0.02
    with pytest.raises(ValueError, match="n_resamples"):
        bootstrap_indices(10, 0)
    with pytest.raises(ValueError, match="at least 2 rows"):
        bootstrap_confidence_interval([1.0], np.mean)
    with pytest.raises(ValueError, match="loss"):
        bias_variance_decomposition(DecisionTreeRegressor(), None, None, None, None, loss="l1")
    with pytest.raises(ValueError, match="f_test"):
        X, y, f = _test_set()
        bias_variance_decomposition(DecisionTreeRegressor(), X, y, X, y, f_test=f[:5], n_rounds=2)
