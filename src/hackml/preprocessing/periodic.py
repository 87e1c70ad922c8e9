"""Radial-basis features on a circle, for periodic inputs (day of year, hour, angle)."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from .._core.validation import check_is_fitted, check_scalar, validate_data


class RepeatingBasisFeatures(TransformerMixin, BaseEstimator):
    """Gaussian bumps spaced evenly around a period: a linear model's view of a cycle.

    Each input column ``x`` becomes ``n_centers`` columns

        phi_k(x) = exp(-0.5 * (d(x, c_k) / width)^2),   c_k = offset + k * period / n_centers

    where ``d`` is the distance *around the circle* of circumference ``period``, so the
    features of ``x`` and ``x + period`` are identical and the last bump wraps onto the
    first (December touches January). A linear model on these features fits any smooth
    periodic shape, the more bumps the finer. ``width`` defaults to the spacing of the
    centres.

    For polynomial and interaction features use scikit-learn's ``PolynomialFeatures``;
    for periodic B-splines, its ``SplineTransformer(extrapolation="periodic")``.

    Parameters
    ----------
    period : float, default=1.0
        Length of one cycle in the units of ``X`` (1.0 for a decimal-year fraction, 365.25
        for a day of year, 24 for an hour of day).
    n_centers : int, default=12
    width : float or None, default=None
        Standard deviation of each bump, in the units of ``X``; ``None`` is
        ``period / n_centers``.
    offset : float, default=0.0
        Position of the first centre.

    Attributes
    ----------
    centers_ : ndarray of shape (n_centers,)
        Centres in ``[offset, offset + period)``.
    width_ : float
    n_features_in_ : int

    Examples
    --------
    >>> import numpy as np
    >>> from hackml.preprocessing import RepeatingBasisFeatures
    >>> rbf = RepeatingBasisFeatures(period=12, n_centers=4).fit(np.arange(12)[:, None])
    >>> rbf.transform([[0.0], [12.0], [3.0]]).round(3)
    array([[1.   , 0.607, 0.135, 0.607],
           [1.   , 0.607, 0.135, 0.607],
           [0.607, 1.   , 0.607, 0.135]])
    """

    def __init__(self, *, period=1.0, n_centers=12, width=None, offset=0.0):
        self.period = period
        self.n_centers = n_centers
        self.width = width
        self.offset = offset

    def fit(self, X, y=None):
        """Check ``X`` and place the centres (they do not depend on the data).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self
        """
        import numbers

        check_scalar(self.period, "period", low=0, include_low=False)
        check_scalar(self.n_centers, "n_centers", kind=numbers.Integral, low=1)
        check_scalar(self.offset, "offset")
        if self.width is not None:
            check_scalar(self.width, "width", low=0, include_low=False)
        validate_data(self, X, dtype=np.float64)
        spacing = self.period / self.n_centers
        self.centers_ = self.offset + spacing * np.arange(self.n_centers)
        self.width_ = float(self.width) if self.width is not None else spacing
        return self

    def transform(self, X):
        """Return the ``n_features * n_centers`` bump features (feature-major order)."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        diff = np.abs(X[:, :, None] - self.centers_[None, None, :]) % self.period
        d = np.minimum(diff, self.period - diff)
        out = np.exp(-0.5 * (d / self.width_) ** 2)
        return out.reshape(X.shape[0], -1)

    def get_feature_names_out(self, input_features=None):
        """Names ``<feature>_rbf<k>``."""
        check_is_fitted(self)
        if input_features is None:
            input_features = getattr(
                self, "feature_names_in_", [f"x{i}" for i in range(self.n_features_in_)]
            )
        return np.array(
            [f"{f}_rbf{k}" for f in input_features for k in range(self.n_centers)], dtype=object
        )
