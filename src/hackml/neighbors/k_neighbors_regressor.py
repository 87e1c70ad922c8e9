"""k-nearest-neighbour regression with weighted means and a replaceable metric."""

from __future__ import annotations

import numpy as np
from sklearn.base import RegressorMixin

from .._core.validation import validate_data
from ._base import _NeighborsBase


class KNeighborsRegressor(RegressorMixin, _NeighborsBase):
    """Predict the weighted mean target of the k nearest training rows.

    For a query ``x`` with neighbours ``N_k(x)`` under ``metric``,

        f(x) = sum_{j in N_k(x)} s_j a(d(x, x_j)) y_j / sum_{j in N_k(x)} s_j a(d(x, x_j))

    with ``s_j`` the ``sample_weight`` of row ``j`` and ``a`` the neighbour weight: 1
    (``"uniform"``), ``1/d`` (``"distance"``; a query at distance 0 from some rows takes
    the mean of those rows), or your callable. This is the minimiser over ``f`` of the
    weighted squared error ``sum_j s_j a_j (y_j - f)^2`` over the neighbourhood. Targets
    may have several columns.

    Equidistant neighbours are taken in increasing row order, in every ``algorithm``.

    Parameters
    ----------
    n_neighbors : int, default=5
    weights : {"uniform", "distance"} or callable, default="uniform"
    algorithm : {"auto", "brute", "kd_tree"}, default="auto"
        See :class:`KNeighborsClassifier`.
    leaf_size : int, default=30
    metric : str or callable, default="minkowski"
        See :class:`KNeighborsClassifier`.
    p : float, default=2
    metric_params : dict or None, default=None

    Attributes
    ----------
    algorithm_ : str
    n_samples_fit_ : int

    Examples
    --------
    >>> from sklearn.model_selection import train_test_split
    >>> from hackml.datasets import load_diabetes
    >>> from hackml.neighbors import KNeighborsRegressor
    >>> X, y = load_diabetes(return_X_y=True)
    >>> Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=0)
    >>> knn = KNeighborsRegressor(n_neighbors=10, weights="distance").fit(Xtr, ytr)
    >>> round(knn.score(Xte, yte), 3)
    0.256
    >>> dist, idx = knn.kneighbors(Xte[:1], n_neighbors=2)
    >>> idx.shape
    (1, 2)
    """

    def __init__(
        self,
        *,
        n_neighbors=5,
        weights="uniform",
        algorithm="auto",
        leaf_size=30,
        metric="minkowski",
        p=2,
        metric_params=None,
    ):
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.algorithm = algorithm
        self.leaf_size = leaf_size
        self.metric = metric
        self.p = p
        self.metric_params = metric_params

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags

    def fit(self, X, y, sample_weight=None):
        """Store the training rows (and build the search index).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
        sample_weight : array-like of shape (n_samples,), default=None
            Each row's weight in the means; rows of weight 0 are left out.

        Returns
        -------
        self
        """
        X, y = validate_data(self, X, y, dtype=np.float64, y_numeric=True, multi_output=True)
        keep = self._fit_index(X, sample_weight)
        self._fit_y = np.asarray(y, dtype=float)[keep]
        return self

    def predict(self, X):
        """Weighted mean target of the k neighbours."""
        ind, w = self._neighbour_weights(X)
        total = w.sum(axis=1)
        total = np.where(total > 0, total, 1.0)
        Y = self._fit_y[ind]
        if Y.ndim == 2:
            return np.einsum("ik,ik->i", w, Y) / total
        return np.einsum("ik,iko->io", w, Y) / total[:, None]
