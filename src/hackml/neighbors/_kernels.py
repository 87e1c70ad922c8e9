"""Compiled kernels of the neighbours family: reduced distances and k-smallest selection.

All distances of the Minkowski family are handled as *reduced* distances (the sum of
``|u_j - v_j|**p``; the maximum for ``p = inf``), which rank exactly like the true
distance; :func:`finish_rdist` turns them into distances at the end.

Ties: every selection keeps the ``k`` smallest pairs ``(distance, index)`` in
lexicographic order, so among equidistant points the one with the smaller training index
wins. The brute-force and KD-tree searches therefore return the same neighbours.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange


@njit(cache=True, inline="always")
def rdist(u, v, p):
    """Reduced Minkowski distance between two rows (``p = inf``: Chebyshev)."""
    acc = 0.0
    if p == 2.0:
        for j in range(u.shape[0]):
            d = u[j] - v[j]
            acc += d * d
    elif p == 1.0:
        for j in range(u.shape[0]):
            acc += abs(u[j] - v[j])
    elif np.isinf(p):
        for j in range(u.shape[0]):
            d = abs(u[j] - v[j])
            if d > acc:
                acc = d
    else:
        for j in range(u.shape[0]):
            acc += abs(u[j] - v[j]) ** p
    return acc


@njit(cache=True)
def finish_rdist(r, p):
    """Turn reduced distances into distances (in place except for p = 2)."""
    if p == 1.0 or np.isinf(p):
        return r
    if p == 2.0:
        return np.sqrt(r)
    inv = 1.0 / p
    for i in range(r.shape[0]):
        for j in range(r.shape[1]):
            r[i, j] = r[i, j] ** inv if r[i, j] > 0 else 0.0
    return r


@njit(cache=True, inline="always")
def heap_push(dist, idx, d, i):
    """Offer ``(d, i)`` to the max-heap ``(dist, idx)`` of fixed size (root = worst)."""
    k = dist.shape[0]
    if d > dist[0] or (d == dist[0] and i >= idx[0]):
        return
    dist[0] = d
    idx[0] = i
    pos = 0
    while True:
        left = 2 * pos + 1
        right = left + 1
        if left >= k:
            break
        big = left
        if right < k and (
            dist[right] > dist[left] or (dist[right] == dist[left] and idx[right] > idx[left])
        ):
            big = right
        if dist[big] > d or (dist[big] == d and idx[big] > i):
            dist[pos] = dist[big]
            idx[pos] = idx[big]
            pos = big
        else:
            break
    dist[pos] = d
    idx[pos] = i


@njit(cache=True, inline="always")
def sort_pairs(dist, idx):
    """Sort a short row of pairs by ``(distance, index)`` (insertion sort)."""
    for a in range(1, dist.shape[0]):
        d = dist[a]
        i = idx[a]
        b = a - 1
        while b >= 0 and (dist[b] > d or (dist[b] == d and idx[b] > i)):
            dist[b + 1] = dist[b]
            idx[b + 1] = idx[b]
            b -= 1
        dist[b + 1] = d
        idx[b + 1] = i


@njit(cache=True, nogil=True)
def offer_from_gram(G, fit_sqnorm, offset, hd, hi):
    """Offer one Gram tile ``G = Q_chunk @ F_block.T`` to each query's candidate heap.

    ``fit_sqnorm[j] - 2 G[i, j]`` ranks like the squared Euclidean distance; ``offset`` is
    the index of the tile's first training row.
    """
    for i in range(G.shape[0]):
        d_row = hd[i]
        i_row = hi[i]
        for j in range(G.shape[1]):
            s = fit_sqnorm[j] - 2.0 * G[i, j]
            if s <= d_row[0]:
                heap_push(d_row, i_row, s, offset + j)


@njit(cache=True, nogil=True)
def rescore_exact(Q, F, hd, hi, k, p):
    """Re-score the candidates exactly (``rdist``, free of the cancellation of the
    ``|x|^2 - 2 x.y + |y|^2`` expansion) and keep the ``k`` best pairs, sorted."""
    nq = Q.shape[0]
    out_d = np.empty((nq, k))
    out_i = np.empty((nq, k), dtype=np.int64)
    for i in range(nq):
        d_row = hd[i].copy()
        i_row = hi[i].copy()
        for c in range(d_row.shape[0]):
            d_row[c] = rdist(Q[i], F[i_row[c]], p)
        sort_pairs(d_row, i_row)
        out_d[i] = d_row[:k]
        out_i[i] = i_row[:k]
    return out_d, out_i


@njit(cache=True, parallel=True)
def select_minkowski(Q, F, k, p):
    """k nearest of each query by exact reduced Minkowski distance (direct loop)."""
    nq = Q.shape[0]
    nf = F.shape[0]
    out_d = np.empty((nq, k))
    out_i = np.empty((nq, k), dtype=np.int64)
    for i in prange(nq):
        hd = np.full(k, np.inf)
        hi = np.full(k, nf, dtype=np.int64)
        for j in range(nf):
            heap_push(hd, hi, rdist(Q[i], F[j], p), j)
        sort_pairs(hd, hi)
        out_d[i] = hd
        out_i[i] = hi
    return out_d, out_i


@njit(cache=True, parallel=True)
def select_from_distances(D, k):
    """k smallest pairs ``(distance, index)`` of each row of a distance block."""
    nq = D.shape[0]
    nf = D.shape[1]
    out_d = np.empty((nq, k))
    out_i = np.empty((nq, k), dtype=np.int64)
    for i in prange(nq):
        hd = np.full(k, np.inf)
        hi = np.full(k, nf, dtype=np.int64)
        for j in range(nf):
            heap_push(hd, hi, D[i, j], j)
        sort_pairs(hd, hi)
        out_d[i] = hd
        out_i[i] = hi
    return out_d, out_i


@njit(cache=False)
def pairwise_compiled(func, Q, F):
    """Distance block of a user's numba-compiled ``func(u, v) -> float``."""
    out = np.empty((Q.shape[0], F.shape[0]))
    for i in range(Q.shape[0]):
        for j in range(F.shape[0]):
            out[i, j] = func(Q[i], F[j])
    return out
