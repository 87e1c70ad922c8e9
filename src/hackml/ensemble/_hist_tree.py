"""One regression tree of histogram gradient boosting, grown best-first on binned data.

The tree fits a second-order approximation of the loss: with per-sample gradients
``g_i`` and Hessians ``h_i`` (already multiplied by the sample weights), a leaf with row
set ``L`` takes the Newton value ``-sum_L g / (sum_L h + l2)``, and nodes are split in
order of decreasing gain (see :mod:`._hist_kernels`) until ``max_leaf_nodes`` leaves
exist, no split gains, or ``max_depth`` is reached.
"""

from __future__ import annotations

import heapq

import numpy as np

from ._hist_kernels import add_leaf_values, best_split, build_histogram, partition, predict_tree


class HistTree:
    """A fitted tree as flat arrays; ``left == -1`` marks a leaf."""

    def __init__(self, feature, threshold, left, right, value):
        self.feature = feature
        self.threshold = threshold
        self.left = left
        self.right = right
        self.value = value

    @property
    def n_leaves(self) -> int:
        return int(np.sum(self.left == -1))

    def add_to(self, X, out, scale=1.0):
        """``out += scale * prediction`` for float64 ``X``."""
        predict_tree(X, self.feature, self.threshold, self.left, self.right, self.value, out, scale)


def _leaf_value(G, H, count, l2):
    # A leaf whose Hessians vanish (a Huber loss far from its targets) takes a gradient
    # step of bounded size instead of dividing by zero; the line search tames it.
    return -G / max(H + l2, 1e-3 * count)


def grow_tree(
    Xb,
    grad,
    hess,
    n_bins_feature,
    thresholds,
    *,
    n_bins,
    max_leaf_nodes,
    max_depth,
    min_samples_leaf,
    l2,
    min_hessian=1e-3,
    refit=None,
):
    """Grow one tree; return ``(tree, delta)`` where ``delta`` is its training prediction.

    ``refit(rows) -> float``, when given, replaces each leaf's Newton value by a value
    computed from the leaf's rows (a line search for losses without a Hessian).
    """
    n = Xb.shape[0]
    rows = np.arange(n, dtype=np.intp)
    feature, threshold, left, right, value, span = [], [], [], [], [], []
    hist = build_histogram(Xb, rows, 0, n, grad, hess, n_bins)

    def new_node(start, stop, G, H):
        feature.append(-1)
        threshold.append(np.nan)
        left.append(-1)
        right.append(-1)
        value.append(_leaf_value(G, H, stop - start, l2))
        span.append((start, stop))
        return len(feature) - 1

    heap = []

    def consider(node, node_hist, depth, G, H):
        start, stop = span[node]
        if max_depth is not None and depth >= max_depth:
            return
        if stop - start < 2 * min_samples_leaf:
            return
        gain, f, b, gl, hl, _ = best_split(
            node_hist, n_bins_feature, l2, min_samples_leaf, min_hessian
        )
        if f >= 0 and gain > 0:
            heapq.heappush(heap, (-gain, node, f, b, gl, hl, G, H, depth, node_hist))

    G0, H0 = float(grad.sum()), float(hess.sum())
    consider(new_node(0, n, G0, H0), hist, 0, G0, H0)
    n_leaves = 1
    while heap and n_leaves < max_leaf_nodes:
        _, node, f, b, gl, hl, G, H, depth, node_hist = heapq.heappop(heap)
        start, stop = span[node]
        mid = partition(Xb, rows, start, stop, f, b)
        feature[node], threshold[node] = f, thresholds[f][b]
        lid = new_node(start, mid, gl, hl)
        rid = new_node(mid, stop, G - gl, H - hl)
        left[node], right[node] = lid, rid
        n_leaves += 1
        if mid - start <= stop - mid:
            small = build_histogram(Xb, rows, start, mid, grad, hess, n_bins)
            hist_l, hist_r = small, node_hist - small
        else:
            small = build_histogram(Xb, rows, mid, stop, grad, hess, n_bins)
            hist_l, hist_r = node_hist - small, small
        consider(lid, hist_l, depth + 1, gl, hl)
        consider(rid, hist_r, depth + 1, G - gl, H - hl)
    tree = HistTree(
        np.asarray(feature, dtype=np.intp),
        np.asarray(threshold, dtype=np.float64),
        np.asarray(left, dtype=np.intp),
        np.asarray(right, dtype=np.intp),
        np.asarray(value, dtype=np.float64),
    )
    leaves = np.flatnonzero(tree.left == -1)
    starts = np.array([span[i][0] for i in leaves], dtype=np.intp)
    stops = np.array([span[i][1] for i in leaves], dtype=np.intp)
    if refit is not None:
        for leaf, a, b in zip(leaves, starts, stops):
            tree.value[leaf] = refit(rows[a:b])
    delta = np.zeros(n)
    add_leaf_values(delta, rows, starts, stops, tree.value[leaves], 1.0)
    return tree, delta
