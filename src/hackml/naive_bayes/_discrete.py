"""Shared fitting of the count-based naive Bayes models (multinomial, Bernoulli).

Both keep sufficient statistics, the weighted class counts ``class_count_`` and the
weighted per-class feature sums ``feature_count_ = Y^T diag(s) X`` (``Y`` the one-hot
labels), so ``partial_fit`` only adds to them and re-derives the log-probabilities.
"""

from __future__ import annotations

import numpy as np

from .._core.validation import check_sample_weight, validate_data
from ._base import (
    _BayesClassifier,
    check_priors,
    check_smoothing,
    encode_labels,
    first_partial_fit,
)


class _DiscreteNB(_BayesClassifier):
    """``fit``/``partial_fit`` over count statistics; subclasses set the likelihood."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.poor_score = True  # the checks' data are not counts
        return tags

    def _prepare_X(self, X):
        return X

    def fit(self, X, y, sample_weight=None):
        """Fit by (smoothed) maximum likelihood.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self
        """
        self.__dict__.pop("classes_", None)
        X, y = validate_data(self, X, y, dtype=np.float64)
        return self._update(X, y, None, sample_weight, first=True)

    def partial_fit(self, X, y, classes=None, sample_weight=None):
        """Add one batch to the counts.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        classes : array-like or None
            All the labels; required on the first call.
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self
        """
        first = first_partial_fit(self, classes)
        X, y = validate_data(self, X, y, dtype=np.float64, reset=first)
        return self._update(X, y, classes, sample_weight, first=first)

    def _update(self, X, y, classes, sample_weight, *, first):
        alpha = check_smoothing(self.alpha, "alpha")
        yi = encode_labels(self, y, classes, first_call=first)
        X = self._prepare_X(X)
        w = check_sample_weight(sample_weight, X.shape[0])
        n_classes = len(self.classes_)
        Y = np.zeros((X.shape[0], n_classes))
        Y[np.arange(X.shape[0]), yi] = w
        if first:
            self.class_count_ = np.zeros(n_classes)
            self.feature_count_ = np.zeros((n_classes, X.shape[1]))
        self.class_count_ += Y.sum(axis=0)
        self.feature_count_ += Y.T @ X
        self.feature_log_prob_ = self._feature_log_prob(max(alpha, 1e-10))
        self.class_log_prior_ = self._class_log_prior(n_classes)
        return self

    def _class_log_prior(self, n_classes):
        if self.class_prior is not None:
            return np.log(check_priors(self.class_prior, n_classes, "class_prior"))
        if not self.fit_prior:
            return np.full(n_classes, -np.log(n_classes))
        with np.errstate(divide="ignore"):
            return np.log(self.class_count_) - np.log(self.class_count_.sum())
