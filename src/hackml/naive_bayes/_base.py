"""Shared machinery of the Bayes classifiers: labels, priors and log-space prediction.

Every model here scores a query by its joint log-likelihood

    jll_c(x) = log P(c) + log p(x | c)

and predicts ``argmax_c jll_c(x)``; probabilities are ``exp(jll - logsumexp(jll))``,
computed in log space so that no likelihood underflows.
"""

from __future__ import annotations

import numbers

import numpy as np
from numba import njit, prange
from scipy.special import logsumexp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets

from .._core.validation import check_is_fitted, check_scalar, validate_data


class _BayesClassifier(ClassifierMixin, BaseEstimator):
    """``predict``, ``predict_proba``, ``predict_log_proba`` from ``_joint_log_likelihood``."""

    def _validate_query(self, X):
        check_is_fitted(self)
        return validate_data(self, X, reset=False, dtype=np.float64)

    def predict_joint_log_proba(self, X):
        """``log P(c) + log p(x | c)`` for each class, shape ``(n_samples, n_classes)``."""
        return self._joint_log_likelihood(self._validate_query(X))

    def _class_scores(self, X):
        """Scores equal to the joint log-likelihood up to a term shared by all classes."""
        return self._joint_log_likelihood(X)

    def predict_log_proba(self, X):
        """``log P(c | x)``, shape ``(n_samples, n_classes)``."""
        scores = self._class_scores(self._validate_query(X))
        return scores - logsumexp(scores, axis=1, keepdims=True)

    def predict_proba(self, X):
        """``P(c | x)``, shape ``(n_samples, n_classes)``."""
        return np.exp(self.predict_log_proba(X))

    def predict(self, X):
        """The class of largest posterior probability."""
        scores = self._class_scores(self._validate_query(X))
        return self.classes_[np.argmax(scores, axis=1)]


def encode_labels(est, y, classes, *, first_call):
    """Class indices of ``y``; on the first call set ``classes_``.

    ``fit`` passes ``classes=None`` with ``first_call=True`` (classes from ``y``).
    ``partial_fit`` must receive ``classes`` on its first call; later calls may omit it
    and must not bring labels outside ``classes_``.
    """
    check_classification_targets(y)
    if first_call:
        est.classes_ = np.unique(y) if classes is None else np.unique(np.asarray(classes))
    elif classes is not None and not np.array_equal(np.unique(np.asarray(classes)), est.classes_):
        raise ValueError(
            f"classes={list(np.unique(classes))} differs from the classes of the first "
            f"partial_fit call, {list(est.classes_)}."
        )
    idx = np.searchsorted(est.classes_, y)
    idx = np.clip(idx, 0, len(est.classes_) - 1)
    unseen = est.classes_[idx] != y
    if np.any(unseen):
        raise ValueError(
            f"y contains labels {sorted(set(np.asarray(y)[unseen].tolist()))} that are not "
            f"in classes {list(est.classes_)}; pass every class to the first partial_fit."
        )
    return idx


def first_partial_fit(est, classes):
    """Whether this ``partial_fit`` call starts the model; checks ``classes``."""
    if hasattr(est, "classes_"):
        return False
    if classes is None:
        raise ValueError(
            "classes must be passed on the first call to partial_fit (the full list of "
            "labels; later batches may miss some of them)."
        )
    return True


def check_priors(priors, n_classes, name="priors"):
    """Class priors: ``n_classes`` non-negative numbers summing to 1."""
    p = np.asarray(priors, dtype=float)
    if p.shape != (n_classes,):
        raise ValueError(
            f"{name} must have one entry per class ({n_classes}); got shape {p.shape}."
        )
    if np.any(p < 0) or not np.isclose(p.sum(), 1.0):
        raise ValueError(f"{name} must be non-negative and sum to 1; got {p.tolist()}.")
    return p


def check_smoothing(value, name):
    check_scalar(value, name, kind=numbers.Real, low=0)
    return float(value)


@njit(cache=True, parallel=True)
def gaussian_jll(X, theta, inv_var, const):
    """``const_c - 0.5 * sum_j (x_j - theta_cj)^2 * inv_var_cj`` for each row and class."""
    n, d = X.shape
    k = theta.shape[0]
    out = np.empty((n, k))
    for i in prange(n):
        for c in range(k):
            acc = 0.0
            for j in range(d):
                r = X[i, j] - theta[c, j]
                acc += r * r * inv_var[c, j]
            out[i, c] = const[c] - 0.5 * acc
    return out


@njit(cache=True)
def class_moments(X, yi, w, n_classes):
    """Weighted count, mean and variance (divided by the weight) of each class."""
    n, d = X.shape
    count = np.zeros(n_classes)
    mean = np.zeros((n_classes, d))
    var = np.zeros((n_classes, d))
    for i in range(n):
        c = yi[i]
        count[c] += w[i]
        for j in range(d):
            mean[c, j] += w[i] * X[i, j]
    for c in range(n_classes):
        if count[c] > 0:
            for j in range(d):
                mean[c, j] /= count[c]
    for i in range(n):
        c = yi[i]
        for j in range(d):
            r = X[i, j] - mean[c, j]
            var[c, j] += w[i] * r * r
    for c in range(n_classes):
        if count[c] > 0:
            for j in range(d):
                var[c, j] /= count[c]
    return count, mean, var
