"""Quantile regression solved exactly, as a linear program."""

from __future__ import annotations

import numbers

import numpy as np
from scipy import optimize, sparse
from sklearn.base import BaseEstimator, RegressorMixin

from .._core.losses import QuantileLoss
from .._core.penalties import L1Penalty
from .._core.validation import (
    check_is_fitted,
    check_sample_weight,
    check_scalar,
    validate_data,
)


class QuantileRegressor(RegressorMixin, BaseEstimator):
    """Linear quantile regression with an optional L1 penalty, solved as a linear program.

    Minimises

        J(coef, b) = sum_i w_i * rho_q(y_i - x_i . coef - b) / sum_i w_i
                     + alpha * ||coef||_1

    with the pinball loss ``rho_q(r) = max(q r, (q - 1) r)``
    (:class:`hackml.losses.QuantileLoss`). ``quantile=0.5`` is median (least absolute
    deviation) regression, half the absolute loss. Both terms are piecewise linear, so
    the minimum is the optimum of a linear program, found exactly by HiGHS
    (``scipy.optimize.linprog``): write ``y - X coef - b = u - v`` with ``u, v >= 0`` and
    ``coef = c+ - c-``; minimise ``w . (q u + (1 - q) v) / sum(w) + alpha 1 . (c+ + c-)``.

    This is the same objective as scikit-learn's ``QuantileRegressor`` (same ``alpha``).
    For the same loss with any other penalty or solver, use
    ``LinearRegression(loss=QuantileLoss(q), penalty=...)`` (iterative, approximate).

    Parameters
    ----------
    quantile : float, default=0.5
        The quantile ``q`` in (0, 1) to predict.
    alpha : float, default=1.0
        Strength of the L1 penalty; 0 for plain quantile regression.
    fit_intercept : bool, default=True
    solver : {"highs", "highs-ds", "highs-ipm"}, default="highs"
        The HiGHS method of ``scipy.optimize.linprog``.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    objective_ : float
        The objective ``J`` at the solution.
    n_iter_ : int
        Simplex or interior-point iterations.
    converged_ : bool
    loss_, penalty_ : the loss and penalty objects of the objective.

    Examples
    --------
    >>> import numpy as np
    >>> from hackml.datasets import load_diabetes
    >>> from hackml.linear_model import QuantileRegressor
    >>> X, y = load_diabetes(return_X_y=True)
    >>> upper = QuantileRegressor(quantile=0.9, alpha=0.0).fit(X, y)
    >>> round(float(np.mean(y <= upper.predict(X))), 2)
    0.9
    """

    def __init__(self, *, quantile=0.5, alpha=1.0, fit_intercept=True, solver="highs"):
        self.quantile = quantile
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.solver = solver

    def fit(self, X, y, sample_weight=None):
        """Fit by solving the linear program.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self
        """
        check_scalar(
            self.quantile,
            "quantile",
            kind=numbers.Real,
            low=0,
            high=1,
            include_low=False,
            include_high=False,
        )
        check_scalar(self.alpha, "alpha", low=0)
        if self.solver not in ("highs", "highs-ds", "highs-ipm"):
            raise ValueError(
                f"solver must be one of ['highs', 'highs-ds', 'highs-ipm']; got {self.solver!r}."
            )
        X, y = validate_data(self, X, y, y_numeric=True, dtype=np.float64)
        w = check_sample_weight(sample_weight, X.shape[0])
        coef, intercept, res = _solve_lp(
            X, y, w / w.sum(), self.quantile, self.alpha, self.fit_intercept, self.solver
        )
        self.coef_, self.intercept_ = coef, intercept
        self.n_iter_, self.converged_ = int(res.nit), bool(res.success)
        self.loss_, self.penalty_ = QuantileLoss(self.quantile), L1Penalty(self.alpha)
        raw = X @ coef + intercept
        self.objective_ = float(w / w.sum() @ self.loss_.value(y, raw)) + self.penalty_.value(coef)
        return self

    def predict(self, X):
        """Predict the ``quantile`` of ``y`` given ``X``: ``X @ coef_ + intercept_``."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return X @ self.coef_ + self.intercept_


def _solve_lp(X, y, w, q, alpha, fit_intercept, method):
    """Build and solve the linear program; samples of zero weight are dropped."""
    keep = w > 0
    X, y, w = X[keep], y[keep], w[keep]
    n, p = X.shape
    ones = np.ones((n, 1))
    blocks = [X, -X] + ([ones, -ones] if fit_intercept else [])
    eye = sparse.eye(n, format="csr")
    A_eq = sparse.hstack([sparse.csr_matrix(np.hstack(blocks)), eye, -eye], format="csc")
    n_b = 2 if fit_intercept else 0
    c = np.concatenate([np.full(2 * p, alpha), np.zeros(n_b), w * q, w * (1.0 - q)])
    res = optimize.linprog(c, A_eq=A_eq, b_eq=y, bounds=(0, None), method=method)
    if res.status not in (0, 1) or res.x is None:  # 1: iteration limit, x still usable
        raise ValueError(f"the linear program could not be solved: {res.message}")
    x = res.x
    coef = x[:p] - x[p : 2 * p] + 0.0
    intercept = float(x[2 * p] - x[2 * p + 1]) if fit_intercept else 0.0
    return coef, intercept, res
