"""Conjugate updates in closed form; probability of best against numerical integration."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, special, stats

from hackml.bandit import (
    BetaBernoulli,
    GammaPoisson,
    NormalInverseGamma,
    expected_loss,
    expected_loss_stop,
    probability_best,
    probability_greater,
)


def test_beta_bernoulli_update_is_closed_form():
    x = np.random.default_rng(0).random(500) < 0.3
    post = BetaBernoulli(alpha=2.0, beta=3.0).update(x.astype(int))
    assert post.params == {"alpha": 2.0 + x.sum(), "beta": 3.0 + (~x).sum()}
    lo, hi = post.credible_interval(0.9)
    ref = stats.beta(2.0 + x.sum(), 3.0 + (~x).sum())
    np.testing.assert_allclose([lo, hi], ref.ppf([0.05, 0.95]), rtol=1e-12)
    np.testing.assert_allclose(post.mean(), (2.0 + x.sum()) / 505.0, rtol=1e-12)


def test_gamma_poisson_update_is_closed_form():
    x = np.random.default_rng(1).poisson(3.2, 300)
    post = GammaPoisson(shape=0.5, rate=2.0).update(x[:100]).update(x[100:])
    assert post.params == pytest.approx({"shape": 0.5 + x.sum(), "rate": 302.0}, rel=1e-14)
    np.testing.assert_allclose(post.mean(), (0.5 + x.sum()) / 302.0, rtol=1e-12)


def test_normal_inverse_gamma_batch_equals_sequential_and_closed_form():
    x = np.random.default_rng(2).normal(5.0, 2.0, 200)
    mu0, k0, a0, b0 = 1.0, 0.5, 2.0, 3.0
    batch = NormalInverseGamma(mu0, k0, a0, b0).update(x)
    seq = NormalInverseGamma(mu0, k0, a0, b0)
    for value in x:
        seq.update([value])
    n, xbar = x.size, x.mean()
    expected = {
        "mu": (k0 * mu0 + n * xbar) / (k0 + n),
        "kappa": k0 + n,
        "alpha": a0 + n / 2,
        "beta": b0 + 0.5 * np.sum((x - xbar) ** 2) + k0 * n * (xbar - mu0) ** 2 / (2 * (k0 + n)),
    }
    for key, value in expected.items():
        np.testing.assert_allclose(batch.params[key], value, rtol=1e-12)
        np.testing.assert_allclose(seq.params[key], value, rtol=1e-10)
    # the marginal of the mean is Student's t: compare a central interval with scipy's
    t = stats.t(
        2 * expected["alpha"],
        loc=expected["mu"],
        scale=np.sqrt(expected["beta"] / (expected["alpha"] * expected["kappa"])),
    )
    np.testing.assert_allclose(batch.credible_interval(0.95), t.interval(0.95), rtol=1e-12)


def _beta_greater_closed_form(a1, b1, a2, b2):
    """P(X2 > X1) for Beta posteriors, integer a2 (Evan Miller's sum), in log space."""
    i = np.arange(int(a2))
    log_terms = (
        special.betaln(a1 + i, b1 + b2)
        - np.log(b2 + i)
        - special.betaln(1 + i, b2)
        - special.betaln(a1, b1)
    )
    return float(np.exp(special.logsumexp(log_terms)))


def test_probability_greater_matches_the_closed_form_for_beta():
    a, b = BetaBernoulli().update_counts(100, 1000), BetaBernoulli().update_counts(130, 1000)
    exact = _beta_greater_closed_form(a.alpha, a.beta, b.alpha, b.beta)
    np.testing.assert_allclose(probability_greater(a, b), exact, rtol=0, atol=1e-10)


@pytest.mark.parametrize(
    "pair",
    [
        (BetaBernoulli().update_counts(100, 1000), BetaBernoulli().update_counts(118, 1000)),
        (GammaPoisson().update_counts(410, 200), GammaPoisson().update_counts(440, 205)),
        (
            NormalInverseGamma().update(np.random.default_rng(3).normal(10, 3, 80)),
            NormalInverseGamma().update(np.random.default_rng(4).normal(10.5, 3, 90)),
        ),
    ],
    ids=["beta", "gamma", "nig"],
)
def test_probability_best_by_sampling_agrees_with_integration(pair):
    exact = probability_greater(*pair)
    mc = probability_best(list(pair), n_draws=4_000_000, random_state=0)
    assert abs(mc[1] - exact) < 1e-3
    assert mc.sum() == pytest.approx(1.0)


def test_expected_loss_agrees_with_integration():
    a, b = BetaBernoulli().update_counts(100, 1000), BetaBernoulli().update_counts(118, 1000)
    da, db = a.dist(), b.dist()
    # for variables in [0, 1]: E[max(A, B)] = integral_0^1 (1 - F_A(x) F_B(x)) dx
    e_max, _ = integrate.quad(
        lambda x: 1 - da.cdf(x) * db.cdf(x), 0, 1, points=[0.1, 0.12], epsabs=1e-13, limit=200
    )
    exact_a = e_max - a.mean()
    loss = expected_loss([a, b], n_draws=2_000_000, random_state=0)
    assert abs(loss[0] - exact_a) < 2e-5
    assert abs((loss[0] - loss[1]) - (b.mean() - a.mean())) < 2e-5  # loss_a - loss_b = E[B - A]


def test_stopping_rule_waits_then_stops():
    rng = np.random.default_rng(5)
    a, b = BetaBernoulli(), BetaBernoulli()
    a.update_counts(int(rng.binomial(50, 0.10)), 50)
    b.update_counts(int(rng.binomial(50, 0.14)), 50)
    early = expected_loss_stop([a, b], threshold=1e-4, random_state=0)
    assert not early.stop
    a.update_counts(int(rng.binomial(20000, 0.10)), 20000)
    b.update_counts(int(rng.binomial(20000, 0.14)), 20000)
    late = expected_loss_stop([a, b], threshold=1e-4, random_state=0)
    assert late.stop and late.best == 1 and late.probability_best[1] > 0.99


def test_lower_is_better_flips_the_winner():
    a, b = GammaPoisson().update_counts(100, 50), GammaPoisson().update_counts(150, 50)
    hi = probability_best([a, b], random_state=0)
    lo = probability_best([a, b], random_state=0, higher_is_better=False)
    np.testing.assert_allclose(hi, lo[::-1])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: BetaBernoulli(alpha=0.0), "alpha must be > 0"),
        (lambda: BetaBernoulli(beta=-1), "beta must be > 0"),
        (lambda: GammaPoisson(rate=0.0), "rate must be > 0"),
        (lambda: NormalInverseGamma(kappa=0.0), "kappa must be > 0"),
        (lambda: NormalInverseGamma(beta=-2.0), "beta must be > 0"),
        (lambda: BetaBernoulli().update([0, 1, 2]), "must be 0 or 1"),
        (lambda: BetaBernoulli().update_counts(5, 4), "need 0 <= successes <= trials"),
        (lambda: GammaPoisson().update([1, -1]), "non-negative integer counts"),
        (lambda: NormalInverseGamma().update([1.0, np.inf]), "x must be finite"),
        (lambda: probability_best([BetaBernoulli()]), "at least 2 variants"),
        (lambda: BetaBernoulli().credible_interval(1.0), "level must be < 1"),
    ],
)
def test_bad_input(make, message):
    with pytest.raises(ValueError, match=message):
        make()
