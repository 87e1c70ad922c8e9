"""Reward environments for the simulator: Bernoulli, Gaussian, or replayed from a log.

An environment has ``n_arms``, ``means`` (the expected reward of each arm, which defines
regret), ``kind`` (``"bernoulli"`` or ``"real"``) and ``draw(arms, rng)`` returning one
reward per entry of ``arms``. Every built-in draws exactly one uniform or normal number
per entry, so two policies simulated with the same seed see the same random numbers
(common random numbers: their difference in regret is not drowned in noise).
"""

from __future__ import annotations

import numpy as np

from ._validation import check_arms_index


def _vector(values, name):
    v = np.asarray(values, dtype=np.float64)
    if v.ndim != 1 or v.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-d sequence, one per arm; got {values!r}.")
    if not np.all(np.isfinite(v)):
        raise ValueError(f"{name} must be finite; got {values!r}.")
    return v


class BernoulliArms:
    """Arms paying 1 with probability ``p_k`` and 0 otherwise; ``means = p``.

    Examples
    --------
    >>> import numpy as np
    >>> env = BernoulliArms([0.1, 0.9])
    >>> env.draw(np.array([0, 1, 1]), np.random.default_rng(0))
    array([0., 1., 1.])
    """

    kind = "bernoulli"

    def __init__(self, probs):
        p = _vector(probs, "probs")
        if np.any((p < 0) | (p > 1)):
            raise ValueError(f"probs must lie in [0, 1]; got {probs!r}.")
        self.means = p
        self.n_arms = p.size

    def draw(self, arms, rng):
        return (rng.random(arms.shape[0]) < self.means[arms]).astype(np.float64)


class GaussianArms:
    """Arms paying ``N(mu_k, sigma_k^2)``; ``means = mu``.

    Examples
    --------
    >>> import numpy as np
    >>> env = GaussianArms([0.0, 1.0], stds=0.0)
    >>> env.draw(np.array([1, 0]), np.random.default_rng(0))
    array([1., 0.])
    """

    kind = "real"

    def __init__(self, means, stds=1.0):
        self.means = _vector(means, "means")
        self.n_arms = self.means.size
        s = np.broadcast_to(np.asarray(stds, dtype=np.float64), self.means.shape).copy()
        if not np.all(np.isfinite(s)) or np.any(s < 0):
            raise ValueError(f"stds must be finite and >= 0; got {stds!r}.")
        self.stds = s

    def draw(self, arms, rng):
        return self.means[arms] + self.stds[arms] * rng.standard_normal(arms.shape[0])


class LoggedArms:
    """Arms replayed from logged ``(arm, reward)`` pairs, by bootstrap.

    Pulling arm ``k`` returns one of the rewards logged for ``k``, drawn uniformly with
    replacement; ``means`` are the logged mean rewards. This replays each arm's observed
    reward distribution; it is not the rejection-sampling replay of a logged policy's
    decisions (which discards the pulls the log did not make).

    Examples
    --------
    >>> import numpy as np
    >>> env = LoggedArms([0, 0, 1, 1, 1], [1.0, 0.0, 1.0, 1.0, 0.0])
    >>> env.means
    array([0.5       , 0.66666667])
    >>> env.kind
    'bernoulli'
    """

    def __init__(self, arms, rewards, *, n_arms=None):
        rewards = _vector(rewards, "rewards")
        arms = np.asarray(arms)
        if arms.shape != rewards.shape:
            raise ValueError(
                f"arms and rewards must have the same length; got {arms.shape} and {rewards.shape}."
            )
        k = int(arms.max()) + 1 if n_arms is None else int(n_arms)
        arms = check_arms_index(arms, k, "arms")
        order = np.argsort(arms, kind="stable")
        self.pool = rewards[order]
        self.sizes = np.bincount(arms, minlength=k)
        if np.any(self.sizes == 0):
            empty = np.flatnonzero(self.sizes == 0).tolist()
            raise ValueError(f"every arm needs at least one logged reward; arms {empty} have none.")
        self.offsets = np.concatenate([[0], np.cumsum(self.sizes)[:-1]])
        self.means = np.bincount(arms, weights=rewards, minlength=k) / self.sizes
        self.n_arms = k
        self.kind = "bernoulli" if np.all((rewards == 0) | (rewards == 1)) else "real"

    def draw(self, arms, rng):
        pick = (rng.random(arms.shape[0]) * self.sizes[arms]).astype(np.int64)
        return self.pool[self.offsets[arms] + pick]
