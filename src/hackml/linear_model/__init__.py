"""Linear models: every one an objective of a replaceable loss and penalty.

Every model here minimises (or, for the online learners, follows) an objective

    J(coef, b) = sum_i w_i * loss(y_i, x_i . coef + b) / sum_i w_i  +  penalty(coef)

a *weighted mean* of the loss plus a penalty on the coefficients only (never the
intercept, except in :class:`LinearSVC`, which follows LIBLINEAR). The squared loss is
halved, ``0.5 (y - raw)^2``; ``L2Penalty(alpha)`` is ``0.5 alpha ||coef||^2``.

How our parameters map onto scikit-learn's for the same optimum (``n`` is the number of
samples, or ``sum(sample_weight)`` with weights):

=========================================  =================================================
scikit-learn                               hackml
=========================================  =================================================
``Ridge(alpha=a)``                         ``Ridge(alpha=a / n)``
``Lasso(alpha=a)``, ``ElasticNet(a, r)``   the same numbers (the objectives coincide)
``LogisticRegression(C=C)`` (L2)           ``LogisticRegression(alpha=1 / (C n))``
``LinearSVC(C=C, intercept_scaling=s)``    ``LinearSVC(alpha=1 / (C n), intercept_scaling=s)``
``QuantileRegressor(quantile, alpha)``     the same numbers
``HuberRegressor(epsilon=e, alpha=a)``     at its fitted ``scale_ = s``:
                                           ``LinearRegression(loss=HuberLoss(e s),``
                                           ``penalty=L2Penalty(a s / n))``
``Perceptron()``, ``PassiveAggressive*``   the same updates (``variant="pa1"`` is
                                           ``loss="hinge"``, ``"pa2"`` ``"squared_hinge"``)
=========================================  =================================================
"""

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
