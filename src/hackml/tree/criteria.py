"""Split criteria for :mod:`hackml.tree`: the built-ins and examples of your own.

A classification criterion is ``impurity(counts, total) -> float`` over a node's weighted
class counts (a C-contiguous float64 1-D array) and their sum; a regression criterion is
``impurity(w, s, ss) -> float`` over ``w = sum w_i``, ``s = sum w_i y_i``,
``ss = sum w_i y_i**2``. Write it as plain Python that numba can compile (loops, ``math``,
NumPy on the array); pass the function itself as ``criterion=``. The tree compiles it once
per function object and calls it from its compiled split search.

Besides the built-ins (``gini``, ``entropy``, ``squared_error``), this module ships
criteria scikit-learn cannot use without writing Cython:

* :func:`misclassification`: the error rate ``1 - max_k p_k``;
* :func:`tsallis_q2` and :func:`make_tsallis`: Tsallis entropy ``(1 - sum p^q) / (q - 1)``
  (q = 2 is gini; q -> 1 is the natural-log entropy);
* :func:`make_cost_weighted_gini`: gini with a cost per class, ``sum_k c_k p_k (1 - p_k)``.

Examples
--------
>>> from hackml.datasets import load_wine
>>> from hackml.tree import DecisionTreeClassifier
>>> from hackml.tree.criteria import make_tsallis
>>> X, y = load_wine(return_X_y=True)
>>> tree = DecisionTreeClassifier(criterion=make_tsallis(3.0), max_depth=2).fit(X, y)
>>> tree.get_n_leaves()
3
"""

from __future__ import annotations

import numpy as np

from ._criteria import entropy, gini, misclassification, squared_error

__all__ = [
    "entropy",
    "gini",
    "make_cost_weighted_gini",
    "make_tsallis",
    "misclassification",
    "squared_error",
    "tsallis_q2",
]


def tsallis_q2(counts, total):
    """Tsallis entropy with q = 2, written out (it equals gini)."""
    s = 0.0
    for k in range(counts.shape[0]):
        p = counts[k] / total
        s += p * p
    return 1.0 - s


_factories: dict = {}


def make_tsallis(q):
    """Tsallis entropy of order ``q > 0``, ``q != 1``: ``(1 - sum_k p_k**q) / (q - 1)``.

    The same ``q`` returns the same function object, so its compiled code is reused.
    """
    q = float(q)
    if not q > 0 or q == 1.0:
        raise ValueError(f"q must be > 0 and != 1; got {q!r}.")
    if ("tsallis", q) not in _factories:

        def tsallis(counts, total):
            s = 0.0
            for k in range(counts.shape[0]):
                if counts[k] > 0.0:
                    s += (counts[k] / total) ** q
            return (1.0 - s) / (q - 1.0)

        _factories[("tsallis", q)] = tsallis
    return _factories[("tsallis", q)]


def make_cost_weighted_gini(costs):
    """Gini with a cost per class: ``sum_k costs[k] * p_k * (1 - p_k)``.

    ``costs`` is indexed like ``classes_`` (sorted labels). Each call builds a new function
    (compiled on first use), so build it once and reuse it across fits.
    """
    c = np.ascontiguousarray(costs, dtype=np.float64)
    if c.ndim != 1 or not np.all(np.isfinite(c)) or np.any(c < 0):
        raise ValueError(
            f"costs must be a 1-D array of finite non-negative numbers; got {costs!r}."
        )

    def cost_weighted_gini(counts, total):
        s = 0.0
        for k in range(counts.shape[0]):
            p = counts[k] / total
            s += c[k] * p * (1.0 - p)
        return s

    return cost_weighted_gini
