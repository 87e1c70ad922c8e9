"""Finite-difference gradient checks, for built-in and user-written losses alike."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["check_gradient", "numerical_gradient"]


def numerical_gradient(f: Callable[[np.ndarray], float], x, eps: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of a scalar function at ``x`` (any shape)."""
    x = np.array(x, dtype=float)
    grad = np.empty_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        fp = f(x)
        flat[i] = old - eps
        fm = f(x)
        flat[i] = old
        gflat[i] = (fp - fm) / (2 * eps)
    return grad


def check_gradient(
    f: Callable[[np.ndarray], float],
    grad: Callable[[np.ndarray], np.ndarray],
    x,
    *,
    eps: float = 1e-6,
    rtol: float = 1e-5,
    atol: float = 1e-7,
) -> float:
    """Compare ``grad(x)`` with central differences of ``f``; raise if they differ.

    Returns the largest absolute difference.

    Examples
    --------
    >>> import numpy as np
    >>> err = check_gradient(lambda x: float((x ** 3).sum()), lambda x: 3 * x ** 2,
    ...                      np.array([1.0, -2.0]))
    >>> err < 1e-6
    True
    """
    x = np.asarray(x, dtype=float)
    analytic = np.asarray(grad(x), dtype=float)
    numeric = numerical_gradient(f, x, eps)
    if analytic.shape != numeric.shape:
        raise ValueError(f"gradient has shape {analytic.shape}, expected {numeric.shape}.")
    diff = np.abs(analytic - numeric)
    if not np.all(diff <= atol + rtol * np.abs(numeric)):
        i = int(np.argmax(diff - rtol * np.abs(numeric)))
        raise AssertionError(
            f"gradient mismatch at flat index {i}: analytic {analytic.reshape(-1)[i]!r}, "
            f"finite difference {numeric.reshape(-1)[i]!r}."
        )
    return float(diff.max(initial=0.0))
