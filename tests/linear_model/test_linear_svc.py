"""LinearSVC: both hinge losses against LIBLINEAR (scikit-learn), dual vs primal."""

import numpy as np
import pytest
from sklearn.svm import LinearSVC as SkLinearSVC

from hackml._core.gradcheck import check_gradient
from hackml.linear_model import LinearSVC
from hackml.linear_model._base import LinearObjective
from hackml.losses import HingeLoss, SquaredHingeLoss
from hackml.penalties import L2Penalty


@pytest.mark.parametrize("loss", ["hinge", "squared_hinge"])
def test_matches_liblinear(wine, rel_err, loss):
    X, y = wine
    C, n = 0.1, len(y)
    ours = LinearSVC(
        alpha=1 / (C * n), loss=loss, solver="dual_cd", tol=1e-12, max_iter=100_000, random_state=0
    ).fit(X, y)
    ref = SkLinearSVC(C=C, loss=loss, tol=1e-10, max_iter=100_000, random_state=0).fit(X, y)
    assert ours.converged_
    assert rel_err(ours.coef_, ref.coef_) < 1e-5
    assert rel_err(ours.intercept_, ref.intercept_) < 1e-5


def test_squared_hinge_binary_matches_liblinear(cancer, rel_err):
    X, y = cancer
    C, n = 0.1, len(y)
    ours = LinearSVC(alpha=1 / (C * n), tol=1e-10).fit(X, y)
    ref = SkLinearSVC(C=C, tol=1e-12, max_iter=100_000, random_state=0).fit(X, y)
    assert ours.solver_ == "newton"
    assert rel_err(ours.coef_, ref.coef_) < 1e-5


@pytest.mark.parametrize("solver", ["lbfgs", "newton"])
def test_dual_and_primal_solvers_reach_the_same_optimum(cancer, rel_err, solver):
    X, y = cancer
    dual = LinearSVC(alpha=0.01, solver="dual_cd", tol=1e-12, max_iter=100_000, random_state=0).fit(
        X, y
    )
    primal = LinearSVC(alpha=0.01, solver=solver, tol=1e-10, max_iter=10_000).fit(X, y)
    assert rel_err(primal.coef_, dual.coef_) < 1e-5


def test_user_loss_on_the_primal(cancer):
    X, y = cancer

    class SmoothHinge:  # quadratically smoothed hinge, y in {-1, +1}
        def value(self, y, raw):
            m = y * raw
            return np.where(m >= 1, 0.0, np.where(m <= 0, 0.5 - m, 0.5 * (1 - m) ** 2))

        def gradient(self, y, raw):
            m = y * raw
            return -y * np.where(m >= 1, 0.0, np.where(m <= 0, 1.0, 1 - m))

    svm = LinearSVC(alpha=1e-3, loss=SmoothHinge()).fit(X, y)
    assert svm.solver_ == "lbfgs" and svm.score(X, y) > 0.97
    with pytest.raises(ValueError, match="dual_cd"):
        LinearSVC(loss=SmoothHinge(), solver="dual_cd").fit(X, y)


@pytest.mark.parametrize("loss", [HingeLoss(), SquaredHingeLoss()], ids=lambda l: type(l).__name__)
def test_svm_losses_pass_the_gradient_check(cancer, loss):
    X, y = cancer
    X, y = X[:50], np.where(y[:50] == 1, 1.0, -1.0)
    obj = LinearObjective(X, y, np.ones(50), loss, L2Penalty(0.01))
    theta = np.random.default_rng(3).normal(size=obj.size)  # margins away from the kink
    check_gradient(obj.value, lambda t: obj.value_and_grad(t)[1], theta, rtol=1e-4, atol=1e-6)
