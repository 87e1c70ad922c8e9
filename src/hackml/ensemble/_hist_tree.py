"""One regression tree of histogram gradient boosting, grown best-first on binned data.

The tree fits a second-order approximation of the loss: with per-sample gradients
``g_i`` and Hessians ``h_i`` (already multiplied by the sample weights), a leaf with row
set ``L`` takes the Newton value ``-sum_L g / (sum_L h + l2)``, and nodes are split in
order of decreasing gain until ``max_leaf_nodes`` leaves exist, no split gains, or
``max_depth`` is reached. The whole tree grows in one compiled call (see
:mod:`._hist_kernels`); this module wraps its node arrays into a :class:`HistTree`.
"""

from __future__ import annotations

import numpy as np

from . import _hist_kernels
from ._hist_kernels import add_leaf_values, grow_tree_arrays, predict_tree


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


def grow_tree(
    Xb,
    grad,
    hess,
    n_bins_feature,
    thresholds,
    *,
    hist,
    max_leaf_nodes,
    max_depth,
    min_samples_leaf,
    l2,
    min_hessian=1e-3,
    refit=None,
):
    """Grow one tree; return ``(tree, delta)`` where ``delta`` is its training prediction.

    ``Xb`` is the feature-major ``(p, n)`` binned matrix, ``thresholds`` the padded
    ``(p, max_bins)`` raw thresholds, ``hist`` a reusable histogram buffer
    ``(max_leaf_nodes + 1, p, n_bins, 3)``. ``refit(rows) -> float``, when given,
    replaces each leaf's Newton value by a value computed from the leaf's rows (a line
    search for losses without a Hessian).
    """
    n = Xb.shape[1]
    feature, bin_, left, right, G, H, C, start, stop, rows, m = grow_tree_arrays(
        Xb,
        grad,
        hess,
        n_bins_feature,
        hist,
        max_leaf_nodes,
        -1 if max_depth is None else max_depth,
        min_samples_leaf,
        l2,
        min_hessian,
        _hist_kernels.PARALLEL_MIN_WORK,
    )
    feature, left, right = feature[:m], left[:m], right[:m]
    value = -G[:m] / np.maximum(H[:m] + l2, 1e-3 * C[:m])
    # A leaf whose Hessians vanish (a Huber loss far from its targets) takes a gradient
    # step of bounded size instead of dividing by zero; the line search tames it.
    threshold = np.where(feature >= 0, thresholds[np.maximum(feature, 0), bin_[:m]], np.nan)
    tree = HistTree(feature, threshold, left, right, value)
    leaves = np.flatnonzero(left == -1)
    starts, stops = start[leaves], stop[leaves]
    if refit is not None:
        for leaf, a, b in zip(leaves, starts, stops):
            tree.value[leaf] = refit(rows[a:b])
    delta = np.zeros(n)
    add_leaf_values(delta, rows, starts, stops, tree.value[leaves], 1.0)
    return tree, delta
