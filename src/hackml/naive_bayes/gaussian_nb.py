"""Gaussian naive Bayes: one independent normal per class and feature."""

from __future__ import annotations

import numpy as np

from .._core.validation import check_sample_weight, validate_data
from ._base import (
    _BayesClassifier,
    check_priors,
    check_smoothing,
    class_moments,
    encode_labels,
    first_partial_fit,
    gaussian_jll,
)


class GaussianNB(_BayesClassifier):
    """Gaussian naive Bayes, fitted by weighted maximum likelihood.

    Each class ``c`` has a prior ``pi_c`` and, for each feature ``j``, a normal density
    with mean ``theta_cj`` and variance ``var_cj``; features are independent given the
    class. Fitting maximises the weighted log-likelihood

        L = sum_i s_i [ log pi_{y_i} + sum_j log N(x_ij | theta_{y_i j}, var_{y_i j}) ]

    whose maximiser is the weighted class frequency, mean and (biased) variance. Every
    variance is then raised by ``epsilon_ = var_smoothing * max_j Var(x_j)`` (the largest
    feature variance of all rows seen, unweighted; 1 when every feature is constant) so
    that no variance is zero.
    The prediction is ``argmax_c log pi_c - 1/2 sum_j [log(2 pi var_cj) +
    (x_j - theta_cj)^2 / var_cj]``, evaluated by a compiled kernel in log space.

    ``partial_fit`` merges batch moments exactly (Chan's pairwise update), so fitting in
    batches gives the model of one ``fit`` on all the rows.

    Parameters
    ----------
    priors : array-like of shape (n_classes,) or None, default=None
        Fixed class priors; None estimates them from the (weighted) class frequencies.
    var_smoothing : float, default=1e-9

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    class_count_ : ndarray of shape (n_classes,)
        Weighted number of rows of each class.
    class_prior_ : ndarray of shape (n_classes,)
    theta_ : ndarray of shape (n_classes, n_features)
    var_ : ndarray of shape (n_classes, n_features)
        Smoothed variances.
    epsilon_ : float

    Examples
    --------
    >>> from hackml.datasets import load_iris
    >>> from hackml.naive_bayes import GaussianNB
    >>> X, y = load_iris(return_X_y=True)
    >>> nb = GaussianNB().fit(X, y)
    >>> round(nb.score(X, y), 3)
    0.96
    >>> nb.predict_proba(X[:1]).round(3)
    array([[1., 0., 0.]])

    Batches give the same model as one fit:

    >>> import numpy as np
    >>> inc = GaussianNB()
    >>> for part in np.array_split(np.random.default_rng(0).permutation(150), 3):
    ...     inc = inc.partial_fit(X[part], y[part], classes=[0, 1, 2])
    >>> bool(np.allclose(inc.var_, nb.var_) and np.allclose(inc.theta_, nb.theta_))
    True
    """

    def __init__(self, *, priors=None, var_smoothing=1e-9):
        self.priors = priors
        self.var_smoothing = var_smoothing

    def fit(self, X, y, sample_weight=None):
        """Fit by maximum likelihood.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self
        """
        for attr in ("classes_", "_raw_var"):
            self.__dict__.pop(attr, None)
        X, y = validate_data(self, X, y, dtype=np.float64)
        return self._update(X, y, None, sample_weight, first=True)

    def partial_fit(self, X, y, classes=None, sample_weight=None):
        """Update the fit with one more batch.

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
        eps_rate = check_smoothing(self.var_smoothing, "var_smoothing")
        yi = encode_labels(self, y, classes, first_call=first)
        w = check_sample_weight(sample_weight, X.shape[0])
        n_classes = len(self.classes_)
        count, mean, var = class_moments(X, yi, w, n_classes)
        x_n, x_mean, x_m2 = X.shape[0], X.mean(axis=0), X.var(axis=0) * X.shape[0]
        if first:
            self.class_count_, self.theta_, self._raw_var = count, mean, var
            self._x_stats = (x_n, x_mean, x_m2)
        else:
            self.class_count_, self.theta_, self._raw_var = _merge(
                (self.class_count_, self.theta_, self._raw_var), (count, mean, var)
            )
            self._x_stats = _merge_unweighted(self._x_stats, (x_n, x_mean, x_m2))
        n_seen, _, m2 = self._x_stats
        max_var = float(np.max(m2 / n_seen))
        self.epsilon_ = eps_rate * (max_var if max_var > 0 else 1.0)
        self.var_ = self._raw_var + self.epsilon_
        if self.priors is not None:
            self.class_prior_ = check_priors(self.priors, n_classes)
        else:
            self.class_prior_ = self.class_count_ / self.class_count_.sum()
        return self

    def _joint_log_likelihood(self, X):
        with np.errstate(divide="ignore"):
            log_prior = np.log(self.class_prior_)
        const = log_prior - 0.5 * np.sum(np.log(2.0 * np.pi * self.var_), axis=1)
        return gaussian_jll(X, self.theta_, 1.0 / self.var_, const)


def _merge(old, new):
    """Pool weighted class moments ``(count, mean, biased variance)`` of two batches."""
    n_a, mu_a, var_a = old
    n_b, mu_b, var_b = new
    n = n_a + n_b
    safe = np.where(n > 0, n, 1.0)[:, None]
    mu = (n_a[:, None] * mu_a + n_b[:, None] * mu_b) / safe
    ssd = n_a[:, None] * var_a + n_b[:, None] * var_b
    ssd += (n_a * n_b)[:, None] / safe * (mu_a - mu_b) ** 2
    return n, mu, ssd / safe


def _merge_unweighted(old, new):
    """Pool ``(n, mean, sum of squared deviations)`` of all rows of two batches."""
    n_a, mu_a, m2_a = old
    n_b, mu_b, m2_b = new
    n = n_a + n_b
    return n, (n_a * mu_a + n_b * mu_b) / n, m2_a + m2_b + n_a * n_b / n * (mu_a - mu_b) ** 2
