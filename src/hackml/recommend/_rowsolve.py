"""Per-row conjugate-gradient machinery of the ALS kernels (numba, pure functions).

Speed notes (measured on the 2M-rating benchmark, see ``benchmarks/bench_recommend.py``):

- Work is split into contiguous runs of rows of about equal cost (stored entries plus a
  per-row constant) before the parallel loop: with power-law item popularity the first
  items hold most of the ratings, and an equal split by row count left one thread with
  ~85% of the item half-sweep.
- Each row's stored neighbours (the other side's factor rows) are gathered once into a
  contiguous buffer; the residual and every CG step then stream through it from cache
  instead of chasing random rows (rows longer than ``GATHER_MAX`` are gathered in
  segments on every pass, bounding the buffer).
- The products ``A v`` run four rows (of the buffer or of the Gram matrix) at a time, so
  the accumulator is loaded and stored a quarter as often; accumulators start from a zero
  of the arrays' dtype, so float32 factors are computed in float32 SIMD lanes.
"""

from __future__ import annotations

import numpy as np
from numba import njit

GATHER_MAX = 4096


def row_chunks(indptr, row_cost, n_chunks=64):
    """Split rows ``0..n`` into at most ``n_chunks`` contiguous runs of about equal work,
    a row costing ``row_cost`` plus its number of stored entries."""
    n = len(indptr) - 1
    cost = np.asarray(indptr, dtype=np.float64) + row_cost * np.arange(n + 1)
    bounds = np.searchsorted(cost, np.linspace(0.0, cost[-1], n_chunks + 1), side="left")
    bounds[0], bounds[-1] = 0, n
    return np.unique(bounds).astype(np.int64)


def max_row_length(indptr):
    return int(np.max(np.diff(indptr))) if len(indptr) > 1 else 0


@njit(cache=True, fastmath=True, inline="always")
def symv(G, v, out, k, zero):
    """``out = G v`` for symmetric ``G``, four rows of ``G`` per pass over ``out``."""
    for a in range(k):
        out[a] = zero
    c = 0
    while c + 4 <= k:
        v0, v1, v2, v3 = v[c], v[c + 1], v[c + 2], v[c + 3]
        for a in range(k):
            out[a] += G[c, a] * v0 + G[c + 1, a] * v1 + G[c + 2, a] * v2 + G[c + 3, a] * v3
        c += 4
    while c < k:
        vc = v[c]
        for a in range(k):
            out[a] += G[c, a] * vc
        c += 1


@njit(cache=True, fastmath=True, inline="always")
def weighted_rows(Yu, base, slope, v, out, m, k, zero):
    """``out += sum_{q < m} (base_q + slope_q (y_q . v)) y_q`` over the rows of ``Yu``,
    four rows at a time."""
    q = 0
    while q + 4 <= m:
        t0 = zero
        t1 = zero
        t2 = zero
        t3 = zero
        for a in range(k):
            va = v[a]
            t0 += Yu[q, a] * va
            t1 += Yu[q + 1, a] * va
            t2 += Yu[q + 2, a] * va
            t3 += Yu[q + 3, a] * va
        t0 = base[q] + slope[q] * t0
        t1 = base[q + 1] + slope[q + 1] * t1
        t2 = base[q + 2] + slope[q + 2] * t2
        t3 = base[q + 3] + slope[q + 3] * t3
        for a in range(k):
            out[a] += t0 * Yu[q, a] + t1 * Yu[q + 1, a] + t2 * Yu[q + 2, a] + t3 * Yu[q + 3, a]
        q += 4
    while q < m:
        t = zero
        for a in range(k):
            t += Yu[q, a] * v[a]
        t = base[q] + slope[q] * t
        for a in range(k):
            out[a] += t * Yu[q, a]
        q += 1


@njit(cache=True, fastmath=True, inline="always")
def weighted_rows_bias(Yu, base, slope, v, out, m, k, zero, dots):
    """``weighted_rows`` for rows ``[y_q, 1]`` with ``y_q`` stored in ``Yu`` (``k``
    columns, so rows stay aligned) and the constant 1 implied: ``v``, ``out`` have
    ``k + 1`` entries. The products ``[y_q, 1] . v`` are left in ``dots``."""
    vb = v[k]
    acc = zero
    q = 0
    while q + 4 <= m:
        t0 = vb
        t1 = vb
        t2 = vb
        t3 = vb
        for a in range(k):
            va = v[a]
            t0 += Yu[q, a] * va
            t1 += Yu[q + 1, a] * va
            t2 += Yu[q + 2, a] * va
            t3 += Yu[q + 3, a] * va
        dots[q], dots[q + 1], dots[q + 2], dots[q + 3] = t0, t1, t2, t3
        t0 = base[q] + slope[q] * t0
        t1 = base[q + 1] + slope[q + 1] * t1
        t2 = base[q + 2] + slope[q + 2] * t2
        t3 = base[q + 3] + slope[q + 3] * t3
        for a in range(k):
            out[a] += t0 * Yu[q, a] + t1 * Yu[q + 1, a] + t2 * Yu[q + 2, a] + t3 * Yu[q + 3, a]
        acc += t0 + t1 + t2 + t3
        q += 4
    while q < m:
        t = vb
        for a in range(k):
            t += Yu[q, a] * v[a]
        dots[q] = t
        t = base[q] + slope[q] * t
        for a in range(k):
            out[a] += t * Yu[q, a]
        acc += t
        q += 1
    out[k] += acc


@njit(cache=True, fastmath=True, inline="always")
def gather(indices, other, start, m, Yu):
    """Copy the ``m`` factor rows ``other[indices[start:start + m]]`` into ``Yu``."""
    k = other.shape[1]
    for q in range(m):
        j = indices[start + q]
        for a in range(k):
            Yu[q, a] = other[j, a]


@njit(cache=True, fastmath=True, inline="always")
def _fill_conf(conf, start, m, cu, cm, cp):
    for q in range(m):
        c = conf[start + q]
        cu[q] = c
        cm[q] = 1 - c
        cp[q] = c - 1


@njit(cache=True, fastmath=True, inline="always")
def _implicit_apply(indices, conf, other, s, m, whole, residual, bufs, v, out, zero):
    """The stored entries' share of ``b - A v`` (``residual``) or of ``A v``."""
    Yu, cu, cm, cp, nz = bufs
    k = out.shape[0]
    if whole:
        if residual:
            weighted_rows(Yu, cu, cm, v, out, m, k, zero)
        else:
            weighted_rows(Yu, nz, cp, v, out, m, k, zero)
        return
    cap = Yu.shape[0]
    for q0 in range(0, m, cap):
        mm = min(cap, m - q0)
        gather(indices, other, s + q0, mm, Yu)
        _fill_conf(conf, s + q0, mm, cu, cm, cp)
        if residual:
            weighted_rows(Yu, cu, cm, v, out, mm, k, zero)
        else:
            weighted_rows(Yu, nz, cp, v, out, mm, k, zero)


@njit(cache=True, fastmath=True, inline="always")
def _implicit_loss_terms(indices, conf64, other, s, m, whole, Yu, x):
    """``sum_stored [c (1 - t)^2 - t^2]``, ``t = x . y_q``, in float64 (``conf64``)."""
    k = x.shape[0]
    cap = Yu.shape[0]
    total = 0.0
    for q0 in range(0, m, cap):
        mm = min(cap, m - q0)
        if not whole:
            gather(indices, other, s + q0, mm, Yu)
        for q in range(mm):
            t = 0.0
            for a in range(k):
                t += np.float64(Yu[q, a]) * np.float64(x[a])
            total += conf64[s + q0 + q] * (1.0 - t) * (1.0 - t) - t * t
    return total


@njit(cache=True, fastmath=True, inline="always")
def implicit_row_cg(i, indptr, indices, conf, other, G, own, n_steps, bufs, vecs, zero):
    """Warm-started CG on row ``i``'s system ``(G + Y_u^T (C_u - I) Y_u) x = Y_u^T c_u``
    (``G = Y^T Y + lam I``); writes ``own[i]``; returns whether the whole row was gathered
    (so the buffers still hold it)."""
    x, res, d, Ap = vecs
    Yu, cu, cm, cp = bufs[0], bufs[1], bufs[2], bufs[3]
    k = own.shape[1]
    s = indptr[i]
    m = indptr[i + 1] - s
    whole = m <= Yu.shape[0]
    if whole:
        gather(indices, other, s, m, Yu)
        _fill_conf(conf, s, m, cu, cm, cp)
    for a in range(k):
        x[a] = own[i, a]
    symv(G, x, res, k, zero)
    for a in range(k):
        res[a] = -res[a]
    _implicit_apply(indices, conf, other, s, m, whole, True, bufs, x, res, zero)
    rr = zero
    for a in range(k):
        d[a] = res[a]
        rr += res[a] * res[a]
    for _ in range(n_steps):
        if rr < 1e-20:
            break
        symv(G, d, Ap, k, zero)
        _implicit_apply(indices, conf, other, s, m, whole, False, bufs, d, Ap, zero)
        pAp = zero
        for a in range(k):
            pAp += d[a] * Ap[a]
        alpha = rr / pAp
        rr_new = zero
        for a in range(k):
            x[a] += alpha * d[a]
            res[a] -= alpha * Ap[a]
            rr_new += res[a] * res[a]
        beta = rr_new / rr
        for a in range(k):
            d[a] = res[a] + beta * d[a]
        rr = rr_new
    for a in range(k):
        own[i, a] = x[a]
    return whole


@njit(cache=True, fastmath=True, inline="always")
def _gather_explicit(indices, data, other_f, other_b, mu, start, m, Yu, base):
    """Factor rows ``y_j`` into ``Yu`` (the bias column 1 is implied) and targets
    ``r - mu - c_j`` into ``base``."""
    k = other_f.shape[1]
    for q in range(m):
        j = indices[start + q]
        base[q] = data[start + q] - mu - other_b[j]
        for a in range(k):
            Yu[q, a] = other_f[j, a]


@njit(cache=True, fastmath=True, inline="always")
def _explicit_apply(indices, data, other_f, other_b, mu, s, m, whole, residual, bufs, v, out, zero):
    """The ratings' share of ``b - A v`` (``residual``) or of ``A v``."""
    Yu, base, minus, plus, nz, sdot, tdot = bufs
    k = Yu.shape[1]
    cap = Yu.shape[0]
    for q0 in range(0, m, cap):
        mm = min(cap, m - q0)
        if not whole:
            _gather_explicit(indices, data, other_f, other_b, mu, s + q0, mm, Yu, base)
        if residual:
            weighted_rows_bias(Yu, base, minus, v, out, mm, k, zero, sdot)
        else:
            weighted_rows_bias(Yu, nz, plus, v, out, mm, k, zero, tdot)


@njit(cache=True, fastmath=True, inline="always")
def explicit_row_cg(
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
):
    """Warm-started CG on row ``i``'s ``[factors, bias]`` system; returns whether the
    whole row was gathered (then ``bufs`` still hold it, and ``bufs[5]`` the products
    ``[y_q, 1] . x`` at the new ``x``)."""
    x, res, dv, Ap = vecs
    Yu, base = bufs[0], bufs[1]
    k = own_f.shape[1]
    s = indptr[i]
    m = indptr[i + 1] - s
    whole = m <= Yu.shape[0]
    if whole:
        _gather_explicit(indices, data, other_f, other_b, mu, s, m, Yu, base)
    for a in range(k):
        x[a] = own_f[i, a]
        res[a] = -lam * x[a]
    x[k] = own_b[i]
    res[k] = -lam_b * x[k]
    _explicit_apply(indices, data, other_f, other_b, mu, s, m, whole, True, bufs, x, res, zero)
    rr = zero
    for a in range(k + 1):
        dv[a] = res[a]
        rr += res[a] * res[a]
    for _ in range(n_steps):
        if rr < 1e-20:
            break
        for a in range(k):
            Ap[a] = lam * dv[a]
        Ap[k] = lam_b * dv[k]
        _explicit_apply(indices, data, other_f, other_b, mu, s, m, whole, False, bufs, dv, Ap, zero)
        pAp = zero
        for a in range(k + 1):
            pAp += dv[a] * Ap[a]
        alpha = rr / pAp
        if whole:  # keep [y_q, 1] . x current: the residuals come without another pass
            sdot, tdot = bufs[5], bufs[6]
            for q in range(m):
                sdot[q] += alpha * tdot[q]
        rr_new = zero
        for a in range(k + 1):
            x[a] += alpha * dv[a]
            res[a] -= alpha * Ap[a]
            rr_new += res[a] * res[a]
        beta = rr_new / rr
        for a in range(k + 1):
            dv[a] = res[a] + beta * dv[a]
        rr = rr_new
    for a in range(k):
        own_f[i, a] = x[a]
    own_b[i] = x[k]
    return whole


@njit(cache=True, fastmath=True, inline="always")
def explicit_residual_stats(indices, data, other_f, other_b, mu, s, m, whole, Yu, base, x):
    """``(sum e, sum e^2)`` over the row's ratings, ``e = r - mu - c_j - [y_j, 1] . x``,
    in float64."""
    k = Yu.shape[1]
    cap = Yu.shape[0]
    s1 = 0.0
    s2 = 0.0
    for q0 in range(0, m, cap):
        mm = min(cap, m - q0)
        if not whole:
            _gather_explicit(indices, data, other_f, other_b, mu, s + q0, mm, Yu, base)
        for q in range(mm):
            p = s + q0 + q
            e = np.float64(data[p]) - mu - np.float64(other_b[indices[p]]) - np.float64(x[k])
            for a in range(k):
                e -= np.float64(Yu[q, a]) * np.float64(x[a])
            s1 += e
            s2 += e * e
    return s1, s2


@njit(cache=True, fastmath=True, inline="always")
def cholesky_solve_inplace(A, b, n):
    """Solve ``A x = b`` (SPD, lower triangle of ``A[:n, :n]`` read) into ``b``;
    ``A`` is overwritten by its Cholesky factor. Row-oriented, so the inner products run
    over contiguous row prefixes."""
    for i in range(n):
        for j in range(i + 1):
            t = A[i, j]
            for p in range(j):
                t -= A[i, p] * A[j, p]
            if i == j:
                A[i, i] = np.sqrt(t if t > 0.0 else 1e-300)
            else:
                A[i, j] = t / A[j, j]
    for i in range(n):
        t = b[i]
        for p in range(i):
            t -= A[i, p] * b[p]
        b[i] = t / A[i, i]
    for i in range(n - 1, -1, -1):
        t = b[i]
        for p in range(i + 1, n):
            t -= A[p, i] * b[p]
        b[i] = t / A[i, i]


@njit(cache=True, fastmath=True, inline="always")
def _accumulate_normal(Yu, base, m, A, rhs):
    """``A += Z^T Z`` (lower triangle) and ``rhs += Z^T base`` for ``Z = [Yu, 1]``,
    four rows at a time."""
    k = Yu.shape[1]
    q = 0
    while q + 4 <= m:
        for a in range(k):
            y0, y1, y2, y3 = Yu[q, a], Yu[q + 1, a], Yu[q + 2, a], Yu[q + 3, a]
            for c in range(a + 1):
                A[a, c] += y0 * Yu[q, c] + y1 * Yu[q + 1, c] + y2 * Yu[q + 2, c] + y3 * Yu[q + 3, c]
            A[k, a] += y0 + y1 + y2 + y3
            rhs[a] += base[q] * y0 + base[q + 1] * y1 + base[q + 2] * y2 + base[q + 3] * y3
        rhs[k] += base[q] + base[q + 1] + base[q + 2] + base[q + 3]
        q += 4
    while q < m:
        for a in range(k):
            ya = Yu[q, a]
            for c in range(a + 1):
                A[a, c] += ya * Yu[q, c]
            A[k, a] += ya
            rhs[a] += base[q] * ya
        rhs[k] += base[q]
        q += 1
    A[k, k] += m


@njit(cache=True, fastmath=True, inline="always")
def explicit_row_exact(
    i, indptr, indices, data, other_f, other_b, mu, lam, lam_b, own_f, own_b, Yu, base, A, rhs
):
    """Exact solve of row ``i``'s ``[factors, bias]`` normal equations
    ``(Z^T Z + diag(lam, ..., lam, lam_b)) x = Z^T r``, ``Z = [Y_u, 1]``.

    With fewer ratings than unknowns (``m < k + 1``) and both strengths positive it
    solves the equivalent ``m x m`` system ``(Z L^-1 Z^T + I) w = r``, ``x = L^-1 Z^T w``
    (push-through identity; ``L`` the diagonal), which costs ``m^2 k`` instead of
    ``m k^2 + k^3 / 6``.
    """
    k = own_f.shape[1]
    s = indptr[i]
    m = indptr[i + 1] - s
    cap = Yu.shape[0]
    if m < k + 1 and m <= cap and lam > 0.0 and lam_b > 0.0:
        _gather_explicit(indices, data, other_f, other_b, mu, s, m, Yu, base)
        inv, inv_b = 1.0 / lam, 1.0 / lam_b
        for q in range(m):
            for p in range(q + 1):
                t = 0.0
                for a in range(k):
                    t += Yu[q, a] * Yu[p, a]
                A[q, p] = t * inv + inv_b
            A[q, q] += 1.0
            rhs[q] = base[q]
        cholesky_solve_inplace(A, rhs, m)
        for a in range(k):
            own_f[i, a] = 0.0
        xb = 0.0
        for q in range(m):
            w = rhs[q] * inv
            for a in range(k):
                own_f[i, a] += w * Yu[q, a]
            xb += rhs[q]
        own_b[i] = xb * inv_b
        return
    d = k + 1
    for a in range(d):
        rhs[a] = 0.0
        for c in range(a + 1):
            A[a, c] = 0.0
    for q0 in range(0, m, cap):
        mm = min(cap, m - q0)
        _gather_explicit(indices, data, other_f, other_b, mu, s + q0, mm, Yu, base)
        _accumulate_normal(Yu, base, mm, A, rhs)
    for a in range(k):
        A[a, a] += lam
    A[k, k] += lam_b
    cholesky_solve_inplace(A, rhs, d)
    for a in range(k):
        own_f[i, a] = rhs[a]
    own_b[i] = rhs[k]
