"""Helpers shared by the meta-estimators: base estimators, seeds, parameter checks."""

from __future__ import annotations

import numbers

import numpy as np
from sklearn.base import clone
from sklearn.utils.validation import has_fit_parameter

from .._core.validation import check_scalar


def check_n_estimators(n_estimators):
    return check_scalar(n_estimators, "n_estimators", kind=numbers.Integral, low=1)


def make_base(estimator, default):
    """A fresh clone of ``estimator`` (``default()`` when it is None)."""
    if estimator is None:
        return default()
    if not hasattr(estimator, "fit"):
        raise TypeError(
            f"estimator must be a scikit-learn style estimator with fit; got "
            f"{type(estimator).__name__}."
        )
    return clone(estimator)


def require_sample_weight(estimator, owner):
    """Raise ``TypeError`` unless ``estimator.fit`` accepts ``sample_weight``."""
    if not has_fit_parameter(estimator, "sample_weight"):
        raise TypeError(
            f"{owner} reweights the samples every round, so its estimator's fit must accept "
            f"sample_weight; {type(estimator).__name__}.fit does not. Use an estimator that "
            "does (a decision tree, a linear model) or a BaggingClassifier/Regressor instead."
        )


def seeded(estimator, seed):
    """``estimator`` with every ``*random_state`` parameter set from ``seed``."""
    keys = [k for k in estimator.get_params(deep=True) if k.endswith("random_state")]
    if keys:
        estimator.set_params(**dict.fromkeys(keys, int(seed)))
    return estimator


def seeds(random_state, n):
    """``n`` integer seeds drawn from ``random_state``."""
    from .._core.validation import check_random_state

    return check_random_state(random_state).randint(np.iinfo(np.int32).max, size=n)
