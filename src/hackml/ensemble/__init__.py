"""Ensembles: bootstrap, bagging, boosting and forests, and the tools that show why they work."""

from .hist_gradient_boosting_classifier import HistGradientBoostingClassifier
from .hist_gradient_boosting_regressor import HistGradientBoostingRegressor

__all__ = ["HistGradientBoostingClassifier", "HistGradientBoostingRegressor"]
