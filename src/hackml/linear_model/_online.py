"""Online (one sample at a time) linear learners: the perceptron and passive-aggressive rules.

One numba kernel, :func:`online_epoch`, runs one pass over the samples in a given order
and updates every output column ``k`` (one binary one-vs-rest problem per class, or one
regression target) in place. For a sample ``x`` with target ``y`` and score
``s = x . coef_k + b_k`` the rules are

==========  =====================================  ==========================================
rule        when it updates                        step ``tau`` (then ``coef += tau y x``)
==========  =====================================  ==========================================
perceptron  ``y s <= 0``                           ``eta0``
PA          loss ``l > 0``                         ``l / ||x||^2``
PA-I        loss ``l > 0``                         ``min(C, l / ||x||^2)``
PA-II       loss ``l > 0``                         ``l / (||x||^2 + 1 / (2 C))``
==========  =====================================  ==========================================

with the hinge loss ``l = max(0, 1 - y s)`` for classification (``y`` in ``{-1, +1}``)
and the dead-zone loss ``l = max(0, |y - s| - epsilon)`` for regression, where the update
direction is ``sign(y - s)`` instead of ``y``. The intercept moves by the same ``tau y``
(its feature is a constant 1 that ``||x||^2`` leaves out, as in scikit-learn). A sample
weight multiplies the step. These are Crammer et al. (2006), "Online passive-aggressive
algorithms", JMLR 7, and Rosenblatt's perceptron.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from .._core.monitor import ConvergenceMonitor

RULES = {"perceptron": 0, "pa": 1, "pa1": 2, "pa2": 3}


@njit(cache=True)
def online_epoch(
    X, Y, sw, order, coef, intercept, rule, C, eta0, epsilon, fit_intercept, regression
):
    """One pass over ``X[order]``; returns (weighted loss sum, number of updates)."""
    n_out, p = coef.shape
    total = 0.0
    n_updates = 0
    for t in range(order.shape[0]):
        i = order[t]
        sq = -1.0
        for k in range(n_out):
            y = Y[i, k]
            s = intercept[k]
            for j in range(p):
                s += X[i, j] * coef[k, j]
            if regression:
                loss = max(abs(y - s) - epsilon, 0.0)
            elif rule == 0:
                loss = max(-y * s, 0.0)
            else:
                loss = max(1.0 - y * s, 0.0)
            total += sw[i] * loss
            if rule == 0:
                if y * s > 0.0:
                    continue
                step = eta0
            else:
                if loss == 0.0:
                    continue
                if sq < 0.0:
                    sq = 0.0
                    for j in range(p):
                        sq += X[i, j] * X[i, j]
                if rule == 3:
                    step = loss / (sq + 0.5 / C)
                elif sq == 0.0:
                    continue
                elif rule == 2:
                    step = min(C, loss / sq)
                else:
                    step = loss / sq
            if regression:
                direction = 1.0 if y - s >= 0.0 else -1.0
            else:
                direction = y
            u = step * direction * sw[i]
            for j in range(p):
                coef[k, j] += u * X[i, j]
            if fit_intercept:
                intercept[k] += u
            n_updates += 1
    return total, n_updates


def run_epochs(
    model,
    X,
    Y,
    w,
    coef,
    intercept,
    *,
    rule,
    C,
    eta0,
    epsilon,
    regression,
    max_epochs,
    tol,
    n_iter_no_change,
    rng,
):
    """Run up to ``max_epochs`` passes, recording the mean loss of each.

    Stops early (converged) after an epoch with no update, or, when ``tol`` is not None,
    after ``n_iter_no_change`` epochs whose loss did not beat the best by ``tol``
    (scikit-learn's rule). Returns ``(history, n_epochs, converged)``.
    """
    monitor = ConvergenceMonitor(
        tol=0, max_iter=max_epochs, verbose=model.verbose, desc=type(model).__name__
    )
    n = X.shape[0]
    best, stall, converged = np.inf, 0, False
    for _ in monitor:
        order = rng.permutation(n) if model.shuffle else np.arange(n)
        total, n_updates = online_epoch(
            X,
            Y,
            w,
            order,
            coef,
            intercept,
            RULES[rule],
            float(C),
            float(eta0),
            float(epsilon),
            bool(model.fit_intercept),
            regression,
        )
        if not (np.all(np.isfinite(coef)) and np.all(np.isfinite(intercept))):
            raise FloatingPointError(
                f"{type(model).__name__} diverged to non-finite weights; scale X."
            )
        loss = total / w.sum()
        monitor.update(loss)
        if n_updates == 0:
            converged = True
        elif tol is not None:
            stall = stall + 1 if loss > best - tol else 0
            converged = stall >= n_iter_no_change
        best = min(best, loss)
        if converged:
            break
    return list(monitor.history), monitor.n_iter, converged


def new_rng(random_state):
    """A numpy Generator seeded from an int, a RandomState, a Generator or None."""
    from .._core.validation import check_random_state

    if isinstance(random_state, np.random.Generator):
        return random_state
    return np.random.default_rng(check_random_state(random_state).randint(2**31))
