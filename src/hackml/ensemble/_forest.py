"""Shared machinery of random forests: hackml trees on bootstrap counts, in parallel.

Each tree ``m`` has its own integer seed; from it come both its bootstrap counts
(``c_i`` = how often row ``i`` was drawn, passed to the tree as
``sample_weight = c_i * w_i``, so rows with ``c_i = 0`` are dropped by the tree) and
its random feature order at each split. The counts can therefore be redrawn from the
seed for the out-of-bag estimate, and ``warm_start`` can grow more trees with the same
seeds a single fit would have used.
"""

from __future__ import annotations

import numbers
from itertools import pairwise

import numpy as np
from joblib import Parallel, delayed, effective_n_jobs
from sklearn.base import clone

from .._core.validation import check_scalar
from ._base import check_n_estimators, seeds


def bootstrap_counts(seed, n, n_draw):
    """How often each of ``n`` rows is drawn in ``n_draw`` draws with replacement."""
    rng = np.random.RandomState(seed)
    return np.bincount(rng.randint(0, n, n_draw), minlength=n).astype(np.float64)


def _fit_tree(tree, X, y, w, seed, bootstrap, n_draw):
    sw = w * bootstrap_counts(seed, X.shape[0], n_draw) if bootstrap else w
    return tree.fit(X, y, sample_weight=sw)


def _fit_chunk(trees, X, y, w, chunk_seeds, bootstrap, n_draw):
    return [_fit_tree(t, X, y, w, s, bootstrap, n_draw) for t, s in zip(trees, chunk_seeds)]


def n_draws(max_samples, n):
    if max_samples is None:
        return n
    if isinstance(max_samples, numbers.Integral) and not isinstance(max_samples, bool):
        return int(check_scalar(max_samples, "max_samples", kind=numbers.Integral, low=1))
    check_scalar(max_samples, "max_samples", low=0, high=1, include_low=False)
    return max(1, round(max_samples * n))


def grow_forest(forest, template, X, y, w):
    """Fit (or, with ``warm_start``, extend) ``forest.estimators_``; return new trees' seeds."""
    check_n_estimators(forest.n_estimators)
    if forest.oob_score and not forest.bootstrap:
        raise ValueError("oob_score=True needs bootstrap=True (otherwise no row is left out).")
    all_seeds = seeds(forest.random_state, forest.n_estimators)
    old = list(getattr(forest, "estimators_", [])) if forest.warm_start else []
    if len(old) > forest.n_estimators:
        raise ValueError(
            f"n_estimators={forest.n_estimators} must be at least the {len(old)} trees already "
            "grown when warm_start=True."
        )
    n_draw = n_draws(forest.max_samples, X.shape[0])
    new_seeds = all_seeds[len(old) :]
    trees = [clone(template).set_params(random_state=int(s)) for s in new_seeds]
    if forest.n_jobs in (None, 1):
        fitted = [
            _fit_tree(t, X, y, w, s, forest.bootstrap, n_draw) for t, s in zip(trees, new_seeds)
        ]
    else:  # one task per worker: X travels (or is memory-mapped) once per worker
        n_tasks = min(effective_n_jobs(forest.n_jobs), len(trees))
        bounds = np.linspace(0, len(trees), n_tasks + 1).astype(int)
        chunks = Parallel(n_jobs=n_tasks)(
            delayed(_fit_chunk)(trees[a:b], X, y, w, new_seeds[a:b], forest.bootstrap, n_draw)
            for a, b in pairwise(bounds)
        )
        fitted = [t for chunk in chunks for t in chunk]
    forest.estimators_ = old + fitted
    forest.estimator_seeds_ = all_seeds
    forest.n_draws_ = n_draw
    imp = np.mean([t.feature_importances_ for t in forest.estimators_], axis=0)
    forest.feature_importances_ = imp / imp.sum() if imp.sum() > 0 else imp


def oob_rows(forest, n):
    """For each tree, the mask of its out-of-bag rows."""
    for tree, seed in zip(forest.estimators_, forest.estimator_seeds_):
        yield tree, bootstrap_counts(seed, n, forest.n_draws_) == 0
