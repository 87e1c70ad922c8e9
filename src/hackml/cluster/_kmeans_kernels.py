"""Numba kernels of k-means with the mean centre: Lloyd and Elkan steps, k-means++ seeding.

Every kernel is a pure function of arrays and runs on one thread: on a shared, loaded
machine numba's OpenMP pool (busy-waiting threads) made the two-thread version slower
than this one, and the caller limits BLAS (used for the blocked distance products) to
one thread as scikit-learn does. Distances are squared Euclidean for
assignment (``||c||^2 - 2 x.c``, the same expansion scikit-learn uses) and the inertia is
computed directly as ``sum_i w_i ||x_i - c_{l_i}||^2`` so that it is exact.
"""

from __future__ import annotations

import numpy as np
from numba import njit

_BLOCK = 256


@njit(cache=True)
def _lloyd_range(X, x_sq, w, centers, ct, c_sq, labels, dist, start, stop, sums, wsum):
    """Lloyd's assignment of rows ``start:stop`` in blocks; returns their inertia."""
    k, d = centers.shape
    inert = 0.0
    for b0 in range(start, stop, _BLOCK):
        b1 = min(b0 + _BLOCK, stop)
        dots = np.dot(X[b0:b1], ct)
        for r in range(b1 - b0):
            i = b0 + r
            best = 0
            best_val = c_sq[0] - 2.0 * dots[r, 0]
            for j in range(1, k):
                v = c_sq[j] - 2.0 * dots[r, j]
                if v < best_val:
                    best_val = v
                    best = j
            labels[i] = best
            wi = w[i]
            row = sums[best]
            for f in range(d):
                row[f] += wi * X[i, f]
            s = x_sq[i] + best_val
            s = s if s > 0.0 else 0.0
            dist[i] = s
            wsum[best] += wi
            inert += wi * s
    return inert


@njit(cache=True)
def lloyd_step(X, x_sq, w, centers, labels, dist):
    """Assign every row of ``X`` to its nearest centre and accumulate the new sums.

    Writes ``labels`` and ``dist`` (squared distance to the chosen centre, by the
    expansion ``||x||^2 + ||c||^2 - 2 x.c`` with ``x_sq = ||x||^2``); returns
    ``(weighted_sums (k, d), weight_per_cluster (k,), inertia)``.
    """
    n, d = X.shape
    k = centers.shape[0]
    c_sq = np.empty(k)
    for j in range(k):
        s = 0.0
        for f in range(d):
            s += centers[j, f] * centers[j, f]
        c_sq[j] = s
    ct = np.ascontiguousarray(centers.T)
    sums = np.zeros((k, d))
    wsum = np.zeros(k)
    inertia = _lloyd_range(X, x_sq, w, centers, ct, c_sq, labels, dist, 0, n, sums, wsum)
    return sums, wsum, inertia


@njit(cache=True)
def _sqdist_row(X, i, C, j):
    s = 0.0
    for f in range(X.shape[1]):
        diff = X[i, f] - C[j, f]
        s += diff * diff
    return s


@njit(cache=True)
def center_distances(C):
    """Euclidean distances between centres and half the distance to each nearest one."""
    k = C.shape[0]
    cc = np.zeros((k, k))
    for a in range(k):
        for b in range(a + 1, k):
            v = np.sqrt(_sqdist_row(C, a, C, b))
            cc[a, b] = v
            cc[b, a] = v
    half_min = np.full(k, np.inf)
    for a in range(k):
        for b in range(k):
            if a != b and 0.5 * cc[a, b] < half_min[a]:
                half_min[a] = 0.5 * cc[a, b]
    return cc, half_min


@njit(cache=True)
def elkan_init(X, C, labels, upper, lower):
    """Exact assignment that also sets Elkan's bounds (Euclidean, not squared)."""
    n = X.shape[0]
    k = C.shape[0]
    for i in range(n):
        best = 0
        best_d = np.inf
        for j in range(k):
            dj = np.sqrt(_sqdist_row(X, i, C, j))
            lower[i, j] = dj
            if dj < best_d:
                best_d = dj
                best = j
        labels[i] = best
        upper[i] = best_d


@njit(cache=True)
def elkan_assign(X, C, labels, upper, lower):
    """One Elkan assignment with bounds already moved for the latest centre shift.

    Skips a distance whenever the triangle inequality proves it cannot win.
    """
    n = X.shape[0]
    k = C.shape[0]
    cc, half_min = center_distances(C)
    for i in range(n):
        a = labels[i]
        u = upper[i]
        if u <= half_min[a]:
            continue
        tight = False
        for j in range(k):
            if j == a or u <= lower[i, j] or u <= 0.5 * cc[a, j]:
                continue
            if not tight:
                u = np.sqrt(_sqdist_row(X, i, C, a))
                lower[i, a] = u
                tight = True
                if u <= lower[i, j] or u <= 0.5 * cc[a, j]:
                    continue
            dj = np.sqrt(_sqdist_row(X, i, C, j))
            lower[i, j] = dj
            if dj < u:
                a = j
                u = dj
        labels[i] = a
        upper[i] = u


@njit(cache=True)
def move_bounds(labels, upper, lower, shift):
    """Loosen Elkan's bounds after the centres moved by ``shift`` (Euclidean)."""
    n, k = lower.shape
    for i in range(n):
        upper[i] += shift[labels[i]]
        for j in range(k):
            v = lower[i, j] - shift[j]
            lower[i, j] = v if v > 0.0 else 0.0


@njit(cache=True)
def weighted_sums(X, w, labels, k):
    """Per-cluster weighted sums and weights."""
    n, d = X.shape
    sums = np.zeros((k, d))
    wsum = np.zeros(k)
    for i in range(n):
        j = labels[i]
        wsum[j] += w[i]
        for f in range(d):
            sums[j, f] += w[i] * X[i, f]
    return sums, wsum


@njit(cache=True)
def inertia_of(X, w, C, labels, dist):
    """``sum_i w_i ||x_i - c_{l_i}||^2``; writes each squared distance into ``dist``."""
    n = X.shape[0]
    total = 0.0
    for i in range(n):
        s = _sqdist_row(X, i, C, labels[i])
        dist[i] = s
        total += w[i] * s
    return total
