"""A KD-tree for the Minkowski family, compiled with numba.

The tree is a complete binary tree stored in flat arrays (node ``t`` has children
``2t+1`` and ``2t+2``). Each node owns the slice ``idx[start[t]:end[t]]`` of a permutation
of the training rows and the bounding box ``lo[t], hi[t]`` of those rows. A node is split
at the median of its widest coordinate until nodes hold about ``leaf_size`` rows.

A query walks the tree depth first, nearer child first, and skips any node whose box is
farther (reduced Minkowski distance from the query to the box) than the current k-th
neighbour. Candidates are kept as ``(distance, index)`` pairs with the same tie rule as
the brute-force search (smaller index wins), so both searches return the same neighbours.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ._kernels import heap_push, rdist, sort_pairs


def n_levels_for(n_samples: int, leaf_size: int) -> int:
    """Number of levels so that leaves hold between leaf_size/2 and leaf_size rows."""
    return max(1, int(np.floor(np.log2(max(1.0, (n_samples - 1) / leaf_size)))) + 1)


@njit(cache=True)
def build(X, n_levels):
    """Build the tree over the rows of ``X``; returns ``(idx, start, end, lo, hi)``."""
    n, d = X.shape
    n_nodes = 2**n_levels - 1
    idx = np.arange(n)
    start = np.zeros(n_nodes, dtype=np.int64)
    end = np.zeros(n_nodes, dtype=np.int64)
    lo = np.empty((n_nodes, d))
    hi = np.empty((n_nodes, d))
    start[0] = 0
    end[0] = n
    for t in range(n_nodes):
        s, e = start[t], end[t]
        for j in range(d):
            mn = np.inf
            mx = -np.inf
            for r in range(s, e):
                v = X[idx[r], j]
                mn = min(mn, v)
                mx = max(mx, v)
            lo[t, j] = mn
            hi[t, j] = mx
        left = 2 * t + 1
        if left >= n_nodes:
            continue
        best = 0
        spread = -1.0
        for j in range(d):
            if hi[t, j] - lo[t, j] > spread:
                spread = hi[t, j] - lo[t, j]
                best = j
        mid = s + (e - s) // 2
        if e > s:
            order = np.argsort(X[idx[s:e], best], kind="mergesort")
            idx[s:e] = idx[s:e][order]
        start[left], end[left] = s, mid
        start[left + 1], end[left + 1] = mid, e
    return idx, start, end, lo, hi


@njit(cache=True, inline="always")
def _box_rdist(q, lo, hi, p):
    """Reduced Minkowski distance from point ``q`` to the box ``[lo, hi]``."""
    acc = 0.0
    for j in range(q.shape[0]):
        d = 0.0
        if q[j] < lo[j]:
            d = lo[j] - q[j]
        elif q[j] > hi[j]:
            d = q[j] - hi[j]
        if p == 2.0:
            acc += d * d
        elif p == 1.0:
            acc += d
        elif np.isinf(p):
            acc = max(acc, d)
        else:
            acc += d**p
    return acc


@njit(cache=True, parallel=True)
def query(X, idx, start, end, lo, hi, Q, k, p):
    """k nearest training rows of each query: reduced distances and indices, sorted."""
    n_nodes = start.shape[0]
    nq = Q.shape[0]
    out_d = np.empty((nq, k))
    out_i = np.empty((nq, k), dtype=np.int64)
    depth = int(np.log2(n_nodes + 1)) + 2
    for i in prange(nq):
        q = Q[i]
        hd = np.full(k, np.inf)
        hi_ = np.full(k, X.shape[0], dtype=np.int64)
        stack = np.empty(2 * depth, dtype=np.int64)
        bound = np.empty(2 * depth)  # each stacked node's box distance, computed once
        top = 0
        stack[top] = 0
        bound[top] = _box_rdist(q, lo[0], hi[0], p)
        top += 1
        while top > 0:
            top -= 1
            t = stack[top]
            if bound[top] > hd[0]:
                continue
            left = 2 * t + 1
            if left >= n_nodes:
                for r in range(start[t], end[t]):
                    j = idx[r]
                    heap_push(hd, hi_, rdist(q, X[j], p), j)
                continue
            dl = _box_rdist(q, lo[left], hi[left], p)
            dr = _box_rdist(q, lo[left + 1], hi[left + 1], p)
            if dl <= dr:  # push the farther child first: the nearer is searched first
                stack[top], bound[top] = left + 1, dr
                stack[top + 1], bound[top + 1] = left, dl
            else:
                stack[top], bound[top] = left, dl
                stack[top + 1], bound[top + 1] = left + 1, dr
            top += 2
        sort_pairs(hd, hi_)
        out_d[i] = hd
        out_i[i] = hi_
    return out_d, out_i
