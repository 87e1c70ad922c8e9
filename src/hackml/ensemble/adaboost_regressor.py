"""AdaBoost.R2 for regression (Drucker 1997)."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin

from .._core.validation import (
    check_choice,
    check_is_fitted,
    check_sample_weight,
    check_scalar,
    validate_data,
)
from ._base import check_n_estimators, make_base, require_sample_weight, seeded, seeds


def _tree():
    from ..tree import DecisionTreeRegressor

    return DecisionTreeRegressor(max_depth=3)


def weighted_median(values, weights):
    """Per row of ``values`` (n, m), the lower weighted median with column ``weights``."""
    order = np.argsort(values, axis=1)
    cum = np.cumsum(weights[order], axis=1)
    pick = np.argmax(cum >= 0.5 * cum[:, -1:], axis=1)
    return values[np.arange(values.shape[0]), order[np.arange(values.shape[0]), pick]]


class AdaBoostRegressor(RegressorMixin, BaseEstimator):
    """AdaBoost.R2: boost a regressor by reweighting the samples it fits worst.

    Round ``m`` fits the base estimator with ``sample_weight=w`` (normalised), scales its
    absolute errors to ``[0, 1]`` by the largest one, ``L_i = |y_i - h_m(x_i)| / max``
    (squared or ``1 - exp(-L_i)`` for ``loss="square"``/``"exponential"``), and computes

        Lbar_m = sum_i w_i L_i,   beta_m = Lbar_m / (1 - Lbar_m),
        w_i <- w_i * beta_m ** (learning_rate * (1 - L_i)),
        alpha_m = learning_rate * log(1 / beta_m),

    stopping when ``Lbar_m >= 0.5`` (the learner is too weak) or a learner is exact. The
    prediction is the ``alpha``-weighted median of the learners' predictions. (Drucker
    resamples by ``w``; hackml passes ``w`` as sample weights, so the base estimator's
    ``fit`` must accept ``sample_weight``.)

    Parameters
    ----------
    estimator : estimator or None, default=None
        Any regressor whose ``fit`` accepts ``sample_weight``; ``None`` is a hackml
        ``DecisionTreeRegressor(max_depth=3)``.
    n_estimators : int, default=50
    learning_rate : float, default=1.0
    loss : {"linear", "square", "exponential"}, default="linear"
    random_state : int, RandomState or None, default=None
        Seeds each base estimator's ``random_state``.

    Attributes
    ----------
    estimators_ : list of fitted estimators
    estimator_weights_ : ndarray
    estimator_errors_ : ndarray
        The weighted average loss ``Lbar_m`` of each round.

    Examples
    --------
    >>> from hackml.datasets import load_diabetes
    >>> from hackml.ensemble import AdaBoostRegressor
    >>> X, y = load_diabetes(return_X_y=True)
    >>> ada = AdaBoostRegressor(n_estimators=20, random_state=0).fit(X, y)
    >>> ada.score(X, y) > 0.5
    True
    >>> bool((ada.estimator_errors_ < 0.5).all())
    True
    """

    def __init__(
        self,
        *,
        estimator=None,
        n_estimators=50,
        learning_rate=1.0,
        loss="linear",
        random_state=None,
    ):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.loss = loss
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        """Boost ``n_estimators`` rounds (fewer when stopped early)."""
        check_n_estimators(self.n_estimators)
        check_scalar(self.learning_rate, "learning_rate", low=0, include_low=False)
        check_choice(self.loss, "loss", ["linear", "square", "exponential"])
        base = make_base(self.estimator, _tree)
        require_sample_weight(base, type(self).__name__)
        X, y = validate_data(self, X, y, y_numeric=True)
        w = check_sample_weight(sample_weight, X.shape[0])
        w = w / w.sum()
        self.estimators_, alphas, errors = [], [], []
        for seed in seeds(self.random_state, self.n_estimators):
            est = seeded(make_base(self.estimator, _tree), seed).fit(X, y, sample_weight=w)
            err = np.abs(est.predict(X) - y)
            top = err[w > 0].max()  # samples of weight zero do not count
            if top <= 0.0 or float(w @ err) <= 0.0:  # exact fit: it alone decides
                self.estimators_.append(est)
                alphas.append(1.0)
                errors.append(0.0)
                break
            L = np.minimum(err / top, 1.0)
            if self.loss == "square":
                L = L**2
            elif self.loss == "exponential":
                L = 1.0 - np.exp(-L)
            lbar = float(w @ L)
            if lbar >= 0.5:
                if not self.estimators_:  # keep the first so the model can predict
                    self.estimators_.append(est)
                    alphas.append(1.0)
                    errors.append(lbar)
                break
            beta = lbar / (1.0 - lbar)
            alpha = self.learning_rate * np.log(1.0 / beta)
            w = w * beta ** (self.learning_rate * (1.0 - L))
            w /= w.sum()
            self.estimators_.append(est)
            alphas.append(float(alpha))
            errors.append(lbar)
        self.estimator_weights_ = np.array(alphas)
        self.estimator_errors_ = np.array(errors)
        self.n_iter_ = len(self.estimators_)
        return self

    def predict(self, X):
        """The ``alpha``-weighted median of the learners' predictions."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        preds = np.column_stack([est.predict(X) for est in self.estimators_])
        return weighted_median(preds, self.estimator_weights_)
