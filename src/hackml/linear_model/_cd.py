"""Coordinate descent for the elastic net (squared loss), as numba kernels.

The problem, after centring (when there is an intercept) and scaling every row by
``sqrt(w_i)`` with ``sum w = 1``::

    P(b) = 0.5 * ||s - Z b||^2 + l1 * ||b||_1 + 0.5 * l2 * ||b||^2

One sweep minimises ``P`` exactly over each coordinate in turn, so ``P`` never increases.
The stopping rule is the duality gap ``P(b) - D(theta)`` (always >= 0, zero only at the
optimum), computed once the largest coefficient change of a sweep is small (relative to
the largest coefficient, under ``tol``); the fit converges when ``gap <= tol * ||s||^2``.
This is scikit-learn's rule too, so equal ``tol`` means equal precision.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def cd_sweep(Z, resid, coef, col_sq, l1, l2):
    """One cyclic sweep over the coordinates; updates ``coef`` and ``resid`` in place.

    Returns ``(largest |change|, largest |coef|)``.
    """
    n, p = Z.shape
    max_delta = 0.0
    max_coef = 0.0
    for j in range(p):
        if col_sq[j] == 0.0:
            continue
        old = coef[j]
        rho = np.dot(Z[:, j], resid) + col_sq[j] * old  # BLAS ddot on a contiguous column
        if rho > l1:
            new = (rho - l1) / (col_sq[j] + l2)
        elif rho < -l1:
            new = (rho + l1) / (col_sq[j] + l2)
        else:
            new = 0.0
        if new != old:
            d = new - old
            for i in range(n):
                resid[i] -= Z[i, j] * d
            coef[j] = new
            if abs(d) > max_delta:
                max_delta = abs(d)
        if abs(new) > max_coef:
            max_coef = abs(new)
    return max_delta, max_coef


@njit(cache=True)
def primal(resid, coef, l1, l2):
    """The objective ``P`` from the current residual."""
    return 0.5 * np.dot(resid, resid) + l1 * np.sum(np.abs(coef)) + 0.5 * l2 * np.dot(coef, coef)


@njit(cache=True)
def duality_gap(Z, s, resid, coef, l1, l2):
    """``P(b) - D(theta)`` for the dual point ``theta`` obtained by scaling the residual."""
    corr = Z.T @ resid - l2 * coef
    dual_norm = np.max(np.abs(corr)) if corr.size else 0.0
    r_sq = np.dot(resid, resid)
    c_sq = np.dot(coef, coef)
    if l1 > 0 and dual_norm > l1:
        const = l1 / dual_norm
        gap = 0.5 * (r_sq + r_sq * const * const)
    else:
        const = 1.0
        gap = r_sq
    gap += l1 * np.sum(np.abs(coef)) - const * np.dot(resid, s)
    gap += 0.5 * l2 * (1.0 + const * const) * c_sq
    return gap


def elastic_net_cd(X, y, w, l1, l2, fit_intercept, monitor, coef0=None):
    """Minimise the weighted elastic net by coordinate descent.

    ``w`` sums to one. Returns ``(coef, intercept)``; the monitor holds the history.
    """
    if fit_intercept:
        x_mean, y_mean = w @ X, float(w @ y)
    else:
        x_mean, y_mean = np.zeros(X.shape[1]), 0.0
    sw = np.sqrt(w)
    Z = np.empty(X.shape, order="F")  # columns contiguous for the sweeps; one copy of X
    np.subtract(X, x_mean, out=Z)
    Z *= sw[:, None]
    s = (y - y_mean) * sw
    coef = np.zeros(X.shape[1]) if coef0 is None else np.array(coef0, dtype=float)
    resid = s - Z @ coef
    col_sq = np.einsum("ij,ij->j", Z, Z)
    scale = max(float(s @ s), np.finfo(float).tiny)
    monitor.start(primal(resid, coef, l1, l2))
    for _ in monitor:
        max_delta, max_coef = cd_sweep(Z, resid, coef, col_sq, l1, l2)
        delta = np.inf  # tol=0 runs to max_iter
        if monitor.tol > 0 and (max_coef == 0.0 or max_delta <= monitor.tol * max_coef):
            delta = duality_gap(Z, s, resid, coef, l1, l2) / scale
        monitor.update(primal(resid, coef, l1, l2), delta=delta)
    return coef, y_mean - float(x_mean @ coef)
