"""Linear models: every one an objective of a replaceable loss and penalty."""

from .elastic_net import ElasticNet
from .lasso import Lasso
from .linear_regression import LinearRegression
from .logistic_regression import LogisticRegression
from .ridge import Ridge

__all__ = ["ElasticNet", "Lasso", "LinearRegression", "LogisticRegression", "Ridge"]
