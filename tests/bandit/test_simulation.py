"""Regret of the policies on fixed arms (fixed seeds), and the simulator's bookkeeping."""

from __future__ import annotations

import numpy as np
import pytest

from hackml.bandit import (
    UCB1,
    BernoulliArms,
    BernoulliThompson,
    EpsilonGreedy,
    GaussianArms,
    GaussianThompson,
    LoggedArms,
    OptimisticGreedy,
    Policy,
    Softmax,
    UniformRandom,
    simulate,
)

ARMS = BernoulliArms([0.1, 0.3, 0.5, 0.7])


class AlwaysArm(Policy):
    """Pulls one fixed arm (a minimal Policy subclass).

    Examples
    --------
    >>> AlwaysArm(n_arms=3, arm=1).select_arm()
    1
    """

    def __init__(self, *, n_arms=None, arm=0, random_state=None):
        self.n_arms, self.arm, self.random_state = n_arms, arm, random_state

    def init_state(self, n_arms):
        return {"counts": np.zeros(n_arms)}

    def choose(self, state, rng):
        rng.random()  # consume the policy's own stream, like a real policy would
        return np.full(state["t"].shape[0], self.arm)

    def learn(self, state, arms, rewards):
        state["counts"][np.arange(arms.size), arms] += 1


@pytest.fixture(scope="module")
def long_run():
    policies = {
        "eps-fixed": EpsilonGreedy(epsilon=0.1),
        "ucb1": UCB1(),
        "thompson": BernoulliThompson(),
        "random": UniformRandom(),
    }
    return simulate(policies, ARMS, n_steps=10_000, n_runs=200, random_state=0)


@pytest.mark.parametrize("name", ["ucb1", "thompson"])
def test_ucb1_and_thompson_regret_grows_sublinearly(long_run, name):
    regret = long_run[name].regret
    ratio = regret[9_999] / regret[999]
    assert ratio < 4.0, ratio  # linear growth gives 10, logarithmic about 2
    assert long_run["eps-fixed"].regret[9_999] / long_run["eps-fixed"].regret[999] > 5.0
    assert regret[-1] < 0.5 * long_run["eps-fixed"].regret[-1]


def test_uniform_random_regret_is_linear_and_exact_in_expectation(long_run):
    res = long_run["random"]
    expected = 10_000 * np.mean(0.7 - ARMS.means)
    assert abs(res.regret[-1] - expected) < 0.02 * expected
    assert abs(res.best_arm_rate.mean() - 0.25) < 0.01


@pytest.mark.parametrize(
    "policy",
    [
        EpsilonGreedy(epsilon=0.1),
        EpsilonGreedy(epsilon=1.0, decay=0.05),
        OptimisticGreedy(),
        UCB1(),
        BernoulliThompson(),
        GaussianThompson(),
        Softmax(temperature=0.1),
    ],
    ids=lambda p: repr(p),
)
def test_every_policy_beats_uniform_random(policy):
    out = simulate(
        {"p": policy, "random": UniformRandom()}, ARMS, n_steps=2_000, n_runs=200, random_state=1
    )
    assert out["p"].regret[-1] < 0.5 * out["random"].regret[-1]
    assert out["p"].reward[-500:].mean() > out["random"].reward[-500:].mean() + 0.1
    assert out["p"].best_arm_rate[-500:].mean() > 0.5


def test_bookkeeping_is_consistent():
    out = simulate(
        [UCB1(), UCB1(c=0.5)], ARMS, n_steps=300, n_runs=40, n_checkpoints=7, random_state=2
    )
    assert set(out) == {"UCB1", "UCB1-2"}
    res = out["UCB1"]
    assert res.pulls.shape == (40, 4) and np.all(res.pulls.sum(axis=1) == 300)
    # final per-run regret from the pull counts equals the recorded one
    np.testing.assert_allclose(res.final_regret, res.pulls @ (0.7 - ARMS.means), atol=1e-9)
    np.testing.assert_allclose(res.regret[-1], res.final_regret.mean())
    assert res.checkpoints[-1] == 300 and res.regret_runs.shape == (40, res.checkpoints.size)
    np.testing.assert_allclose(res.regret_runs.mean(axis=0), res.regret[res.checkpoints - 1])
    steps, lo, hi = res.band(0.95)
    assert np.all(lo <= res.regret[steps - 1]) and np.all(res.regret[steps - 1] <= hi)


def test_same_seed_same_result_and_common_random_numbers():
    a = simulate(BernoulliThompson(), ARMS, n_steps=200, n_runs=30, random_state=4)
    b = simulate(BernoulliThompson(), ARMS, n_steps=200, n_runs=30, random_state=4)
    np.testing.assert_array_equal(a["BernoulliThompson"].regret, b["BernoulliThompson"].regret)
    # the arms pay from one stream shared by all policies: two policies pulling the same
    # arms see the same rewards, while their own random draws differ
    out = simulate(
        [AlwaysArm(arm=2), AlwaysArm(arm=2)], ARMS, n_steps=100, n_runs=10, random_state=4
    )
    np.testing.assert_array_equal(out["AlwaysArm"].reward, out["AlwaysArm-2"].reward)
    assert 0.3 < out["AlwaysArm"].reward.mean() < 0.7
    out = simulate([UniformRandom(), UniformRandom()], ARMS, n_steps=100, n_runs=10, random_state=4)
    assert not np.array_equal(out["UniformRandom"].pulls, out["UniformRandom-2"].pulls)


def test_gaussian_and_logged_arms():
    env = GaussianArms([0.0, 0.5, 1.0], stds=[1.0, 1.0, 2.0])
    out = simulate(
        [GaussianThompson(), UCB1(c=8.0), UniformRandom()],
        env,
        n_steps=1_000,
        n_runs=100,
        random_state=3,
    )
    assert out["GaussianThompson"].regret[-1] < 0.3 * out["UniformRandom"].regret[-1]
    assert out["UCB1"].regret[-1] < 0.6 * out["UniformRandom"].regret[-1]

    # logged arms from real data: wine classes as arms, reward = alcohol above the median
    from hackml.datasets import load_wine

    X, y = load_wine(return_X_y=True)
    logged = LoggedArms(y, (X[:, 0] > np.median(X[:, 0])).astype(float))
    assert logged.kind == "bernoulli" and logged.n_arms == 3
    out = simulate(
        [BernoulliThompson(), UniformRandom()], logged, n_steps=1_000, n_runs=100, random_state=3
    )
    assert out["BernoulliThompson"].best_arm_rate[-100:].mean() > 0.9
    assert out["BernoulliThompson"].regret[-1] < 0.2 * out["UniformRandom"].regret[-1]


class PlainGreedy:
    """A duck-typed user policy: just select_arm/update and a random_state."""

    def __init__(self, n_arms=None, random_state=None):
        self.n_arms, self.random_state = n_arms, random_state
        self.sums, self.counts = None, None

    def select_arm(self):
        if self.sums is None:
            self.sums, self.counts = np.zeros(self.n_arms), np.zeros(self.n_arms)
            self.rng = np.random.default_rng(self.random_state)
        if self.counts.min() == 0:
            return int(np.argmin(self.counts))
        if self.rng.random() < 0.05:
            return int(self.rng.integers(self.n_arms))
        return int(np.argmax(self.sums / self.counts))

    def update(self, arm, reward):
        self.sums[arm] += reward
        self.counts[arm] += 1


def test_duck_typed_policy_runs_in_the_simulator():
    out = simulate(
        {"mine": PlainGreedy(n_arms=4), "random": UniformRandom()},
        ARMS,
        n_steps=300,
        n_runs=20,
        random_state=0,
    )
    assert out["mine"].regret[-1] < 0.5 * out["random"].regret[-1]
    assert out["mine"].pulls is None and out["mine"].final_regret.shape == (20,)


def test_simulate_bad_input():
    with pytest.raises(ValueError, match="has n_arms=3 but the arms number 4"):
        simulate(UCB1(n_arms=3), ARMS)
    with pytest.raises(ValueError, match="needs 0/1 rewards"):
        simulate(BernoulliThompson(), GaussianArms([0.0, 1.0]))
    with pytest.raises(ValueError, match="at least one policy"):
        simulate({}, ARMS)
    with pytest.raises(TypeError, match="needs select_arm"):
        simulate([object()], ARMS)
    with pytest.raises(TypeError, match="arms must be an environment"):
        simulate(UCB1(), [0.1, 0.2])
    with pytest.raises(ValueError, match="n_steps must be >= 1"):
        simulate(UCB1(), ARMS, n_steps=0)
    with pytest.raises(ValueError, match="probs must lie in"):
        BernoulliArms([0.5, 1.5])
    with pytest.raises(ValueError, match="arms must be in"):
        LoggedArms([0, 1, -1], [1.0, 0.0, 1.0])
    with pytest.raises(ValueError, match=r"arms \[1\] have none"):
        LoggedArms([0, 2], [1.0, 0.0])


def test_plots_draw_a_line_per_policy_and_variant():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from hackml.bandit import BetaBernoulli
    from hackml.bandit.plotting import plot_posteriors, plot_regret

    out = simulate([UCB1(), UniformRandom()], ARMS, n_steps=100, n_runs=10, random_state=0)
    ax = plot_regret(out)
    assert [line.get_label() for line in ax.get_lines()] == ["UCB1", "UniformRandom"]
    ax = plot_posteriors([BetaBernoulli().update_counts(3, 30), BetaBernoulli()])
    assert len(ax.get_lines()) == 2
    with pytest.raises(ValueError, match="labels must name 2 variants"):
        plot_posteriors([BetaBernoulli(), BetaBernoulli()], labels=["a"])
    plt.close("all")
