"""Bagging regressor over any base estimator."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.metrics import r2_score

from .._core.validation import check_is_fitted, check_sample_weight, validate_data
from ._bagging import draw, fit_members, out_of_bag_mask, resolve_count
from ._base import check_n_estimators, make_base, seeded, seeds


def _tree():
    from ..tree import DecisionTreeRegressor

    return DecisionTreeRegressor()


class BaggingRegressor(RegressorMixin, BaseEstimator):
    """Bootstrap aggregation: average regressors fitted on resampled data.

    Member ``m`` is fitted on ``max_samples`` rows drawn from the training set (with
    replacement when ``bootstrap``) and ``max_features`` columns; the prediction is

        f(x) = (1 / M) sum_m f_m(x).

    Under squared loss the expected error is bias^2 + variance + noise; averaging ``M``
    members with variance ``s^2`` and pairwise correlation ``rho`` leaves the bias and
    cuts the variance to ``rho s^2 + (1 - rho) s^2 / M``. Out-of-bag rows (rows a member
    never saw) give ``oob_prediction_`` and ``oob_score_`` (R^2) for free.

    Parameters
    ----------
    estimator : estimator or None, default=None
        Any regressor; ``None`` is a fully grown hackml ``DecisionTreeRegressor``.
    n_estimators : int, default=10
    max_samples, max_features : int or float, default=1.0
        Rows and columns per member (a count or a fraction).
    bootstrap : bool, default=True
    bootstrap_features : bool, default=False
    oob_score : bool, default=False
    n_jobs : int or None, default=None
        Members fitted in parallel by joblib.
    random_state : int, RandomState or None, default=None

    Attributes
    ----------
    estimators_, estimators_samples_, estimators_features_ : lists
    oob_score_ : float
    oob_prediction_ : ndarray (NaN for rows every member saw)

    Examples
    --------
    >>> from hackml.datasets import load_diabetes
    >>> from hackml.ensemble import BaggingRegressor
    >>> X, y = load_diabetes(return_X_y=True)
    >>> bag = BaggingRegressor(n_estimators=20, oob_score=True, random_state=0).fit(X, y)
    >>> 0.3 < bag.oob_score_ < 0.6
    True
    """

    _expected_failed_checks: ClassVar[dict[str, str]] = {
        "check_sample_weight_equivalence_on_dense_data": (
            "with bootstrap, sample weights set the probabilities of the random draws, so a "
            "weight of 2 equals a repeated row in distribution, not draw by draw"
        ),
    }

    def __init__(
        self,
        *,
        estimator=None,
        n_estimators=10,
        max_samples=1.0,
        max_features=1.0,
        bootstrap=True,
        bootstrap_features=False,
        oob_score=False,
        n_jobs=None,
        random_state=None,
    ):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.max_samples = max_samples
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.bootstrap_features = bootstrap_features
        self.oob_score = oob_score
        self.n_jobs = n_jobs
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        """Fit ``n_estimators`` members on resampled rows and columns."""
        check_n_estimators(self.n_estimators)
        X, y = validate_data(self, X, y, y_numeric=True)
        w = None if sample_weight is None else check_sample_weight(sample_weight, X.shape[0])
        n, p = X.shape
        n_rows = resolve_count(self.max_samples, n, "max_samples")
        n_feats = resolve_count(self.max_features, p, "max_features")
        if self.oob_score and not self.bootstrap:
            raise ValueError("oob_score=True needs bootstrap=True (otherwise no row is left out).")
        member_seeds = seeds(self.random_state, self.n_estimators)
        draws = [
            draw(s, n, p, n_rows, n_feats, self.bootstrap, self.bootstrap_features)
            for s in member_seeds
        ]
        members = [seeded(make_base(self.estimator, _tree), s) for s in member_seeds]
        self.estimators_ = fit_members(members, X, y, w, draws, self.n_jobs)
        self.estimators_samples_ = [r for r, _ in draws]
        self.estimators_features_ = [f for _, f in draws]
        if self.oob_score:
            total, count = np.zeros(n), np.zeros(n)
            for est, (rows, feats) in zip(self.estimators_, draws):
                mask = out_of_bag_mask(rows, n)
                if mask.any():
                    total[mask] += est.predict(X[mask][:, feats])
                    count[mask] += 1
            seen = count > 0
            with np.errstate(invalid="ignore", divide="ignore"):
                self.oob_prediction_ = total / count
            self.oob_score_ = float(r2_score(y[seen], self.oob_prediction_[seen]))
        return self

    def predict(self, X):
        """The members' average prediction."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        preds = [
            est.predict(X[:, f]) for est, f in zip(self.estimators_, self.estimators_features_)
        ]
        return np.mean(preds, axis=0)
