"""A/B testing three ways on MovieLens 100k, and a policy that survives a restart.

Run: ``.venv/bin/python examples/bandit/ab_test_and_bandits.py`` (writes two PNG files
next to this script).

1. Classical: the sample size a fixed-horizon z-test needs, and why you must not peek.
2. Bayesian: posteriors of two movies' like-rates, probability each is best, expected loss.
3. Adaptive: policies replaying the ten most-rated movies; regret curves with bands.
4. Serving: save a Thompson policy to JSON, restore it, carry on.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np

from hackml import bandit
from hackml.bandit.plotting import plot_posteriors, plot_regret
from hackml.tour.bandit import _movielens_arms

HERE = Path(__file__).parent
env = _movielens_arms()
print("like-rate of the 10 most-rated movies:", env.means.round(3))

# 1. classical
base = float(np.median(env.means))
n = bandit.sample_size_two_proportions(base, 0.02)
print(f"fixed-horizon test: {n} users per variant to detect +2 points over {base:.3f}")
peek = bandit.peeking_simulation(p=base, n_per_arm=n, n_looks=20, random_state=0)
print(
    f"A/A false positives: {peek.fixed_horizon:.3f} tested once, "
    f"{peek.peeking:.3f} when checked 20 times (nominal {peek.nominal})"
)

# 2. Bayesian, on the two best-liked movies
a, b = np.argsort(env.means)[::-1][:2]
posts = [
    bandit.BetaBernoulli().update_counts(
        int(np.rint(env.means[k] * env.sizes[k])), int(env.sizes[k])
    )
    for k in (a, b)
]
decision = bandit.expected_loss_stop(posts, threshold=0.002, random_state=0)
print(
    "P(best):",
    decision.probability_best.round(4),
    " expected loss:",
    decision.expected_loss.round(5),
    " stop:",
    decision.stop,
)
ax = plot_posteriors(posts, labels=[f"movie arm {a}", f"movie arm {b}"])
ax.figure.savefig(HERE / "posteriors.png", dpi=100)

# 3. adaptive
policies = {
    "epsilon 0.1": bandit.EpsilonGreedy(epsilon=0.1),
    "epsilon decaying": bandit.EpsilonGreedy(epsilon=1.0, decay=0.01),
    "UCB1": bandit.UCB1(),
    "Thompson": bandit.BernoulliThompson(),
    "softmax": bandit.Softmax(temperature=0.05),
    "random": bandit.UniformRandom(),
}
out = bandit.simulate(policies, env, n_steps=5000, n_runs=1000, random_state=0)
for name, res in out.items():
    print(
        f"{name:>17}: regret {res.regret[-1]:7.1f}, best-arm rate at the end "
        f"{res.best_arm_rate[-500:].mean():.2f}"
    )
ax = plot_regret(out)
ax.figure.savefig(HERE / "regret.png", dpi=100)

# 4. serving across a restart
live = bandit.BernoulliThompson(n_arms=env.n_arms, random_state=0)
rng = np.random.default_rng(1)
for _ in range(500):
    arm = live.select_arm()
    live.update(arm, float(env.draw(np.array([arm]), rng)[0]))
saved = live.to_json()
restored = bandit.BernoulliThompson(n_arms=env.n_arms).load_json(saved)
assert restored.select_arms(5).tolist() == live.select_arms(5).tolist()
print("restored policy continues identically; pulls so far:", int(restored.state_["t"]))
