"""Time-decay sample weights: let recent samples count more."""

from __future__ import annotations

import numpy as np

from .._core.validation import check_array, check_scalar


def time_decay_weights(times, half_life, *, now=None, floor=0.0):
    """Exponential-decay weights ``0.5 ** ((now - t) / half_life)``, one per sample.

    A sample ``half_life`` older than ``now`` weighs half as much as one at ``now``.
    Pass the result as ``sample_weight`` to any model's ``fit``: the objective becomes a
    decay-weighted mean loss, so a model fitted on a drifting process describes its
    recent behaviour instead of its average over all history. ``times`` can be
    timestamps (in any unit, matching ``half_life``) or simply the sample order
    ``np.arange(n)``.

    Parameters
    ----------
    times : array-like of shape (n_samples,)
        When each sample was observed (finite numbers).
    half_life : float
        Age at which a weight halves, in the units of ``times``; ``np.inf`` gives equal
        weights.
    now : float or None, default=None
        The reference time; ``None`` is ``max(times)``. Samples later than ``now`` get
        weights above 1.
    floor : float, default=0.0
        Smallest weight relative to the newest sample (keeps very old samples in play).

    Returns
    -------
    ndarray of shape (n_samples,)

    Examples
    --------
    >>> from hackml.preprocessing import time_decay_weights
    >>> time_decay_weights([0.0, 1.0, 2.0, 3.0], half_life=1.0)
    array([0.125, 0.25 , 0.5  , 1.   ])
    >>> time_decay_weights([0, 10], half_life=2.0, floor=0.1)
    array([0.1, 1. ])
    """
    t = check_array(times, ensure_2d=False, dtype=np.float64, input_name="times")
    if t.ndim != 1:
        raise ValueError(f"times must be 1-D (one time per sample); got shape {t.shape}.")
    if isinstance(half_life, bool) or not isinstance(half_life, int | float | np.number):
        raise TypeError(f"half_life must be a positive number; got {type(half_life).__name__}.")
    if not half_life > 0:
        raise ValueError(f"half_life must be > 0; got {half_life!r}.")
    check_scalar(floor, "floor", low=0, high=1)
    ref = float(t.max()) if now is None else float(check_scalar(now, "now"))
    if np.isinf(half_life):
        return np.ones_like(t)
    w = np.exp2(-(ref - t) / float(half_life))
    return np.maximum(w, floor)
