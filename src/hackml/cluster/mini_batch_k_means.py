"""Mini-batch k-means: the k-means objective from small random batches."""

from __future__ import annotations

import numbers
from typing import ClassVar

import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin

from .._core.validation import (
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    check_scalar,
    validate_data,
)
from ._centers import MeanCenter
from ._kmeans import EXPECTED_FAILED
from ._kmeans_kernels import inertia_of
from .k_means import initial_centers


def _assign(X, w, C):
    """Labels, squared distances, per-centre weighted sums and weights of a batch."""
    d = MeanCenter().cost(X, C)
    labels = np.argmin(d, axis=1)
    dist = d[np.arange(X.shape[0]), labels]
    k = C.shape[0]
    wsum = np.bincount(labels, weights=w, minlength=k)
    sums = np.zeros_like(C)
    np.add.at(sums, labels, X * w[:, None])
    return labels, dist, sums, wsum


class MiniBatchKMeans(ClusterMixin, TransformerMixin, BaseEstimator):
    """k-means fitted on random mini-batches (Sculley, 2010), for data too large for Lloyd.

    Minimises the same objective as :class:`KMeans` with the mean centre,

        J(c) = sum_i w_i min_k ||x_i - c_k||^2,

    by stochastic steps: each batch is assigned to the current centres and every centre
    moves to the weighted mean of all samples it has ever received
    (``c_k <- c_k + (sum_batch w x - m_batch c_k) / M_k`` with ``M_k`` the cumulative
    weight, a per-centre step size ``m_batch / M_k``). ``objective_history_`` records each
    batch's mean cost before its update; it is noisy and may rise (``inertia_`` is the
    full-data cost of the final centres).

    Parameters
    ----------
    n_clusters : int, default=8
    batch_size : int, default=1024
    max_iter : int, default=100
        Passes over the data (epochs).
    tol : float, default=0.0
        Stop when a step moves the centres by at most ``tol`` times the mean feature
        variance (summed squared shift); 0 runs all epochs.
    init : {"k-means++", "random"} or array, default="k-means++"
        k-means++ runs on a random subsample of ``3 * batch_size`` points.
    reassignment_ratio : float, default=0.01
        After each epoch a centre whose cumulative weight is below this fraction of the
        largest one jumps to a random sample (the remedy for dead centres).
    random_state : int, RandomState or None, default=None

    Attributes
    ----------
    cluster_centers_, labels_, inertia_, objective_history_, n_iter_ (epochs),
    n_steps_, converged_

    Examples
    --------
    >>> from hackml.datasets import load_iris
    >>> from hackml.cluster import MiniBatchKMeans
    >>> X = load_iris().data
    >>> mbk = MiniBatchKMeans(n_clusters=3, batch_size=32, max_iter=20, random_state=0).fit(X)
    >>> bool(mbk.inertia_ < 80)
    True
    """

    _expected_failed_checks: ClassVar[dict[str, str]] = EXPECTED_FAILED
    _history_may_increase = "each entry is one random mini-batch's cost: noisy by design."

    def __init__(
        self,
        *,
        n_clusters=8,
        batch_size=1024,
        max_iter=100,
        tol=0.0,
        init="k-means++",
        reassignment_ratio=0.01,
        random_state=None,
    ):
        self.n_clusters = n_clusters
        self.batch_size = batch_size
        self.max_iter = max_iter
        self.tol = tol
        self.init = init
        self.reassignment_ratio = reassignment_ratio
        self.random_state = random_state

    def fit(self, X, y=None, sample_weight=None):
        """Fit the centres by mini-batch steps."""
        X = validate_data(self, X, dtype=np.float64, order="C")
        w = check_sample_weight(sample_weight, X.shape[0])
        k = check_scalar(self.n_clusters, "n_clusters", kind=numbers.Integral, low=1)
        b = check_scalar(self.batch_size, "batch_size", kind=numbers.Integral, low=1)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.tol, "tol", low=0)
        check_scalar(self.reassignment_ratio, "reassignment_ratio", low=0, high=1)
        n = X.shape[0]
        if n < k:
            raise ValueError(f"n_samples={n} should be >= n_clusters={k}.")
        rng = check_random_state(self.random_state)
        sub = rng.choice(n, size=min(n, max(3 * b, k)), replace=False)
        C = initial_centers(X[sub], w[sub], k, MeanCenter(), self.init, rng)
        mass = np.zeros(k)
        scale = float(np.var(X, axis=0).mean()) or 1.0
        history, steps, converged = [], 0, False
        for epoch in range(self.max_iter):
            order = rng.permutation(n)
            for s in range(0, n, b):
                idx = np.sort(order[s : s + b])
                Xb, wb = X[idx], w[idx]
                _, dist, sums, wsum = _assign(Xb, wb, C)
                history.append(float(wb @ dist / wb.sum()))
                mass += wsum
                moved = wsum > 0
                new = C.copy()
                new[moved] += (sums[moved] - wsum[moved, None] * C[moved]) / mass[moved, None]
                shift = float(((new - C) ** 2).sum())
                C = new
                steps += 1
                if self.tol > 0 and shift <= self.tol * scale:
                    converged = True
                    break
            if converged:
                break
            dead = mass < self.reassignment_ratio * mass.max()
            if dead.any() and epoch < self.max_iter - 1:
                C[dead] = X[rng.choice(n, size=int(dead.sum()), replace=False)]
                mass[dead] = 0.0
        labels = np.empty(n, dtype=np.int64)
        for s in range(0, n, 65536):  # the final assignment, in memory-bounded chunks
            labels[s : s + 65536] = np.argmin(MeanCenter().cost(X[s : s + 65536], C), axis=1)
        dist = np.empty(n)
        self.cluster_centers_ = C
        self.labels_ = labels.astype(np.intp)
        self.inertia_ = float(inertia_of(X, w, C, labels, dist))
        self.objective_history_ = history
        self.n_iter_, self.n_steps_, self.converged_ = epoch + 1, steps, converged
        return self

    def _checked(self, X):
        check_is_fitted(self)
        return validate_data(self, X, reset=False, dtype=np.float64, order="C")

    def predict(self, X):
        """Index of the nearest centre."""
        return np.argmin(MeanCenter().cost(self._checked(X), self.cluster_centers_), axis=1)

    def transform(self, X):
        """Euclidean distances to the centres."""
        return MeanCenter().distance(self._checked(X), self.cluster_centers_)

    def score(self, X, y=None, sample_weight=None):
        """Minus the k-means objective on X."""
        X = self._checked(X)
        w = check_sample_weight(sample_weight, X.shape[0])
        return -float(w @ MeanCenter().cost(X, self.cluster_centers_).min(axis=1))
