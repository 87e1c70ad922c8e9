"""Epsilon-greedy: explore uniformly with probability epsilon_t, else exploit."""

from __future__ import annotations

import numpy as np

from hackml._core.validation import check_scalar

from ._sample_average import average_learn, average_state
from .policy import Policy, random_argmax


class EpsilonGreedy(Policy):
    """Epsilon-greedy with a fixed or decaying exploration rate.

    At step ``t`` (updates so far) explore with probability

        eps_t = epsilon / (1 + decay * t)

    (``decay=0``: fixed epsilon; ``decay > 0``: about ``epsilon / (decay t)``, the
    ``1/t`` schedule under which regret grows logarithmically), picking an arm uniformly;
    otherwise pull ``argmax_k Q_k`` with ``Q_k`` the mean reward of arm ``k`` so far
    (ties at random).

    Parameters
    ----------
    n_arms : int
        Number of arms.
    epsilon : float in [0, 1], default 0.1
        Exploration probability at ``t = 0``.
    decay : float >= 0, default 0.0
        Decay rate of the exploration probability.
    random_state : None, int or numpy Generator
        Seeds the exploration draws.

    Examples
    --------
    >>> from hackml.bandit import EpsilonGreedy
    >>> policy = EpsilonGreedy(n_arms=3, epsilon=0.0, random_state=0)
    >>> policy.update_batch([0, 1, 2], [0.2, 0.9, 0.5]).select_arm()
    1
    """

    def __init__(self, *, n_arms=None, epsilon=0.1, decay=0.0, random_state=None):
        self.n_arms = n_arms
        self.epsilon = epsilon
        self.decay = decay
        self.random_state = random_state

    def init_state(self, n_arms):
        check_scalar(self.epsilon, "epsilon", low=0, high=1)
        check_scalar(self.decay, "decay", low=0)
        return average_state(n_arms)

    def choose(self, state, rng):
        values = state["values"]
        n_runs, n_arms = values.shape
        eps = self.epsilon / (1.0 + self.decay * state["t"])
        explore = rng.random(n_runs) < eps
        return np.where(explore, rng.integers(n_arms, size=n_runs), random_argmax(values, rng))

    def learn(self, state, arms, rewards):
        average_learn(state, arms, rewards)
