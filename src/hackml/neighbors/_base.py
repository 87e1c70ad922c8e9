"""Shared machinery of the neighbours family: metrics, the search, and neighbour weights.

The metric is the replaceable piece. Built in: the Minkowski family (``"euclidean"``,
``"manhattan"``, ``"chebyshev"``, ``"minkowski"`` with ``p``), ``"cosine"`` and
``"mahalanobis"`` (``metric_params={"VI": inverse_covariance}`` or ``{"V": covariance}``).
A user metric is a callable ``metric(u, v, **metric_params) -> float`` on two 1-D float
arrays; a numba ``@njit`` function runs in a compiled loop, a plain Python function in a
Python loop (correct, but slow on large data).

Mahalanobis is searched as the Euclidean distance of the transformed rows ``x @ L``
where ``VI = L L^T`` (Cholesky), so it uses BLAS and the KD-tree like Euclidean.
"""

from __future__ import annotations

import numbers
import os
from concurrent.futures import ThreadPoolExecutor
from typing import ClassVar

import numpy as np
from numba.core.registry import CPUDispatcher
from scipy.spatial.distance import cdist
from sklearn.base import BaseEstimator
from threadpoolctl import threadpool_limits

from .._core.validation import (
    check_is_fitted,
    check_sample_weight,
    check_scalar,
    validate_data,
)
from . import _kdtree
from ._kernels import (
    finish_rdist,
    offer_from_gram,
    pairwise_compiled,
    rescore_exact,
    select_from_distances,
    select_minkowski,
)

_MINKOWSKI_P = {
    "euclidean": 2.0,
    "l2": 2.0,
    "manhattan": 1.0,
    "cityblock": 1.0,
    "l1": 1.0,
    "chebyshev": np.inf,
    "infinity": np.inf,
}
METRICS = (*_MINKOWSKI_P, "minkowski", "cosine", "mahalanobis")
ALGORITHMS = ("auto", "brute", "kd_tree")
_CHUNK_ELEMENTS = 2**22  # distance-block entries per chunk (32 MiB of float64)
_EXTRA_CANDIDATES = 8  # re-scored exactly after the BLAS pre-selection
_QUERY_TILE, _FIT_TILE = 256, 2048  # Gram tile of 4 MiB


class _Metric:
    """A resolved metric: ``kind`` in {"minkowski", "cosine", "callable"}."""

    def __init__(self, kind, p=2.0, transform=None, func=None, kwargs=None):
        self.kind, self.p, self.transform = kind, p, transform
        self.func, self.kwargs = func, kwargs or {}

    def prepare(self, X):
        """Rows as the search sees them (Mahalanobis-transformed, or unit-norm)."""
        if self.transform is not None:
            return X @ self.transform
        if self.kind == "cosine":
            norms = np.sqrt(np.einsum("ij,ij->i", X, X))
            return X / np.where(norms > 0, norms, 1.0)[:, None]
        return X

    def block(self, Q, F):
        """Full distance block (the cosine and callable metrics)."""
        if self.kind == "cosine":
            return np.maximum(1.0 - Q @ F.T, 0.0)
        if isinstance(self.func, CPUDispatcher) and not self.kwargs:
            D = pairwise_compiled(self.func, Q, F)
        else:
            D = cdist(Q, F, metric=lambda u, v: self.func(u, v, **self.kwargs))
        if not np.all(np.isfinite(D)):
            raise ValueError("metric (a callable) returned a NaN or infinite distance.")
        return D


def resolve_metric(metric, p, metric_params, n_features):
    """Check ``metric``, ``p`` and ``metric_params``; return a :class:`_Metric`."""
    params = dict(metric_params or {})
    if callable(metric):
        u = np.zeros(n_features)
        try:
            value = metric(u, u + 1.0, **params)
            float(value)
        except Exception as exc:
            raise TypeError(
                "metric, a callable, must accept two 1-D float arrays (and the keyword "
                f"arguments of metric_params) and return a float; calling it failed with "
                f"{type(exc).__name__}: {exc}"
            ) from None
        return _Metric("callable", func=metric, kwargs=params)
    if not isinstance(metric, str) or metric not in METRICS:
        raise ValueError(f"metric must be one of {list(METRICS)} or a callable; got {metric!r}.")
    if metric in _MINKOWSKI_P:
        return _Metric("minkowski", p=_MINKOWSKI_P[metric])
    if metric == "minkowski":
        p = params.pop("p", p)
        check_scalar(p, "p", low=1)
        return _Metric("minkowski", p=float(p))
    if metric == "cosine":
        return _Metric("cosine")
    return _Metric("minkowski", p=2.0, transform=_mahalanobis_factor(params, n_features))


def _mahalanobis_factor(params, n_features):
    """``L`` with ``VI = L L^T`` from ``metric_params`` ``VI`` or ``V``."""
    if "VI" in params:
        VI = np.asarray(params["VI"], dtype=float)
    elif "V" in params:
        V = np.asarray(params["V"], dtype=float)
        if V.shape != (n_features, n_features):
            raise ValueError(
                f"metric_params['V'] must have shape ({n_features}, {n_features}); got {V.shape}."
            )
        VI = np.linalg.pinv(V)
    else:
        raise ValueError(
            "metric='mahalanobis' needs metric_params={'VI': inverse covariance} or "
            "{'V': covariance}; got neither."
        )
    if VI.shape != (n_features, n_features) or not np.all(np.isfinite(VI)):
        raise ValueError(
            f"metric_params['VI'] must be a finite ({n_features}, {n_features}) matrix; "
            f"got shape {VI.shape}."
        )
    try:
        return np.linalg.cholesky((VI + VI.T) / 2.0)
    except np.linalg.LinAlgError:
        raise ValueError(
            "metric_params['VI'] must be symmetric positive definite; Cholesky failed."
        ) from None


def search(metric, algorithm, F, tree, Q, k):
    """The ``k`` nearest rows of ``F`` to each row of ``Q``: (distances, indices)."""
    if algorithm == "kd_tree":
        d, i = _kdtree.query(F, *tree, Q, k, metric.p)
        return finish_rdist(d, metric.p), i
    if metric.kind == "minkowski" and metric.p == 2.0:
        return _search_euclidean(F, Q, k)
    nf = F.shape[0]
    chunk = max(1, _CHUNK_ELEMENTS // max(nf, 1))
    dist = np.empty((Q.shape[0], k))
    ind = np.empty((Q.shape[0], k), dtype=np.int64)
    for s in range(0, Q.shape[0], chunk):
        Qc = Q[s : s + chunk]
        if metric.kind == "minkowski":
            d, i = select_minkowski(Qc, F, k, metric.p)
        else:
            d, i = select_from_distances(metric.block(Qc, F), k)
        dist[s : s + chunk], ind[s : s + chunk] = d, i
    if metric.kind == "minkowski":
        dist = finish_rdist(dist, metric.p)
    return dist, ind


def _search_euclidean(F, Q, k):
    """Brute force on BLAS: Gram tiles small enough to stay in cache feed candidate heaps
    (``|y|^2 - 2 x.y`` ranks like the distance), then the candidates are re-scored.

    Query tiles run on one thread per core, each with single-threaded BLAS: small GEMMs
    parallelise badly inside BLAS, whole tiles parallelise perfectly.
    """
    nf = F.shape[0]
    n_cand = min(nf, k + _EXTRA_CANDIDATES)
    sq = np.einsum("ij,ij->i", F, F)
    dist = np.empty((Q.shape[0], k))
    ind = np.empty((Q.shape[0], k), dtype=np.int64)

    def tile(s):
        Qc = Q[s : s + _QUERY_TILE]
        hd = np.full((Qc.shape[0], n_cand), np.inf)
        hi = np.full((Qc.shape[0], n_cand), nf, dtype=np.int64)
        for b in range(0, nf, _FIT_TILE):
            Fb = F[b : b + _FIT_TILE]
            offer_from_gram(Qc @ Fb.T, sq[b : b + _FIT_TILE], b, hd, hi)
        d, i = rescore_exact(Qc, F, hd, hi, k, 2.0)
        dist[s : s + _QUERY_TILE], ind[s : s + _QUERY_TILE] = np.sqrt(d), i

    starts = range(0, Q.shape[0], _QUERY_TILE)
    n_threads = min(len(starts), os.cpu_count() or 1)
    if n_threads <= 1:
        for s in starts:
            tile(s)
        return dist, ind
    with threadpool_limits(1, user_api="blas"), ThreadPoolExecutor(n_threads) as pool:
        list(pool.map(tile, starts))
    return dist, ind


class _NeighborsBase(BaseEstimator):
    """Fit storage and ``kneighbors`` shared by the kNN classifier and regressor."""

    _expected_failed_checks: ClassVar[dict[str, str]] = {
        "check_sample_weight_equivalence_on_dense_data": (
            "sample_weight weights a neighbour's vote or value; an integer weight is not "
            "the same as repeating the row, which would also fill more of the k places"
        ),
    }

    def _check_params(self, n_samples):
        check_scalar(self.n_neighbors, "n_neighbors", kind=numbers.Integral, low=1)
        check_scalar(self.leaf_size, "leaf_size", kind=numbers.Integral, low=1)
        if self.algorithm not in ALGORITHMS:
            raise ValueError(
                f"algorithm must be one of {list(ALGORITHMS)}; got {self.algorithm!r}."
            )
        w = self.weights
        if not (callable(w) or w in ("uniform", "distance")):
            raise ValueError(f"weights must be 'uniform', 'distance' or a callable; got {w!r}.")
        if self.n_neighbors > n_samples:
            raise ValueError(
                f"n_neighbors={self.n_neighbors} must be <= the number of training samples "
                f"with positive weight; got {n_samples} sample{'s' if n_samples != 1 else ''}."
            )

    def _fit_index(self, X, sample_weight):
        """Store the searchable training rows; return the kept-row mask."""
        w = check_sample_weight(sample_weight, X.shape[0])
        keep = w > 0
        self._check_params(int(keep.sum()))
        metric = resolve_metric(self.metric, self.p, self.metric_params, X.shape[1])
        algorithm = self.algorithm
        if algorithm == "auto":
            small_dim = X.shape[1] <= 15 and keep.sum() >= 256
            algorithm = "kd_tree" if metric.kind == "minkowski" and small_dim else "brute"
        if algorithm == "kd_tree" and metric.kind != "minkowski":
            raise ValueError(
                "algorithm='kd_tree' needs a Minkowski-family or Mahalanobis metric; "
                f"got metric={self.metric!r}. Use algorithm='brute'."
            )
        self._metric = metric
        self._fit_X = np.ascontiguousarray(metric.prepare(X[keep]))
        self._fit_rows = np.flatnonzero(keep)
        self._fit_weight = w[keep]
        self._tree = None
        if algorithm == "kd_tree":
            n_levels = _kdtree.n_levels_for(self._fit_X.shape[0], self.leaf_size)
            built = _kdtree.build(self._fit_X, n_levels)
            self._fit_X = np.ascontiguousarray(self._fit_X)
            self._tree = built
        self.algorithm_ = algorithm
        self.n_samples_fit_ = int(keep.sum())
        return keep

    def _search(self, X, n_neighbors):
        Q = np.ascontiguousarray(self._metric.prepare(X))
        return search(self._metric, self.algorithm_, self._fit_X, self._tree, Q, n_neighbors)

    def kneighbors(self, X=None, n_neighbors=None, return_distance=True):
        """The ``n_neighbors`` nearest training rows of each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features) or None
            None queries the training rows themselves, each leaving itself out.
        n_neighbors : int or None
            Defaults to the ``n_neighbors`` of the estimator.
        return_distance : bool, default=True

        Returns
        -------
        distances : ndarray of shape (n_queries, n_neighbors), when ``return_distance``
        indices : ndarray of shape (n_queries, n_neighbors)
            Rows of the ``X`` given to ``fit``, nearest first; equidistant rows in
            increasing index order. Rows fitted with zero ``sample_weight`` are never
            neighbours.
        """
        check_is_fitted(self)
        k = self.n_neighbors if n_neighbors is None else n_neighbors
        self_query = X is None
        available = self.n_samples_fit_ - (1 if self_query else 0)
        check_scalar(k, "n_neighbors", kind=numbers.Integral, low=1)
        if k > available:
            raise ValueError(
                f"n_neighbors={k} must be <= the number of training samples that can be "
                f"neighbours; got {available}."
            )
        if self_query:
            Q = self._fit_X
            d, i = search(self._metric, self.algorithm_, self._fit_X, self._tree, Q, k + 1)
            d, i = _drop_self(d, i)
        else:
            X = validate_data(self, X, reset=False, dtype=np.float64)
            d, i = self._search(X, k)
        i = self._fit_rows[i]
        return (d, i) if return_distance else i

    def _neighbour_weights(self, X):
        """Indices (into the kept rows) and weights of each query's neighbours."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        dist, ind = self._search(X, self.n_neighbors)
        if self.weights == "uniform":
            w = np.ones_like(dist)
        elif self.weights == "distance":
            with np.errstate(divide="ignore"):
                w = 1.0 / dist
            exact = np.isinf(w)
            rows = exact.any(axis=1)
            w[rows] = exact[rows]  # a query on a training row takes that row's answer
        else:
            w = np.asarray(self.weights(dist), dtype=float)
            if w.shape != dist.shape:
                raise ValueError(
                    f"weights (a callable) must return an array of shape {dist.shape}; "
                    f"got {w.shape}."
                )
        return ind, w * self._fit_weight[ind]


def _drop_self(d, i):
    """Remove each query's own row from k+1 neighbours (or its last one)."""
    n, k1 = i.shape
    own = i == np.arange(n)[:, None]
    missing = ~own.any(axis=1)
    own[missing, k1 - 1] = True
    keep = ~own
    return d[keep].reshape(n, k1 - 1), i[keep].reshape(n, k1 - 1)
