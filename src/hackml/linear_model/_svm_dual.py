"""Dual coordinate descent for the L2-regularised linear SVM (Hsieh et al., ICML 2008).

The primal, for labels ``y_i`` in ``{-1, +1}``, per-sample costs ``C_i > 0`` and the
augmented weight ``(w, w_b)`` of the features ``(x_i, bias)``::

    min  0.5 * (||w||^2 + w_b^2) + sum_i C_i * loss(y_i, x_i . w + bias * w_b)

with the hinge ``max(0, 1 - m)`` or squared hinge ``max(0, 1 - m)^2``. Its dual is the
box-constrained quadratic problem

    min_a  0.5 * a' (Q + D) a - sum(a),   0 <= a_i <= U_i,   Q_ij = y_i y_j x_i . x_j

(hinge: ``U_i = C_i, D_ii = 0``; squared hinge: ``U_i = inf, D_ii = 1 / (2 C_i)``) and
``w = sum_i a_i y_i x_i``. Each coordinate step minimises the dual exactly over one
``a_i``; the sweep stops when the projected gradient's spread ``max PG - min PG`` is at
most ``tol`` (LIBLINEAR's rule, without its shrinking heuristic).
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def dual_cd_epoch(X, y, order, a, upper, d_diag, q_diag, w, wb, bias):
    """One sweep over ``order``; updates ``a``, ``w``, ``wb[0]`` in place.

    Returns the largest and smallest projected gradient seen.
    """
    p = X.shape[1]
    pg_max = -np.inf
    pg_min = np.inf
    for t in range(order.shape[0]):
        i = order[t]
        m = wb[0] * bias
        for j in range(p):
            m += X[i, j] * w[j]
        g = y[i] * m - 1.0 + d_diag[i] * a[i]
        if a[i] == 0.0:
            pg = min(g, 0.0)
        elif a[i] >= upper[i]:
            pg = max(g, 0.0)
        else:
            pg = g
        pg_max = max(pg_max, pg)
        pg_min = min(pg_min, pg)
        if pg != 0.0 and q_diag[i] > 0.0:
            old = a[i]
            new = min(max(old - g / q_diag[i], 0.0), upper[i])
            d = (new - old) * y[i]
            if d != 0.0:
                a[i] = new
                for j in range(p):
                    w[j] += d * X[i, j]
                wb[0] += d * bias
    return pg_max, pg_min


def svm_dual(X, y, costs, *, squared, bias, monitor, rng, primal):
    """Solve one binary SVM by dual coordinate descent; return ``(w, w_b)``.

    ``primal(w, w_b)`` gives the objective recorded after each sweep.
    """
    n, p = X.shape
    if squared:
        upper, d_diag = np.full(n, np.inf), 0.5 / costs
    else:
        upper, d_diag = costs, np.zeros(n)
    q_diag = np.einsum("ij,ij->i", X, X) + bias * bias + d_diag
    a, w, wb = np.zeros(n), np.zeros(p), np.zeros(1)
    monitor.start(primal(w, wb[0]))
    for _ in monitor:
        pg_max, pg_min = dual_cd_epoch(
            X, y, rng.permutation(n), a, upper, d_diag, q_diag, w, wb, bias
        )
        monitor.update(primal(w, wb[0]), delta=pg_max - pg_min)
    return w, float(wb[0])
