"""The policy contract, checked over every registered policy and a user-written one."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.base import clone

from hackml import all_estimators
from hackml.bandit import UCB1, BernoulliThompson, EpsilonGreedy, Policy, random_argmax

N_ARMS = 4
PROBS = np.array([0.2, 0.4, 0.6, 0.8])


class GreedyBeta(Policy):
    """The user policy of the ``hackml.bandit.policy`` docstring.

    Examples
    --------
    >>> GreedyBeta(n_arms=2, random_state=0).select_arm() in (0, 1)
    True
    """

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


REGISTERED = [cls for _, cls in all_estimators(contract="policy")]
POLICIES = [*REGISTERED, GreedyBeta]


def test_registry_lists_every_builtin_policy():
    names = {cls.__name__ for cls in REGISTERED}
    assert names == {
        "BernoulliThompson",
        "EpsilonGreedy",
        "GaussianThompson",
        "OptimisticGreedy",
        "Softmax",
        "UCB1",
        "UniformRandom",
    }
    # and none of them is handed to the scikit-learn checks
    assert not names & {name for name, _ in all_estimators()}


def _play(policy, n, seed=123):
    """Pull n times against fixed Bernoulli arms; return the arms chosen."""
    env = np.random.default_rng(seed)
    chosen = []
    for _ in range(n):
        a = policy.select_arm()
        policy.update(a, float(env.random() < PROBS[a]))
        chosen.append(a)
    return np.array(chosen)


@pytest.mark.parametrize("cls", POLICIES, ids=lambda c: c.__name__)
def test_select_and_update_shapes(cls):
    policy = cls(n_arms=N_ARMS, random_state=0)
    arm = policy.select_arm()
    assert isinstance(arm, int) and 0 <= arm < N_ARMS
    batch = policy.select_arms(7)
    assert batch.shape == (7,) and batch.dtype == np.int64
    assert np.all((batch >= 0) & (batch < N_ARMS))
    assert policy.update(arm, 1) is policy
    assert int(policy.state_["t"]) == 1
    for key, value in policy.state_.items():
        assert value.shape in {(), (N_ARMS,)}, key


@pytest.mark.parametrize("cls", POLICIES, ids=lambda c: c.__name__)
def test_update_batch_equals_sequential_updates(cls):
    arms, rewards = [0, 2, 2, 3, 1, 0], [1.0, 0.0, 1.0, 1.0, 0.0, 1.0]
    one = cls(n_arms=N_ARMS, random_state=0).update_batch(arms, rewards)
    two = cls(n_arms=N_ARMS, random_state=0)
    for a, r in zip(arms, rewards):
        two.update(a, r)
    for key in one.state_:
        np.testing.assert_array_equal(one.state_[key], two.state_[key])
    assert int(one.state_["t"]) == len(arms)


@pytest.mark.parametrize("cls", POLICIES, ids=lambda c: c.__name__)
def test_same_random_state_same_choices(cls):
    a = _play(cls(n_arms=N_ARMS, random_state=5), 200)
    b = _play(cls(n_arms=N_ARMS, random_state=5), 200)
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("cls", POLICIES, ids=lambda c: c.__name__)
def test_json_round_trip_continues_identically(cls):
    live = cls(n_arms=N_ARMS, random_state=3)
    _play(live, 60)
    text = live.to_json()
    json.loads(text)  # plain JSON
    restored = cls(n_arms=N_ARMS, random_state=99).load_json(text)
    for key in live.state_:
        np.testing.assert_array_equal(live.state_[key], restored.state_[key])
    np.testing.assert_array_equal(_play(live, 80, seed=7), _play(restored, 80, seed=7))


@pytest.mark.parametrize("cls", POLICIES, ids=lambda c: c.__name__)
def test_clone_and_params(cls):
    policy = cls(n_arms=3, random_state=1)
    policy.select_arm()
    fresh = clone(policy)
    assert fresh.get_params() == policy.get_params()
    assert not hasattr(fresh, "state_")


@pytest.mark.parametrize("cls", POLICIES, ids=lambda c: c.__name__)
def test_bad_arms_and_rewards(cls):
    policy = cls(n_arms=N_ARMS, random_state=0)
    with pytest.raises(ValueError, match=r"arm must be in \[0, 3\]"):
        policy.update(N_ARMS, 1.0)
    with pytest.raises(ValueError, match="arm must be in"):
        policy.update(-1, 1.0)
    with pytest.raises(TypeError, match="arm must be an integer"):
        policy.update(1.5, 1.0)
    with pytest.raises(ValueError, match="reward must be finite"):
        policy.update(0, float("nan"))
    with pytest.raises(ValueError, match="arms and rewards must be 1-d of equal length"):
        policy.update_batch([0, 1], [1.0])
    with pytest.raises(ValueError, match="n must be a positive integer"):
        policy.select_arms(0)
    if cls.reward_kind == "bernoulli":
        with pytest.raises(ValueError, match=r"must be 0 or 1 for a Bernoulli policy; got 0\.5"):
            policy.update(0, 0.5)
    assert int(policy.state_["t"]) == 0  # nothing was recorded by the failed calls


@pytest.mark.parametrize("cls", POLICIES, ids=lambda c: c.__name__)
@pytest.mark.parametrize("n_arms", [0, -2, None])
def test_zero_or_missing_arms(cls, n_arms):
    with pytest.raises(ValueError, match="n_arms must"):
        cls(n_arms=n_arms).select_arm()


@pytest.mark.parametrize("cls", POLICIES, ids=lambda c: c.__name__)
def test_restore_rejects_a_state_that_does_not_match(cls):
    text = cls(n_arms=N_ARMS, random_state=0).update(1, 1.0).to_json()
    with pytest.raises(ValueError, match="n_arms: saved 4, here 3"):
        cls(n_arms=3).load_json(text)
    other = UCB1 if cls is not UCB1 else EpsilonGreedy
    with pytest.raises(
        ValueError, match=f"saved state is for a {cls.__name__}, not a {other.__name__}"
    ):
        other(n_arms=N_ARMS).load_json(text)
    saved = json.loads(text)
    key = next(k for k in saved["state"] if k != "t")
    saved["state"][key] = saved["state"][key][:-1]
    with pytest.raises(
        ValueError, match=rf"saved state\['{key}'\] has shape \(3,\); expected \(4,\)"
    ):
        cls(n_arms=N_ARMS).load_json(json.dumps(saved))
    del saved["state"][key]
    with pytest.raises(ValueError, match="saved state has keys"):
        cls(n_arms=N_ARMS).load_json(json.dumps(saved))
    with pytest.raises(ValueError, match="text is not a saved policy state"):
        cls(n_arms=N_ARMS).load_json("{not json")


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        (BernoulliThompson(n_arms=2, alpha=0.0), "alpha must be > 0"),
        (BernoulliThompson(n_arms=2, beta=-1.0), "beta must be > 0"),
        (EpsilonGreedy(n_arms=2, epsilon=1.5), "epsilon must be <= 1"),
        (EpsilonGreedy(n_arms=2, decay=-0.1), "decay must be >= 0"),
        (UCB1(n_arms=2, c=0.0), "c must be > 0"),
    ],
)
def test_bad_hyper_parameters(policy, message):
    with pytest.raises(ValueError, match=message):
        policy.select_arm()


def test_gaussian_thompson_and_others_reject_bad_priors():
    from hackml.bandit import GaussianThompson, OptimisticGreedy, Softmax

    for policy, message in [
        (GaussianThompson(n_arms=2, kappa=0.0), "kappa must be > 0"),
        (GaussianThompson(n_arms=2, alpha=-1.0), "alpha must be > 0"),
        (OptimisticGreedy(n_arms=2, initial_weight=0.0), "initial_weight must be > 0"),
        (Softmax(n_arms=2, temperature=0.0), "temperature must be > 0"),
    ]:
        with pytest.raises(ValueError, match=message):
            policy.select_arm()
