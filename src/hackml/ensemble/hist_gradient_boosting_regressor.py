"""Histogram gradient boosting for regression with a replaceable loss."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin

from .._core.validation import check_is_fitted, check_sample_weight, validate_data
from ._gradient_boosting import (
    check_boosting_params,
    fit_boosting,
    raw_predict,
    resolve_boosting_loss,
    split_validation,
)

#: scikit-learn's loss names, accepted next to hackml's own (``"squared"``, ...)
REGRESSION_ALIASES = {"squared_error": "squared", "absolute_error": "absolute"}


class HistGradientBoostingRegressor(RegressorMixin, BaseEstimator):
    """Gradient-boosted trees on binned features, minimising the loss you choose.

    The model is ``F(x) = F_0 + sum_m sum_k f_mk(x)``, built greedily: round ``m`` fits a
    tree ``f_m`` to the second-order expansion of the weighted training loss

        J(f) = sum_i w_i [g_i f(x_i) + 0.5 h_i f(x_i)^2] + 0.5 l2 sum_leaves v^2,

    with ``g_i, h_i`` the gradient and Hessian of ``loss`` at the current raw score, so
    each leaf gets the Newton value ``v = -G / (H + l2)``; then adds ``learning_rate``
    times the tree (halved while the training loss would rise). ``F_0`` is the constant
    minimising the loss. Splits are searched on histograms of at most ``max_bins`` bins
    per feature by a compiled kernel.

    Parameters
    ----------
    loss : str, loss object or function, default="squared_error"
        ``"squared_error"``/``"squared"``, ``"absolute_error"``/``"absolute"``,
        ``"huber"``, ``"quantile"`` (see ``quantile``), ``"poisson"``, any object of
        :mod:`hackml.losses` or your own object with ``gradient(y, raw)`` (plus
        optionally ``hessian``, ``value``, ``inverse_link``), or a function
        ``f(y, raw) -> (gradient, hessian)``. Full protocol:
        :mod:`hackml.ensemble._gradient_boosting`.
    quantile : float, default=0.5
        The quantile of ``loss="quantile"``.
    learning_rate : float, default=0.1
    max_iter : int, default=100
        Boosting rounds.
    max_leaf_nodes : int, default=31
    max_depth : int or None, default=None
    min_samples_leaf : int, default=20
    l2_regularization : float, default=0.0
    max_bins : int, default=255
    early_stopping : "auto", bool, default="auto"
        "auto" enables it above 10,000 samples.
    validation_fraction : float, default=0.1
    n_iter_no_change : int, default=10
    tol : float, default=1e-7
        Least improvement of the validation loss that counts.
    verbose : bool, default=False
    random_state : int, RandomState or None, default=None
        Binning subsample and the validation split.

    Attributes
    ----------
    objective_history_ : list of float
        Weighted mean training loss at the start and after each round (non-increasing;
        empty for a loss without ``value``).
    validation_score_ : ndarray
        Minus the validation loss after each round (early stopping only).
    n_iter_ : int
    trees_ : list of lists of trees
    loss_ : the loss object used.

    Examples
    --------
    >>> from hackml.datasets import load_diabetes
    >>> from hackml.ensemble import HistGradientBoostingRegressor
    >>> X, y = load_diabetes(return_X_y=True)
    >>> model = HistGradientBoostingRegressor(max_iter=50, random_state=0).fit(X, y)
    >>> model.objective_history_[-1] < model.objective_history_[0]
    True

    A loss of your own, as a function returning gradient and Hessian (this one charges
    under-prediction four times as much, so predictions move up):

    >>> import numpy as np
    >>> def asymmetric(y, raw):
    ...     c = np.where(raw < y, 4.0, 1.0)
    ...     return c * (raw - y), c
    >>> up = HistGradientBoostingRegressor(loss=asymmetric, max_iter=50).fit(X, y)
    >>> bool(up.predict(X).mean() > model.predict(X).mean())
    True
    """

    def __init__(
        self,
        *,
        loss="squared_error",
        quantile=0.5,
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
        self.quantile = quantile
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

    def _resolve_loss(self):
        if self.loss == "quantile":
            from .._core.losses import QuantileLoss

            return QuantileLoss(self.quantile)
        return resolve_boosting_loss(self.loss, REGRESSION_ALIASES)

    def fit(self, X, y, sample_weight=None):
        """Boost trees on ``(X, y)`` with optional non-negative ``sample_weight``."""
        check_boosting_params(self)
        X, y = validate_data(self, X, y, y_numeric=True, dtype=np.float64)
        w = check_sample_weight(sample_weight, X.shape[0])
        loss = self._resolve_loss()
        parts = split_validation(self, X, y.astype(float), w)
        fit_boosting(self, parts[0], parts[1], parts[2], loss, 1, *parts[3:])
        return self

    def _raw(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return raw_predict(self, X)

    def predict(self, X):
        """``inverse_link(raw)`` (identity for most losses) of the boosted raw score."""
        raw = self._raw(X)
        link = getattr(self.loss_, "inverse_link", None)
        return link(raw) if callable(link) else raw
