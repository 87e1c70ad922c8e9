"""Hierarchical clustering as functions: linkage matrices, flat cuts and the dendrogram.

The linkage matrix is scipy's format: row ``k`` merges clusters ``Z[k, 0] < Z[k, 1]``
(ids below ``n`` are points, ``n + j`` is the cluster made by row ``j``) at height
``Z[k, 2]`` into a cluster of ``Z[k, 3]`` points. The algorithms are hackml's own (see
:mod:`hackml.cluster._linkage`); the tests compare the matrices with
``scipy.cluster.hierarchy.linkage``.
"""

from __future__ import annotations

import numbers

import numpy as np
from scipy.spatial.distance import pdist

from .._core.optional import import_optional
from .._core.validation import check_array, check_choice, check_scalar
from ._linkage import METHODS, REDUCIBLE, cut_labels, greedy, mst_single, nn_chain, relabel

__all__ = ["cut", "dendrogram", "linkage"]

EUCLIDEAN_ONLY = ("ward", "centroid", "median")


def linkage(X, method="ward", metric="euclidean"):
    """Agglomerative clustering of the rows of X; the scipy-format linkage matrix.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    method : {"single", "complete", "average", "weighted", "ward", "centroid", "median"}
        How the distance to a merged cluster is updated (the Lance-Williams formulas in
        :mod:`hackml.cluster._linkage`). "ward" merges the pair whose union increases the
        within-cluster sum of squares least (height = sqrt(2 * increase)).
    metric : str, default="euclidean"
        Any metric name of ``scipy.spatial.distance.pdist``; "ward", "centroid" and
        "median" need "euclidean".

    Returns
    -------
    Z : ndarray of shape (n_samples - 1, 4)

    Examples
    --------
    >>> import numpy as np
    >>> linkage(np.array([[0.0], [1.0], [5.0]]), method="single")
    array([[0., 1., 1., 2.],
           [2., 3., 4., 3.]])
    """
    check_choice(method, "method", METHODS)
    X = check_array(X, dtype=np.float64, input_name="X", ensure_min_samples=2)
    if method in EUCLIDEAN_ONLY and metric != "euclidean":
        raise ValueError(f"method={method!r} needs metric='euclidean'; got {metric!r}.")
    n = X.shape[0]
    D = pdist(X, metric=metric)
    if not np.all(np.isfinite(D)):
        raise ValueError(f"the {metric!r} distances of X contain NaN or inf.")
    code = METHODS.index(method)
    if method in REDUCIBLE:
        Z = mst_single(D, n) if method == "single" else nn_chain(D, n, code)
        Z = Z[np.argsort(Z[:, 2], kind="mergesort")]
        return relabel(np.ascontiguousarray(Z), n)
    return greedy(D, n, code)


def cut(Z, *, n_clusters=None, distance=None):
    """Flat cluster labels (0-based) from a linkage matrix.

    ``n_clusters``: undo the last ``n_clusters - 1`` merges (apply the first
    ``n - n_clusters``). ``distance``: keep every merge whose subtree's greatest height
    is at most ``distance`` (scipy's ``fcluster(criterion="distance")``; the greatest
    height, not the merge height, matters for centroid/median inversions).

    Examples
    --------
    >>> import numpy as np
    >>> Z = linkage(np.array([[0.0], [1.0], [5.0], [6.0]]), method="average")
    >>> cut(Z, n_clusters=2), cut(Z, distance=0.5)
    (array([0, 0, 1, 1]), array([0, 1, 2, 3]))
    """
    Z = np.ascontiguousarray(Z, dtype=np.float64)
    if Z.ndim != 2 or Z.shape[1] != 4:
        raise ValueError(f"Z must be a linkage matrix of shape (n - 1, 4); got {Z.shape}.")
    n = Z.shape[0] + 1
    if (n_clusters is None) == (distance is None):
        raise ValueError("give exactly one of n_clusters and distance.")
    if n_clusters is not None:
        check_scalar(n_clusters, "n_clusters", kind=numbers.Integral, low=1, high=n)
        apply = np.arange(n - 1) < n - n_clusters
    else:
        check_scalar(distance, "distance", low=0)
        top = np.empty(n - 1)
        for k in range(n - 1):
            kids = [top[int(c) - n] for c in Z[k, :2] if c >= n]
            top[k] = max([Z[k, 2], *kids])
        apply = top <= distance
    return cut_labels(Z, n, apply)


def dendrogram(Z, *, ax=None, labels=None, color="C0"):
    """Draw the tree of a linkage matrix with matplotlib; return its layout.

    Leaves are ordered as in scipy's default dendrogram (left child ``Z[k, 0]`` first)
    at x = 5, 15, 25, ...; each merge is a U from its children's heights to its own.

    Returns
    -------
    dict with ``leaves`` (point indices left to right), ``icoord`` and ``dcoord`` (the
    x and y of each U's four corners) and ``ax``.

    Examples
    --------
    >>> import numpy as np
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> Z = linkage(np.array([[0.0], [1.0], [5.0]]), method="single")
    >>> dendrogram(Z)["leaves"]
    [2, 0, 1]
    """
    plt = import_optional("matplotlib.pyplot", purpose="the dendrogram plot")
    Z = np.asarray(Z, dtype=float)
    n = Z.shape[0] + 1
    leaves, stack = [], [2 * n - 2]
    while stack:
        node = stack.pop()
        if node < n:
            leaves.append(int(node))
        else:
            left, right = Z[node - n, :2].astype(int)
            stack.extend([right, left])
    x = {leaf: 10.0 * i + 5.0 for i, leaf in enumerate(leaves)}
    height = dict.fromkeys(range(n), 0.0)
    icoord, dcoord = [], []
    for k in range(n - 1):
        a, b = int(Z[k, 0]), int(Z[k, 1])
        h = Z[k, 2]
        icoord.append([x[a], x[a], x[b], x[b]])
        dcoord.append([height[a], h, h, height[b]])
        x[n + k], height[n + k] = (x[a] + x[b]) / 2, h
    if ax is None:
        ax = plt.gca()
    for xs, ys in zip(icoord, dcoord):
        ax.plot(xs, ys, color=color, linewidth=1)
    ax.set_xticks([x[leaf] for leaf in leaves])
    names = leaves if labels is None else [labels[leaf] for leaf in leaves]
    ax.set_xticklabels([str(v) for v in names], rotation=90, fontsize=6)
    ax.set_ylabel("merge height")
    return {"leaves": leaves, "icoord": icoord, "dcoord": dcoord, "ax": ax}
