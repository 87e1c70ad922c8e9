"""Split criteria: impurity functions of a node's sufficient statistics, and their compiler.

A criterion is a plain Python function that numba can compile, with one of two signatures:

* classification: ``impurity(counts, total) -> float``; ``counts`` is a C-contiguous
  float64 1-D array of the node's weighted class counts, ``total`` is ``counts.sum()``
  (always > 0);
* regression: ``impurity(w, s, ss) -> float``; ``w = sum_i w_i`` (> 0),
  ``s = sum_i w_i y_i`` and ``ss = sum_i w_i y_i**2`` over the node's samples.

The tree minimises ``W_L * I(L) + W_R * I(R)`` over the candidate splits, so ``I`` should be
non-negative and zero on a pure node. The function is compiled once per function object
with a fixed numba signature (``CLASS_SIGNATURE`` or ``REGRESSION_SIGNATURE``) and called
through a first-class function pointer by a split-search kernel that is compiled once and
cached on disk: a new criterion costs only the compilation of its own few lines.
"""

from __future__ import annotations

import inspect
import math

import numba
import numpy as np
from numba import njit, types

__all__ = [
    "CLASS_SIGNATURE",
    "REGRESSION_SIGNATURE",
    "entropy",
    "gini",
    "misclassification",
    "squared_error",
]

CLASS_SIGNATURE = types.float64(types.float64[::1], types.float64)
REGRESSION_SIGNATURE = types.float64(types.float64, types.float64, types.float64)
CLASS_FN = types.FunctionType(CLASS_SIGNATURE)
REGRESSION_FN = types.FunctionType(REGRESSION_SIGNATURE)


@njit(CLASS_SIGNATURE, cache=True)
def gini(counts, total):
    """Gini impurity ``1 - sum_k p_k**2`` with ``p_k = counts[k] / total``."""
    sq = 0.0
    for k in range(counts.shape[0]):
        sq += counts[k] * counts[k]
    return 1.0 - sq / (total * total)


@njit(CLASS_SIGNATURE, cache=True)
def entropy(counts, total):
    """Shannon entropy in bits, ``-sum_k p_k log2 p_k`` (as scikit-learn's "entropy")."""
    h = 0.0
    for k in range(counts.shape[0]):
        if counts[k] > 0.0:
            p = counts[k] / total
            h -= p * math.log2(p)
    return h


@njit(CLASS_SIGNATURE, cache=True)
def misclassification(counts, total):
    """Misclassification rate ``1 - max_k p_k`` (an example; not in scikit-learn)."""
    best = 0.0
    for k in range(counts.shape[0]):
        if counts[k] > best:
            best = counts[k]
    return 1.0 - best / total


@njit(REGRESSION_SIGNATURE, cache=True)
def squared_error(w, s, ss):
    """Weighted variance ``ss / w - (s / w)**2`` (mean squared error about the mean)."""
    mean = s / w
    return ss / w - mean * mean


_BUILTIN_CLASS = {"gini": gini, "entropy": entropy, "log_loss": entropy}
_BUILTIN_REGRESSION = {"squared_error": squared_error}
_compiled: dict = {}  # (python function, task) -> compiled dispatcher


def _describe(task):
    if task == "classification":
        return "impurity(counts: float64[::1], total: float64) -> float"
    return "impurity(w: float64, s: float64, ss: float64) -> float"


def compile_criterion(func, task):
    """Compile a user criterion for ``task`` ("classification" or "regression").

    Returns the compiled function; a function with the wrong signature, one numba cannot
    compile, or one that returns a non-finite value on a small probe node raises a
    ``TypeError``/``ValueError`` that names the expected signature.
    """
    py = getattr(func, "py_func", func)  # an already-jitted dispatcher: recompile its source
    key = (py, task)
    if key in _compiled:
        return _compiled[key]
    expected = _describe(task)
    n_args = 2 if task == "classification" else 3
    try:
        params = inspect.signature(py).parameters.values()
    except (TypeError, ValueError) as exc:
        raise TypeError(f"criterion must be a Python function {expected}; got {func!r}.") from exc
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if len(positional) != n_args or len(positional) != len(params):
        raise TypeError(
            f"criterion {getattr(py, '__name__', py)!r} must take exactly {n_args} positional "
            f"arguments, {expected}; got the signature {inspect.signature(py)}."
        )
    sig = CLASS_SIGNATURE if task == "classification" else REGRESSION_SIGNATURE
    try:
        compiled = njit(sig)(py)
    except (numba.core.errors.NumbaError, TypeError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise TypeError(
            f"criterion {py.__name__!r} could not be compiled by numba as {expected} ({first})."
        ) from None
    try:
        if task == "classification":
            probe = float(compiled(np.array([3.0, 1.0, 0.0]), 4.0))
        else:
            probe = float(compiled(4.0, 10.0, 30.0))
    except Exception as exc:
        raise ValueError(
            f"criterion {py.__name__!r} failed on a probe node ({type(exc).__name__}: {exc})."
        ) from None
    if not np.isfinite(probe):
        raise ValueError(
            f"criterion {py.__name__!r} must return a finite float; got {probe} on a probe node."
        )
    _compiled[key] = compiled
    return compiled


def resolve_criterion(criterion, task):
    """Return ``(kind, compiled function or None)``; kind 0 classification, 1 regression
    by sufficient statistics, 2 absolute error (its own kernel)."""
    if isinstance(criterion, str):
        table = _BUILTIN_CLASS if task == "classification" else _BUILTIN_REGRESSION
        names = sorted(table) + ([] if task == "classification" else ["absolute_error"])
        if criterion == "absolute_error" and task == "regression":
            return 2, None
        if criterion not in table:
            raise ValueError(
                f"criterion must be one of {names} or a function {_describe(task)}; "
                f"got {criterion!r}."
            )
        return (0 if task == "classification" else 1), table[criterion]
    if callable(criterion):
        return (0 if task == "classification" else 1), compile_criterion(criterion, task)
    raise TypeError(
        f"criterion must be a name or a function {_describe(task)}; got "
        f"{type(criterion).__name__} {criterion!r}."
    )
