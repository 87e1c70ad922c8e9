"""What a k-means "centre" is: the replaceable piece of the k-means objective.

A centre object answers two questions, and k-means alternates between them:

``cost(X, centers) -> ndarray (n_samples, n_clusters)``
    the non-negative cost of giving sample ``i`` to centre ``j`` (the "distance");
``update(X, sample_weight, labels, centers) -> ndarray (n_clusters, n_features)``
    the new centres given the labels; ``centers`` are the current ones, handy as a
    warm start. Clusters that lost all their points are handled by the caller (their
    returned row is ignored).

and optionally ``prepare(X) -> X`` (a transformation applied once to the data before the
fit and to every later input, e.g. unit-normalising rows for the spherical centre) and
``distance(X, centers)`` (what ``transform`` returns; defaults to ``cost``).

The objective minimised is always

    J(labels, centers) = sum_i w_i * cost(x_i, c_{labels_i})

The assignment step minimises J over the labels exactly. J is non-increasing over the
iterations whenever ``update`` minimises ``sum_{i in cluster} w_i cost(x_i, c)`` over ``c``
(or at least does not increase it): true for every built-in centre below.

========== ========================== ==========================================
name       cost(x, c)                 update (per cluster)
========== ========================== ==========================================
mean       ||x - c||_2^2              weighted mean (k-means)
median     ||x - c||_1                coordinate-wise weighted median (k-medians)
medoid     ||x - c||_2                the member minimising the summed distance
                                      to the others (k-medoids, "alternate")
spherical  1 - x.c  (x, c unit-norm)  normalised weighted sum (spherical k-means,
                                      cosine distance)
========== ========================== ==========================================

A plain function ``f(X_cluster, w_cluster) -> ndarray (n_features,)`` becomes a centre by
:class:`FunctionCenter`, with the squared Euclidean cost unless another ``cost`` is given.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial.distance import cdist


class Center:
    """Base class of k-means centres; see the module docstring for the protocol."""

    name = "center"

    def prepare(self, X):
        return X

    def cost(self, X, centers):
        raise NotImplementedError

    def update(self, X, sample_weight, labels, centers):
        raise NotImplementedError

    def distance(self, X, centers):
        return self.cost(X, centers)

    def __repr__(self):
        return f"{type(self).__name__}()"


def _sqeuclidean(X, centers):
    d = (X * X).sum(1)[:, None] - 2.0 * (X @ centers.T) + (centers * centers).sum(1)[None, :]
    return np.maximum(d, 0.0, out=d)


class MeanCenter(Center):
    """Classic k-means: squared Euclidean cost, weighted-mean update."""

    name = "mean"

    def cost(self, X, centers):
        return _sqeuclidean(X, centers)

    def distance(self, X, centers):
        return np.sqrt(self.cost(X, centers))

    def update(self, X, sample_weight, labels, centers):
        k = centers.shape[0]
        wsum = np.bincount(labels, weights=sample_weight, minlength=k)
        sums = np.zeros_like(centers)
        np.add.at(sums, labels, X * sample_weight[:, None])
        out = centers.copy()
        nz = wsum > 0
        out[nz] = sums[nz] / wsum[nz, None]
        return out


def weighted_median(values, weights):
    """Column-wise weighted median: the smallest value whose cumulative weight reaches half."""
    order = np.argsort(values, axis=0, kind="stable")
    sorted_vals = np.take_along_axis(values, order, axis=0)
    cum = np.cumsum(weights[order], axis=0)
    idx = np.argmax(cum >= 0.5 * cum[-1], axis=0)
    return sorted_vals[idx, np.arange(values.shape[1])]


class MedianCenter(Center):
    """k-medians: L1 (Manhattan) cost, coordinate-wise weighted median update."""

    name = "median"

    def cost(self, X, centers):
        return cdist(X, centers, metric="cityblock")

    def update(self, X, sample_weight, labels, centers):
        out = centers.copy()
        for j in range(centers.shape[0]):
            members = labels == j
            if members.any():
                out[j] = weighted_median(X[members], sample_weight[members])
        return out


class MedoidCenter(Center):
    """k-medoids ("alternate" algorithm): centres are data points, Euclidean cost.

    The update picks, in each cluster, the member ``m`` minimising
    ``sum_{i in cluster} w_i ||x_i - x_m||``; it costs O(n_k^2) per cluster of size n_k
    (computed in blocks of 1024 rows).
    """

    name = "medoid"

    def cost(self, X, centers):
        return cdist(X, centers, metric="euclidean")

    def update(self, X, sample_weight, labels, centers):
        out = centers.copy()
        for j in range(centers.shape[0]):
            idx = np.flatnonzero(labels == j)
            if idx.size == 0:
                continue
            Xj, wj = X[idx], sample_weight[idx]
            totals = np.empty(idx.size)
            for s in range(0, idx.size, 1024):
                totals[s : s + 1024] = cdist(Xj[s : s + 1024], Xj) @ wj
            out[j] = Xj[np.argmin(totals)]
        return out


class SphericalCenter(Center):
    """Spherical k-means: rows and centres on the unit sphere, cost ``1 - cos(x, c)``."""

    name = "spherical"

    def prepare(self, X):
        norms = np.linalg.norm(X, axis=1)
        if np.any(norms == 0):
            raise ValueError(
                "center='spherical' needs rows of X with a non-zero norm (cosine distance is "
                f"undefined for the zero vector); got {int((norms == 0).sum())} zero rows."
            )
        return X / norms[:, None]

    def cost(self, X, centers):
        return np.maximum(1.0 - X @ centers.T, 0.0)

    def update(self, X, sample_weight, labels, centers):
        sums = np.zeros_like(centers)
        np.add.at(sums, labels, X * sample_weight[:, None])
        norms = np.linalg.norm(sums, axis=1)
        out = centers.copy()
        nz = norms > 0
        out[nz] = sums[nz] / norms[nz, None]
        return out


class FunctionCenter(Center):
    """A centre made of your own functions.

    Parameters
    ----------
    update : callable ``update(X_cluster, w_cluster) -> ndarray (n_features,)``
        The centre of one cluster's rows and weights.
    cost : callable ``cost(X, centers) -> ndarray (n_samples, n_clusters)``, optional
        Default: squared Euclidean distance. For a non-increasing objective, ``update``
        should minimise ``sum_i w_i cost(x_i, c)`` over ``c`` (or at least not increase it).

    Examples
    --------
    A trimmed mean (the mean of the central half of each coordinate):

    >>> import numpy as np
    >>> from scipy.stats import trim_mean
    >>> center = FunctionCenter(lambda Xk, wk: trim_mean(Xk, 0.25, axis=0))
    >>> X = np.array([[0.0], [1.0], [2.0], [100.0]])
    >>> center.update(X, np.ones(4), np.zeros(4, dtype=int), np.zeros((1, 1)))
    array([[1.5]])
    """

    name = "function"

    def __init__(self, update, cost=None):
        if not callable(update):
            raise TypeError(f"update must be callable; got {type(update).__name__}.")
        if cost is not None and not callable(cost):
            raise TypeError(f"cost must be callable or None; got {type(cost).__name__}.")
        self.update_fn = update
        self.cost_fn = cost

    def cost(self, X, centers):
        return _sqeuclidean(X, centers) if self.cost_fn is None else self.cost_fn(X, centers)

    def update(self, X, sample_weight, labels, centers):
        out = centers.copy()
        for j in range(centers.shape[0]):
            members = labels == j
            if members.any():
                value = np.asarray(self.update_fn(X[members], sample_weight[members]), float)
                if value.shape != (X.shape[1],):
                    raise ValueError(
                        f"the center function must return an array of shape ({X.shape[1]},) "
                        f"(one value per feature); got shape {value.shape}."
                    )
                out[j] = value
        return out

    def __repr__(self):
        return f"FunctionCenter({getattr(self.update_fn, '__name__', 'update')})"


CENTERS = {
    "mean": MeanCenter,
    "median": MedianCenter,
    "medoid": MedoidCenter,
    "spherical": SphericalCenter,
}


def resolve_center(center):
    """A centre object from a name, a :class:`Center`-like object or a plain function."""
    if isinstance(center, str):
        if center not in CENTERS:
            raise ValueError(f"center must be one of {sorted(CENTERS)}; got {center!r}.")
        return CENTERS[center]()
    if hasattr(center, "cost") and hasattr(center, "update"):
        return center
    if callable(center):
        return FunctionCenter(center)
    raise TypeError(
        f"center must be a name in {sorted(CENTERS)}, an object with cost() and update(), or "
        f"a function f(X_cluster, w_cluster) -> centre; got {type(center).__name__}."
    )


def checked_update(center, X, w, labels, centers):
    """Call ``center.update`` and check what came back (shape, finiteness)."""
    new = np.asarray(center.update(X, w, labels, centers), dtype=float)
    if new.shape != centers.shape:
        raise ValueError(
            f"center.update must return an array of shape {centers.shape} (n_clusters, "
            f"n_features); got shape {new.shape}."
        )
    if not np.all(np.isfinite(new)):
        raise ValueError("center.update returned non-finite centres (NaN or inf).")
    return new


def checked_cost(center, X, centers):
    """Call ``center.cost`` and check its shape and values."""
    cost = np.asarray(center.cost(X, centers), dtype=float)
    if cost.shape != (X.shape[0], centers.shape[0]):
        raise ValueError(
            f"center.cost must return an array of shape {(X.shape[0], centers.shape[0])} "
            f"(n_samples, n_clusters); got shape {cost.shape}."
        )
    if not np.all(np.isfinite(cost)):
        raise ValueError("center.cost returned non-finite values (NaN or inf).")
    return cost
