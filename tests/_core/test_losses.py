"""Every built-in loss: gradient and Hessian against finite differences, conventions."""

import numpy as np
import pytest

from hackml._core.gradcheck import check_gradient
from hackml.losses import (
    LOSSES,
    AbsoluteLoss,
    HingeLoss,
    LogisticLoss,
    MultinomialLoss,
    QuantileLoss,
    SquaredLoss,
    resolve_loss,
)

RNG = np.random.default_rng(0)
N = 7


def _targets(name):
    if name == "logistic":
        return RNG.integers(0, 2, N).astype(float)
    if name in ("hinge", "squared_hinge"):
        return RNG.choice([-1.0, 1.0], N)
    if name == "poisson":
        return RNG.poisson(3.0, N).astype(float)
    return RNG.normal(size=N)


def _raw_away_from_kinks(loss, y):
    """Raw scores whose distance from every kink exceeds the finite-difference step."""
    raw = y + RNG.choice([-1, 1], N) * RNG.uniform(0.3, 2.0, N)
    if isinstance(loss, HingeLoss) or type(loss).__name__ == "SquaredHingeLoss":
        raw = y * RNG.uniform(-1.0, 3.0, N)
        raw[np.abs(y * raw - 1.0) < 0.1] += 0.3
    return raw


SCALAR = [name for name in LOSSES if name != "multinomial"]


@pytest.mark.parametrize("name", SCALAR)
def test_gradient_matches_finite_differences(name):
    loss = LOSSES[name]()
    y = _targets(name)
    raw = _raw_away_from_kinks(loss, y)
    check_gradient(lambda r: float(loss.value(y, r).sum()), lambda r: loss.gradient(y, r), raw)


@pytest.mark.parametrize("name", [n for n in SCALAR if hasattr(LOSSES[n](), "hessian")])
def test_hessian_matches_finite_differences_of_gradient(name):
    loss = LOSSES[name]()
    y = _targets(name)
    raw = _raw_away_from_kinks(loss, y)
    for i in range(N):  # diagonal Hessian: d grad_i / d raw_i

        def g_i(r, i=i):
            full = raw.copy()
            full[i] = r[0]
            return float(loss.gradient(y, full)[i])

        check_gradient(g_i, lambda r, i=i: np.array([loss.hessian(y, raw)[i]]), raw[i : i + 1])


def test_multinomial_gradient_and_hessian():
    loss = MultinomialLoss()
    y = np.eye(4)[RNG.integers(0, 4, N)]
    raw = RNG.normal(size=(N, 4))
    check_gradient(lambda r: float(loss.value(y, r).sum()), lambda r: loss.gradient(y, r), raw)
    H = loss.hessian(y, raw)
    for i in range(N):

        def grad_row(r, i=i):
            full = raw.copy()
            full[i] = r
            return loss.gradient(y, full)[i]

        for k in range(4):
            check_gradient(
                lambda r, k=k: float(grad_row(r)[k]), lambda r, k=k, i=i: H[i, k], raw[i]
            )


def test_logistic_is_stable_for_large_scores():
    loss = LogisticLoss()
    v = loss.value(np.array([1.0, 0.0]), np.array([800.0, -800.0]))
    np.testing.assert_allclose(v, [0.0, 0.0], atol=1e-300)
    assert np.isfinite(loss.value(np.array([0.0]), np.array([800.0]))).all()


def test_conventions():
    # halved squared loss; quantile 0.5 is half the absolute loss
    y, raw = np.array([0.0, 1.0, 3.0]), np.array([2.0, 1.0, -1.0])
    np.testing.assert_allclose(SquaredLoss().value(y, raw), 0.5 * (y - raw) ** 2)
    np.testing.assert_allclose(QuantileLoss(0.5).value(y, raw), 0.5 * AbsoluteLoss().value(y, raw))


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda: QuantileLoss(1.5), "quantile must be strictly between 0 and 1"),
        (lambda: LOSSES["huber"](delta=0), "delta must be a positive"),
        (lambda: LOSSES["epsilon_insensitive"](epsilon=-1), "epsilon must be a non-negative"),
    ],
)
def test_bad_loss_parameters(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_resolve_loss_errors():
    with pytest.raises(ValueError, match="loss='sqaured' is not a known loss"):
        resolve_loss("sqaured")

    class NoGradient:
        def value(self, y, raw):
            return (y - raw) ** 2

    with pytest.raises(TypeError, match=r"missing \['gradient'\]"):
        resolve_loss(NoGradient())
