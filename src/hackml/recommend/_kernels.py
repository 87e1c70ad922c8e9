"""Numba kernels of the matrix-factorisation recommenders (pure functions of arrays).

All of them read a CSR matrix as ``(indptr, indices, data)``; the same kernel updates
users (given the user-by-item matrix) or items (given its transpose). No Python code
runs per rating.

Explicit model, one side (users, say), with ``y_j = [v_j, 1]`` and ``x_i = [u_i, b_i]``::

    min_x  sum_j (r_ij - mu - c_j - x . y_j)^2 + lam_f w_i ||u_i||^2 + lam_b b_i^2

is the ``(k+1) x (k+1)`` normal-equation system
``(sum_j y_j y_j^T + diag(lam_f w_i, ..., lam_f w_i, lam_b)) x = sum_j (r_ij - mu - c_j) y_j``,
solved exactly by Cholesky (``explicit_half_exact``) or approximately by a few warm-started
conjugate-gradient steps (``explicit_half_cg``; CG never increases a convex quadratic,
so the objective still does not increase).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ._rowsolve import (
    GATHER_MAX,
    _implicit_loss_terms,
    explicit_residual_stats,
    explicit_row_cg,
    explicit_row_exact,
    implicit_row_cg,
    row_chunks,
)


@njit(parallel=True, cache=True, fastmath=True)
def _explicit_half_exact(
    bounds, indptr, indices, data, other_f, other_b, mu, lam_f, lam_b, wr, own_f, own_b, cap, stats
):
    k = own_f.shape[1]
    for ch in prange(len(bounds) - 1):
        lo, hi = bounds[ch], bounds[ch + 1]
        c = 1
        for i in range(lo, hi):
            c = max(c, indptr[i + 1] - indptr[i])
        c = min(c, cap)
        Yu, base = np.empty((c, k)), np.empty(c)
        A, rhs = np.empty((max(c, k + 1), max(c, k + 1))), np.empty(max(c, k + 1))
        for i in range(lo, hi):
            m = indptr[i + 1] - indptr[i]
            if m == 0:
                own_f[i, :] = 0.0
                own_b[i] = 0.0
                if stats.shape[0] > 0:
                    stats[i, 0] = 0.0
                    stats[i, 1] = 0.0
                continue
            lam = lam_f * m if wr else lam_f
            if lam <= 0.0:
                lam = 1e-12
            explicit_row_exact(
                i,
                indptr,
                indices,
                data,
                other_f,
                other_b,
                mu,
                lam,
                lam_b,
                own_f,
                own_b,
                Yu,
                base,
                A,
                rhs,
            )
            if stats.shape[0] > 0:
                for a in range(k):
                    rhs[a] = own_f[i, a]
                rhs[k] = own_b[i]
                s1, s2 = explicit_residual_stats(
                    indices,
                    data,
                    other_f,
                    other_b,
                    mu,
                    indptr[i],
                    m,
                    m <= c,
                    Yu,
                    base,
                    rhs[: k + 1],
                )
                stats[i, 0] = s1
                stats[i, 1] = s2


def explicit_half_exact(
    indptr,
    indices,
    data,
    other_f,
    other_b,
    mu,
    lam_f,
    lam_b,
    wr,
    own_f,
    own_b,
    stats=None,
    gather_max=GATHER_MAX,
):
    """Exact block update of every row's ``[factors, bias]`` (in place, float64);
    ``stats`` as in ``explicit_half_cg``."""
    bounds = row_chunks(indptr, (own_f.shape[1] + 1) / 3.0)  # k^3/6 per row, k^2/2 per rating
    _explicit_half_exact(
        bounds,
        indptr,
        indices,
        data,
        other_f,
        other_b,
        float(mu),
        float(lam_f),
        float(lam_b),
        bool(wr),
        own_f,
        own_b,
        int(gather_max),
        np.empty((0, 2)) if stats is None else stats,
    )


@njit(parallel=True, cache=True, fastmath=True)
def _explicit_half_cg(
    bounds,
    indptr,
    indices,
    data,
    other_f,
    other_b,
    mu,
    lam_f,
    lam_b,
    wr,
    own_f,
    own_b,
    n_steps,
    cap,
    stats,
    fuse,
    zero,
):
    k = own_f.shape[1]
    dt = own_f.dtype
    for ch in prange(len(bounds) - 1):
        lo, hi = bounds[ch], bounds[ch + 1]
        c = 1
        for i in range(lo, hi):
            c = max(c, indptr[i + 1] - indptr[i])
        c = min(c, cap)
        bufs = (
            np.empty((c, k), dt),
            np.empty(c, dt),
            np.full(c, -1, dt),
            np.ones(c, dt),
            np.zeros(c, dt),
            np.empty(c, dt),
            np.empty(c, dt),
        )
        vecs = (np.empty(k + 1, dt), np.empty(k + 1, dt), np.empty(k + 1, dt), np.empty(k + 1, dt))
        for i in range(lo, hi):
            s, m = indptr[i], indptr[i + 1] - indptr[i]
            if m == 0:
                own_f[i, :] = 0
                own_b[i] = 0
                if stats.shape[0] > 0:
                    stats[i, 0] = 0.0
                    stats[i, 1] = 0.0
                continue
            lam = lam_f * m if wr else lam_f
            whole = explicit_row_cg(
                i,
                indptr,
                indices,
                data,
                other_f,
                other_b,
                mu,
                lam,
                lam_b,
                own_f,
                own_b,
                n_steps,
                bufs,
                vecs,
                zero,
            )
            if stats.shape[0] > 0 and whole and fuse:
                s1 = 0.0
                s2 = 0.0
                for q in range(m):
                    e = bufs[1][q] - bufs[5][q]
                    s1 += e
                    s2 += e * e
                stats[i, 0] = s1
                stats[i, 1] = s2
            elif stats.shape[0] > 0:
                s1, s2 = explicit_residual_stats(
                    indices, data, other_f, other_b, mu, s, m, whole, bufs[0], bufs[1], vecs[0]
                )
                stats[i, 0] = s1
                stats[i, 1] = s2


def explicit_half_cg(
    indptr,
    indices,
    data,
    other_f,
    other_b,
    mu,
    lam_f,
    lam_b,
    wr,
    own_f,
    own_b,
    n_steps,
    stats=None,
    gather_max=GATHER_MAX,
):
    """``n_steps`` of warm-started conjugate gradients on every row's block (in place).

    Works in the dtype of ``own_f`` (``other_f`` must match). When ``stats`` (float64,
    ``(n_rows, 2)``) is given it receives each updated row's ``(sum e, sum e^2)`` with
    ``e = r - mu - b_i - c_j - u_i . v_j`` (what the mean update and the objective need).
    """
    dt = own_f.dtype
    if other_f.dtype != dt or not (own_f.flags.c_contiguous and other_f.flags.c_contiguous):
        raise ValueError("own_f and other_f must be C-contiguous arrays of one dtype.")
    bounds = row_chunks(indptr, own_f.shape[1] / 4.0)
    st = np.empty((0, 2)) if stats is None else stats
    _explicit_half_cg(
        bounds,
        indptr,
        indices,
        data,
        other_f,
        other_b.astype(dt, copy=False),
        float(mu),
        float(lam_f),
        float(lam_b),
        bool(wr),
        own_f,
        own_b,
        int(n_steps),
        int(gather_max),
        st,
        dt == np.float64,
        dt.type(0),
    )


@njit(parallel=True, cache=True, fastmath=True)
def explicit_sse(indptr, indices, data, U, V, bu, bi, mu):
    """Sum of squared errors of the explicit model over the stored ratings."""
    n = U.shape[0]
    k = U.shape[1]
    total = 0.0
    for i in prange(n):
        acc = 0.0
        for p in range(indptr[i], indptr[i + 1]):
            j = indices[p]
            t = data[p] - mu - bu[i] - bi[j]
            for a in range(k):
                t -= np.float64(U[i, a]) * np.float64(V[j, a])
            acc += t * t
        total += acc
    return total


@njit(parallel=True, cache=True, fastmath=True)
def _implicit_half(
    bounds, indptr, indices, conf, other, G, own, n_steps, cap, loss_out, conf64, zero
):
    k = own.shape[1]
    dt = own.dtype
    for ch in prange(len(bounds) - 1):
        lo, hi = bounds[ch], bounds[ch + 1]
        c = 1
        for i in range(lo, hi):
            c = max(c, indptr[i + 1] - indptr[i])
        c = min(c, cap)
        bufs = (
            np.empty((c, k), dt),
            np.empty(c, dt),
            np.empty(c, dt),
            np.empty(c, dt),
            np.zeros(c, dt),
        )
        vecs = (np.empty(k, dt), np.empty(k, dt), np.empty(k, dt), np.empty(k, dt))
        for i in range(lo, hi):
            whole = implicit_row_cg(
                i, indptr, indices, conf, other, G, own, n_steps, bufs, vecs, zero
            )
            if loss_out.shape[0] > 0:
                loss_out[i] = _implicit_loss_terms(
                    indices,
                    conf64,
                    other,
                    indptr[i],
                    indptr[i + 1] - indptr[i],
                    whole,
                    bufs[0],
                    vecs[0],
                )


def implicit_half_cg(
    indptr, indices, conf, other, gram, lam, own, n_steps, loss_out=None, gather_max=GATHER_MAX
):
    """Hu-Koren-Volinsky update of every row by warm-started conjugate gradients.

    Minimises, per row ``x``: ``sum_j c_j (p_j - x . y_j)^2 + lam ||x||^2`` over all
    items, where ``c_j = conf`` on stored entries (``p_j = 1``) and 1 elsewhere
    (``p_j = 0``); ``gram = Y^T Y``. System: ``(Y^T Y + sum_stored (c_j - 1) y_j y_j^T
    + lam I) x = sum_stored c_j y_j``, applied to a vector as ``(Y^T Y + lam I) v`` plus
    a sum over the row's stored entries only (never over all items).

    Computes in the dtype of ``own`` (float32 or float64; ``other`` must match). When
    ``loss_out`` (float64, one per row) is given, it receives each updated row's stored
    share of the loss, ``sum_stored [c (1 - s)^2 - s^2]`` with ``s = x . y_j``. Rows
    with more than ``gather_max`` stored entries are gathered in segments on every pass.
    """
    dt = own.dtype
    if other.dtype != dt or not (own.flags.c_contiguous and other.flags.c_contiguous):
        raise ValueError("own and other must be C-contiguous arrays of one dtype.")
    G = np.array(gram, dtype=dt, order="C")
    G[np.diag_indices_from(G)] += lam
    conf64 = np.ascontiguousarray(conf, dtype=np.float64)
    conf = np.ascontiguousarray(conf, dtype=dt)
    k = own.shape[1]
    bounds = row_chunks(indptr, k / 2.0)
    loss = np.empty(0) if loss_out is None else loss_out
    _implicit_half(
        bounds,
        indptr,
        indices,
        conf,
        other,
        G,
        own,
        int(n_steps),
        int(gather_max),
        loss,
        conf64,
        dt.type(0),
    )


@njit(parallel=True, cache=True, fastmath=True)
def implicit_stored_term(indptr, indices, conf, X, Y):
    """``sum_stored [c (1 - s)^2 - s^2]``, ``s = x_i . y_j``: the stored entries' share of
    the implicit loss beyond ``sum_all s^2``."""
    n, k = X.shape
    total = 0.0
    for i in prange(n):
        acc = 0.0
        for p in range(indptr[i], indptr[i + 1]):
            j = indices[p]
            s = 0.0
            for a in range(k):
                s += X[i, a] * Y[j, a]
            acc += conf[p] * (1.0 - s) * (1.0 - s) - s * s
        total += acc
    return total


@njit(cache=True, fastmath=True)
def sgd_epoch(rows, cols, vals, order, U, V, bu, bi, mu, lr, reg_u, reg_v, reg_bu, reg_bi):
    """One pass of stochastic gradient steps over the ratings in ``order``.

    ``reg_u[i]`` (etc.) is the per-rating share of row ``i``'s penalty, so one epoch
    follows unbiased gradients of the full objective. Returns the updated ``mu``.
    """
    k = U.shape[1]
    for t in range(order.shape[0]):
        p = order[t]
        i, j = rows[p], cols[p]
        pred = mu + bu[i] + bi[j]
        for a in range(k):
            pred += U[i, a] * V[j, a]
        err = vals[p] - pred
        mu += lr * err * 0.1
        bu[i] += lr * (err - reg_bu[i] * bu[i])
        bi[j] += lr * (err - reg_bi[j] * bi[j])
        for a in range(k):
            ua = U[i, a]
            va = V[j, a]
            U[i, a] += lr * (err * va - reg_u[i] * ua)
            V[j, a] += lr * (err * ua - reg_v[j] * va)
    return mu
