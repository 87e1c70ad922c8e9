"""Multinomial naive Bayes: class-conditional multinomial counts with additive smoothing."""

from __future__ import annotations

import numpy as np

from ._discrete import _DiscreteNB


class MultinomialNB(_DiscreteNB):
    """Naive Bayes for counts (word counts, tf-idf), with Lidstone smoothing.

    With ``N_cj = sum_{i: y_i = c} s_i x_ij`` the weighted count of feature ``j`` in class
    ``c``, the smoothed maximum-likelihood feature probabilities are

        theta_cj = (N_cj + alpha) / sum_l (N_cl + alpha)

    and a query scores ``jll_c(x) = log pi_c + sum_j x_j log theta_cj`` (the multinomial
    coefficient is the same for every class and left out). ``alpha`` below 1e-10 is
    raised to 1e-10 so that no log-probability is infinite.

    Parameters
    ----------
    alpha : float, default=1.0
        Additive (Laplace/Lidstone) smoothing.
    fit_prior : bool, default=True
        Estimate the class priors from the weighted class counts; False gives uniform.
    class_prior : array-like of shape (n_classes,) or None, default=None
        Fixed priors (override ``fit_prior``).

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    class_count_ : ndarray of shape (n_classes,)
    feature_count_ : ndarray of shape (n_classes, n_features)
    feature_log_prob_ : ndarray of shape (n_classes, n_features)
        ``log theta_cj``.
    class_log_prior_ : ndarray of shape (n_classes,)

    Examples
    --------
    >>> from hackml.datasets import load_digits
    >>> from hackml.naive_bayes import MultinomialNB
    >>> X, y = load_digits(return_X_y=True)
    >>> nb = MultinomialNB(alpha=1.0).fit(X[:1500], y[:1500])
    >>> round(nb.score(X[1500:], y[1500:]), 3)
    0.842
    """

    def __init__(self, *, alpha=1.0, fit_prior=True, class_prior=None):
        self.alpha = alpha
        self.fit_prior = fit_prior
        self.class_prior = class_prior

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.positive_only = True
        return tags

    def _prepare_X(self, X):
        if X.size and X.min() < 0:
            raise ValueError(
                "Negative values in data passed to MultinomialNB: X must hold non-negative "
                f"counts; got a minimum of {X.min()}."
            )
        return X

    def _feature_log_prob(self, alpha):
        smoothed = self.feature_count_ + alpha
        return np.log(smoothed) - np.log(smoothed.sum(axis=1, keepdims=True))

    def _joint_log_likelihood(self, X):
        X = self._prepare_X(X)
        return X @ self.feature_log_prob_.T + self.class_log_prior_
