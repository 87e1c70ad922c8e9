"""Softmax (Boltzmann) exploration."""

from __future__ import annotations

import numpy as np

from hackml._core.validation import check_scalar

from ._sample_average import average_learn, average_state
from .policy import Policy


class Softmax(Policy):
    """Softmax (Boltzmann) exploration.

    Pull arm ``k`` with probability

        P(k) = exp(Q_k / tau) / sum_j exp(Q_j / tau)

    with ``Q_k`` the mean reward of arm ``k``. Sampled with the Gumbel-max trick,
    ``argmax_k Q_k / tau + G_k`` with ``G_k`` standard Gumbel, which draws from exactly
    that distribution without forming the exponentials (no overflow at small ``tau``).

    Parameters
    ----------
    n_arms : int
    temperature : float > 0, default 0.1
        ``tau``; small is greedy, large is uniform.
    random_state : None, int or numpy Generator

    Examples
    --------
    >>> from hackml.bandit import Softmax
    >>> policy = Softmax(n_arms=2, temperature=0.01, random_state=0)
    >>> policy.update_batch([0, 1], [0.0, 1.0]).select_arms(5)
    array([1, 1, 1, 1, 1])
    """

    def __init__(self, *, n_arms=None, temperature=0.1, random_state=None):
        self.n_arms = n_arms
        self.temperature = temperature
        self.random_state = random_state

    def init_state(self, n_arms):
        check_scalar(self.temperature, "temperature", low=0, include_low=False)
        return average_state(n_arms)

    def choose(self, state, rng):
        values = state["values"]
        return np.argmax(values / self.temperature + rng.gumbel(size=values.shape), axis=1)

    def learn(self, state, arms, rewards):
        average_learn(state, arms, rewards)
