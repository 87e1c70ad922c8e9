"""Nearest neighbours: k-NN classification and regression over a replaceable metric.

Brute force runs on BLAS in chunks; a compiled KD-tree serves low-dimensional data.
See :mod:`hackml.neighbors._base` for the metric protocol.
"""

from .k_neighbors_classifier import KNeighborsClassifier
from .k_neighbors_regressor import KNeighborsRegressor

__all__ = ["KNeighborsClassifier", "KNeighborsRegressor"]
