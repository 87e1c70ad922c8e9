"""Solvers: agreement on one convex problem, monotone histories, the EM template."""

import numpy as np
import pytest
from sklearn.linear_model import Lasso
from sklearn.preprocessing import StandardScaler

from hackml._core import solvers
from hackml._core.losses import LogisticLoss, SquaredLoss
from hackml._core.monitor import ConvergenceMonitor
from hackml._core.penalties import L1Penalty, L2Penalty
from hackml.datasets import load_breast_cancer, load_diabetes
from hackml.linear_model._base import LinearObjective


@pytest.fixture(scope="module")
def logistic_objective():
    X, y = load_breast_cancer(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    return LinearObjective(X, y.astype(float), np.ones(len(y)), LogisticLoss(), L2Penalty(0.01))


def test_gradient_of_linear_objective(logistic_objective):
    from hackml._core.gradcheck import check_gradient

    theta = np.random.default_rng(0).normal(scale=0.1, size=logistic_objective.size)
    check_gradient(
        logistic_objective.value,
        lambda t: logistic_objective.value_and_grad(t)[1],
        theta,
        rtol=1e-4,
        atol=1e-8,
    )


def test_lbfgs_newton_and_gd_reach_the_same_optimum(logistic_objective):
    obj = logistic_objective
    x0 = np.zeros(obj.size)
    a = solvers.lbfgs(obj.value_and_grad, x0, monitor=ConvergenceMonitor(tol=1e-10, max_iter=5000))
    b = solvers.newton(
        obj.value_and_grad, obj.hessian, x0, monitor=ConvergenceMonitor(tol=1e-12, max_iter=100)
    )
    c = solvers.gradient_descent(
        obj.value_and_grad, x0, monitor=ConvergenceMonitor(tol=1e-9, max_iter=20000)
    )
    assert a.converged and b.converged and c.converged
    np.testing.assert_allclose(a.x, b.x, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(c.x, b.x, rtol=1e-4, atol=1e-5)
    for res in (b, c):  # line-searched methods never increase the objective
        assert np.all(np.diff(res.history) <= 1e-12)


def test_proximal_gd_solves_the_lasso_like_sklearn():
    X, y = load_diabetes(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    alpha = 0.5
    obj = LinearObjective(X, y, np.ones(len(y)), SquaredLoss(), L1Penalty(alpha))
    res = solvers.gradient_descent(
        obj.smooth_value_and_grad,
        np.r_[np.zeros(X.shape[1]), y.mean()],
        nonsmooth=(obj.penalty_term, obj.prox),
        monitor=ConvergenceMonitor(tol=1e-7, max_iter=20000),
    )
    assert res.converged
    ref = Lasso(alpha=alpha, tol=1e-12, max_iter=100000).fit(X, y)
    coef, intercept = obj.split(res.x)
    np.testing.assert_allclose(coef, ref.coef_, rtol=1e-5, atol=1e-6)
    assert intercept == pytest.approx(ref.intercept_, rel=1e-8)
    h = np.asarray(res.history)  # monotone up to rounding of the objective itself
    assert np.all(np.diff(h) <= 1e-12 * h[:-1])


@pytest.mark.parametrize("method", ["sgd", "adam"])
def test_stochastic_solvers_approach_the_optimum(logistic_objective, method):
    obj = logistic_objective
    best = solvers.lbfgs(
        obj.value_and_grad, np.zeros(obj.size), monitor=ConvergenceMonitor(tol=1e-10, max_iter=5000)
    ).history[-1]
    kwargs = dict(
        n_samples=obj.X.shape[0],
        objective=obj.value,
        batch_size=32,
        random_state=np.random.default_rng(0),
        monitor=ConvergenceMonitor(tol=0, max_iter=60),
    )
    fn = solvers.sgd if method == "sgd" else solvers.adam
    res = fn(obj.batch_grad, np.zeros(obj.size), learning_rate=0.05, **kwargs)
    assert res.history[-1] < res.history[0]
    assert res.history[-1] - best < 0.01 * res.history[0]


def test_alternating_never_increases_a_convex_objective():
    rng = np.random.default_rng(1)
    A = rng.normal(size=(30, 6))
    Q, b = A.T @ A + np.eye(6), rng.normal(size=6)
    x = np.zeros(6)

    def update(i):
        def step():  # exact minimisation over coordinate i
            x[i] = (b[i] - Q[i] @ x + Q[i, i] * x[i]) / Q[i, i]

        return step

    res = solvers.alternating(
        [update(i) for i in range(6)],
        lambda: 0.5 * x @ Q @ x - b @ x,
        monitor=ConvergenceMonitor(tol=1e-14, max_iter=5000),
    )
    assert res.converged
    assert np.all(np.diff(res.history) <= 1e-14)
    np.testing.assert_allclose(x, np.linalg.solve(Q, b), rtol=1e-6)


def test_em_template_never_increases_negative_log_likelihood():
    # a two-component 1-D Gaussian mixture on iris petal lengths (clearly bimodal)
    from hackml.datasets import load_iris

    x = load_iris().data[:, 2]

    def e_step(params):
        w, mu, var = params
        logp = np.log(w) - 0.5 * np.log(2 * np.pi * var) - 0.5 * (x[:, None] - mu) ** 2 / var
        ll = np.logaddexp(logp[:, 0], logp[:, 1])
        return np.exp(logp - ll[:, None]), float(ll.sum())

    def m_step(r):
        nk = r.sum(0)
        mu = (r * x[:, None]).sum(0) / nk
        var = (r * (x[:, None] - mu) ** 2).sum(0) / nk
        return nk / len(x), mu, var

    start = (np.array([0.5, 0.5]), np.array([2.0, 3.0]), np.array([1.0, 1.0]))
    params, res = solvers.expectation_maximization(
        e_step, m_step, start, monitor=ConvergenceMonitor(tol=1e-12, max_iter=500)
    )
    assert res.converged
    assert np.all(np.diff(res.history) <= 1e-9)
    # the small component is the setosa flowers (50 of 150, petal length about 1.46)
    w, mu, _ = params
    assert sorted(np.round(w, 2)) == [0.33, 0.67]
    assert min(mu) == pytest.approx(1.462, abs=0.01)


def test_subgradient_keeps_the_best_iterate():
    f = lambda x: (float(np.abs(x - 1.5).sum()), np.sign(x - 1.5))  # noqa: E731
    res = solvers.subgradient(f, np.zeros(3), monitor=ConvergenceMonitor(tol=0, max_iter=3000))
    assert np.all(np.diff(res.history) <= 0)
    assert res.history[-1] < 0.05
