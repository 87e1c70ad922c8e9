"""ElasticNet and Lasso: coordinate descent against scikit-learn and our proximal solver."""

import numpy as np
import pytest
from sklearn import linear_model as sk
from sklearn.preprocessing import StandardScaler

from hackml.linear_model import ElasticNet, Lasso
from hackml.linear_model._cd import duality_gap


@pytest.mark.parametrize("alpha, l1_ratio", [(0.5, 1.0), (0.01, 0.3), (1e-3, 0.7)])
def test_elastic_net_matches_sklearn(diabetes, rel_err, alpha, l1_ratio):
    X, y = diabetes
    ours = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-12, max_iter=100_000).fit(X, y)
    ref = sk.ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-12, max_iter=100_000).fit(X, y)
    assert ours.converged_
    assert rel_err(ours.coef_, ref.coef_) < 1e-8
    assert ours.intercept_ == pytest.approx(ref.intercept_, rel=1e-8)
    h = np.asarray(ours.objective_history_)
    assert np.all(np.diff(h) <= 1e-12 * h[0])


def test_lasso_with_sample_weight_matches_sklearn(diabetes, rel_err):
    X, y = diabetes
    w = np.random.default_rng(0).uniform(0.2, 3.0, len(y))
    ours = Lasso(alpha=0.1, tol=1e-12, max_iter=100_000).fit(X, y, sample_weight=w)
    ref = sk.Lasso(alpha=0.1, tol=1e-12, max_iter=100_000).fit(X, y, sample_weight=w)
    assert rel_err(ours.coef_, ref.coef_) < 1e-8
    assert np.array_equal(ours.coef_ == 0, ref.coef_ == 0)


def test_coordinate_descent_and_proximal_gradient_reach_the_same_optimum(cancer, rel_err):
    X, y = cancer
    y = y.astype(float)
    cd = ElasticNet(alpha=0.01, l1_ratio=0.5, tol=1e-12, max_iter=100_000).fit(X, y)
    gd = ElasticNet(alpha=0.01, l1_ratio=0.5, solver="gd", tol=1e-10, max_iter=100_000).fit(X, y)
    assert cd.solver_ == "cd" and gd.solver_ == "gd"
    assert rel_err(gd.coef_, cd.coef_) < 1e-5
    assert gd.objective(X, y) == pytest.approx(cd.objective(X, y), rel=1e-9)


def test_duality_gap_is_zero_only_at_the_optimum(diabetes):
    X, y = diabetes
    Z = np.asfortranarray((X - X.mean(0)) / np.sqrt(len(y)))
    s = (y - y.mean()) / np.sqrt(len(y))
    coef = np.zeros(X.shape[1])
    assert duality_gap(Z, s, s - Z @ coef, coef, 0.5, 0.1) > 1.0
    opt = ElasticNet(alpha=0.6, l1_ratio=5 / 6, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    gap = duality_gap(Z, s, s - Z @ opt, opt, 0.5, 0.1)
    assert -1e-12 * (s @ s) <= gap < 1e-8 * (s @ s)  # zero up to roundoff


def test_lasso_with_huber_loss_uses_proximal_gradient_and_sparsifies(diabetes):
    X, y = diabetes
    X = StandardScaler().fit_transform(X)
    model = Lasso(alpha=0.3, loss="huber", tol=1e-8).fit(X, y)
    assert model.solver_ == "gd" and model.converged_
    assert 0 < np.sum(model.coef_ != 0) < X.shape[1]
    # the subgradient method on the same objective gets no lower
    sub = Lasso(alpha=0.3, loss="huber", solver="subgradient", max_iter=5000, tol=0).fit(X, y)
    assert model.objective(X, y) <= sub.objective(X, y)
    with pytest.raises(ValueError, match="solver='cd' needs loss='squared'"):
        Lasso(loss="huber", solver="cd").fit(X, y)
