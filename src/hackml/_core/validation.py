"""Input validation built on scikit-learn's own utilities.

scikit-learn already checks arrays well (``validate_data``, ``check_array``); these
helpers add what it leaves to each estimator: sample weights, scalar parameters and
choices, each failing with a message that names the argument, what was received and
what was expected.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable

import numpy as np
from sklearn.utils import check_array, check_random_state
from sklearn.utils.validation import check_is_fitted
from sklearn.utils.validation import validate_data as _sk_validate_data

__all__ = [
    "check_choice",
    "check_is_fitted",
    "check_random_state",
    "check_sample_weight",
    "check_scalar",
    "validate_data",
]


def validate_data(estimator, X="no_validation", y="no_validation", **kwargs):
    """scikit-learn's ``validate_data``, with a clear message for non-numeric input.

    numpy's own "could not convert string to float" names neither the argument nor what
    was expected; this re-raises it naming ``X``/``y``.

    Examples
    --------
    >>> from sklearn.base import BaseEstimator
    >>> validate_data(BaseEstimator(), [["a", "b"]], dtype=float)
    Traceback (most recent call last):
    ...
    ValueError: X must contain numbers (float); could not convert string to float: ...
    """
    try:
        return _sk_validate_data(estimator, X, y, **kwargs)
    except ValueError as exc:
        text = str(exc)
        if not text.startswith("could not convert"):
            raise
        name = "X"
        if not isinstance(y, str):  # find which of X, y holds the offending strings
            try:
                np.asarray(X, dtype=float)
                name = "y"
            except (ValueError, TypeError):
                pass
        dtype = kwargs.get("dtype", "numeric")
        dtype = getattr(dtype, "__name__", dtype)
        raise ValueError(f"{name} must contain numbers ({dtype}); {text}") from exc


def check_sample_weight(sample_weight, n_samples: int, *, name: str = "sample_weight"):
    """Return ``sample_weight`` as a float array of shape ``(n_samples,)``.

    ``None`` gives unit weights. Weights must be finite and non-negative, with a positive
    sum.

    Examples
    --------
    >>> check_sample_weight(None, 3)
    array([1., 1., 1.])
    >>> check_sample_weight([1, -1], 2)
    Traceback (most recent call last):
    ...
    ValueError: sample_weight must be non-negative; got a minimum of -1.0.
    """
    if sample_weight is None:
        return np.ones(n_samples, dtype=float)
    if isinstance(sample_weight, numbers.Number) and not isinstance(sample_weight, bool):
        sample_weight = np.full(n_samples, float(sample_weight))
    w = check_array(
        sample_weight, ensure_2d=False, dtype=np.float64, input_name=name, ensure_all_finite=True
    )
    if w.ndim != 1 or w.shape[0] != n_samples:
        raise ValueError(
            f"{name} must have shape ({n_samples},) to match the {n_samples} samples of X; "
            f"got shape {w.shape}."
        )
    if w.size and w.min() < 0:
        raise ValueError(f"{name} must be non-negative; got a minimum of {w.min()}.")
    if w.size and w.sum() <= 0:
        raise ValueError(f"{name} must have a positive sum; all weights are zero.")
    return w


def check_scalar(
    value,
    name: str,
    *,
    kind: type | tuple[type, ...] = numbers.Real,
    low: float | None = None,
    high: float | None = None,
    include_low: bool = True,
    include_high: bool = True,
):
    """Check a scalar parameter's type and range; return it.

    Examples
    --------
    >>> check_scalar(3, "max_iter", kind=numbers.Integral, low=1)
    3
    >>> check_scalar(0.0, "tol", low=0, include_low=False)
    Traceback (most recent call last):
    ...
    ValueError: tol must be > 0; got 0.0.
    >>> check_scalar("5", "alpha")
    Traceback (most recent call last):
    ...
    TypeError: alpha must be a number (Real); got str '5'.
    """
    if isinstance(value, bool) or not isinstance(value, kind):
        kinds = kind if isinstance(kind, tuple) else (kind,)
        expected = " or ".join(k.__name__ for k in kinds)
        article = "an" if expected[0] in "AEIOUaeiou" else "a"
        word = "integer" if kinds == (numbers.Integral,) else "number"
        raise TypeError(
            f"{name} must be {article} {word} ({expected}); got {type(value).__name__} {value!r}."
        )
    if isinstance(value, numbers.Real) and not np.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value!r}.")
    if low is not None and (value < low or (not include_low and value == low)):
        op = ">=" if include_low else ">"
        raise ValueError(f"{name} must be {op} {low}; got {value!r}.")
    if high is not None and (value > high or (not include_high and value == high)):
        op = "<=" if include_high else "<"
        raise ValueError(f"{name} must be {op} {high}; got {value!r}.")
    return value


def check_choice(value, name: str, choices: Iterable):
    """Check that ``value`` is one of ``choices``; return it.

    Examples
    --------
    >>> check_choice("lbfgs", "solver", ["lbfgs", "newton"])
    'lbfgs'
    >>> check_choice("bfgs", "solver", ["lbfgs", "newton"])
    Traceback (most recent call last):
    ...
    ValueError: solver must be one of ['lbfgs', 'newton']; got 'bfgs'.
    """
    choices = list(choices)
    if not isinstance(value, str | type(None)) or value not in choices:
        raise ValueError(f"{name} must be one of {choices}; got {value!r}.")
    return value
