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
    """Turn reduced distances into distances, in place."""
    if p == 1.0 or np.isinf(p):
        return r
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


@njit(cache=True, parallel=True)
def select_from_gram(G, fit_sqnorm, Q, F, k, n_cand, p):
    """k nearest of each query from the Gram block ``G = Q @ F.T`` (Euclidean).

    ``fit_sqnorm[j] - 2 G[i, j]`` ranks like the squared distance. The ``n_cand >= k``
    best by that cheap score are re-scored exactly (``rdist``, free of the cancellation of
    the expansion) and the ``k`` best pairs ``(distance, index)`` are kept, sorted.
    """
    nq = G.shape[0]
    nf = G.shape[1]
    out_d = np.empty((nq, k))
    out_i = np.empty((nq, k), dtype=np.int64)
    for i in prange(nq):
        hd = np.full(n_cand, np.inf)
        hi = np.full(n_cand, nf, dtype=np.int64)
        for j in range(nf):
            s = fit_sqnorm[j] - 2.0 * G[i, j]
            if s <= hd[0]:
                heap_push(hd, hi, s, j)
        for c in range(n_cand):
            hd[c] = rdist(Q[i], F[hi[c]], p)
        sort_pairs(hd, hi)
        for c in range(k):
            out_d[i, c] = hd[c]
            out_i[i, c] = hi[c]
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
