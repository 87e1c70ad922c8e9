"""Engineered features and sample weights that make linear models fit more problems.

- :class:`RepeatingBasisFeatures`: Gaussian bumps around a cycle, for periodic inputs.
- :func:`time_decay_weights`: exponential-decay ``sample_weight`` for drifting data.

Polynomial and interaction features are scikit-learn's ``PolynomialFeatures``; hackml
does not rewrite it (see the linear-model tour for XOR solved with it).
"""

from .periodic import RepeatingBasisFeatures
from .time_decay import time_decay_weights

__all__ = ["RepeatingBasisFeatures", "time_decay_weights"]
