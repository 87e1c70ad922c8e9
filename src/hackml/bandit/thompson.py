"""Thompson sampling: pull each arm with the posterior probability that it is best."""

from __future__ import annotations

import numpy as np

from hackml._core.validation import check_scalar

from ._validation import check_positive
from .policy import Policy, random_argmax


class BernoulliThompson(Policy):
    """Thompson sampling for 0/1 rewards with a Beta prior.

    Each arm's success rate has posterior ``Beta(alpha + s_k, beta + f_k)`` after
    ``s_k`` successes and ``f_k`` failures. Each step draws ``theta_k`` from every
    posterior and pulls ``argmax_k theta_k``: arm ``k`` is pulled with exactly the
    posterior probability that it is the best arm.

    Parameters
    ----------
    n_arms : int
    alpha, beta : float > 0, default 1.0
        Prior pseudo-successes and pseudo-failures (``1, 1`` is uniform).
    random_state : None, int or numpy Generator

    Examples
    --------
    >>> from hackml.bandit import BernoulliThompson
    >>> policy = BernoulliThompson(n_arms=2, random_state=0)
    >>> policy.update_batch([0] * 50 + [1] * 50, [0] * 50 + [1] * 50).select_arms(4)
    array([1, 1, 1, 1])
    >>> policy.state_["alpha"], policy.state_["beta"]
    (array([ 1., 51.]), array([51.,  1.]))
    """

    reward_kind = "bernoulli"

    def __init__(self, *, n_arms=None, alpha=1.0, beta=1.0, random_state=None):
        self.n_arms = n_arms
        self.alpha = alpha
        self.beta = beta
        self.random_state = random_state

    def init_state(self, n_arms):
        a, b = check_positive(self.alpha, "alpha"), check_positive(self.beta, "beta")
        return {"alpha": np.full(n_arms, a), "beta": np.full(n_arms, b)}

    def choose(self, state, rng):
        return random_argmax(rng.beta(state["alpha"], state["beta"]), rng)

    def learn(self, state, arms, rewards):
        rows = np.arange(arms.shape[0])
        state["alpha"][rows, arms] += rewards
        state["beta"][rows, arms] += 1.0 - rewards


class GaussianThompson(Policy):
    """Thompson sampling for real rewards, Normal with unknown mean and variance.

    Each arm's rewards are ``N(m_k, s_k^2)`` with the conjugate Normal-Inverse-Gamma
    prior ``s^2 ~ InvGamma(alpha, beta)``, ``m | s^2 ~ N(mu, s^2 / kappa)``. One reward
    ``x`` updates

        kappa' = kappa + 1,  mu' = (kappa mu + x) / kappa',
        alpha' = alpha + 1/2,  beta' = beta + kappa (x - mu)^2 / (2 kappa')

    and each step draws ``s^2`` then ``m`` from every arm's posterior and pulls the
    arm with the largest draw of ``m``.

    Parameters
    ----------
    n_arms : int
    mu : float, default 0.0
        Prior mean of each arm's mean reward.
    kappa, alpha, beta : float > 0, default 1.0
        Prior strength of ``mu`` (in pseudo-observations) and the inverse-gamma
        shape and scale of the reward variance.
    random_state : None, int or numpy Generator

    Examples
    --------
    >>> from hackml.bandit import GaussianThompson
    >>> policy = GaussianThompson(n_arms=2, random_state=0)
    >>> policy.update_batch([0, 0, 1, 1], [1.0, 1.2, 3.0, 3.4]).state_["mu"]
    array([0.73333333, 2.13333333])
    """

    def __init__(self, *, n_arms=None, mu=0.0, kappa=1.0, alpha=1.0, beta=1.0, random_state=None):
        self.n_arms = n_arms
        self.mu = mu
        self.kappa = kappa
        self.alpha = alpha
        self.beta = beta
        self.random_state = random_state

    def init_state(self, n_arms):
        mu = float(check_scalar(self.mu, "mu"))
        params = [check_positive(getattr(self, p), p) for p in ("kappa", "alpha", "beta")]
        state = {"mu": np.full(n_arms, mu)}
        state.update({p: np.full(n_arms, v) for p, v in zip(("kappa", "alpha", "beta"), params)})
        return state

    def choose(self, state, rng):
        var = state["beta"] / rng.standard_gamma(state["alpha"])
        draw = state["mu"] + np.sqrt(var / state["kappa"]) * rng.standard_normal(var.shape)
        return random_argmax(draw, rng)

    def learn(self, state, arms, rewards):
        rows = np.arange(arms.shape[0])
        kappa, mu = state["kappa"][rows, arms], state["mu"][rows, arms]
        new_kappa = kappa + 1.0
        state["beta"][rows, arms] += kappa * (rewards - mu) ** 2 / (2.0 * new_kappa)
        state["mu"][rows, arms] = (kappa * mu + rewards) / new_kappa
        state["kappa"][rows, arms] = new_kappa
        state["alpha"][rows, arms] += 0.5
