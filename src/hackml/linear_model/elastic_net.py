"""Elastic net (and, through it, the lasso): L1 + L2 penalties by coordinate descent."""

from __future__ import annotations

import numbers

from .._core.losses import SquaredLoss, resolve_loss
from .._core.penalties import ElasticNetPenalty
from .._core.validation import check_scalar
from ._base import choose_solver
from ._cd import elastic_net_cd
from .linear_regression import LinearRegression


class ElasticNet(LinearRegression):
    """Linear regression with an elastic-net penalty, by coordinate descent.

    Minimises

        J(coef, b) = sum_i w_i * loss(y_i, x_i . coef + b) / sum_i w_i
                     + alpha * l1_ratio * ||coef||_1
                     + 0.5 * alpha * (1 - l1_ratio) * ||coef||^2

    For the default half squared loss this is *exactly* scikit-learn's ``ElasticNet``
    objective (same ``alpha``, same ``l1_ratio``, weights normalised the same way), solved
    by cyclic coordinate descent in a numba kernel (:mod:`hackml.linear_model._cd`) that
    stops on the duality gap. Any other loss (``"huber"``, ``"quantile"``, your own object
    with ``value`` and ``gradient``) is fitted by proximal gradient descent (``"gd"``).

    Parameters
    ----------
    alpha : float, default=1.0
        Overall penalty strength.
    l1_ratio : float, default=0.5
        Share of the L1 part, in [0, 1].
    loss : str or loss object, default="squared"
    fit_intercept : bool, default=True
        The intercept is never penalised.
    solver : {"auto", "cd", "gd", "subgradient"}, default="auto"
        ``"cd"`` (coordinate descent, squared loss only), ``"gd"`` (proximal gradient,
        any smooth loss), ``"subgradient"`` (non-smooth losses). ``"auto"`` picks ``"cd"``
        for the squared loss.
    tol : float, default=1e-4
        ``"cd"``: stop when the duality gap is at most ``tol * ||y - mean(y)||^2 / n``
        (scikit-learn's rule); other solvers: see :class:`hackml.callbacks.ConvergenceMonitor`.
    max_iter : int, default=1000
        Most sweeps (``"cd"``) or iterations.
    callbacks : list of callables, default=None
    verbose : bool, default=False

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    objective_history_ : list of float
        The objective after each sweep; coordinate descent never increases it.
    n_iter_ : int
    converged_ : bool
    solver_ : str
    loss_, penalty_ : the loss and penalty objects used.

    Examples
    --------
    >>> from hackml.datasets import load_diabetes
    >>> from hackml.linear_model import ElasticNet
    >>> X, y = load_diabetes(return_X_y=True)
    >>> model = ElasticNet(alpha=0.001, l1_ratio=0.7).fit(X, y)
    >>> model.solver_, model.converged_, round(model.score(X, y), 3)
    ('cd', True, 0.511)
    """

    penalty = "elasticnet"
    batch_size = 32
    learning_rate = 0.01
    random_state = None
    _solvers = ("auto", "cd", "gd", "subgradient")

    def __init__(
        self,
        *,
        alpha=1.0,
        l1_ratio=0.5,
        loss="squared",
        fit_intercept=True,
        solver="auto",
        tol=1e-4,
        max_iter=1000,
        callbacks=None,
        verbose=False,
    ):
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.loss = loss
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.tol = tol
        self.max_iter = max_iter
        self.callbacks = callbacks
        self.verbose = verbose

    def _resolve(self):
        check_scalar(self.alpha, "alpha", low=0)
        check_scalar(self.l1_ratio, "l1_ratio", low=0, high=1)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.tol, "tol", low=0)
        loss = resolve_loss(self.loss)
        penalty = ElasticNetPenalty(self.alpha, self.l1_ratio)
        squared = isinstance(loss, SquaredLoss)
        if self.solver == "cd" and not squared:
            raise ValueError(
                f"solver='cd' needs loss='squared'; got loss={loss!r}. Use solver='gd' "
                "(smooth loss) or 'subgradient' (non-smooth loss)."
            )
        if self.solver == "cd" or (self.solver == "auto" and squared):
            return loss, penalty, "cd"
        return loss, penalty, choose_solver(self.solver, loss, penalty)

    def _solve(self, obj, solver, monitor):
        if solver != "cd":
            return super()._solve(obj, solver, monitor)
        pen = obj.penalty
        coef, intercept = elastic_net_cd(
            obj.X, obj.y, obj.w, pen.l1, pen.l2, self.fit_intercept, monitor
        )
        theta = obj.pack(coef, intercept)
        return theta, monitor.history, monitor.n_iter, monitor.converged
