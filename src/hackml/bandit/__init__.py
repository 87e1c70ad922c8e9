"""A/B testing, classical and Bayesian, and multi-armed bandit policies.

- classical tests: :mod:`~hackml.bandit.classical`, sample sizes :mod:`~hackml.bandit.power`,
  the peeking simulation :mod:`~hackml.bandit.peeking`;
- Bayesian A/B: conjugate posteriors :mod:`~hackml.bandit.posteriors` and decisions
  (probability best, expected loss, stopping rule) :mod:`~hackml.bandit.decision`;
- policies (one interface, :mod:`~hackml.bandit.policy`), environments
  :mod:`~hackml.bandit.arms`, the vectorised simulator :mod:`~hackml.bandit.simulation`
  and plots :mod:`~hackml.bandit.plotting`.
"""

from .arms import BernoulliArms, GaussianArms, LoggedArms
from .epsilon_greedy import EpsilonGreedy
from .optimistic import OptimisticGreedy
from .policy import Policy, make_rng, random_argmax
from .simulation import SimulationResult, simulate
from .softmax import Softmax
from .thompson import BernoulliThompson, GaussianThompson
from .ucb import UCB1
from .uniform import UniformRandom

__all__ = [
    "UCB1",
    "BernoulliArms",
    "BernoulliThompson",
    "EpsilonGreedy",
    "GaussianArms",
    "GaussianThompson",
    "LoggedArms",
    "OptimisticGreedy",
    "Policy",
    "SimulationResult",
    "Softmax",
    "UniformRandom",
    "make_rng",
    "random_argmax",
    "simulate",
]
