"""Compiled CART growth: presorted depth-first split search (pure numba kernels).

Each feature keeps its samples sorted once (``order[f]``, from ``np.argsort``); every node
owns the same contiguous segment ``[start, end)`` of every row, and a split partitions
each row stably, so no node ever sorts. The criterion arrives as a first-class function
pointer (see ``_criteria``), so one compiled builder (cached on disk) serves every
criterion.
"""

from __future__ import annotations

import numpy as np
from numba import njit, types

from ._criteria import CLASS_FN, REGRESSION_FN

EPSILON = np.finfo(np.float64).eps
FEATURE_THRESHOLD = 1e-7  # values closer than this are not split apart (as scikit-learn)
INF = np.inf


@njit(cache=True)
def _threshold(xc, xn):
    thr = xc / 2.0 + xn / 2.0
    if thr == xn or thr == INF or thr == -INF:
        thr = xc
    return thr


@njit(cache=True)
def _scan_class(xrow, row, y, w, start, end, node, W, min_leaf, min_wleaf, imp, left, right):
    """Best split of one feature for a classification criterion: (score, pos, threshold)."""
    left[:] = 0.0
    wl = 0.0
    best, best_pos, best_thr = INF, -1, 0.0
    n = end - start
    xn = np.float64(xrow[row[start]])
    for p in range(start, end - 1):
        s = row[p]
        left[np.int64(y[s])] += w[s]
        wl += w[s]
        xc = xn
        xn = np.float64(xrow[row[p + 1]])
        nl = p - start + 1
        if n - nl < min_leaf:
            break
        if nl < min_leaf or xn <= xc + FEATURE_THRESHOLD:
            continue
        wr = W - wl
        if wl < min_wleaf or wr < min_wleaf:
            continue
        for k in range(node.shape[0]):
            right[k] = node[k] - left[k]
        score = wl * imp(left, wl) + wr * imp(right, wr)
        if score < best:
            best, best_pos, best_thr = score, p + 1, _threshold(xc, xn)
    return best, best_pos, best_thr


@njit(cache=True)
def _scan_regression(xrow, row, y, w, start, end, W, S, SS, min_leaf, min_wleaf, imp):
    """Best split of one feature for a regression criterion on (w, s, ss)."""
    wl, sl, ssl = 0.0, 0.0, 0.0
    best, best_pos, best_thr = INF, -1, 0.0
    n = end - start
    xn = np.float64(xrow[row[start]])
    for p in range(start, end - 1):
        s = row[p]
        ws = w[s]
        wy = ws * y[s]
        wl += ws
        sl += wy
        ssl += wy * y[s]
        xc = xn
        xn = np.float64(xrow[row[p + 1]])
        nl = p - start + 1
        if n - nl < min_leaf:
            break
        if nl < min_leaf or xn <= xc + FEATURE_THRESHOLD:
            continue
        wr = W - wl
        if wl < min_wleaf or wr < min_wleaf:
            continue
        score = wl * imp(wl, sl, ssl) + wr * imp(wr, S - sl, SS - ssl)
        if score < best:
            best, best_pos, best_thr = score, p + 1, _threshold(xc, xn)
    return best, best_pos, best_thr


# -- absolute error: weighted medians by a Fenwick tree over the ranks of y -------------------
@njit(cache=True)
def _bit_add(bw, bs, i, ws, wy):
    i += 1
    while i < bw.shape[0]:
        bw[i] += ws
        bs[i] += wy
        i += i & (-i)


@njit(cache=True)
def _bit_cost(bw, bs, pw, ps, yu, Wt, St, top):
    """Sum of w |y - median| over the inserted samples (total weight Wt, sum St)."""
    pos, aw, asum = 0, 0.0, 0.0
    half = Wt / 2.0
    step = top
    while step > 0:
        nxt = pos + step
        if nxt < bw.shape[0] and aw + bw[nxt] < half:
            pos = nxt
            aw += bw[nxt]
            asum += bs[nxt]
        step >>= 1
    # pos (0-based) is the rank holding the weighted median
    med = yu[pos]
    wb, sb = aw + pw[pos], asum + ps[pos]
    return med * wb - sb + (St - sb) - med * (Wt - wb)


@njit(cache=True)
def _scan_absolute(
    xrow, row, y, w, rank, yu, start, end, min_leaf, min_wleaf, bw, bs, pw, ps, costs
):
    n = end - start
    top = 1
    while top * 2 < bw.shape[0]:
        top *= 2
    Wt, St = 0.0, 0.0
    for p in range(start, end):  # left costs: costs[p - start] = cost of [start, p]
        s = row[p]
        _bit_add(bw, bs, rank[s], w[s], w[s] * y[s])
        pw[rank[s]] += w[s]
        ps[rank[s]] += w[s] * y[s]
        Wt += w[s]
        St += w[s] * y[s]
        costs[p - start] = _bit_cost(bw, bs, pw, ps, yu, Wt, St, top)
    for p in range(start, end):  # empty the tree again
        s = row[p]
        _bit_add(bw, bs, rank[s], -w[s], -w[s] * y[s])
        pw[rank[s]] = 0.0
        ps[rank[s]] = 0.0
    W = Wt
    best, best_pos, best_thr = INF, -1, 0.0
    Wt, St = 0.0, 0.0
    for p in range(end - 1, start, -1):  # right part [p, end)
        s = row[p]
        _bit_add(bw, bs, rank[s], w[s], w[s] * y[s])
        pw[rank[s]] += w[s]
        ps[rank[s]] += w[s] * y[s]
        Wt += w[s]
        St += w[s] * y[s]
        nl = p - start
        if nl < min_leaf or n - nl < min_leaf:
            continue
        xc, xn = np.float64(xrow[row[p - 1]]), np.float64(xrow[s])
        if xn <= xc + FEATURE_THRESHOLD or Wt < min_wleaf or W - Wt < min_wleaf:
            continue
        score = costs[nl - 1] + _bit_cost(bw, bs, pw, ps, yu, Wt, St, top)
        if score <= best:  # ties go to the leftmost position, as a forward scan would
            best, best_pos, best_thr = score, p, _threshold(xc, xn)
    for p in range(start + 1, end):
        s = row[p]
        _bit_add(bw, bs, rank[s], -w[s], -w[s] * y[s])
        pw[rank[s]] = 0.0
        ps[rank[s]] = 0.0
    return best, best_pos, best_thr


@njit(cache=True)
def _weighted_median(vals, ws):
    """Weighted median, averaging the two middle values when the weight splits exactly."""
    idx = np.argsort(vals, kind="mergesort")
    total = ws.sum()
    cum = 0.0
    for j in range(idx.shape[0]):
        cum += ws[idx[j]]
        if cum >= total / 2.0:
            if cum == total / 2.0 and j + 1 < idx.shape[0]:
                return (vals[idx[j]] + vals[idx[j + 1]]) / 2.0
            return vals[idx[j]]
    return vals[idx[-1]]


# -- node statistics --------------------------------------------------------------------------
@njit(cache=True)
def _node_stats(kind, row, y, w, start, end, counts, imp_c, imp_r):
    """Fill ``counts`` (the node's value row) and return (impurity, weight)."""
    counts[:] = 0.0
    W = 0.0
    if kind == 0:
        for p in range(start, end):
            s = row[p]
            counts[np.int64(y[s])] += w[s]
            W += w[s]
        return imp_c(counts, W), W
    S, SS = 0.0, 0.0
    for p in range(start, end):
        s = row[p]
        W += w[s]
        S += w[s] * y[s]
        SS += w[s] * y[s] * y[s]
    if kind == 1:
        counts[0] = S / W
        return imp_r(W, S, SS), W
    vals = np.empty(end - start)
    ws = np.empty(end - start)
    for p in range(start, end):
        vals[p - start] = y[row[p]]
        ws[p - start] = w[row[p]]
    med = _weighted_median(vals, ws)
    counts[0] = med
    cost = 0.0
    for j in range(vals.shape[0]):
        cost += ws[j] * abs(vals[j] - med)
    return cost / W, W


@njit(cache=True)
def _partition(order, fb, start, pos, end, goes_left, buf):
    """Stable partition of every row's segment into the split's left and right samples."""
    for p in range(start, end):
        goes_left[order[fb, p]] = p < pos
    for f in range(order.shape[0]):
        if f == fb:
            continue
        nl, nr = start, 0
        for p in range(start, end):
            s = order[f, p]
            if goes_left[s]:
                order[f, nl] = s
                nl += 1
            else:
                buf[nr] = s
                nr += 1
        for j in range(nr):
            order[f, nl + j] = buf[j]


@njit(cache=True)
def _grow(nodes_i, nodes_f, value, cap):
    ni = np.empty((cap, nodes_i.shape[1]), np.int64)
    nf = np.empty((cap, nodes_f.shape[1]), np.float64)
    nv = np.empty((cap, value.shape[1]), np.float64)
    m = nodes_i.shape[0]
    ni[:m] = nodes_i
    nf[:m] = nodes_f
    nv[:m] = value
    return ni, nf, nv


_BUILD_SIG = types.Tuple((types.int64[:, ::1], types.float64[:, ::1], types.float64[:, ::1]))(
    types.float32[:, ::1],  # Xt (n_features, n_samples)
    types.float64[::1],  # y (class index, or target)
    types.float64[::1],  # w
    types.int64[::1],  # rank of y (absolute error)
    types.float64[::1],  # unique sorted y (absolute error)
    types.int32[:, ::1],  # order (n_features, n_samples), presorted; partitioned in place
    types.int64,  # kind: 0 classification, 1 regression stats, 2 absolute error
    types.int64,  # value width (n_classes, or 1)
    types.int64[::1],  # int params: max_depth, min_samples_split, min_samples_leaf,
    #                    max_features, seed
    types.float64[::1],  # float params: min_weight_leaf, min_impurity_decrease
    CLASS_FN,
    REGRESSION_FN,
)


@njit(_BUILD_SIG, cache=True)
def build_tree(Xt, y, w, rank, yu, order, kind, width, iparams, fparams, imp_c, imp_r):
    """Grow a tree depth first; nodes are numbered in pre-order, left child first.

    Returns ``(nodes_i, nodes_f, value)``: ``nodes_i`` columns are children_left,
    children_right, feature, n_node_samples; ``nodes_f`` columns are threshold, impurity,
    weighted_n_node_samples; ``value`` is (n_nodes, width).
    """
    max_depth, min_split, min_leaf, max_features, seed = (
        iparams[0],
        iparams[1],
        iparams[2],
        iparams[3],
        iparams[4],
    )
    min_wleaf, min_decrease = fparams[0], fparams[1]
    np.random.seed(seed)  # noqa: NPY002  (numba's compiled generator, seeded per fit)
    d, n = Xt.shape
    cap = 64
    nodes_i = np.empty((cap, 4), np.int64)
    nodes_f = np.empty((cap, 3), np.float64)
    value = np.empty((cap, width), np.float64)
    counts = np.empty(width, np.float64)
    left = np.empty(width, np.float64)
    right = np.empty(width, np.float64)
    goes_left = np.zeros(n, np.bool_)
    buf = np.empty(n, np.int32)
    feats = np.arange(d)
    n_unique = yu.shape[0] if kind == 2 else 0
    bw, bs = np.zeros(n_unique + 1), np.zeros(n_unique + 1)
    pw, ps = np.zeros(n_unique), np.zeros(n_unique)
    costs = np.empty(n if kind == 2 else 0)
    stack = np.empty((n + 2, 5), np.int64)  # start, end, depth, parent, is_left
    stack[0] = (0, n, 0, -1, 0)
    sp, n_nodes, W_root = 1, 0, 0.0
    while sp > 0:
        sp -= 1
        start, end, depth, parent, is_left = stack[sp]
        impurity, W = _node_stats(kind, order[0], y, w, start, end, counts, imp_c, imp_r)
        if n_nodes == cap:
            cap *= 2
            nodes_i, nodes_f, value = _grow(nodes_i, nodes_f, value, cap)
        node = n_nodes
        n_nodes += 1
        if parent >= 0:
            nodes_i[parent, 0 if is_left else 1] = node
        else:
            W_root = W
        value[node] = counts
        nodes_f[node, 1] = impurity
        nodes_f[node, 2] = W
        nodes_i[node, 3] = end - start
        n_node = end - start
        is_leaf = (
            depth >= max_depth
            or n_node < min_split
            or n_node < 2 * min_leaf
            or W < 2.0 * min_wleaf
            or impurity <= EPSILON
        )
        fb, pos, thr, best = -1, -1, 0.0, INF
        if not is_leaf:
            S, SS = counts[0] * W, 0.0
            if kind == 1:
                row = order[0]
                for q in range(start, end):
                    SS += w[row[q]] * y[row[q]] * y[row[q]]
            visited = 0
            for i in range(d):
                if visited >= max_features:
                    break
                j = np.random.randint(i, d)  # noqa: NPY002
                feats[i], feats[j] = feats[j], feats[i]
                f = feats[i]
                xrow, row = Xt[f], order[f]
                if (
                    np.float64(xrow[row[end - 1]])
                    <= np.float64(xrow[row[start]]) + FEATURE_THRESHOLD
                ):
                    continue  # constant in this node: does not count towards max_features
                visited += 1
                if kind == 0:
                    sc, p, t = _scan_class(
                        xrow,
                        row,
                        y,
                        w,
                        start,
                        end,
                        counts,
                        W,
                        min_leaf,
                        min_wleaf,
                        imp_c,
                        left,
                        right,
                    )
                elif kind == 1:
                    sc, p, t = _scan_regression(
                        xrow, row, y, w, start, end, W, S, SS, min_leaf, min_wleaf, imp_r
                    )
                else:
                    sc, p, t = _scan_absolute(
                        xrow,
                        row,
                        y,
                        w,
                        rank,
                        yu,
                        start,
                        end,
                        min_leaf,
                        min_wleaf,
                        bw,
                        bs,
                        pw,
                        ps,
                        costs,
                    )
                if p >= 0 and sc < best:
                    best, fb, pos, thr = sc, f, p, t
            if fb < 0 or (W * impurity - best) / W_root + EPSILON < min_decrease:
                is_leaf = True
        if is_leaf:
            nodes_i[node, 0] = -1
            nodes_i[node, 1] = -1
            nodes_i[node, 2] = -2
            nodes_f[node, 0] = -2.0
            continue
        nodes_i[node, 2] = fb
        nodes_f[node, 0] = thr
        _partition(order, fb, start, pos, end, goes_left, buf)
        stack[sp] = (pos, end, depth + 1, node, 0)
        stack[sp + 1] = (start, pos, depth + 1, node, 1)
        sp += 2
    return nodes_i[:n_nodes].copy(), nodes_f[:n_nodes].copy(), value[:n_nodes].copy()


@njit(cache=True)
def apply_tree(X, left, right, feature, threshold):
    """Leaf index of every row of ``X`` (float32, (n_samples, n_features))."""
    out = np.empty(X.shape[0], np.int64)
    for i in range(X.shape[0]):
        node = 0
        while left[node] != -1:
            if X[i, feature[node]] <= threshold[node]:
                node = left[node]
            else:
                node = right[node]
        out[i] = node
    return out


@njit(cache=True)
def path_tree(X, left, right, feature, threshold):
    """CSR ``(indptr, indices)`` of the nodes each row of ``X`` passes through."""
    n = X.shape[0]
    indptr = np.zeros(n + 1, np.int64)
    indices = np.empty(16, np.int64)
    k = 0
    for i in range(n):
        node = 0
        while True:
            if k == indices.shape[0]:
                bigger = np.empty(2 * k, np.int64)
                bigger[:k] = indices
                indices = bigger
            indices[k] = node
            k += 1
            if left[node] == -1:
                break
            if X[i, feature[node]] <= threshold[node]:
                node = left[node]
            else:
                node = right[node]
        indptr[i + 1] = k
    return indptr, indices[:k].copy()
