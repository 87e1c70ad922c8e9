"""Simulate many independent runs of bandit policies at once, vectorised over runs.

Every built-in policy writes ``choose`` and ``learn`` for a batch of runs (see
:mod:`hackml.bandit.policy`), so one simulated step of ``R`` runs is a handful of NumPy
operations on ``(R, K)`` arrays: a thousand runs of ten thousand pulls take seconds,
not the hour a Python loop over runs and pulls takes.
"""

from __future__ import annotations

import copy
import numbers
from dataclasses import dataclass

import numpy as np

from hackml._core.validation import check_scalar

from .policy import Policy, make_rng

__all__ = ["SimulationResult", "simulate"]


@dataclass
class SimulationResult:
    """What one policy did over ``n_runs`` runs of ``n_steps`` pulls.

    ``regret[t]`` is the mean over runs of the cumulative (pseudo-)regret after ``t + 1``
    pulls, ``sum_{s <= t} (mu* - mu_{a_s})``; ``best_arm_rate[t]`` the fraction of runs
    pulling a best arm at step ``t``; ``reward[t]`` the mean reward at step ``t``;
    ``final_regret`` the cumulative regret of each run; ``checkpoints`` and
    ``regret_runs`` (``(n_runs, len(checkpoints))``) the per-run cumulative regret at a
    grid of steps, from which :meth:`band` draws a confidence band; ``pulls``
    ``(n_runs, n_arms)`` how often each run pulled each arm.
    """

    name: str
    regret: np.ndarray
    best_arm_rate: np.ndarray
    reward: np.ndarray
    final_regret: np.ndarray
    checkpoints: np.ndarray
    regret_runs: np.ndarray
    pulls: np.ndarray

    def band(self, level: float = 0.95):
        """Normal-approximation confidence band of the mean regret at ``checkpoints``.

        ``mean ± z * sd / sqrt(R)``; returns ``(steps, low, high)``.
        """
        from scipy.stats import norm

        z = norm.ppf(0.5 + level / 2)
        runs = self.regret_runs
        mean = runs.mean(axis=0)
        half = z * runs.std(axis=0, ddof=1) / np.sqrt(max(runs.shape[0], 1))
        return self.checkpoints, mean - half, mean + half


def _named(policies) -> dict:
    if isinstance(policies, dict):
        return dict(policies)
    if not isinstance(policies, list | tuple):
        policies = [policies]
    named = {}
    for p in policies:
        name, i = type(p).__name__, 2
        while name in named:
            name, i = f"{type(p).__name__}-{i}", i + 1
        named[name] = p
    return named


def _check_policy(name, policy, env):
    if not (hasattr(policy, "select_arm") and hasattr(policy, "update")):
        raise TypeError(
            f"policy {name!r} needs select_arm() and update(arm, reward); "
            f"got {type(policy).__name__}."
        )
    n_arms = getattr(policy, "n_arms", None)
    if n_arms is not None and n_arms != env.n_arms:
        raise ValueError(f"policy {name!r} has n_arms={n_arms} but the arms number {env.n_arms}.")
    if getattr(policy, "reward_kind", "real") == "bernoulli" and env.kind != "bernoulli":
        raise ValueError(f"policy {name!r} needs 0/1 rewards; these arms pay real rewards.")


def _run_vectorised(policy: Policy, env, n_steps, n_runs, prng, erng, checkpoints):
    state = policy.fresh_state(env.n_arms, n_runs)
    gaps = env.means.max() - env.means
    hist = np.zeros((n_steps, env.n_arms), dtype=np.int64)
    reward_sum = np.zeros(n_steps)
    cum = np.zeros(n_runs)
    runs = np.zeros((n_runs, len(checkpoints)))
    c = 0
    for t in range(n_steps):
        arms = np.asarray(policy.choose(state, prng), dtype=np.int64)
        rewards = env.draw(arms, erng)
        policy.learn(state, arms, rewards)
        state["t"] += 1
        hist[t] = np.bincount(arms, minlength=env.n_arms)
        reward_sum[t] = rewards.sum()
        cum += gaps[arms]
        if c < len(checkpoints) and checkpoints[c] == t + 1:
            runs[:, c] = cum
            c += 1
    pulls = state.get("counts")
    return hist, reward_sum, cum, runs, pulls


def _run_scalar(policy, env, n_steps, n_runs, seeds, erng, checkpoints):
    """Fallback for duck-typed policies: one run at a time through select_arm/update."""
    gaps = env.means.max() - env.means
    hist = np.zeros((n_steps, env.n_arms), dtype=np.int64)
    reward_sum = np.zeros(n_steps)
    cum = np.zeros(n_runs)
    runs = np.zeros((n_runs, len(checkpoints)))
    for r in range(n_runs):
        p = copy.deepcopy(policy)
        if hasattr(p, "set_params"):
            p.set_params(random_state=int(seeds[r]), n_arms=env.n_arms)
        else:
            p.random_state = int(seeds[r])
        if hasattr(p, "reset"):
            p.reset()
        c = 0
        for t in range(n_steps):
            a = int(p.select_arm())
            reward = float(env.draw(np.array([a]), erng)[0])
            p.update(a, reward)
            hist[t, a] += 1
            reward_sum[t] += reward
            cum[r] += gaps[a]
            if c < len(checkpoints) and checkpoints[c] == t + 1:
                runs[r, c] = cum[r]
                c += 1
    return hist, reward_sum, cum, runs, None


def simulate(policies, arms, *, n_steps=1000, n_runs=100, n_checkpoints=50, random_state=None):
    """Run each policy ``n_runs`` times for ``n_steps`` pulls on ``arms``.

    Regret is the expected shortfall of the arms pulled, ``sum_t (mu* - mu_{a_t})``.
    Each policy starts from a fresh state; all policies see the same stream of reward
    noise (common random numbers), so their differences are sharp.

    Parameters
    ----------
    policies : Policy, list of policies, or dict name -> policy
        :class:`Policy` subclasses run vectorised over runs; any other object with
        ``select_arm()``/``update(arm, reward)`` runs one run at a time.
    arms : BernoulliArms, GaussianArms, LoggedArms or a compatible environment
    n_steps, n_runs : int >= 1
    n_checkpoints : int >= 1
        Steps (evenly spaced, ending at ``n_steps``) where per-run regret is kept.
    random_state : None or int

    Returns
    -------
    dict name -> :class:`SimulationResult`

    Examples
    --------
    >>> from hackml.bandit import BernoulliArms, UCB1, UniformRandom, simulate
    >>> out = simulate([UCB1(), UniformRandom()], BernoulliArms([0.2, 0.5]),
    ...                n_steps=500, n_runs=50, random_state=0)
    >>> bool(out["UCB1"].regret[-1] < out["UniformRandom"].regret[-1])
    True
    >>> out["UniformRandom"].regret.shape
    (500,)
    """
    n_steps = int(check_scalar(n_steps, "n_steps", kind=numbers.Integral, low=1))
    n_runs = int(check_scalar(n_runs, "n_runs", kind=numbers.Integral, low=1))
    n_checkpoints = int(check_scalar(n_checkpoints, "n_checkpoints", kind=numbers.Integral, low=1))
    for attr in ("means", "n_arms", "kind", "draw"):
        if not hasattr(arms, attr):
            raise TypeError(
                f"arms must be an environment with {attr!r} (see hackml.bandit.arms); "
                f"got {type(arms).__name__}."
            )
    named = _named(policies)
    if not named:
        raise ValueError("policies must name at least one policy; got none.")
    for name, p in named.items():
        _check_policy(name, p, arms)
    if isinstance(random_state, np.random.Generator):
        random_state = int(random_state.integers(2**63))
    env_ss, pol_ss = np.random.SeedSequence(random_state).spawn(2)
    checkpoints = np.unique(np.linspace(0, n_steps, n_checkpoints + 1)[1:].round().astype(int))
    best = np.isclose(arms.means, arms.means.max())
    gaps = arms.means.max() - arms.means
    out = {}
    for (name, policy), seq in zip(named.items(), pol_ss.spawn(len(named))):
        erng = np.random.default_rng(env_ss)
        if isinstance(policy, Policy):
            res = _run_vectorised(policy, arms, n_steps, n_runs, make_rng(seq), erng, checkpoints)
        else:
            seeds = make_rng(seq).integers(2**31, size=n_runs)
            res = _run_scalar(policy, arms, n_steps, n_runs, seeds, erng, checkpoints)
        hist, reward_sum, cum, runs, pulls = res
        out[name] = SimulationResult(
            name=name,
            regret=np.cumsum(hist @ gaps) / n_runs,
            best_arm_rate=hist[:, best].sum(axis=1) / n_runs,
            reward=reward_sum / n_runs,
            final_regret=cum,
            checkpoints=checkpoints,
            regret_runs=runs,
            pulls=pulls,
        )
    return out
