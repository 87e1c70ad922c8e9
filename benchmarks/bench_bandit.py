"""Bandit policies: pulls per second in a Python serving loop and in the vectorised simulator.

*Serving loop*: ``select_arm()`` + ``update(arm, reward)`` of a hackml policy, one pull at
a time, against the same algorithm written as a bare NumPy loop (no validation, no state
dict): the price of the interface. *Simulator*: ``simulate`` (all runs advance together,
vectorised over runs) against the naive NumPy loop over runs and pulls doing the same
pulls. Bernoulli arms ``[0.1, 0.3, 0.5, 0.7]``; quality = mean cumulative regret (lower is
better; the two columns agree in distribution, not draw for draw).
"""

from __future__ import annotations

import numpy as np

from hackml.bandit import UCB1, BernoulliArms, BernoulliThompson, simulate
from hackml.bench import Case

TITLE = "bandit"
PROBS = np.array([0.1, 0.3, 0.5, 0.7])


def _naive_ucb1(n_steps, seed):
    """Plain NumPy UCB1, one pull at a time; returns the run's cumulative regret."""
    rng = np.random.default_rng(seed)
    k = PROBS.size
    counts, values, regret = np.zeros(k), np.zeros(k), 0.0
    for t in range(n_steps):
        if t < k:
            arm = t
        else:
            arm = int(np.argmax(values + np.sqrt(2.0 * np.log(t) / counts)))
        reward = float(rng.random() < PROBS[arm])
        counts[arm] += 1
        values[arm] += (reward - values[arm]) / counts[arm]
        regret += PROBS.max() - PROBS[arm]
    return regret


def _naive_thompson(n_steps, seed):
    rng = np.random.default_rng(seed)
    a, b, regret = np.ones(PROBS.size), np.ones(PROBS.size), 0.0
    for _ in range(n_steps):
        arm = int(np.argmax(rng.beta(a, b)))
        reward = float(rng.random() < PROBS[arm])
        a[arm] += reward
        b[arm] += 1.0 - reward
        regret += PROBS.max() - PROBS[arm]
    return regret


_NAIVE = {"UCB1": _naive_ucb1, "BernoulliThompson": _naive_thompson}
_OURS = {"UCB1": UCB1, "BernoulliThompson": BernoulliThompson}


def _serve_ours(name, n_steps):
    def run(**_):
        policy = _OURS[name](n_arms=PROBS.size, random_state=0)
        env = np.random.default_rng(1)
        regret = 0.0
        for _ in range(n_steps):
            arm = policy.select_arm()
            policy.update(arm, float(env.random() < PROBS[arm]))
            regret += PROBS.max() - PROBS[arm]
        return np.array([regret])

    return run


def _sim_ours(name, n_steps, n_runs):
    def run(**_):
        res = simulate(
            _OURS[name](), BernoulliArms(PROBS), n_steps=n_steps, n_runs=n_runs, random_state=0
        )
        return res[name].final_regret

    return run


def _naive_many(name, n_steps, n_runs):
    def run(**_):
        return np.array([_NAIVE[name](n_steps, seed) for seed in range(n_runs)])

    return run


def _regret(result, _data):
    return float(np.mean(result))


def cases(quick: bool = False) -> list[Case]:
    serve_steps = 2_000 if quick else 20_000
    steps, runs = (500, 20) if quick else (1_000, 300)
    out = []
    for name in ("UCB1", "BernoulliThompson"):
        out.append(
            Case(
                name=f"{name} serving loop",
                size=f"{serve_steps} pulls",
                setup=dict,
                ours=_serve_ours(name, serve_steps),
                reference=_naive_many(name, serve_steps, 1),
                reference_name="NumPy loop",
                quality=_regret,
                metric="regret",
                repeats=3,
                note=f"{serve_steps} pulls; pulls/s = {serve_steps} / time",
            )
        )
        out.append(
            Case(
                name=f"{name} simulator",
                size=f"{runs} runs x {steps} pulls",
                setup=dict,
                ours=_sim_ours(name, steps, runs),
                reference=_naive_many(name, steps, runs),
                reference_name="NumPy loop",
                quality=_regret,
                metric="mean regret",
                repeats=3,
                note=f"{runs * steps} pulls; speed-up = 1 / ratio",
            )
        )
    return out
