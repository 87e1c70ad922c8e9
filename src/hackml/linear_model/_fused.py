"""Fused loss kernels: the weighted loss and its gradient in one pass over the raw scores.

The generic objective calls ``loss.value`` and ``loss.gradient`` separately, which for the
binary cross-entropy means two exponentials, a logarithm and four temporary arrays per
evaluation. For the built-in :class:`~hackml.losses.LogisticLoss` (the exact class, not a
subclass that may change it) one numba loop computes both from one exponential. The
formulas are the loss's own, ``log(1 + e^z) - y z`` and ``expit(z) - y``, evaluated stably.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from .._core.losses import LogisticLoss


@njit(cache=True)
def logistic_value_grad(raw, intercept, y, w, grad):
    """``sum_i w_i loss(y_i, raw_i + b)``; writes ``w_i * dloss/draw_i`` into ``grad``."""
    total = 0.0
    for i in range(raw.shape[0]):
        z = raw[i] + intercept
        if z >= 0.0:
            e = math.exp(-z)
            softplus = z + math.log1p(e)  # log(1 + e^z)
            p = 1.0 / (1.0 + e)
        else:
            e = math.exp(z)
            softplus = math.log1p(e)
            p = e / (1.0 + e)
        total += w[i] * (softplus - y[i] * z)
        grad[i] = w[i] * (p - y[i])
    return total


@njit(cache=True, fastmath={"reassoc", "contract"})
def logistic_pass(X, coef, intercept, y, w, g_coef):
    """The whole weighted logistic objective's data term in one pass over the rows of X.

    Each row's score ``x_i . coef + b``, its loss and its gradient are computed while the
    row is in cache, so X is read once per evaluation (a score product and a gradient
    product read it twice). Writes ``sum_i w_i dloss_i x_i`` into ``g_coef``; returns
    ``(sum_i w_i loss_i, sum_i w_i dloss_i)``. ``reassoc`` lets the dot products vectorise;
    nothing else of IEEE arithmetic is relaxed.
    """
    n, p = X.shape
    g_coef[:] = 0.0
    total = 0.0
    g_int = 0.0
    for i in range(n):
        z = 0.0
        for j in range(p):
            z += X[i, j] * coef[j]
        z += intercept
        if z >= 0.0:
            e = math.exp(-z)
            softplus = z + math.log1p(e)
            prob = 1.0 / (1.0 + e)
        else:
            e = math.exp(z)
            softplus = math.log1p(e)
            prob = e / (1.0 + e)
        total += w[i] * (softplus - y[i] * z)
        g = w[i] * (prob - y[i])
        g_int += g
        for j in range(p):
            g_coef[j] += g * X[i, j]
    return total, g_int


def is_fused(loss):
    """Whether ``loss`` is one of the built-in losses with a fused kernel here."""
    return type(loss) is LogisticLoss


def fused_value_grad(loss, y, raw, intercept, w):
    """``(sum_i w_i loss_i, w * gradient)`` by a fused kernel, or ``None`` if none fits."""
    if not is_fused(loss) or raw.ndim != 1 or y.ndim != 1:
        return None
    if raw.dtype != np.float64 or y.dtype != np.float64 or w.dtype != np.float64:
        return None
    grad = np.empty_like(raw)
    value = logistic_value_grad(raw, float(intercept), y, w, grad)
    return value, grad
