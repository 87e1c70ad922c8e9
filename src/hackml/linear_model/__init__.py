"""Linear models: every one an objective of a replaceable loss and penalty."""

from .elastic_net import ElasticNet
from .lasso import Lasso
from .linear_regression import LinearRegression
from .linear_svc import LinearSVC
from .logistic_regression import LogisticRegression
from .passive_aggressive_classifier import PassiveAggressiveClassifier
from .passive_aggressive_regressor import PassiveAggressiveRegressor
from .perceptron import Perceptron
from .quantile_regressor import QuantileRegressor
from .ridge import Ridge

__all__ = [
    "ElasticNet",
    "Lasso",
    "LinearRegression",
    "LinearSVC",
    "LogisticRegression",
    "PassiveAggressiveClassifier",
    "PassiveAggressiveRegressor",
    "Perceptron",
    "QuantileRegressor",
    "Ridge",
]
