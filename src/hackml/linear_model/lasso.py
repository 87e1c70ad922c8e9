"""The lasso: the elastic net with its penalty all L1."""

from __future__ import annotations

from .elastic_net import ElasticNet


class Lasso(ElasticNet):
    """Linear regression with an L1 penalty, by coordinate descent.

    Minimises

        J(coef, b) = sum_i w_i * loss(y_i, x_i . coef + b) / sum_i w_i
                     + alpha * ||coef||_1

    With the default half squared loss this is exactly scikit-learn's ``Lasso``
    objective (same ``alpha``). Everything else is :class:`ElasticNet` with
    ``l1_ratio=1``: coordinate descent for the squared loss, proximal gradient for any
    other smooth loss, subgradient descent for a non-smooth one (``"absolute"``,
    ``"quantile"``; for those, :class:`QuantileRegressor` solves the same objective
    exactly as a linear program).

    Parameters
    ----------
    alpha : float, default=1.0
    loss : str or loss object, default="squared"
    fit_intercept : bool, default=True
    solver : {"auto", "cd", "gd", "subgradient"}, default="auto"
    tol : float, default=1e-4
    max_iter : int, default=1000
    callbacks : list of callables, default=None
    verbose : bool, default=False

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    objective_history_ : list of float
    n_iter_ : int
    converged_ : bool
    solver_ : str
    loss_, penalty_ : the loss and penalty objects used.

    Examples
    --------
    >>> import numpy as np
    >>> from hackml.datasets import load_diabetes
    >>> from hackml.linear_model import Lasso
    >>> X, y = load_diabetes(return_X_y=True)
    >>> model = Lasso(alpha=0.5).fit(X, y)
    >>> int(np.sum(model.coef_ != 0)), round(model.score(X, y), 3)
    (4, 0.455)
    """

    l1_ratio = 1.0

    def __init__(
        self,
        *,
        alpha=1.0,
        loss="squared",
        fit_intercept=True,
        solver="auto",
        tol=1e-4,
        max_iter=1000,
        callbacks=None,
        verbose=False,
    ):
        self.alpha = alpha
        self.loss = loss
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.tol = tol
        self.max_iter = max_iter
        self.callbacks = callbacks
        self.verbose = verbose
