"""Compiled kernels of histogram gradient boosting: pure functions of arrays.

Features are binned once into ``uint8`` codes stored feature-major, ``Xb[f, i]``
(``bin_data``), so one feature's codes are contiguous. A node's histogram holds, for
every (feature, bin), the sums of gradient, Hessian and sample count of the node's rows;
the best split of a feature is one left-to-right scan of its histogram, maximising the
second-order gain

    gain = G_L^2 / (H_L + l2) + G_R^2 / (H_R + l2) - G^2 / (H + l2)

(twice the decrease of the quadratic approximation of the loss). A sample goes left
when its bin is ``<= bin``, equivalently when its raw value is ``<= threshold``.

The whole tree is grown by one compiled call (``grow_tree_arrays``): best-first, the
leaf of largest gain is split next. Per split, one parallel loop over features builds
the histogram of the smaller child from its rows, derives the larger child's as
parent minus smaller (the subtraction trick, in place in the parent's buffer) and scans
both children for their best split; only the reduction over features is serial.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

# a split's per-feature work (small child's rows x features) below which it runs serially
PARALLEL_MIN_WORK = 1 << 13


def make_bin_thresholds(X, max_bins, rng, subsample=200_000):
    """Per feature: sorted thresholds ``t`` (at most ``max_bins - 1``); bin = #{t < x}.

    Midpoints between distinct values when a feature has at most ``max_bins`` of them,
    else the ``midpoint`` percentiles at ``max_bins`` equal steps (deduplicated).
    """
    n = X.shape[0]
    if n > subsample:
        X = X[rng.choice(n, subsample, replace=False)]
    Xs = np.sort(X, axis=0)
    q = np.linspace(0, 100, max_bins + 1)[1:-1] / 100.0
    padded, counts = _thresholds_from_sorted(Xs, q, max_bins)
    return [padded[j, : counts[j]].copy() for j in range(X.shape[1])]


@njit(cache=True, parallel=True)
def _thresholds_from_sorted(Xs, q, max_bins):
    n, p = Xs.shape
    out = np.zeros((p, max_bins - 1))
    counts = np.zeros(p, dtype=np.intp)
    for j in prange(p):
        distinct = np.empty(max_bins + 1)
        nd = 0
        for i in range(n):
            v = Xs[i, j]
            if nd == 0 or v != distinct[nd - 1]:
                if nd == max_bins + 1:
                    break
                distinct[nd] = v
                nd += 1
        c = 0
        if nd <= max_bins:
            for k in range(nd - 1):
                out[j, c] = 0.5 * (distinct[k] + distinct[k + 1])
                c += 1
        else:
            for k in range(q.shape[0]):
                idx = (n - 1) * q[k]
                lo = int(np.floor(idx))
                a = Xs[lo, j]
                if idx == lo:
                    t = a
                else:
                    b = Xs[lo + 1, j]
                    t = b - (b - a) * 0.5  # numpy's lerp at 0.5, bit for bit
                if c == 0 or t != out[j, c - 1]:
                    out[j, c] = t
                    c += 1
        counts[j] = c
    return out, counts


def pad_thresholds(thresholds, width, fill=np.nan):
    """Thresholds as one ``(p, width)`` array (unused entries are ``fill``)."""
    out = np.full((len(thresholds), width), fill)
    for j, t in enumerate(thresholds):
        out[j, : t.size] = t
    return out


def bin_data(X, thresholds):
    """Bin ``X`` (n, p) into a feature-major ``uint8`` array ``(p, n)``."""
    padded = pad_thresholds(thresholds, 256, fill=np.inf)
    return _bin(np.ascontiguousarray(X, dtype=np.float64), padded)


@njit(cache=True, parallel=True)
def _bin(X, thresholds):
    """``out[j, i] = #{t in thresholds[j] : t < X[i, j]}`` by a branch-free binary search
    over 256 slots padded with ``+inf`` (at most 255 thresholds)."""
    n, p = X.shape
    out = np.empty((p, n), dtype=np.uint8)
    for i in prange(n):
        for j in range(p):
            x = X[i, j]
            t = thresholds[j]
            k = 0
            step = 128
            while step > 0:
                k += step if t[k + step - 1] < x else 0
                step >>= 1
            out[j, i] = k
    return out


@njit(cache=True, nogil=True)
def _feature_histogram(col, rows, start, stop, og, oh, h):
    """``h[b] = sums of (g, h, 1)`` over ``rows[start:stop]`` of one feature column."""
    h[:, :] = 0.0
    if start == 0 and stop == col.shape[0] and rows.shape[0] == 0:
        for i in range(stop):
            b = col[i]
            h[b, 0] += og[i]
            h[b, 1] += oh[i]
            h[b, 2] += 1.0
    else:
        for k in range(stop - start):
            b = col[rows[start + k]]
            h[b, 0] += og[k]
            h[b, 1] += oh[k]
            h[b, 2] += 1.0


@njit(cache=True, nogil=True)
def _feature_best(h, nb, G, H, C, l2, min_samples_leaf, min_hessian, out):
    """Best split of one feature's histogram into ``out = (gain, bin, gl, hl, cl)``.

    ``out[1] == -1`` when no bin meets ``min_samples_leaf`` and ``min_hessian`` on both
    sides. (The loop is bound by its running sums' latency, not by the divisions: a
    two-pass, vectorised variant measured slower.)
    """
    parent = G * G / (H + l2) if H + l2 > 0 else 0.0
    best = 0.0
    out[0] = 0.0
    out[1] = -1.0
    gl = 0.0
    hl = 0.0
    cl = 0.0
    for b in range(nb - 1):
        gl += h[b, 0]
        hl += h[b, 1]
        cl += h[b, 2]
        if cl < min_samples_leaf:
            continue
        if C - cl < min_samples_leaf:
            break
        hr = H - hl
        if hl < min_hessian or hr < min_hessian:
            continue
        gr = G - gl
        gain = gl * gl / (hl + l2) + gr * gr / (hr + l2) - parent
        if gain > best + 1e-12 * abs(parent):
            best = gain
            out[0] = gain
            out[1] = b
            out[2] = gl
            out[3] = hl
            out[4] = cl


@njit(cache=True, nogil=True)
def _child_feature(f, Xb, rows, s0, s1, og, oh, hist, small, large, do, nbf, stats, cfg, res):
    """Feature ``f`` of one split: the small child's histogram from its rows, the large
    child's as parent minus small (``hist[large]`` holds the parent's on entry), and the
    best split of each child that may split (``do[c]``) into ``res[c, f]``.
    """
    hs = hist[small, f]
    hl = hist[large, f]
    _feature_histogram(Xb[f], rows, s0, s1, og, oh, hs)
    for b in range(hs.shape[0]):
        hl[b, 0] -= hs[b, 0]
        hl[b, 1] -= hs[b, 1]
        hl[b, 2] -= hs[b, 2]
    res[0, f, 1] = -1.0
    res[1, f, 1] = -1.0
    l2, msl, mh = cfg[0], cfg[1], cfg[2]
    if do[0]:
        _feature_best(hs, nbf[f], stats[0, 0], stats[0, 1], stats[0, 2], l2, msl, mh, res[0, f])
    if do[1]:
        _feature_best(hl, nbf[f], stats[1, 0], stats[1, 1], stats[1, 2], l2, msl, mh, res[1, f])


@njit(cache=True, parallel=True)
def _split_children_parallel(
    Xb, rows, s0, s1, og, oh, hist, small, large, do, nbf, stats, cfg, res
):
    for f in prange(Xb.shape[0]):
        _child_feature(f, Xb, rows, s0, s1, og, oh, hist, small, large, do, nbf, stats, cfg, res)


@njit(cache=True, nogil=True)
def _split_children_serial(Xb, rows, s0, s1, og, oh, hist, small, large, do, nbf, stats, cfg, res):
    # small nodes: a parallel region costs more than it saves, and on a busy machine a
    # descheduled worker stalls every region it is part of
    for f in range(Xb.shape[0]):
        _child_feature(f, Xb, rows, s0, s1, og, oh, hist, small, large, do, nbf, stats, cfg, res)


@njit(cache=True, parallel=True)
def _root(Xb, grad, hess, hist, nbf, l2, msl, mh, res):
    p = Xb.shape[0]
    empty = np.empty(0, dtype=np.intp)
    n = Xb.shape[1]
    G = 0.0
    H = 0.0
    for i in range(n):
        G += grad[i]
        H += hess[i]
    for f in prange(p):
        _feature_histogram(Xb[f], empty, 0, n, grad, hess, hist[0, f])
        _feature_best(hist[0, f], nbf[f], G, H, float(n), l2, msl, mh, res[0, f])
    return G, H


@njit(cache=True, nogil=True)
def _partition(Xb, rows, start, stop, feature, bin_, buf):
    """Stable reorder of ``rows[start:stop]``: rows with ``Xb[feature, i] <= bin_`` first."""
    col = Xb[feature]
    lo = start
    r = 0
    for k in range(start, stop):  # branch-free: write both, advance one
        i = rows[k]
        go = col[i] <= bin_
        rows[lo] = i  # lo <= k: that slot has been read already
        buf[r] = i
        lo += go
        r += 1 - go
    for k in range(r):
        rows[lo + k] = buf[k]
    return lo


@njit(cache=True, nogil=True)
def _reduce(res, c):
    """Best ``(gain, feature)`` over features of child ``c``; first feature wins ties."""
    best = 0.0
    bf = -1
    for f in range(res.shape[1]):
        if res[c, f, 1] >= 0 and res[c, f, 0] > best:
            best = res[c, f, 0]
            bf = f
    return best, bf


@njit(cache=True)
def grow_tree_arrays(
    Xb,
    grad,
    hess,
    nbf,
    hist,
    max_leaf_nodes,
    max_depth,
    min_samples_leaf,
    l2,
    min_hessian,
    parallel_min_work,
):
    """Grow one tree best-first; all node bookkeeping in compiled code.

    ``Xb`` is ``(p, n)`` uint8, ``hist`` a scratch buffer ``(max_leaf_nodes + 1, p,
    n_bins, 3)``, ``max_depth < 0`` for no limit. Returns ``(feature, bin, left, right,
    G, H, count, start, stop, rows, n_nodes)``: node arrays (``left == -1`` for a leaf)
    and the row permutation in which every node owns ``rows[start:stop]``.
    """
    p, n = Xb.shape
    m = 2 * max_leaf_nodes - 1
    feature = np.full(m, -1, dtype=np.intp)
    bin_ = np.zeros(m, dtype=np.intp)
    left = np.full(m, -1, dtype=np.intp)
    right = np.full(m, -1, dtype=np.intp)
    Gs = np.zeros(m)
    Hs = np.zeros(m)
    Cs = np.zeros(m)
    start = np.zeros(m, dtype=np.intp)
    stop = np.zeros(m, dtype=np.intp)
    depth = np.zeros(m, dtype=np.intp)
    slot = np.full(m, -1, dtype=np.intp)
    cand_gain = np.zeros(m)  # > 0: a splittable leaf
    cand_f = np.full(m, -1, dtype=np.intp)
    cand = np.zeros((m, 5))  # gain, bin, gl, hl, cl
    free = np.arange(hist.shape[0])[::-1].copy()
    n_free = free.shape[0]
    rows = np.arange(n, dtype=np.intp)
    buf = np.empty(n, dtype=np.intp)
    og = np.empty(n)
    oh = np.empty(n)
    res = np.empty((2, p, 5))
    stats = np.empty((2, 3))
    do = np.zeros(2, dtype=np.bool_)
    cfg = np.array([l2, min_samples_leaf, min_hessian], dtype=np.float64)

    n_free -= 1
    slot[0] = free[n_free]
    G, H = _root(Xb, grad, hess, hist, nbf, l2, min_samples_leaf, min_hessian, res)
    Gs[0], Hs[0], Cs[0], stop[0] = G, H, n, n
    n_nodes = 1
    if (max_depth < 0 or max_depth > 0) and n >= 2 * min_samples_leaf:
        g, f = _reduce(res, 0)
        if f >= 0:
            cand_gain[0], cand_f[0] = g, f
            cand[0] = res[0, f]
    n_leaves = 1
    while n_leaves < max_leaf_nodes:
        node = -1
        best = 0.0
        for k in range(n_nodes):
            if cand_gain[k] > best:
                best = cand_gain[k]
                node = k
        if node < 0:
            break
        f = cand_f[node]
        b = int(cand[node, 1])
        cand_gain[node] = 0.0
        mid = _partition(Xb, rows, start[node], stop[node], f, b, buf)
        feature[node], bin_[node] = f, b
        lid, rid = n_nodes, n_nodes + 1
        n_nodes += 2
        left[node], right[node] = lid, rid
        n_leaves += 1
        gl, hl = cand[node, 2], cand[node, 3]
        start[lid], stop[lid], Gs[lid], Hs[lid] = start[node], mid, gl, hl
        start[rid], stop[rid] = mid, stop[node]
        Gs[rid], Hs[rid] = Gs[node] - gl, Hs[node] - hl
        Cs[lid] = mid - start[node]
        Cs[rid] = stop[node] - mid
        depth[lid] = depth[rid] = depth[node] + 1
        if Cs[lid] <= Cs[rid]:
            small, large = lid, rid
        else:
            small, large = rid, lid
        ok_depth = max_depth < 0 or depth[lid] < max_depth
        do_s = ok_depth and Cs[small] >= 2 * min_samples_leaf
        do_l = ok_depth and Cs[large] >= 2 * min_samples_leaf
        pslot = slot[node]
        slot[node] = -1
        if not (do_s or do_l):
            free[n_free] = pslot
            n_free += 1
            continue
        n_free -= 1
        sslot = free[n_free]
        s0, s1 = start[small], stop[small]
        for k in range(s1 - s0):
            i = rows[s0 + k]
            og[k] = grad[i]
            oh[k] = hess[i]
        stats[0, 0], stats[0, 1], stats[0, 2] = Gs[small], Hs[small], Cs[small]
        stats[1, 0], stats[1, 1], stats[1, 2] = Gs[large], Hs[large], Cs[large]
        do[0], do[1] = do_s, do_l
        if (s1 - s0) * p >= parallel_min_work:
            _split_children_parallel(
                Xb, rows, s0, s1, og, oh, hist, sslot, pslot, do, nbf, stats, cfg, res
            )
        else:
            _split_children_serial(
                Xb, rows, s0, s1, og, oh, hist, sslot, pslot, do, nbf, stats, cfg, res
            )
        for c, child, sl in ((0, small, sslot), (1, large, pslot)):
            g, bf = _reduce(res, c)
            if bf >= 0:
                cand_gain[child], cand_f[child] = g, bf
                cand[child] = res[c, bf]
                slot[child] = sl
            else:
                free[n_free] = sl
                n_free += 1
    return feature, bin_, left, right, Gs, Hs, Cs, start, stop, rows, n_nodes


@njit(cache=True, nogil=True)
def add_leaf_values(raw, rows, leaf_start, leaf_stop, leaf_value, scale):
    """``raw[rows[start:stop]] += scale * value`` for every leaf (training update)."""
    for leaf in range(leaf_start.shape[0]):
        v = scale * leaf_value[leaf]
        for k in range(leaf_start[leaf], leaf_stop[leaf]):
            raw[rows[k]] += v


@njit(cache=True, nogil=True)
def predict_tree(X, feature, threshold, left, right, value, out, scale):
    """``out += scale * tree(X)`` for a tree in flat arrays (leaves have ``left == -1``)."""
    for i in range(X.shape[0]):
        node = 0
        while left[node] != -1:
            if X[i, feature[node]] <= threshold[node]:
                node = left[node]
            else:
                node = right[node]
        out[i] += scale * value[node]


@njit(cache=True, parallel=True)
def logistic_terms(y, raw, w, g, h, loss):
    """Binary cross-entropy in one pass: ``g = w (p - y)``, ``h = w p (1 - p)`` with
    ``p = expit(raw)`` and ``loss = w (log(1 + e^raw) - y raw)`` (stable form); returns
    the sum of ``loss``, added serially so it does not depend on the thread count."""
    for i in prange(raw.shape[0]):
        z = raw[i]
        e = np.exp(-abs(z))
        p = 1.0 / (1.0 + e) if z >= 0 else e / (1.0 + e)
        g[i] = w[i] * (p - y[i])
        h[i] = w[i] * p * (1.0 - p)
        loss[i] = w[i] * (np.log1p(e) + max(z, 0.0) - y[i] * z)
    s = 0.0
    for i in range(raw.shape[0]):
        s += loss[i]
    return s
