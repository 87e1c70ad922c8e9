"""Optimistic initial values: greedy on estimates that start high."""

from __future__ import annotations

from hackml._core.validation import check_scalar

from ._sample_average import average_learn, average_state
from .policy import Policy, random_argmax


class OptimisticGreedy(Policy):
    """Greedy policy whose value estimates start optimistic.

    Each arm starts with ``initial_weight`` pseudo-pulls of reward ``initial_value``:

        Q_k = (w * Q0 + sum of rewards of k) / (w + n_k),   pull argmax_k Q_k

    An untried arm looks better than any tried one, so every arm is tried, and an arm
    stays attractive until enough real rewards pull its estimate down: exploration
    comes from the prior, with no random draws except for ties.

    Parameters
    ----------
    n_arms : int
    initial_value : float, default 1.0
        ``Q0``; should exceed any plausible mean reward.
    initial_weight : float > 0, default 1.0
        ``w``, how many pulls the optimism is worth.
    random_state : None, int or numpy Generator
        Breaks ties.

    Examples
    --------
    >>> from hackml.bandit import OptimisticGreedy
    >>> policy = OptimisticGreedy(n_arms=2, initial_value=1.0, random_state=0)
    >>> policy.update(0, 0.0).select_arm()  # arm 0 dropped to 0.5, arm 1 still at 1.0
    1
    """

    def __init__(self, *, n_arms=None, initial_value=1.0, initial_weight=1.0, random_state=None):
        self.n_arms = n_arms
        self.initial_value = initial_value
        self.initial_weight = initial_weight
        self.random_state = random_state

    def init_state(self, n_arms):
        check_scalar(self.initial_value, "initial_value")
        check_scalar(self.initial_weight, "initial_weight", low=0, include_low=False)
        return average_state(n_arms, self.initial_value, self.initial_weight)

    def choose(self, state, rng):
        return random_argmax(state["values"], rng)

    def learn(self, state, arms, rewards):
        average_learn(state, arms, rewards)
