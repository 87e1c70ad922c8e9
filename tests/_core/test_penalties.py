"""Penalties: gradients, proximal operators, conventions and bad input."""

import numpy as np
import pytest
from scipy import optimize

from hackml._core.gradcheck import check_gradient
from hackml.penalties import ElasticNetPenalty, L1Penalty, L2Penalty, NoPenalty, resolve_penalty

PENALTIES = [NoPenalty(), L2Penalty(0.7), L1Penalty(0.3), ElasticNetPenalty(0.5, 0.3)]


@pytest.mark.parametrize("penalty", PENALTIES, ids=repr)
def test_gradient_matches_finite_differences(penalty):
    coef = np.array([0.5, -1.2, 2.0, -0.3])  # away from 0, where L1 has its kink
    check_gradient(penalty.value, penalty.gradient, coef)


@pytest.mark.parametrize("penalty", PENALTIES, ids=repr)
def test_prox_is_the_minimiser(penalty):
    x, step = np.array([0.9, -0.1, 2.5, -0.05]), 0.4
    z = penalty.prox(x, step)
    # z minimises P(z) + ||z - x||^2 / (2 step): compare with a direct 1-D search per entry
    for i in range(len(x)):

        def f(v, i=i):
            zz = z.copy()
            zz[i] = v
            return penalty.value(zz) + np.sum((zz - x) ** 2) / (2 * step)

        best = optimize.minimize_scalar(
            f, bounds=(-5, 5), method="bounded", options={"xatol": 1e-10}
        ).x
        assert abs(best - z[i]) < 1e-6


def test_elastic_net_convention_matches_sklearn():
    # sklearn ElasticNet: alpha * l1_ratio * ||w||_1 + 0.5 * alpha * (1 - l1_ratio) * ||w||^2
    w = np.array([1.0, -2.0, 0.5])
    p = ElasticNetPenalty(alpha=0.8, l1_ratio=0.25)
    assert p.value(w) == pytest.approx(0.8 * 0.25 * 3.5 + 0.5 * 0.8 * 0.75 * 5.25)
    assert L1Penalty(1.0).smooth is False and L2Penalty(1.0).smooth is True


@pytest.mark.parametrize(
    "make, exc, match",
    [
        (lambda: L2Penalty(-1), ValueError, "alpha must be a non-negative"),
        (lambda: ElasticNetPenalty(1, 2), ValueError, "l1_ratio must be in"),
        (lambda: resolve_penalty("l3"), ValueError, "penalty='l3' is not a known penalty"),
        (lambda: resolve_penalty(3.0), TypeError, "penalty must be None, a penalty name"),
    ],
)
def test_bad_penalties(make, exc, match):
    with pytest.raises(exc, match=match):
        make()
