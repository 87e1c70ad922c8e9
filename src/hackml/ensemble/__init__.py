"""Ensembles: bootstrap, bagging, boosting and forests, and the tools that show why they work."""

from .adaboost_classifier import AdaBoostClassifier
from .adaboost_regressor import AdaBoostRegressor
from .bagging_classifier import BaggingClassifier
from .bagging_regressor import BaggingRegressor
from .bias_variance import BiasVariance, bias_variance_decomposition, plot_bias_variance
from .bootstrap import BootstrapResult, bootstrap_confidence_interval, bootstrap_indices
from .hist_gradient_boosting_classifier import HistGradientBoostingClassifier
from .hist_gradient_boosting_regressor import HistGradientBoostingRegressor
from .random_forest_classifier import RandomForestClassifier
from .random_forest_regressor import RandomForestRegressor

__all__ = [
    "AdaBoostClassifier",
    "AdaBoostRegressor",
    "BaggingClassifier",
    "BaggingRegressor",
    "BiasVariance",
    "BootstrapResult",
    "HistGradientBoostingClassifier",
    "HistGradientBoostingRegressor",
    "RandomForestClassifier",
    "RandomForestRegressor",
    "bias_variance_decomposition",
    "bootstrap_confidence_interval",
    "bootstrap_indices",
    "plot_bias_variance",
]
