"""Compiled kernels of histogram gradient boosting: pure functions of arrays.

Features are binned once into ``uint8`` codes (``bin_data``); a node's histogram holds,
for every (feature, bin), the sums of gradient, Hessian and sample count of the node's
rows (``build_histogram``); the best split of a node is one left-to-right scan of each
feature's histogram (``best_split``), maximising the second-order gain

    gain = G_L^2 / (H_L + l2) + G_R^2 / (H_R + l2) - G^2 / (H + l2)

(twice the decrease of the quadratic approximation of the loss). A sample goes left
when its bin is ``<= bin``, equivalently when its raw value is ``<= threshold``.
"""

from __future__ import annotations

import numpy as np
from numba import njit


def make_bin_thresholds(X, max_bins, rng, subsample=200_000):
    """Per feature: sorted thresholds ``t`` (at most ``max_bins - 1``); bin = #{t < x}."""
    n = X.shape[0]
    if n > subsample:
        X = X[rng.choice(n, subsample, replace=False)]
    thresholds = []
    for j in range(X.shape[1]):
        col = X[:, j]
        distinct = np.unique(col)
        if distinct.size <= max_bins:
            t = 0.5 * (distinct[:-1] + distinct[1:])
        else:
            q = np.linspace(0, 100, max_bins + 1)[1:-1]
            t = np.unique(np.percentile(col, q, method="midpoint"))
        thresholds.append(np.ascontiguousarray(t, dtype=np.float64))
    return thresholds


def bin_data(X, thresholds):
    """Bin ``X`` (n, p) into a C-ordered ``uint8`` array with the given thresholds."""
    out = np.empty(X.shape, dtype=np.uint8)
    for j, t in enumerate(thresholds):
        out[:, j] = np.searchsorted(t, X[:, j], side="left")
    return out


@njit(cache=True, nogil=True)
def build_histogram(Xb, rows, start, stop, grad, hess, n_bins):
    """Sums of (gradient, Hessian, count) per (feature, bin) over ``rows[start:stop]``."""
    p = Xb.shape[1]
    hist = np.zeros((p, n_bins, 3))
    for k in range(start, stop):
        i = rows[k]
        g = grad[i]
        h = hess[i]
        for f in range(p):
            b = Xb[i, f]
            hist[f, b, 0] += g
            hist[f, b, 1] += h
            hist[f, b, 2] += 1.0
    return hist


@njit(cache=True, nogil=True)
def best_split(hist, n_bins_feature, l2, min_samples_leaf, min_hessian):
    """Return ``(gain, feature, bin, G_left, H_left, count_left)`` of the best split.

    ``feature == -1`` when no split satisfies ``min_samples_leaf`` and ``min_hessian``.
    """
    p = hist.shape[0]
    G = 0.0
    H = 0.0
    C = 0.0
    for b in range(n_bins_feature[0]):
        G += hist[0, b, 0]
        H += hist[0, b, 1]
        C += hist[0, b, 2]
    parent = G * G / (H + l2)
    best_gain = 0.0
    best_f = -1
    best_b = -1
    best_gl = 0.0
    best_hl = 0.0
    best_cl = 0.0
    for f in range(p):
        gl = 0.0
        hl = 0.0
        cl = 0.0
        for b in range(n_bins_feature[f] - 1):
            gl += hist[f, b, 0]
            hl += hist[f, b, 1]
            cl += hist[f, b, 2]
            if cl < min_samples_leaf:
                continue
            if C - cl < min_samples_leaf:
                break
            hr = H - hl
            if hl < min_hessian or hr < min_hessian:
                continue
            gr = G - gl
            gain = gl * gl / (hl + l2) + gr * gr / (hr + l2) - parent
            if gain > best_gain + 1e-12 * abs(parent):
                best_gain = gain
                best_f = f
                best_b = b
                best_gl = gl
                best_hl = hl
                best_cl = cl
    return best_gain, best_f, best_b, best_gl, best_hl, best_cl


@njit(cache=True, nogil=True)
def partition(Xb, rows, start, stop, feature, bin_):
    """Reorder ``rows[start:stop]`` so rows with ``Xb[i, feature] <= bin_`` come first.

    Returns the index where the right part begins.
    """
    buf = np.empty(stop - start, dtype=rows.dtype)
    lo = 0
    hi = stop - start - 1
    for k in range(start, stop):
        i = rows[k]
        if Xb[i, feature] <= bin_:
            buf[lo] = i
            lo += 1
        else:
            buf[hi] = i
            hi -= 1
    for k in range(stop - start):
        rows[start + k] = buf[k]
    return start + lo


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
