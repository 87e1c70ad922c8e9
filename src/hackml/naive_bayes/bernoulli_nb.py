"""Bernoulli naive Bayes: independent binary features given the class."""

from __future__ import annotations

import numbers

import numpy as np

from .._core.validation import check_scalar
from ._discrete import _DiscreteNB


class BernoulliNB(_DiscreteNB):
    """Naive Bayes for binary features (present/absent), with additive smoothing.

    Features are first binarised (``x > binarize``) unless ``binarize=None``. With
    ``N_cj`` the weighted number of class-``c`` rows where feature ``j`` is on and ``N_c``
    the weighted class count, the smoothed maximum-likelihood probabilities are

        theta_cj = (N_cj + alpha) / (N_c + 2 alpha)

    and a query scores
    ``jll_c(x) = log pi_c + sum_j [x_j log theta_cj + (1 - x_j) log(1 - theta_cj)]``,
    evaluated as one matrix product ``x . (log theta - log(1 - theta)) + sum_j
    log(1 - theta_cj)``. An absent feature counts as evidence, unlike in
    :class:`MultinomialNB`.

    Parameters
    ----------
    alpha : float, default=1.0
    binarize : float or None, default=0.0
        Threshold; None takes the input as already binary.
    fit_prior : bool, default=True
    class_prior : array-like of shape (n_classes,) or None, default=None

    Attributes
    ----------
    classes_, class_count_, feature_count_, feature_log_prob_, class_log_prior_
        As in :class:`MultinomialNB`; ``feature_log_prob_`` is ``log theta_cj``.

    Examples
    --------
    >>> from hackml.datasets import load_digits
    >>> from hackml.naive_bayes import BernoulliNB
    >>> X, y = load_digits(return_X_y=True)
    >>> nb = BernoulliNB(binarize=4.0).fit(X[:1500], y[:1500])
    >>> round(nb.score(X[1500:], y[1500:]), 3)
    0.835
    """

    def __init__(self, *, alpha=1.0, binarize=0.0, fit_prior=True, class_prior=None):
        self.alpha = alpha
        self.binarize = binarize
        self.fit_prior = fit_prior
        self.class_prior = class_prior

    def _prepare_X(self, X):
        if self.binarize is None:
            return X
        check_scalar(self.binarize, "binarize", kind=numbers.Real)
        return (X > self.binarize).astype(np.float64)

    def _feature_log_prob(self, alpha):
        return np.log(self.feature_count_ + alpha) - np.log(self.class_count_ + 2 * alpha)[:, None]

    def _joint_log_likelihood(self, X):
        X = self._prepare_X(X)
        log_off = np.log1p(-np.exp(self.feature_log_prob_))
        return (
            X @ (self.feature_log_prob_ - log_off).T + log_off.sum(axis=1) + self.class_log_prior_
        )
