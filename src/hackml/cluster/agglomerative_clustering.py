"""Agglomerative (hierarchical) clustering with seven linkages and a scipy-format tree."""

from __future__ import annotations

import numbers

import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.metrics import pairwise_distances_argmin_min

from .._core.validation import check_choice, check_is_fitted, check_scalar, validate_data
from ._linkage import METHODS
from .hierarchy import EUCLIDEAN_ONLY, cut, dendrogram, linkage


class AgglomerativeClustering(ClusterMixin, BaseEstimator):
    """Bottom-up clustering: start from single points, repeatedly merge the closest pair.

    "Closest" is the linkage's cluster distance; after merging ``x`` and ``y`` the
    distance to every other cluster ``i`` is updated by the Lance-Williams formula of
    the linkage (see :mod:`hackml.cluster._linkage`). Ward's linkage greedily minimises
    the objective

        W = sum_clusters sum_{i in C} ||x_i - mean(C)||^2

    (each merge adds the least to W; its height is ``sqrt(2 * increase)``); the others
    are defined by their merge rule: single (nearest members), complete (farthest),
    average (mean pairwise distance, UPGMA), weighted (WPGMA), centroid (distance of the
    means), median (WPGMC). The full tree is kept as a scipy-format linkage matrix and
    cut into flat clusters by ``n_clusters`` or ``distance_threshold``.

    Parameters
    ----------
    n_clusters : int or None, default=2
        Undo the last ``n_clusters - 1`` merges. Must be None when
        ``distance_threshold`` is given.
    distance_threshold : float or None, default=None
        Keep every merge whose subtree's greatest height is at most this.
    linkage : {"ward", "single", "complete", "average", "weighted", "centroid", \
"median"}, default="ward"
    metric : str, default="euclidean"
        Any ``scipy.spatial.distance.pdist`` metric (euclidean only for ward, centroid,
        median).

    Attributes
    ----------
    labels_ : ndarray (n_samples,)
    n_clusters_ : int
    linkage_matrix_ : ndarray (n_samples - 1, 4)
        scipy's format: merged ids, height, size.
    children_ : ndarray (n_samples - 1, 2)
        The merged ids of each row (as scikit-learn's ``children_``).
    distances_ : ndarray (n_samples - 1,)
        Merge heights.

    Examples
    --------
    >>> import numpy as np
    >>> from hackml.datasets import load_iris
    >>> from hackml.cluster import AgglomerativeClustering
    >>> X = load_iris().data
    >>> model = AgglomerativeClustering(n_clusters=3).fit(X)
    >>> model.linkage_matrix_.shape, sorted(np.bincount(model.labels_).tolist())
    ((149, 4), [36, 50, 64])
    >>> AgglomerativeClustering(n_clusters=None, distance_threshold=10).fit(X).n_clusters_
    3
    """

    def __init__(
        self, *, n_clusters=2, distance_threshold=None, linkage="ward", metric="euclidean"
    ):
        self.n_clusters = n_clusters
        self.distance_threshold = distance_threshold
        self.linkage = linkage
        self.metric = metric

    def fit(self, X, y=None):
        """Build the tree of X and cut it."""
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=2)
        check_choice(self.linkage, "linkage", METHODS)
        if self.linkage in EUCLIDEAN_ONLY and self.metric != "euclidean":
            raise ValueError(
                f"linkage={self.linkage!r} needs metric='euclidean'; got {self.metric!r}."
            )
        if (self.n_clusters is None) == (self.distance_threshold is None):
            raise ValueError(
                "exactly one of n_clusters and distance_threshold must be None; got "
                f"n_clusters={self.n_clusters!r}, "
                f"distance_threshold={self.distance_threshold!r}."
            )
        if self.n_clusters is not None:
            check_scalar(self.n_clusters, "n_clusters", kind=numbers.Integral, low=1)
            if self.n_clusters > X.shape[0]:
                raise ValueError(
                    f"n_clusters={self.n_clusters} is larger than n_samples={X.shape[0]}."
                )
        Z = linkage(X, method=self.linkage, metric=self.metric)
        if self.n_clusters is not None:
            labels = cut(Z, n_clusters=int(self.n_clusters))
        else:
            labels = cut(Z, distance=self.distance_threshold)
        self.linkage_matrix_ = Z
        self.children_ = Z[:, :2].astype(np.intp)
        self.distances_ = Z[:, 2].copy()
        self.labels_ = labels.astype(np.intp)
        self.n_clusters_ = int(labels.max()) + 1
        self._X_fit = X
        return self

    def predict(self, X):
        """Cluster of each row's nearest training point (Euclidean).

        Hierarchical clustering defines no rule for new points; this is the simplest
        one consistent with the fit (for single linkage it is exactly the tree's rule).
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        nearest, _ = pairwise_distances_argmin_min(X, self._X_fit)
        return self.labels_[nearest]

    def plot_dendrogram(self, ax=None, labels=None):
        """Draw the fitted tree (matplotlib); returns the layout of :func:`dendrogram`."""
        check_is_fitted(self)
        return dendrogram(self.linkage_matrix_, ax=ax, labels=labels)
