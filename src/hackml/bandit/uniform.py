"""Uniform random arm choice: the baseline every policy must beat."""

from __future__ import annotations

from ._sample_average import average_learn, average_state
from .policy import Policy


class UniformRandom(Policy):
    """Pull an arm uniformly at random, ``P(k) = 1 / K``, ignoring all rewards.

    Its expected regret is linear, ``T * (mu* - mean_k mu_k)``; it is the floor every
    learning policy is tested against. It still keeps counts and mean rewards in its
    state, for inspection.

    Examples
    --------
    >>> from hackml.bandit import UniformRandom
    >>> UniformRandom(n_arms=4, random_state=0).select_arms(6)
    array([3, 2, 2, 1, 1, 0])
    """

    def __init__(self, *, n_arms=None, random_state=None):
        self.n_arms = n_arms
        self.random_state = random_state

    def init_state(self, n_arms):
        return average_state(n_arms)

    def choose(self, state, rng):
        return rng.integers(state["values"].shape[1], size=state["values"].shape[0])

    def learn(self, state, arms, rewards):
        average_learn(state, arms, rewards)
