"""UCB1: pull the arm with the highest upper confidence bound."""

from __future__ import annotations

import numpy as np

from hackml._core.validation import check_scalar

from ._sample_average import average_learn, average_state
from .policy import Policy, random_argmax


class UCB1(Policy):
    """UCB1 (Auer, Cesa-Bianchi and Fischer, 2002).

    Pull every arm once, then

        argmax_k  Q_k + sqrt(c * ln(t) / n_k)

    with ``Q_k`` the mean reward of arm ``k``, ``n_k`` its pulls and ``t`` the total
    pulls. ``c = 2`` is the original bound for rewards in [0, 1]; its expected regret
    grows as ``O(sum_k ln(T) / gap_k)``. Deterministic except for ties.

    Parameters
    ----------
    n_arms : int
    c : float > 0, default 2.0
        Width of the confidence bonus (scale it with the reward range squared).
    random_state : None, int or numpy Generator
        Breaks ties.

    Examples
    --------
    >>> from hackml.bandit import UCB1
    >>> policy = UCB1(n_arms=3, random_state=0)
    >>> policy.update_batch([0, 1], [1.0, 0.0]).select_arm()  # arm 2 is untried
    2
    """

    def __init__(self, *, n_arms=None, c=2.0, random_state=None):
        self.n_arms = n_arms
        self.c = c
        self.random_state = random_state

    def init_state(self, n_arms):
        check_scalar(self.c, "c", low=0, include_low=False)
        return average_state(n_arms)

    def choose(self, state, rng):
        counts = state["counts"]
        log_t = np.log(np.maximum(state["t"], 1))[:, np.newaxis]
        bonus = np.sqrt(self.c * log_t / np.maximum(counts, 1.0))
        index = np.where(counts > 0, state["values"] + bonus, np.inf)
        return random_argmax(index, rng)

    def learn(self, state, arms, rewards):
        average_learn(state, arms, rewards)
