"""k-means with a replaceable centre (mean, median, medoid, spherical or your own)."""

from __future__ import annotations

import numbers
from typing import ClassVar

import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin
from threadpoolctl import threadpool_limits

from .._core.monitor import ConvergenceMonitor
from .._core.validation import (
    check_choice,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    check_scalar,
    validate_data,
)
from ._centers import checked_cost, resolve_center
from ._kmeans import EXPECTED_FAILED, is_mean, kmeans_plusplus, run_kmeans


def initial_centers(X, w, k, center, init, rng):
    """Starting centres from ``init`` ("k-means++", "random" or an array)."""
    if isinstance(init, str):
        if init == "k-means++":
            return kmeans_plusplus(X, w, k, center, rng)
        idx = rng.choice(X.shape[0], size=k, replace=False, p=w / w.sum())
        C = X[idx].copy()
        if np.unique(C, axis=0).shape[0] < k:
            distinct = np.unique(X, axis=0)
            if distinct.shape[0] < k:
                raise ValueError(
                    f"n_clusters={k} is larger than the number of distinct points in X "
                    f"({distinct.shape[0]}). Lower n_clusters."
                )
            C = distinct[rng.choice(distinct.shape[0], size=k, replace=False)]
        return C
    C = np.array(init, dtype=float)
    if C.shape != (k, X.shape[1]):
        raise ValueError(
            f"init must have shape (n_clusters, n_features) = {(k, X.shape[1])}; got {C.shape}."
        )
    if not np.all(np.isfinite(C)):
        raise ValueError("init contains NaN or inf.")
    return C


class KMeans(ClusterMixin, TransformerMixin, BaseEstimator):
    """k-means clustering that minimises the objective of the centre you choose.

    Finds labels ``l`` and centres ``c_1..c_k`` minimising

        J(l, c) = sum_i w_i * cost(x_i, c_{l_i})

    by alternating an assignment step (each sample to its cheapest centre) and an update
    step (each centre from its samples); ``objective_history_`` records J after every
    assignment, and it never increases. The centre decides ``cost`` and the update:

    - ``"mean"``: ``||x - c||^2`` and the weighted mean (classic k-means; the inertia);
    - ``"median"``: ``||x - c||_1`` and the coordinate-wise weighted median (k-medians);
    - ``"medoid"``: ``||x - c||_2`` and the member with the least summed distance to the
      others (k-medoids, alternate algorithm; O(n_k^2) per cluster);
    - ``"spherical"``: ``1 - cos(x, c)`` on unit-normalised rows and the normalised sum;
    - a function ``f(X_cluster, w_cluster) -> (n_features,)`` (squared Euclidean cost), or
      any object with ``cost(X, centers) -> (n_samples, n_clusters)`` and
      ``update(X, w, labels, centers) -> (n_clusters, n_features)``
      (see :class:`hackml.cluster.Center`).

    The mean centre runs numba kernels (Lloyd: blocked BLAS distances; Elkan: triangle
    inequality bounds); other centres run the same loop in NumPy, one ``cost`` and one
    ``update`` call per iteration.

    Parameters
    ----------
    n_clusters : int, default=8
    center : str, callable or centre object, default="mean"
    init : {"k-means++", "random"} or array of shape (n_clusters, n_features)
        ``"k-means++"``: greedy k-means++ with ``2 + log k`` candidates per centre,
        sampled by the centre's own cost.
    n_init : int or "auto", default="auto"
        Runs from different seeds; the lowest objective wins. "auto": 1 for k-means++ or
        an array, 10 for random.
    algorithm : {"lloyd", "elkan"}, default="lloyd"
        Elkan is only for the mean centre; both give the same labels.
    max_iter : int, default=300
        Most centre updates per run.
    tol : float, default=1e-4
        Stop when the summed squared centre shift is at most ``tol`` times the mean
        feature variance of X (scikit-learn's rule). Runs also stop when no label changes.
    callbacks : list of callables, default=None
    verbose : bool, default=False
    random_state : int, RandomState or None, default=None

    Attributes
    ----------
    cluster_centers_ : ndarray (n_clusters, n_features)
    labels_ : ndarray (n_samples,)
    inertia_ : float
        The objective J of the final labels and centres (for "mean", the inertia).
    objective_history_ : list of float
        J after each assignment of the winning run, starting from its initial centres.
        (For "mean" with Lloyd it is summed from the expansion ``||x||^2 + ||c||^2 -
        2 x.c`` on centred data; ``inertia_`` is the exact sum, equal to ~1e-12.)
    n_iter_, converged_ : of the winning run
    center_ : the centre object used

    Examples
    --------
    >>> import numpy as np
    >>> from hackml.datasets import load_iris
    >>> from hackml.cluster import KMeans
    >>> X = load_iris().data
    >>> km = KMeans(n_clusters=3, random_state=0).fit(X)
    >>> round(km.inertia_, 2)
    78.86
    >>> bool(np.isclose(km.objective_history_[-1], km.inertia_, rtol=1e-12))
    True
    >>> kmed = KMeans(n_clusters=3, center="median", random_state=0).fit(X)
    >>> kmed.center_.name, bool(kmed.objective_history_[0] >= kmed.inertia_)
    ('median', True)
    """

    _expected_failed_checks: ClassVar[dict[str, str]] = EXPECTED_FAILED

    def __init__(
        self,
        *,
        n_clusters=8,
        center="mean",
        init="k-means++",
        n_init="auto",
        algorithm="lloyd",
        max_iter=300,
        tol=1e-4,
        callbacks=None,
        verbose=False,
        random_state=None,
    ):
        self.n_clusters = n_clusters
        self.center = center
        self.init = init
        self.n_init = n_init
        self.algorithm = algorithm
        self.max_iter = max_iter
        self.tol = tol
        self.callbacks = callbacks
        self.verbose = verbose
        self.random_state = random_state

    def _check_params(self, n_samples):
        check_scalar(self.n_clusters, "n_clusters", kind=numbers.Integral, low=1)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.tol, "tol", low=0)
        check_choice(self.algorithm, "algorithm", ["lloyd", "elkan"])
        if isinstance(self.init, str):
            check_choice(self.init, "init", ["k-means++", "random"])
        if self.n_init == "auto":
            n_init = 10 if (isinstance(self.init, str) and self.init == "random") else 1
        else:
            n_init = check_scalar(self.n_init, "n_init", kind=numbers.Integral, low=1)
        if n_samples < self.n_clusters:
            raise ValueError(f"n_samples={n_samples} should be >= n_clusters={self.n_clusters}.")
        center = resolve_center(self.center)
        if self.algorithm == "elkan" and not is_mean(center):
            raise ValueError(
                f"algorithm='elkan' needs center='mean' (its bounds use the Euclidean "
                f"triangle inequality); got center={self.center!r}. Use algorithm='lloyd'."
            )
        return center, n_init

    def fit(self, X, y=None, sample_weight=None):
        """Cluster X; ``sample_weight`` weighs each sample's cost (and the seeding)."""
        X = validate_data(self, X, dtype=np.float64, order="C")
        w = check_sample_weight(sample_weight, X.shape[0])
        center, n_init = self._check_params(X.shape[0])
        X = np.ascontiguousarray(center.prepare(X))
        rng = check_random_state(self.random_state)
        if not isinstance(self.init, str) and n_init > 1:
            n_init = 1  # an explicit init gives the same run every time
        mode = self.algorithm if is_mean(center) else "generic"
        tol_scale = float(np.var(X, axis=0).mean()) or 1.0
        best = None
        for _ in range(n_init):
            with threadpool_limits(limits=1, user_api="blas"):
                C0 = initial_centers(X, w, self.n_clusters, center, self.init, rng)
            monitor = ConvergenceMonitor(
                tol=self.tol,
                max_iter=self.max_iter,
                verbose=self.verbose,
                callbacks=self.callbacks,
                desc=type(self).__name__,
            )
            labels, C, value = run_kmeans(X, w, C0, center, mode, monitor, tol_scale)
            if best is None or value < best[2]:
                best = (labels, C, value, monitor)
        labels, C, value, monitor = best
        self.cluster_centers_ = C
        self.labels_ = labels.astype(np.intp)
        self.inertia_ = float(value)
        self.objective_history_ = list(monitor.history)
        self.n_iter_ = monitor.n_iter
        self.converged_ = monitor.converged
        self.center_ = center
        return self

    def _prepared(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64, order="C")
        return np.ascontiguousarray(self.center_.prepare(X))

    def predict(self, X):
        """Index of the cheapest centre for each sample."""
        X = self._prepared(X)
        return np.argmin(checked_cost(self.center_, X, self.cluster_centers_), axis=1)

    def fit_predict(self, X, y=None, sample_weight=None):
        return self.fit(X, sample_weight=sample_weight).labels_

    def transform(self, X):
        """Distances to every centre (Euclidean for "mean"; the centre's cost otherwise)."""
        return self.center_.distance(self._prepared(X), self.cluster_centers_)

    def fit_transform(self, X, y=None, sample_weight=None):
        return self.fit(X, sample_weight=sample_weight).transform(X)

    def score(self, X, y=None, sample_weight=None):
        """Minus the objective J on X (higher is better, as in scikit-learn)."""
        X = self._prepared(X)
        w = check_sample_weight(sample_weight, X.shape[0])
        cost = checked_cost(self.center_, X, self.cluster_centers_)
        return -float(w @ cost.min(axis=1))
