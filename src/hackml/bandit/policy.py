"""The bandit policy interface, and how to write your own policy.

A policy keeps a small *state* (a dict of NumPy arrays: counts, sums, posterior
parameters, ...) and defines three pure pieces, each written once for a whole batch of
independent runs so that the same code serves one live experiment and a thousand
simulated ones:

``init_state(n_arms) -> dict``
    Check the hyper-parameters and return the state of *one* run: arrays of shape
    ``(n_arms,)`` (or scalars). The base class adds ``"t"``, the number of updates so far.
``choose(state, rng) -> arms``
    ``state`` holds the same keys with a leading run axis (``(R, n_arms)``, ``"t"`` of
    shape ``(R,)``); return ``R`` integer arm indices. Must not modify ``state``.
``learn(state, arms, rewards) -> None``
    Fold one reward per run into ``state`` **in place** (``arms`` and ``rewards`` have
    shape ``(R,)``; ``rows = np.arange(R)`` indexes the runs).

From those the base class :class:`Policy` gives everything else: ``select_arm()``,
``update(arm, reward)``, the batch variants ``select_arms(n)`` and
``update_batch(arms, rewards)``, ``random_state`` handling, JSON save/restore
(``to_json()`` / ``load_json(text)``) and the vectorised simulator
(:func:`hackml.bandit.simulate`).

A duck-typed object with only ``select_arm()``, ``update(arm, reward)`` and a
``random_state`` parameter also runs in the simulator, one run at a time (slower).

Example of a user policy (greedy on the posterior mean of a Beta(1, 1) prior)::

    class GreedyBeta(Policy):
        reward_kind = "bernoulli"

        def __init__(self, *, n_arms=None, random_state=None):
            self.n_arms = n_arms
            self.random_state = random_state

        def init_state(self, n_arms):
            return {"wins": np.ones(n_arms), "losses": np.ones(n_arms)}

        def choose(self, state, rng):
            return random_argmax(state["wins"] / (state["wins"] + state["losses"]), rng)

        def learn(self, state, arms, rewards):
            rows = np.arange(len(arms))
            state["wins"][rows, arms] += rewards
            state["losses"][rows, arms] += 1 - rewards
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod

import numpy as np
from sklearn.base import BaseEstimator

from ._validation import check_arms_index, check_n_arms, check_rewards

__all__ = ["Policy", "make_rng", "random_argmax"]


def make_rng(random_state) -> np.random.Generator:
    """A NumPy ``Generator`` from ``None``, an int, a ``SeedSequence`` or a ``Generator``.

    Examples
    --------
    >>> int(make_rng(0).integers(10)) == int(make_rng(0).integers(10))
    True
    """
    if isinstance(random_state, np.random.Generator):
        return random_state
    if isinstance(random_state, np.random.RandomState):
        return np.random.default_rng(random_state.randint(2**31))
    if random_state is None or isinstance(random_state, int | np.integer | np.random.SeedSequence):
        return np.random.default_rng(random_state)
    raise TypeError(
        f"random_state must be None, an int or a numpy Generator; got {random_state!r}."
    )


def random_argmax(values, rng) -> np.ndarray:
    """Row-wise argmax of a ``(R, K)`` array, ties broken uniformly at random.

    ``argmax_k values[r, k]`` taken over the set of maximisers with equal probability,
    so an untried arm is never favoured by its position.

    Examples
    --------
    >>> import numpy as np
    >>> random_argmax(np.array([[0.0, 2.0, 1.0], [3.0, 1.0, 0.0]]), np.random.default_rng(0))
    array([1, 0])
    """
    values = np.asarray(values)
    best = values == values.max(axis=1, keepdims=True)
    return np.argmax(best * rng.random(values.shape), axis=1)


class Policy(BaseEstimator, ABC):
    """Base class of every bandit policy (see the module docstring for the contract).

    Subclasses set their hyper-parameters in ``__init__`` (keyword-only, stored as given,
    always including ``n_arms`` and ``random_state``) and write ``init_state``,
    ``choose`` and ``learn``. ``reward_kind`` is ``"bernoulli"`` when rewards must be 0
    or 1, else ``"real"``.

    Examples
    --------
    >>> from hackml.bandit import UCB1
    >>> policy = UCB1(n_arms=2)
    >>> arm = policy.select_arm()
    >>> policy.update(arm, 1.0).state_["t"]
    array(1)
    """

    _hackml_contract = "policy"
    reward_kind = "real"

    # ------------------------------------------------------------------ the contract
    @abstractmethod
    def init_state(self, n_arms: int) -> dict:
        """Return one run's fresh state (arrays of shape ``(n_arms,)``)."""

    @abstractmethod
    def choose(self, state: dict, rng: np.random.Generator) -> np.ndarray:
        """Return one arm per run from a batched state (leading axis = runs)."""

    @abstractmethod
    def learn(self, state: dict, arms: np.ndarray, rewards: np.ndarray) -> None:
        """Fold one reward per run into the batched state, in place."""

    # ------------------------------------------------------------------ state handling
    def fresh_state(self, n_arms: int, n_runs: int | None = None) -> dict:
        """``init_state`` plus the step counter ``"t"``; stacked over ``n_runs`` if given."""
        n_arms = check_n_arms(n_arms)
        state = {k: np.asarray(v) for k, v in self.init_state(n_arms).items()}
        state["t"] = np.asarray(0, dtype=np.int64)
        if n_runs is None:
            return state
        return {k: np.repeat(v[np.newaxis], n_runs, axis=0) for k, v in state.items()}

    def reset(self):
        """Start afresh: validate the parameters, build ``state_`` and the generator."""
        self.n_arms_ = check_n_arms(self.n_arms)
        self.state_ = self.fresh_state(self.n_arms_)
        self.rng_ = make_rng(self.random_state)
        return self

    def _ready(self):
        if not hasattr(self, "state_"):
            self.reset()

    def _batched(self) -> dict:
        return {k: v[np.newaxis] for k, v in self.state_.items()}

    # ------------------------------------------------------------------ serving API
    def select_arm(self) -> int:
        """The arm to pull next (an int in ``[0, n_arms)``)."""
        self._ready()
        return int(np.asarray(self.choose(self._batched(), self.rng_)).reshape(-1)[0])

    def select_arms(self, n: int) -> np.ndarray:
        """``n`` independent choices from the current state (a batch served before feedback)."""
        self._ready()
        if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
            raise ValueError(f"n must be a positive integer; got {n!r}.")
        state = {k: np.broadcast_to(v, (n, *v.shape)) for k, v in self.state_.items()}
        return np.asarray(self.choose(state, self.rng_), dtype=np.int64).reshape(n)

    def update(self, arm, reward):
        """Record ``reward`` for a pull of ``arm``; returns ``self``."""
        self._ready()
        arm = check_arms_index(arm, self.n_arms_, "arm")
        reward = check_rewards(reward, self.reward_kind, "reward")
        if arm.ndim or reward.ndim:
            raise ValueError("update takes one arm and one reward; use update_batch for many.")
        state = self._batched()
        self.learn(state, arm.reshape(1), reward.reshape(1))
        state["t"] += 1
        self.state_ = {k: v[0, ...] for k, v in state.items()}
        return self

    def update_batch(self, arms, rewards):
        """Apply ``update`` to each ``(arm, reward)`` pair in order; returns ``self``."""
        self._ready()
        arms = check_arms_index(arms, self.n_arms_, "arms")
        rewards = check_rewards(rewards, self.reward_kind, "rewards")
        if arms.ndim != 1 or arms.shape != rewards.shape:
            raise ValueError(
                f"arms and rewards must be 1-d of equal length; got shapes {arms.shape} "
                f"and {rewards.shape}."
            )
        for a, r in zip(arms, rewards):
            self.update(a, r)
        return self

    # ------------------------------------------------------------------ save / restore
    def _comparable_params(self) -> dict:
        params = self.get_params(deep=False)
        params.pop("random_state", None)
        return json.loads(json.dumps(params, default=repr))

    def to_json(self) -> str:
        """Serialise parameters, state and generator state to a JSON string."""
        self._ready()
        return json.dumps(
            {
                "policy": type(self).__name__,
                "params": self._comparable_params(),
                "state": {k: v.tolist() for k, v in self.state_.items()},
                "rng": self.rng_.bit_generator.state,
            }
        )

    def load_json(self, text: str):
        """Restore a state saved by ``to_json`` into this (identically configured) policy.

        Raises ``ValueError`` if the saved policy's class, parameters, keys or shapes do
        not match this one. Returns ``self``.
        """
        try:
            saved = json.loads(text)
            name, params, state = saved["policy"], saved["params"], saved["state"]
            rng_state = saved["rng"]
        except (TypeError, ValueError, KeyError) as exc:
            raise ValueError(f"text is not a saved policy state: {exc}") from None
        if name != type(self).__name__:
            raise ValueError(f"saved state is for a {name}, not a {type(self).__name__}.")
        mine = self._comparable_params()
        diff = sorted(k for k in set(mine) | set(params) if mine.get(k) != params.get(k))
        if diff:
            shown = ", ".join(f"{k}: saved {params.get(k)!r}, here {mine.get(k)!r}" for k in diff)
            raise ValueError(f"saved state does not match this policy's parameters ({shown}).")
        self.reset()
        if set(state) != set(self.state_):
            raise ValueError(
                f"saved state has keys {sorted(state)}; this policy expects {sorted(self.state_)}."
            )
        restored = {}
        for k, ref in self.state_.items():
            v = np.asarray(state[k], dtype=ref.dtype)
            if v.shape != ref.shape:
                raise ValueError(f"saved state[{k!r}] has shape {v.shape}; expected {ref.shape}.")
            restored[k] = v
        bit_gen = getattr(np.random, rng_state.get("bit_generator", ""), None)
        if bit_gen is None:
            raise ValueError(f"saved generator {rng_state.get('bit_generator')!r} is unknown.")
        rng = np.random.Generator(bit_gen())
        rng.bit_generator.state = rng_state
        self.state_, self.rng_ = restored, rng
        return self
