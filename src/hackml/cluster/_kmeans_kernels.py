"""Numba kernels of k-means with the mean centre: Lloyd and Elkan steps, k-means++ seeding.

Every kernel is a pure function of arrays. The Lloyd step and the k-means++ candidate
costs run in parallel (numba ``prange``) over a fixed number of pieces of the rows, each
piece with its own partial sums, added afterwards in piece order (so the result does not
depend on the number of threads); the distance products are BLAS calls on blocks of rows
(the caller limits BLAS to one thread, as scikit-learn does). Elkan's kernels are serial.
Distances are squared Euclidean for
assignment (``||c||^2 - 2 x.c``, the same expansion scikit-learn uses) and the inertia is
computed directly as ``sum_i w_i ||x_i - c_{l_i}||^2`` so that it is exact.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

_BLOCK = 1024  # rows per BLAS product: OpenBLAS is about twice as fast here as at 256
_PIECES = 16  # parallel pieces per Lloyd step (fixed, so results do not depend on threads)


@njit(cache=True)
def _lloyd_range(X, x_sq, w, centers, ct, c_sq, labels, dist, start, stop, sums, wsum):
    """Lloyd's assignment of rows ``start:stop`` in blocks; returns their inertia and
    how many of their labels changed."""
    k, d = centers.shape
    inert = 0.0
    changed = 0
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
            if labels[i] != best:
                changed += 1
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
    return inert, changed


@njit(cache=True, parallel=True)
def lloyd_step(X, x_sq, w, centers, labels, dist):
    """Assign every row of ``X`` to its nearest centre and accumulate the new sums.

    Overwrites ``labels`` (read first: the previous labels) and writes ``dist`` (squared
    distance to the chosen centre, by the expansion ``||x||^2 + ||c||^2 - 2 x.c`` with
    ``x_sq = ||x||^2``); returns ``(weighted_sums (k, d), weight_per_cluster (k,),
    inertia, number_of_labels_changed)``.

    The rows are cut into pieces of whole blocks, processed in parallel (``prange``), each
    with its own partial sums; the partial sums are then added in piece order, so the
    result does not depend on how the pieces were scheduled.
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
    n_blocks = (n + _BLOCK - 1) // _BLOCK
    n_pieces = min(n_blocks, _PIECES)
    part_sums = np.zeros((n_pieces, k, d))
    part_w = np.zeros((n_pieces, k))
    part_inert = np.zeros(n_pieces)
    part_changed = np.zeros(n_pieces, dtype=np.int64)
    for p in prange(n_pieces):
        start = (n_blocks * p // n_pieces) * _BLOCK
        stop = min((n_blocks * (p + 1) // n_pieces) * _BLOCK, n)
        part_inert[p], part_changed[p] = _lloyd_range(
            X, x_sq, w, centers, ct, c_sq, labels, dist, start, stop, part_sums[p], part_w[p]
        )
    sums = np.zeros((k, d))
    wsum = np.zeros(k)
    inertia = 0.0
    changed = 0
    for p in range(n_pieces):
        inertia += part_inert[p]
        changed += part_changed[p]
        for j in range(k):
            wsum[j] += part_w[p, j]
            for f in range(d):
                sums[j, f] += part_sums[p, j, f]
    return sums, wsum, inertia, changed


@njit(cache=True, parallel=True)
def centred_with_norms(X, offset):
    """``X - offset`` (a new array) and its squared row norms, in parallel over rows."""
    n, d = X.shape
    Xc = np.empty((n, d))
    x_sq = np.empty(n)
    for i in prange(n):
        s = 0.0
        for f in range(d):
            v = X[i, f] - offset[f]
            Xc[i, f] = v
            s += v * v
        x_sq[i] = s
    return Xc, x_sq


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


@njit(cache=True, parallel=True)
def kpp_candidate_costs(X, x_sq, w, cand, closest):
    """k-means++ candidates: ``cost[j, i] = min(closest[i], ||x_i - cand_j||^2)``, ``w @ cost[j]``.

    Squared distances by the expansion ``||x||^2 - 2 x.c + ||c||^2`` clipped at zero, in
    blocks of rows (BLAS products) processed in parallel pieces; the weighted sums are
    added in piece order.
    """
    n, d = X.shape
    m = cand.shape[0]
    c_sq = np.empty(m)
    for j in range(m):
        s = 0.0
        for f in range(d):
            s += cand[j, f] * cand[j, f]
        c_sq[j] = s
    ct = np.ascontiguousarray(cand.T)
    cost = np.empty((m, n))
    n_blocks = (n + _BLOCK - 1) // _BLOCK
    n_pieces = min(n_blocks, _PIECES)
    part = np.zeros((n_pieces, m))
    for p in prange(n_pieces):
        start = (n_blocks * p // n_pieces) * _BLOCK
        stop = min((n_blocks * (p + 1) // n_pieces) * _BLOCK, n)
        acc = part[p]
        for b0 in range(start, stop, _BLOCK):
            b1 = min(b0 + _BLOCK, stop)
            dots = np.dot(X[b0:b1], ct)
            for r in range(b1 - b0):
                i = b0 + r
                for j in range(m):
                    v = x_sq[i] - 2.0 * dots[r, j] + c_sq[j]
                    v = v if v > 0.0 else 0.0
                    v = v if v < closest[i] else closest[i]
                    cost[j, i] = v
                    acc[j] += w[i] * v
    pot = np.zeros(m)
    for p in range(n_pieces):
        for j in range(m):
            pot[j] += part[p, j]
    return cost, pot
