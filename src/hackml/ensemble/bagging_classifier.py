"""Bagging classifier over any base estimator."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets

from .._core.validation import check_is_fitted, check_sample_weight, validate_data
from ._bagging import draw, fit_members, out_of_bag_mask, resolve_count
from ._base import check_n_estimators, make_base, seeded, seeds


def _tree():
    from ..tree import DecisionTreeClassifier

    return DecisionTreeClassifier()


class BaggingClassifier(ClassifierMixin, BaseEstimator):
    """Bootstrap aggregation: average classifiers fitted on resampled data.

    Member ``m`` is fitted on ``max_samples`` rows drawn from the training set (with
    replacement when ``bootstrap``) and ``max_features`` columns; the ensemble predicts

        p(k | x) = (1 / M) sum_m p_m(k | x)

    (a member without ``predict_proba`` votes with a one-hot vector). Averaging leaves the
    bias of the members unchanged and divides the part of their variance that is not
    shared between members, which is why bagging helps deep, unstable learners (see
    :func:`hackml.ensemble.bias_variance_decomposition`). Rows a member never saw are its
    out-of-bag rows; voting only with those gives a free held-out estimate.

    Parameters
    ----------
    estimator : estimator or None, default=None
        Any classifier; ``None`` is a fully grown hackml ``DecisionTreeClassifier``.
    n_estimators : int, default=10
    max_samples : int or float, default=1.0
        Rows per member (a count, or a fraction of the training set).
    max_features : int or float, default=1.0
        Columns per member.
    bootstrap : bool, default=True
        Draw rows with replacement.
    bootstrap_features : bool, default=False
        Draw columns with replacement.
    oob_score : bool, default=False
        Compute ``oob_score_`` (accuracy) and ``oob_decision_function_``.
    n_jobs : int or None, default=None
        Members fitted in parallel by joblib (``-1``: all cores).
    random_state : int, RandomState or None, default=None

    Attributes
    ----------
    estimators_ : list of fitted estimators
    estimators_samples_ : list of ndarray (the rows each member drew)
    estimators_features_ : list of ndarray
    classes_ : ndarray
    oob_score_ : float
    oob_decision_function_ : ndarray of shape (n_samples, n_classes)
        NaN for rows that every member saw.

    Examples
    --------
    >>> from hackml.datasets import load_breast_cancer
    >>> from hackml.ensemble import BaggingClassifier
    >>> X, y = load_breast_cancer(return_X_y=True)
    >>> bag = BaggingClassifier(n_estimators=20, oob_score=True, random_state=0).fit(X, y)
    >>> bag.oob_score_ > 0.9
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
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        w = None if sample_weight is None else check_sample_weight(sample_weight, X.shape[0])
        self.classes_, codes = np.unique(y, return_inverse=True)
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
        self.estimators_ = fit_members(members, X, codes, w, draws, self.n_jobs)
        self.estimators_samples_ = [r for r, _ in draws]
        self.estimators_features_ = [f for _, f in draws]
        if self.oob_score:
            self._set_oob(X, codes)
        return self

    def _member_proba(self, est, X):
        K = self.classes_.size
        out = np.zeros((X.shape[0], K))
        if hasattr(est, "predict_proba"):
            out[:, np.asarray(est.classes_, dtype=int)] = est.predict_proba(X)
        else:
            out[np.arange(X.shape[0]), np.asarray(est.predict(X), dtype=int)] = 1.0
        return out

    def _set_oob(self, X, codes):
        n = X.shape[0]
        total = np.zeros((n, self.classes_.size))
        for est, rows, feats in zip(
            self.estimators_, self.estimators_samples_, self.estimators_features_
        ):
            mask = out_of_bag_mask(rows, n)
            if mask.any():
                total[mask] += self._member_proba(est, X[mask][:, feats])
        seen = total.sum(axis=1) > 0
        with np.errstate(invalid="ignore", divide="ignore"):
            self.oob_decision_function_ = total / total.sum(axis=1, keepdims=True)
        self.oob_score_ = float(np.mean(np.argmax(total[seen], axis=1) == codes[seen]))

    def predict_proba(self, X):
        """The members' average class probabilities."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        total = np.zeros((X.shape[0], self.classes_.size))
        for est, feats in zip(self.estimators_, self.estimators_features_):
            total += self._member_proba(est, X[:, feats])
        return total / len(self.estimators_)

    def predict(self, X):
        """The class of highest average probability."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]
