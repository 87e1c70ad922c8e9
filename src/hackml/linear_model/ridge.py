"""Ridge regression: the linear model with its penalty fixed to L2."""

from __future__ import annotations

from .linear_regression import LinearRegression


class Ridge(LinearRegression):
    """Linear regression with an L2 penalty, for any loss.

    Minimises

        J(coef, b) = sum_i w_i * loss(y_i, x_i . coef + b) / sum_i w_i
                     + 0.5 * alpha * ||coef||^2

    With the default half squared loss this is ridge regression, solved in closed form
    (normal equations). Any other loss (``"huber"``, ``"quantile"``, your own object)
    gives an L2-regularised robust or quantile regression, fitted by L-BFGS.

    Convention: the loss is a *mean* over the samples and halved, so scikit-learn's
    ``Ridge(alpha=a_sk)`` (which minimises ``||y - X coef - b||^2 + a_sk ||coef||^2``) is
    ``Ridge(alpha=a_sk / n_samples)`` here (``a_sk / sum(sample_weight)`` with weights).

    Parameters
    ----------
    alpha : float, default=1.0
        Strength of the L2 penalty (see the convention above).
    loss : str or loss object, default="squared"
        See :mod:`hackml.losses`.
    fit_intercept : bool, default=True
        The intercept is never penalised.
    solver : {"auto", "closed_form", "lbfgs", "newton", "gd"}, default="auto"
        ``"auto"`` is the closed form for the squared loss and L-BFGS otherwise.
    tol : float, default=1e-8
    max_iter : int, default=1000
    callbacks : list of callables, default=None
        Called as ``callback(monitor)`` after each iteration; returning True stops.
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
    >>> from hackml.datasets import load_diabetes
    >>> from hackml.linear_model import Ridge
    >>> X, y = load_diabetes(return_X_y=True)
    >>> model = Ridge(alpha=1e-3).fit(X, y)
    >>> round(model.score(X, y), 4)
    0.4917

    Same penalty, a robust loss, and a second solver reaching the same optimum:

    >>> import numpy as np
    >>> a = Ridge(alpha=1e-3, loss="huber", solver="lbfgs").fit(X, y)
    >>> b = Ridge(alpha=1e-3, loss="huber", solver="newton").fit(X, y)
    >>> bool(np.allclose(a.coef_, b.coef_, rtol=1e-5))
    True
    """

    penalty = "l2"
    l1_ratio = 0.0
    batch_size = 32
    learning_rate = 0.01
    random_state = None
    _solvers = ("auto", "closed_form", "lbfgs", "newton", "gd")

    def __init__(
        self,
        *,
        alpha=1.0,
        loss="squared",
        fit_intercept=True,
        solver="auto",
        tol=1e-8,
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
