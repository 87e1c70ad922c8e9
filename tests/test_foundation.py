"""The foundation end to end: a replaceable loss fitted by every solver, and bad input.

(The linear family's own tests live in tests/linear_model/.)
"""

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression as SkLinearRegression

from hackml.datasets import load_diabetes
from hackml.linear_model import LinearRegression


@pytest.fixture(scope="module")
def diabetes():
    return load_diabetes(return_X_y=True)


class LogCosh:
    """A user's loss: log(cosh(raw - y)), smooth and robust."""

    def value(self, y, raw):
        return np.logaddexp(raw - y, y - raw) - np.log(2.0)

    def gradient(self, y, raw):
        return np.tanh(raw - y)


def test_user_loss_fits_end_to_end(diabetes):
    X, y = diabetes
    model = LinearRegression(loss=LogCosh()).fit(X, y)
    h = np.asarray(model.objective_history_)
    assert model.converged_ and model.solver_ == "lbfgs"
    assert h[-1] < h[0]
    # the recorded objective is the one recomputed from the fitted parameters
    assert model.objective(X, y) == pytest.approx(h[-1], rel=1e-12)
    # and it is a minimum: moving any parameter raises it
    for j in range(X.shape[1]):
        for step in (-1e-3, 1e-3):
            moved = LinearRegression(loss=LogCosh()).fit(X, y)
            moved.coef_ = moved.coef_.copy()
            moved.coef_[j] += step * max(1.0, abs(moved.coef_[j]))
            assert moved.objective(X, y) >= h[-1] - 1e-9


def test_squared_loss_matches_sklearn_by_every_exact_solver(diabetes):
    X, y = diabetes
    w = np.random.default_rng(0).uniform(0.5, 2.0, len(y))
    ref = SkLinearRegression().fit(X, y, sample_weight=w)
    for solver, rtol in [("closed_form", 1e-10), ("newton", 1e-8), ("lbfgs", 1e-5)]:
        model = LinearRegression(solver=solver, tol=1e-12, max_iter=20000)
        model.fit(X, y, sample_weight=w)
        np.testing.assert_allclose(model.coef_, ref.coef_, rtol=rtol, err_msg=solver)
        assert model.intercept_ == pytest.approx(ref.intercept_, rel=rtol)


def test_sample_weight_equals_repetition(diabetes):
    X, y = diabetes[0][:60], diabetes[1][:60]
    reps = np.random.default_rng(1).integers(1, 4, 60)
    a = LinearRegression(loss="huber").fit(X, y, sample_weight=reps)
    b = LinearRegression(loss="huber").fit(np.repeat(X, reps, 0), np.repeat(y, reps))
    np.testing.assert_allclose(a.coef_, b.coef_, rtol=1e-5)


def test_progress_bar_and_early_stopping_callback(diabetes, capsys):
    X, y = diabetes
    calls = []
    model = LinearRegression(
        loss="huber", verbose=True, callbacks=[lambda m: calls.append(m.n_iter) or m.n_iter >= 3]
    )
    model.fit(X, y)
    assert model.n_iter_ == 3 and not model.converged_ and calls == [1, 2, 3]
    assert "LinearRegression" in capsys.readouterr().err


BAD_INPUT = [
    (
        lambda X, y: (np.where(np.arange(X.size).reshape(X.shape) == 7, np.nan, X), y),
        {},
        ValueError,
        "Input X contains NaN",
    ),
    (lambda X, y: (X, np.r_[y[:-1], np.inf]), {}, ValueError, "Input y contains infinity"),
    (lambda X, y: (X, y[:-1]), {}, ValueError, "inconsistent numbers of samples"),
    (lambda X, y: (X[:0], y[:0]), {}, ValueError, "0 sample"),
    (lambda X, y: (X[:, 0], y), {}, ValueError, "Expected 2D array"),
    (lambda X, y: (np.full(X.shape, "a"), y), {}, ValueError, r"X must contain numbers"),
    (lambda X, y: (X, y), {"loss": "sqaured"}, ValueError, "loss='sqaured' is not a known loss"),
    (lambda X, y: (X, y), {"penalty": "l3"}, ValueError, "penalty='l3' is not a known"),
    (lambda X, y: (X, y), {"solver": "bfgs"}, ValueError, "solver must be one of"),
    (lambda X, y: (X, y), {"alpha": -1.0}, ValueError, "alpha must be >= 0"),
    (lambda X, y: (X, y), {"max_iter": 0}, ValueError, "max_iter must be >= 1"),
    (lambda X, y: (X, y), {"alpha": "big"}, TypeError, "alpha must be a number"),
    (
        lambda X, y: (X, y),
        {"loss": "absolute", "solver": "newton"},
        ValueError,
        "solver='newton' needs a smooth objective",
    ),
    (
        lambda X, y: (X, y),
        {"loss": "huber", "solver": "closed_form"},
        ValueError,
        "solver='closed_form' needs loss='squared'",
    ),
]


@pytest.mark.parametrize("make, params, exc, match", BAD_INPUT)
def test_bad_input_gives_a_clear_error(diabetes, make, params, exc, match):
    X, y = make(*diabetes)
    with pytest.raises(exc, match=match):
        LinearRegression(**params).fit(X, y)


def test_bad_user_losses(diabetes):
    X, y = diabetes

    class OnlyValue:
        def value(self, y, raw):
            return (y - raw) ** 2

    class WrongShape(LogCosh):
        def value(self, y, raw):
            return np.sum(super().value(y, raw))

    with pytest.raises(TypeError, match=r"missing \['gradient'\]"):
        LinearRegression(loss=OnlyValue()).fit(X, y)
    with pytest.raises(ValueError, match=r"must return one value per sample, shape \(442,\)"):
        LinearRegression(loss=WrongShape()).fit(X, y)


def test_bad_sample_weight(diabetes):
    X, y = diabetes
    with pytest.raises(ValueError, match="sample_weight must be non-negative"):
        LinearRegression().fit(X, y, sample_weight=-np.ones(len(y)))
    with pytest.raises(ValueError, match=r"sample_weight must have shape \(442,\)"):
        LinearRegression().fit(X, y, sample_weight=np.ones(3))


def test_predict_checks_fitted_and_width(diabetes):
    from sklearn.exceptions import NotFittedError

    X, y = diabetes
    with pytest.raises(NotFittedError):
        LinearRegression().predict(X)
    with pytest.raises(ValueError, match="X has 3 features"):
        LinearRegression().fit(X, y).predict(X[:, :3])
