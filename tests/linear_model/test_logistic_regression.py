"""LogisticRegression: binary and multinomial against scikit-learn; two solvers agree."""

import numpy as np
import pytest
from sklearn import linear_model as sk

from hackml._core.gradcheck import check_gradient
from hackml.linear_model import LogisticRegression
from hackml.linear_model._base import LinearObjective
from hackml.losses import LogisticLoss, MultinomialLoss
from hackml.penalties import ElasticNetPenalty, L2Penalty


@pytest.mark.parametrize("name, C", [("cancer", 1.0), ("wine", 0.5), ("digits", 0.1)])
def test_matches_sklearn(request, rel_err, name, C):
    X, y = request.getfixturevalue(name)
    n = len(y)
    ours = LogisticRegression(alpha=1 / (C * n), tol=1e-10).fit(X, y)
    ref = sk.LogisticRegression(C=C, tol=1e-12, max_iter=100_000).fit(X, y)
    assert ours.converged_ and ours.coef_.shape == ref.coef_.shape
    assert rel_err(ours.coef_, ref.coef_) < 1e-5
    assert rel_err(ours.intercept_, ref.intercept_) < 1e-5
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-6)


@pytest.mark.parametrize("name", ["cancer", "wine"])
def test_lbfgs_and_newton_reach_the_same_optimum(request, rel_err, name):
    X, y = request.getfixturevalue(name)
    a = LogisticRegression(alpha=1e-3, tol=1e-10, solver="lbfgs").fit(X, y)
    b = LogisticRegression(alpha=1e-3, tol=1e-8, solver="newton").fit(X, y)  # decrement
    assert b.n_iter_ < a.n_iter_
    assert rel_err(a.coef_, b.coef_) < 1e-5
    h = np.asarray(b.objective_history_)
    assert np.all(np.diff(h) <= 1e-12 * h[0])


def test_sample_weight_and_string_labels(wine, rel_err):
    X, y = wine
    labels = np.array(["barolo", "grignolino", "barbera"])[y]
    w = np.random.default_rng(0).uniform(0.5, 2.0, len(y))
    ours = LogisticRegression(alpha=1 / (2.0 * w.sum()), tol=1e-10).fit(X, labels, w)
    ref = sk.LogisticRegression(C=2.0, tol=1e-12, max_iter=100_000).fit(X, labels, w)
    assert list(ours.classes_) == list(ref.classes_)
    assert rel_err(ours.coef_, ref.coef_) < 1e-5
    assert np.array_equal(ours.predict(X), ref.predict(X))


def test_l1_penalty_gives_sparse_coefficients(cancer):
    X, y = cancer
    model = LogisticRegression(penalty="l1", alpha=0.02).fit(X, y)
    assert model.solver_ == "gd"
    assert 0 < np.sum(model.coef_ != 0) < 15
    assert model.score(X, y) > 0.93


@pytest.mark.parametrize("K", [2, 3])
def test_objective_gradient_matches_finite_differences(wine, K):
    X, y = wine
    keep = y < K
    X, y = X[keep][:40], y[keep][:40]
    if K == 2:
        target, loss = y.astype(float), LogisticLoss()
    else:
        target, loss = np.eye(K)[y], MultinomialLoss()
    obj = LinearObjective(
        X, target, np.linspace(1, 2, len(y)), loss, L2Penalty(0.1), n_outputs=1 if K == 2 else K
    )
    theta = np.random.default_rng(0).normal(size=obj.size)
    check_gradient(obj.value, lambda t: obj.value_and_grad(t)[1], theta)
    check_gradient(
        lambda t: obj.value_and_grad(t)[1][0],
        lambda t: obj.hessian(t)[0],
        theta,
        rtol=1e-4,
        atol=1e-6,
    )


def test_penalties_pass_gradient_check():
    coef = np.array([0.7, -1.3, 2.1])
    for pen in [L2Penalty(0.3), ElasticNetPenalty(0.5, 0.4)]:
        check_gradient(pen.value, pen.gradient, coef)


@pytest.mark.parametrize("scale", [1.0, 50.0])
def test_one_pass_logistic_kernel_matches_the_generic_loss(cancer, scale):
    # C-ordered float64 X takes the fused one-pass kernel; a Fortran-ordered copy takes
    # loss.value / loss.gradient. Both must give the same objective and gradient, also
    # where the scores are large (scale=50 pushes |raw| into the hundreds).
    X, y = cancer
    target = (y == 1).astype(float)
    w = np.linspace(0.5, 2.0, len(y))
    a = LinearObjective(np.ascontiguousarray(X), target, w, LogisticLoss(), L2Penalty(0.01))
    b = LinearObjective(np.asfortranarray(X), target, w, LogisticLoss(), L2Penalty(0.01))
    assert a._one_pass(a.X, a.y, a.w) and not b._one_pass(b.X, b.y, b.w)
    theta = scale * np.random.default_rng(1).normal(size=a.size)
    va, ga = a.value_and_grad(theta)
    vb, gb = b.value_and_grad(theta)
    assert va == pytest.approx(vb, rel=1e-12)
    np.testing.assert_allclose(ga, gb, rtol=1e-10, atol=1e-12 * np.max(np.abs(gb)))
    assert a.value(theta) == pytest.approx(va, rel=1e-12)


def test_a_subclass_of_the_logistic_loss_is_not_replaced_by_the_kernel(cancer):
    class Halved(LogisticLoss):
        def value(self, y, raw):
            return 0.5 * super().value(y, raw)

        def gradient(self, y, raw):
            return 0.5 * super().gradient(y, raw)

    X, y = cancer
    target = (y == 1).astype(float)
    obj = LinearObjective(X, target, np.ones(len(y)), Halved(), L2Penalty(0.0))
    assert not obj._one_pass(obj.X, obj.y, obj.w)
    theta = np.random.default_rng(2).normal(size=obj.size)
    check_gradient(obj.value, lambda t: obj.value_and_grad(t)[1], theta)
