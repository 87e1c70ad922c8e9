"""Random forest regressor on hackml's compiled trees."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.metrics import r2_score

from .._core.validation import check_is_fitted, check_sample_weight, validate_data
from ._forest import grow_forest, oob_rows


class RandomForestRegressor(RegressorMixin, BaseEstimator):
    """A forest of decorrelated regression trees, averaged.

    Tree ``m`` is a hackml :class:`~hackml.tree.DecisionTreeRegressor` grown on a
    bootstrap sample (as sample weights ``c_i w_i``) that considers ``max_features``
    random features at each node; the forest predicts ``f(x) = (1/M) sum_m f_m(x)``.
    Each tree minimises its ``criterion``: ``"squared_error"``, ``"absolute_error"`` or
    your own ``impurity(w, s, ss) -> float`` of the node's weight, weighted sum and
    weighted sum of squares (see :mod:`hackml.tree`), passed to every tree unchanged.

    Parameters
    ----------
    n_estimators : int, default=100
    criterion : str or callable, default="squared_error"
    max_depth : int or None, default=None
    min_samples_split : int, default=2
    min_samples_leaf : int, default=1
    max_features : {"sqrt", "log2"}, int, float or None, default=1.0
        ``1.0`` (all features) is plain bagging of trees, as in scikit-learn.
    bootstrap : bool, default=True
    oob_score : bool, default=False
        R^2 of the out-of-bag predictions (``oob_score_``, ``oob_prediction_``).
    max_samples : int, float or None, default=None
    n_jobs : int or None, default=None
        Trees grown in parallel by joblib (processes by default).
    warm_start : bool, default=False
    random_state : int, RandomState or None, default=None

    Attributes
    ----------
    estimators_ : list of DecisionTreeRegressor
    feature_importances_ : ndarray
    oob_score_ : float
    oob_prediction_ : ndarray

    Examples
    --------
    >>> from hackml.datasets import load_diabetes
    >>> from hackml.ensemble import RandomForestRegressor
    >>> X, y = load_diabetes(return_X_y=True)
    >>> rf = RandomForestRegressor(n_estimators=50, oob_score=True, random_state=0)
    >>> 0.3 < rf.fit(X, y).oob_score_ < 0.6
    True
    """

    _expected_failed_checks: ClassVar[dict[str, str]] = {
        "check_sample_weight_equivalence_on_dense_data": (
            "the bootstrap draws rows uniformly and multiplies the counts by the weights "
            "(as scikit-learn does), so a weight of 2 and a repeated row give different "
            "bootstrap samples"
        ),
    }

    def __init__(
        self,
        *,
        n_estimators=100,
        criterion="squared_error",
        max_depth=None,
        min_samples_split=2,
        min_samples_leaf=1,
        max_features=1.0,
        bootstrap=True,
        oob_score=False,
        max_samples=None,
        n_jobs=None,
        warm_start=False,
        random_state=None,
    ):
        self.n_estimators = n_estimators
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.max_samples = max_samples
        self.n_jobs = n_jobs
        self.warm_start = warm_start
        self.random_state = random_state

    def _template(self):
        from ..tree import DecisionTreeRegressor

        return DecisionTreeRegressor(
            criterion=self.criterion,
            max_depth=self.max_depth,
            min_samples_split=self.min_samples_split,
            min_samples_leaf=self.min_samples_leaf,
            max_features=self.max_features,
        )

    def fit(self, X, y, sample_weight=None):
        """Grow the forest (or the missing trees, with ``warm_start``)."""
        warm = bool(self.warm_start) and hasattr(self, "estimators_")
        X, y = validate_data(self, X, y, dtype=np.float32, y_numeric=True, reset=not warm)
        y = np.asarray(y, dtype=np.float64)
        w = check_sample_weight(sample_weight, X.shape[0])
        grow_forest(self, self._template(), X, y, w)
        if self.oob_score:
            n = X.shape[0]
            total, count = np.zeros(n), np.zeros(n)
            for tree, mask in oob_rows(self, n):
                if mask.any():
                    total[mask] += tree.predict(X[mask])
                    count[mask] += 1
            seen = count > 0
            with np.errstate(invalid="ignore", divide="ignore"):
                self.oob_prediction_ = total / count
            self.oob_score_ = float(r2_score(y[seen], self.oob_prediction_[seen]))
        return self

    def predict(self, X):
        """The trees' mean prediction."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float32)
        return np.mean([tree.predict(X) for tree in self.estimators_], axis=0)
