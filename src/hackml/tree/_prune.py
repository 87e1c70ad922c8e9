"""Minimal cost-complexity pruning and impurity-based importances (pure kernels).

The cost of a subtree ``T`` is ``R_alpha(T) = sum_{leaves l} W_l / W * I(l) + alpha |T|``.
Weakest-link pruning collapses, one at a time, the inner node ``t`` with the smallest
effective alpha ``(R(t) - R(T_t)) / (|T_t| - 1)`` until that alpha exceeds ``ccp_alpha``.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def prune_sequence(left, right, r_node, ccp_alpha):
    """Weakest-link pruning of a pre-order tree.

    Returns ``(keep_as_leaf, removed, alphas, impurities)``: the inner nodes turned into
    leaves, the nodes dropped (inside a collapsed subtree), and the pruning path (the
    effective alpha and total leaf cost after each step, starting at ``(0, R(T))``).
    """
    n = left.shape[0]
    parent = np.full(n, -1, np.int64)
    for i in range(n):
        if left[i] != -1:
            parent[left[i]] = i
            parent[right[i]] = i
    n_leaves = np.zeros(n, np.int64)
    r_branch = np.zeros(n)
    for i in range(n - 1, -1, -1):  # children have larger ids than their parent
        if left[i] == -1:
            n_leaves[i] = 1
            r_branch[i] = r_node[i]
        else:
            n_leaves[i] = n_leaves[left[i]] + n_leaves[right[i]]
            r_branch[i] = r_branch[left[i]] + r_branch[right[i]]
    candidate = left != -1  # inner nodes still in the tree
    removed = np.zeros(n, np.bool_)
    collapsed = np.zeros(n, np.bool_)
    alphas = [0.0]
    impurities = [r_branch[0]]
    while candidate[0]:
        best, idx = np.inf, -1
        for i in range(n):
            if candidate[i]:
                a = (r_node[i] - r_branch[i]) / (n_leaves[i] - 1)
                if a < best:
                    best, idx = a, i
        if best > ccp_alpha:
            break
        # drop the subtree below idx
        stack = [left[idx], right[idx]]
        while len(stack) > 0:
            j = stack.pop()
            removed[j] = True
            candidate[j] = False
            if left[j] != -1:
                stack.append(left[j])
                stack.append(right[j])
        candidate[idx] = False
        collapsed[idx] = True
        lost = n_leaves[idx] - 1
        diff = r_node[idx] - r_branch[idx]
        j = idx
        while j != -1:
            n_leaves[j] -= lost
            r_branch[j] += diff
            j = parent[j]
        alphas.append(best)
        impurities.append(r_branch[0])
    return collapsed, removed, np.array(alphas), np.array(impurities)


def prune_arrays(arrays, collapsed, removed):
    """Rebuild the flat node arrays without the removed nodes (pre-order kept)."""
    keep = np.flatnonzero(~removed)
    new_id = np.full(removed.shape[0], -1, dtype=np.int64)
    new_id[keep] = np.arange(keep.shape[0])
    out = {k: v[keep].copy() for k, v in arrays.items()}
    leaf = collapsed[keep] | (out["children_left"] == -1)
    out["children_left"] = np.where(leaf, -1, new_id[np.maximum(out["children_left"], 0)])
    out["children_right"] = np.where(leaf, -1, new_id[np.maximum(out["children_right"], 0)])
    out["feature"] = np.where(leaf, -2, out["feature"])
    out["threshold"] = np.where(leaf, -2.0, out["threshold"])
    return out


def impurity_importances(tree, n_features):
    """Normalised total weighted impurity decrease brought by each feature."""
    inner = np.flatnonzero(tree.children_left != -1)
    wi = tree.weighted_n_node_samples * tree.impurity
    gain = wi[inner] - wi[tree.children_left[inner]] - wi[tree.children_right[inner]]
    imp = np.bincount(tree.feature[inner], weights=gain, minlength=n_features)
    imp = imp / tree.weighted_n_node_samples[0]
    total = imp.sum()
    return imp / total if total > 0 else imp
