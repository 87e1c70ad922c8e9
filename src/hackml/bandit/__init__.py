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
from .classical import HypothesisResult, chi_square_test, two_proportion_ztest, welch_ttest
from .decision import (
    StopDecision,
    expected_loss,
    expected_loss_stop,
    probability_best,
    probability_greater,
)
from .epsilon_greedy import EpsilonGreedy
from .optimistic import OptimisticGreedy
from .peeking import PeekingResult, peeking_simulation
from .policy import Policy, make_rng, random_argmax
from .posteriors import BetaBernoulli, GammaPoisson, NormalInverseGamma
from .power import (
    minimum_detectable_effect,
    power_two_means,
    power_two_proportions,
    sample_size_two_means,
    sample_size_two_proportions,
)
from .simulation import SimulationResult, simulate
from .softmax import Softmax
from .thompson import BernoulliThompson, GaussianThompson
from .ucb import UCB1
from .uniform import UniformRandom

__all__ = [
    "UCB1",
    "BernoulliArms",
    "BernoulliThompson",
    "BetaBernoulli",
    "EpsilonGreedy",
    "GammaPoisson",
    "GaussianArms",
    "GaussianThompson",
    "HypothesisResult",
    "LoggedArms",
    "NormalInverseGamma",
    "OptimisticGreedy",
    "PeekingResult",
    "Policy",
    "SimulationResult",
    "Softmax",
    "StopDecision",
    "UniformRandom",
    "chi_square_test",
    "expected_loss",
    "expected_loss_stop",
    "make_rng",
    "minimum_detectable_effect",
    "peeking_simulation",
    "power_two_means",
    "power_two_proportions",
    "probability_best",
    "probability_greater",
    "random_argmax",
    "sample_size_two_means",
    "sample_size_two_proportions",
    "simulate",
    "two_proportion_ztest",
    "welch_ttest",
]
