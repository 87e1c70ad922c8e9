"""Numba kernels of agglomerative clustering on a condensed distance matrix.

Each merge replaces clusters ``x`` and ``y`` by their union and updates its distance to
every other cluster ``i`` by the Lance-Williams formula of the linkage (``d_xi``,
``d_yi``, ``d_xy``: distances before the merge; ``n_x``, ``n_y``, ``n_i``: sizes):

========= ===================================================================
single    min(d_xi, d_yi)
complete  max(d_xi, d_yi)
average   (n_x d_xi + n_y d_yi) / (n_x + n_y)
weighted  (d_xi + d_yi) / 2
ward      sqrt(((n_i+n_x) d_xi^2 + (n_i+n_y) d_yi^2 - n_i d_xy^2) / (n_x+n_y+n_i))
centroid  sqrt((n_x d_xi^2 + n_y d_yi^2 - n_x n_y d_xy^2 / (n_x+n_y)) / (n_x+n_y))
median    sqrt(d_xi^2 / 2 + d_yi^2 / 2 - d_xy^2 / 4)
========= ===================================================================

Single linkage is read off a minimum spanning tree (Prim, O(n^2)). Complete, average,
weighted and Ward are "reducible" (a merge never brings the union closer to a third
cluster than both parts were), so the nearest-neighbour chain finds the same merges as
the greedy closest-pair rule in O(n^2) time; the merges are then sorted by height.
Centroid and median linkage are not reducible (heights can decrease: inversions); they
run the greedy rule directly with a heap of nearest-neighbour bounds. Ties are broken
as scipy's implementations break them (lowest index first, the previous chain element
preferred), so the matrices agree with scipy's even on data with tied distances.
"""

from __future__ import annotations

import numpy as np
from numba import njit

METHODS = ("single", "complete", "average", "weighted", "ward", "centroid", "median")
REDUCIBLE = ("single", "complete", "average", "weighted", "ward")


@njit(cache=True, inline="always")
def _idx(n, i, j):
    if i > j:
        i, j = j, i
    return n * i - (i * (i + 1)) // 2 + (j - i - 1)


@njit(cache=True, inline="always")
def _update(method, d_xi, d_yi, d_xy, nx, ny, ni):
    if method == 0:
        return min(d_xi, d_yi)
    if method == 1:
        return max(d_xi, d_yi)
    if method == 2:
        return (nx * d_xi + ny * d_yi) / (nx + ny)
    if method == 3:
        return 0.5 * (d_xi + d_yi)
    if method == 4:
        t = 1.0 / (nx + ny + ni)
        v = (ni + nx) * t * d_xi * d_xi + (ni + ny) * t * d_yi * d_yi - ni * t * d_xy * d_xy
        return np.sqrt(max(v, 0.0))
    if method == 5:
        s = nx + ny
        v = ((nx * d_xi * d_xi) + (ny * d_yi * d_yi) - (nx * ny * d_xy * d_xy) / s) / s
        return np.sqrt(max(v, 0.0))
    v = 0.5 * (d_xi * d_xi + d_yi * d_yi) - 0.25 * d_xy * d_xy
    return np.sqrt(max(v, 0.0))


@njit(cache=True)
def nn_chain(D, n, method):
    """Merges of a reducible linkage by the nearest-neighbour chain (D is overwritten).

    Returns rows ``(x, y, height, size)`` in the order found, with ``x < y`` point indices
    standing for their clusters; :func:`relabel` turns them into scipy's format.
    """
    Z = np.empty((n - 1, 4))
    size = np.ones(n)
    chain = np.empty(n, dtype=np.int64)
    length = 0
    for k in range(n - 1):
        if length == 0:
            for i in range(n):
                if size[i] > 0:
                    chain[0] = i
                    length = 1
                    break
        while True:
            x = chain[length - 1]
            y = -1
            best = np.inf
            if length > 1:  # prefer the previous element on ties: no cycles
                y = chain[length - 2]
                best = D[_idx(n, x, y)]
            for i in range(n):
                if size[i] == 0 or i == x:
                    continue
                v = D[_idx(n, x, i)]
                if v < best:
                    best = v
                    y = i
            if length > 1 and y == chain[length - 2]:
                break
            chain[length] = y
            length += 1
        length -= 2
        if x > y:
            x, y = y, x
        nx, ny = size[x], size[y]
        Z[k, 0], Z[k, 1], Z[k, 2], Z[k, 3] = x, y, best, nx + ny
        size[x] = 0
        size[y] = nx + ny
        for i in range(n):
            if size[i] == 0 or i == y:
                continue
            D[_idx(n, i, y)] = _update(
                method, D[_idx(n, i, x)], D[_idx(n, i, y)], best, nx, ny, size[i]
            )
    return Z


@njit(cache=True)
def relabel(Z, n):
    """Replace point representatives by cluster ids (n + row of the merge), in place."""
    parent = np.arange(2 * n - 1)
    size = np.ones(2 * n - 1)
    for k in range(n - 1):
        roots = np.empty(2, dtype=np.int64)
        for s in range(2):
            r = int(Z[k, s])
            while parent[r] != r:
                r = parent[r]
            roots[s] = r
        a, b = min(roots[0], roots[1]), max(roots[0], roots[1])
        Z[k, 0], Z[k, 1] = a, b
        parent[a] = n + k
        parent[b] = n + k
        size[n + k] = size[a] + size[b]
        Z[k, 3] = size[n + k]
    return Z


@njit(cache=True)
def mst_single(D, n):
    """Single linkage by Prim's minimum spanning tree from point 0 (O(n^2), D untouched).

    Rows are ``(x, y, height)`` edges in the order Prim adds them; sort and
    :func:`relabel` them.
    """
    Z = np.empty((n - 1, 4))
    merged = np.zeros(n, dtype=np.bool_)
    reach = np.full(n, np.inf)
    x = 0
    for k in range(n - 1):
        best, y = np.inf, 0
        merged[x] = True
        for i in range(n):
            if merged[i]:
                continue
            v = D[_idx(n, x, i)]
            if reach[i] > v:
                reach[i] = v
            if reach[i] < best:
                best, y = reach[i], i
        Z[k, 0], Z[k, 1], Z[k, 2], Z[k, 3] = x, y, best, 0.0
        x = y
    return Z


# -- a binary min-heap of per-cluster nearest distances (keys 0..m-1) ---------------------
@njit(cache=True, inline="always")
def _swap(vals, key_at, pos_of, i, j):
    vals[i], vals[j] = vals[j], vals[i]
    ki, kj = key_at[i], key_at[j]
    key_at[i], key_at[j] = kj, ki
    pos_of[ki], pos_of[kj] = j, i


@njit(cache=True)
def _sift_down(vals, key_at, pos_of, size, i):
    child = 2 * i + 1
    while child < size:
        if child + 1 < size and vals[child + 1] < vals[child]:
            child += 1
        if vals[i] > vals[child]:
            _swap(vals, key_at, pos_of, i, child)
            i = child
            child = 2 * i + 1
        else:
            break


@njit(cache=True)
def _sift_up(vals, key_at, pos_of, i):
    while i > 0 and vals[(i - 1) >> 1] > vals[i]:
        _swap(vals, key_at, pos_of, i, (i - 1) >> 1)
        i = (i - 1) >> 1


@njit(cache=True)
def _heap_set(vals, key_at, pos_of, size, key, value):
    i = pos_of[key]
    old = vals[i]
    vals[i] = value
    if value < old:
        _sift_up(vals, key_at, pos_of, i)
    else:
        _sift_down(vals, key_at, pos_of, size, i)


@njit(cache=True)
def _nearest_after(D, n, size, x):
    """Closest active cluster with a larger index than x (-1 if none)."""
    best, arg = np.inf, -1
    for j in range(x + 1, n):
        if size[j] == 0:
            continue
        v = D[_idx(n, x, j)]
        if v < best:
            best, arg = v, j
    return arg, best


@njit(cache=True)
def greedy(D, n, method):
    """Merges by the closest-pair rule (Muellner's generic algorithm; D overwritten).

    Each cluster keeps a candidate nearest neighbour among larger indices and a lower
    bound of that distance in a heap; a candidate is re-checked only when it reaches the
    top. Typically O(n^2); used for the non-reducible centroid and median linkages. Rows
    come out in merge order with cluster ids assigned.
    """
    Z = np.empty((n - 1, 4))
    size = np.ones(n)
    ident = np.arange(n)
    m = n - 1
    nn = np.empty(m, dtype=np.int64)
    vals = np.empty(m)
    for x in range(m):
        nn[x], vals[x] = _nearest_after(D, n, size, x)
    bound = vals.copy()
    key_at = np.arange(m)
    pos_of = np.arange(m)
    heap = m
    for i in range(m // 2 - 1, -1, -1):
        _sift_down(vals, key_at, pos_of, heap, i)
    for k in range(n - 1):
        x, y, best = 0, 0, 0.0
        for _ in range(n - k):
            x, best = key_at[0], vals[0]
            y = nn[x]
            if best == D[_idx(n, x, y)]:
                break
            y, best = _nearest_after(D, n, size, x)
            nn[x], bound[x] = y, best
            _heap_set(vals, key_at, pos_of, heap, x, best)
        _swap(vals, key_at, pos_of, 0, heap - 1)
        heap -= 1
        _sift_down(vals, key_at, pos_of, heap, 0)
        nx, ny = size[x], size[y]
        a, b = min(ident[x], ident[y]), max(ident[x], ident[y])
        Z[k, 0], Z[k, 1], Z[k, 2], Z[k, 3] = a, b, best, nx + ny
        size[x] = 0
        size[y] = nx + ny
        ident[y] = n + k
        for z in range(n):
            if size[z] == 0 or z == y:
                continue
            D[_idx(n, z, y)] = _update(
                method, D[_idx(n, z, x)], D[_idx(n, z, y)], best, nx, ny, size[z]
            )
        for z in range(x):  # a neighbour that was x is now (probably) y
            if size[z] > 0 and nn[z] == x:
                nn[z] = y
        for z in range(y):  # the union may be closer than a cluster's bound
            if size[z] == 0:
                continue
            v = D[_idx(n, z, y)]
            if v < bound[z]:
                nn[z], bound[z] = y, v
                _heap_set(vals, key_at, pos_of, heap, z, v)
        if y < n - 1:
            z, v = _nearest_after(D, n, size, y)
            if z != -1:
                nn[y], bound[y] = z, v
                _heap_set(vals, key_at, pos_of, heap, y, v)
    return Z


@njit(cache=True)
def cut_labels(Z, n, apply):
    """Flat labels 0..k-1 (in order of first appearance) after the merges ``apply[k]``.

    ``apply`` must be closed under taking children (a merge applied implies its parts').
    """
    parent = np.arange(2 * n - 1)
    for k in range(n - 1):
        if not apply[k]:
            continue
        parent[int(Z[k, 0])] = n + k
        parent[int(Z[k, 1])] = n + k
    labels = np.empty(n, dtype=np.int64)
    seen = np.full(2 * n - 1, -1)
    count = 0
    for i in range(n):
        r = i
        while parent[r] != r:
            r = parent[r]
        if seen[r] < 0:
            seen[r] = count
            count += 1
        labels[i] = seen[r]
    return labels
