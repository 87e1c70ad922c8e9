"""Shared machinery of bagging: draws, parallel fitting of members, out-of-bag sums."""

from __future__ import annotations

import numbers

import numpy as np
from joblib import Parallel, delayed
from sklearn.utils.validation import has_fit_parameter

from .._core.validation import check_scalar


def resolve_count(value, total, name):
    """``value`` as a count out of ``total``: an int in ``[1, total]`` or a fraction."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        check_scalar(value, name, kind=numbers.Integral, low=1, high=total)
        return int(value)
    check_scalar(value, name, low=0, high=1, include_low=False)
    return max(1, round(value * total))


def draw(seed, n, p, n_rows, n_feats, bootstrap, bootstrap_features, w=None):
    """Rows and features of one member, from its own seed (so they can be redrawn).

    With ``bootstrap`` and sample weights ``w``, rows are drawn with probabilities
    ``w / sum(w)``: a row of weight 2 is drawn as often as two copies of it would be.
    """
    rng = np.random.RandomState(seed)
    if bootstrap_features:
        feats = rng.randint(0, p, n_feats)
    elif n_feats == p:
        feats = np.arange(p)
    else:
        feats = np.sort(rng.choice(p, n_feats, replace=False))
    if bootstrap:
        rows = rng.randint(0, n, n_rows) if w is None else rng.choice(n, n_rows, p=w / w.sum())
    else:
        rows = rng.choice(n, n_rows, replace=False)
    return rows, feats


def _fit_one(est, X, y, w, rows, feats):
    Xs = X[rows][:, feats]
    if w is None:
        return est.fit(Xs, y[rows])
    return est.fit(Xs, y[rows], sample_weight=w[rows])


def fit_members(estimators, X, y, w, draws, n_jobs):
    """Fit ``estimators[m]`` on ``draws[m] = (rows, feats)``, in parallel with joblib.

    ``w`` (sample weights passed on to the members) is ``None`` for weighted bootstrap
    draws, which already carry the weights.

    The default joblib backend runs processes; a ``joblib.parallel_config`` context
    (threads, Dask, Ray) changes where they run without changing this code.
    """
    if w is not None and not has_fit_parameter(estimators[0], "sample_weight"):
        raise TypeError(
            f"sample_weight was given but {type(estimators[0]).__name__}.fit does not accept "
            "sample_weight."
        )
    if n_jobs in (None, 1):
        return [_fit_one(e, X, y, w, r, f) for e, (r, f) in zip(estimators, draws)]
    return Parallel(n_jobs=n_jobs)(
        delayed(_fit_one)(e, X, y, w, r, f) for e, (r, f) in zip(estimators, draws)
    )


def out_of_bag_mask(rows, n):
    mask = np.ones(n, dtype=bool)
    mask[rows] = False
    return mask
