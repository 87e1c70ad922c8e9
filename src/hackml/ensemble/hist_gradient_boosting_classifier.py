"""Histogram gradient boosting for classification with a replaceable loss."""

from __future__ import annotations

import numpy as np
from scipy.special import expit, softmax
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets

from .._core.losses import LogisticLoss, MultinomialLoss
from .._core.validation import check_is_fitted, check_sample_weight, validate_data
from ._gradient_boosting import (
    check_boosting_params,
    fit_boosting,
    raw_predict,
    resolve_boosting_loss,
    split_validation,
)


class HistGradientBoostingClassifier(ClassifierMixin, BaseEstimator):
    """Gradient-boosted trees on binned features for classification.

    Raw scores ``F(x)`` (one per class when there are more than two) are built greedily:
    each round fits one tree per raw column to the second-order expansion of the
    weighted loss,

        J(f) = sum_i w_i [g_i f(x_i) + 0.5 h_i f(x_i)^2] + 0.5 l2 sum_leaves v^2,

    leaf values ``v = -G / (H + l2)``, and adds ``learning_rate`` times the trees (halved
    while the training loss would rise). The default loss is the cross-entropy:
    :class:`hackml.losses.LogisticLoss` on ``y`` in ``{0, 1}`` for two classes,
    :class:`hackml.losses.MultinomialLoss` on one-hot ``y`` for more (diagonal Hessian).

    Parameters
    ----------
    loss : "log_loss", loss object or function, default="log_loss"
        Your own loss sees ``y`` encoded as above (``{0, 1}`` with 1-D ``raw``, or one-hot
        with ``raw`` of shape ``(n, K)``) and follows the protocol of
        :mod:`hackml.ensemble._gradient_boosting` (an object with ``gradient`` [,
        ``hessian``, ``value``, ``inverse_link``] or ``f(y, raw) -> (gradient, hessian)``).
        Probabilities are ``inverse_link(raw)`` when the loss has one, otherwise the
        logistic/softmax function of ``raw``.
    learning_rate, max_iter, max_leaf_nodes, max_depth, min_samples_leaf, \
l2_regularization, max_bins, early_stopping, validation_fraction, n_iter_no_change, tol, \
verbose, random_state
        As in :class:`HistGradientBoostingRegressor`. The validation split is stratified;
        one that leaves a class out of either part is an error.

    Attributes
    ----------
    classes_ : ndarray
    objective_history_ : list of float
        Weighted mean training loss at the start and after each round (non-increasing).
    validation_score_ : ndarray
    n_iter_ : int
    n_trees_per_iteration_ : int

    Examples
    --------
    >>> from hackml.datasets import load_breast_cancer
    >>> from hackml.ensemble import HistGradientBoostingClassifier
    >>> X, y = load_breast_cancer(return_X_y=True)
    >>> clf = HistGradientBoostingClassifier(max_iter=30, random_state=0).fit(X, y)
    >>> clf.score(X, y) > 0.97
    True
    >>> import numpy as np
    >>> bool(np.all(np.diff(clf.objective_history_) <= 0))
    True
    """

    def __init__(
        self,
        *,
        loss="log_loss",
        learning_rate=0.1,
        max_iter=100,
        max_leaf_nodes=31,
        max_depth=None,
        min_samples_leaf=20,
        l2_regularization=0.0,
        max_bins=255,
        early_stopping="auto",
        validation_fraction=0.1,
        n_iter_no_change=10,
        tol=1e-7,
        verbose=False,
        random_state=None,
    ):
        self.loss = loss
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.max_leaf_nodes = max_leaf_nodes
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf
        self.l2_regularization = l2_regularization
        self.max_bins = max_bins
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.tol = tol
        self.verbose = verbose
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        """Boost trees on ``(X, y)`` with optional non-negative ``sample_weight``."""
        check_boosting_params(self)
        X, y = validate_data(self, X, y, dtype=np.float64)
        check_classification_targets(y)
        w = check_sample_weight(sample_weight, X.shape[0])
        self.classes_, codes = np.unique(y, return_inverse=True)
        K = self.classes_.size
        if K < 2:
            raise ValueError(
                f"y must hold at least 2 classes to train a classifier; got 1 class "
                f"{self.classes_}."
            )
        if self.loss == "log_loss":
            loss = LogisticLoss() if K == 2 else MultinomialLoss()
        else:
            loss = resolve_boosting_loss(self.loss, {})
        y_enc = codes.astype(float) if K == 2 else np.eye(K)[codes]
        Xt, yt, wt, Xv, yv, wv = split_validation(self, X, y_enc, w, labels=codes)
        fit_boosting(self, Xt, yt, wt, loss, 1 if K == 2 else K, Xv, yv, wv)
        return self

    def decision_function(self, X):
        """Raw scores: ``(n,)`` log-odds for two classes, ``(n, K)`` otherwise."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return raw_predict(self, X)

    def predict_proba(self, X):
        """Class probabilities, ``(n, K)``."""
        raw = self.decision_function(X)
        link = getattr(self.loss_, "inverse_link", None)
        if callable(link):
            p = np.asarray(link(raw), dtype=float)
        else:
            p = expit(raw) if raw.ndim == 1 else softmax(raw, axis=1)
        return np.column_stack([1.0 - p, p]) if p.ndim == 1 else p

    def predict(self, X):
        """The most probable class."""
        if callable(getattr(getattr(self, "loss_", None), "inverse_link", None)):
            return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
        raw = self.decision_function(X)
        best = (raw > 0).astype(int) if raw.ndim == 1 else np.argmax(raw, axis=1)
        return self.classes_[best]
