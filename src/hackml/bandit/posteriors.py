"""Conjugate posteriors for Bayesian A/B testing: one object per variant.

Each posterior updates in closed form and exposes the posterior of the quantity a test
compares (conversion rate, event rate, mean) as a scipy distribution ``dist()``, with
``mean()``, ``credible_interval(level)``, ``pdf(x)`` and ``sample(size, random_state)``
built on it. :mod:`hackml.bandit.decision` turns several of them into decisions.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from hackml._core.validation import check_scalar

from ._validation import check_positive, check_rewards
from .policy import make_rng

__all__ = ["BetaBernoulli", "GammaPoisson", "NormalInverseGamma"]


def _observations(x, name="x"):
    x = np.atleast_1d(np.asarray(x))
    if x.ndim != 1:
        raise ValueError(f"{name} must be a 1-d sequence of observations; got shape {x.shape}.")
    return check_rewards(x, "real", name)


class _Conjugate:
    def dist(self):  # pragma: no cover - each subclass defines it
        raise NotImplementedError

    def mean(self) -> float:
        """Posterior mean of the compared quantity."""
        return float(self.dist().mean())

    def credible_interval(self, level: float = 0.95) -> tuple[float, float]:
        """Equal-tailed interval holding ``level`` of the posterior mass."""
        check_scalar(level, "level", low=0, high=1, include_low=False, include_high=False)
        lo, hi = self.dist().interval(level)
        return float(lo), float(hi)

    def pdf(self, x):
        """Posterior density of the compared quantity at ``x``."""
        return self.dist().pdf(x)

    def sample(self, size: int, random_state=None) -> np.ndarray:
        """``size`` posterior draws of the compared quantity."""
        return np.asarray(self.dist().rvs(size=size, random_state=make_rng(random_state)))

    def __repr__(self):
        inner = ", ".join(f"{k}={v:.6g}" for k, v in self.params.items())
        return f"{type(self).__name__}({inner})"


class BetaBernoulli(_Conjugate):
    """Beta posterior of a conversion rate ``p`` from 0/1 outcomes.

    Prior ``p ~ Beta(alpha, beta)``; after ``s`` successes in ``n`` trials

        p | data ~ Beta(alpha + s, beta + n - s)

    Examples
    --------
    >>> post = BetaBernoulli().update_counts(30, 100)
    >>> post.params
    {'alpha': 31.0, 'beta': 71.0}
    >>> [round(v, 3) for v in post.credible_interval(0.95)]
    [0.219, 0.396]
    """

    def __init__(self, alpha=1.0, beta=1.0):
        self.alpha = check_positive(alpha, "alpha")
        self.beta = check_positive(beta, "beta")

    @property
    def params(self) -> dict:
        return {"alpha": self.alpha, "beta": self.beta}

    def update(self, x):
        """Fold in 0/1 observations ``x``; returns ``self``."""
        x = check_rewards(_observations(x), "bernoulli", "x")
        return self.update_counts(int(x.sum()), int(x.size))

    def update_counts(self, successes: int, trials: int):
        """Fold in ``successes`` out of ``trials``; returns ``self``."""
        if not (0 <= successes <= trials):
            raise ValueError(f"need 0 <= successes <= trials; got {successes} and {trials}.")
        self.alpha += successes
        self.beta += trials - successes
        return self

    def dist(self):
        return stats.beta(self.alpha, self.beta)


class GammaPoisson(_Conjugate):
    """Gamma posterior of an event rate ``lambda`` from Poisson counts.

    Prior ``lambda ~ Gamma(shape, rate)``; after counts ``x_1..x_n`` (one unit of
    exposure each)

        lambda | data ~ Gamma(shape + sum_i x_i, rate + n)

    Examples
    --------
    >>> post = GammaPoisson(shape=1.0, rate=1.0).update([2, 0, 3, 1])
    >>> post.params
    {'shape': 7.0, 'rate': 5.0}
    >>> round(post.mean(), 2)
    1.4
    """

    def __init__(self, shape=1.0, rate=1.0):
        self.shape = check_positive(shape, "shape")
        self.rate = check_positive(rate, "rate")

    @property
    def params(self) -> dict:
        return {"shape": self.shape, "rate": self.rate}

    def update(self, x):
        """Fold in non-negative integer counts ``x``; returns ``self``."""
        x = _observations(x)
        if np.any(x < 0) or np.any(x != np.round(x)):
            raise ValueError("x must hold non-negative integer counts for a Poisson model.")
        return self.update_counts(float(x.sum()), float(x.size))

    def update_counts(self, total: float, exposure: float):
        """Fold in ``total`` events observed over ``exposure`` units; returns ``self``."""
        if total < 0 or exposure < 0:
            raise ValueError(f"total and exposure must be >= 0; got {total} and {exposure}.")
        self.shape += total
        self.rate += exposure
        return self

    def dist(self):
        return stats.gamma(self.shape, scale=1.0 / self.rate)


class NormalInverseGamma(_Conjugate):
    """Posterior of the mean ``m`` of Normal data with unknown variance ``s^2``.

    Prior ``s^2 ~ InvGamma(alpha, beta)``, ``m | s^2 ~ N(mu, s^2 / kappa)``. After
    ``x_1..x_n`` with mean ``xbar``:

        kappa_n = kappa + n,   mu_n = (kappa mu + n xbar) / kappa_n,
        alpha_n = alpha + n/2,
        beta_n  = beta + 1/2 sum (x_i - xbar)^2 + kappa n (xbar - mu)^2 / (2 kappa_n)

    and the mean's marginal posterior is Student's t with ``2 alpha_n`` degrees of
    freedom, location ``mu_n`` and scale ``sqrt(beta_n / (alpha_n kappa_n))``. A small
    ``kappa`` makes the prior on the mean weak (revenue-like metrics far from 0).

    Examples
    --------
    >>> post = NormalInverseGamma(mu=0.0, kappa=1.0, alpha=1.0, beta=1.0).update([4.0, 6.0])
    >>> {k: round(v, 4) for k, v in post.params.items()}
    {'mu': 3.3333, 'kappa': 3.0, 'alpha': 2.0, 'beta': 10.3333}
    """

    def __init__(self, mu=0.0, kappa=1.0, alpha=1.0, beta=1.0):
        self.mu = float(check_scalar(mu, "mu"))
        self.kappa = check_positive(kappa, "kappa")
        self.alpha = check_positive(alpha, "alpha")
        self.beta = check_positive(beta, "beta")

    @property
    def params(self) -> dict:
        return {"mu": self.mu, "kappa": self.kappa, "alpha": self.alpha, "beta": self.beta}

    def update(self, x):
        """Fold in real observations ``x``; returns ``self``."""
        x = _observations(x)
        n, xbar = x.size, float(x.mean())
        kappa_n = self.kappa + n
        self.beta += 0.5 * float(np.sum((x - xbar) ** 2)) + (
            self.kappa * n * (xbar - self.mu) ** 2 / (2 * kappa_n)
        )
        self.mu = (self.kappa * self.mu + n * xbar) / kappa_n
        self.kappa = kappa_n
        self.alpha += n / 2
        return self

    def dist(self):
        scale = np.sqrt(self.beta / (self.alpha * self.kappa))
        return stats.t(2 * self.alpha, loc=self.mu, scale=scale)
