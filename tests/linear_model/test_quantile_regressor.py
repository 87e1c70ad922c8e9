"""QuantileRegressor: the linear program against scikit-learn and against our iterative fit."""

import numpy as np
import pytest
from sklearn import linear_model as sk

from hackml.linear_model import LinearRegression, QuantileRegressor
from hackml.losses import QuantileLoss


@pytest.mark.parametrize("quantile, alpha", [(0.5, 0.0), (0.9, 0.0), (0.25, 0.05)])
def test_matches_sklearn(diabetes, rel_err, quantile, alpha):
    X, y = diabetes
    w = np.random.default_rng(1).uniform(0.5, 2.0, len(y))
    ours = QuantileRegressor(quantile=quantile, alpha=alpha).fit(X, y, sample_weight=w)
    ref = sk.QuantileRegressor(quantile=quantile, alpha=alpha).fit(X, y, sample_weight=w)
    assert ours.converged_
    assert rel_err(ours.coef_, ref.coef_) < 1e-6
    assert ours.intercept_ == pytest.approx(ref.intercept_, rel=1e-6)


def test_quantile_is_covered_at_its_level(diabetes):
    X, y = diabetes
    for q in (0.1, 0.5, 0.9):
        pred = QuantileRegressor(quantile=q, alpha=0.0).fit(X, y).predict(X)
        assert abs(np.mean(y <= pred) - q) < 0.02


def test_iterative_fit_of_the_same_loss_gets_close_to_the_lp_optimum(diabetes):
    X, y = diabetes
    lp = QuantileRegressor(quantile=0.7, alpha=0.0).fit(X, y)
    it = LinearRegression(loss=QuantileLoss(0.7), max_iter=3000).fit(X, y)
    assert it.objective(X, y) >= lp.objective_ - 1e-9  # the LP is the exact minimum
    assert it.objective(X, y) <= lp.objective_ * 1.01


def test_bad_quantile(diabetes):
    X, y = diabetes
    with pytest.raises(ValueError, match="quantile"):
        QuantileRegressor(quantile=1.0).fit(X, y)
    with pytest.raises(ValueError, match="solver"):
        QuantileRegressor(solver="simplex").fit(X, y)
