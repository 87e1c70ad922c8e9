"""Linear regression with a replaceable loss and penalty."""

from __future__ import annotations

import numbers

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin

from .._core.losses import SquaredLoss, resolve_loss
from .._core.monitor import ConvergenceMonitor
from .._core.penalties import ElasticNetPenalty, resolve_penalty
from .._core.validation import (
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    check_scalar,
    validate_data,
)
from ._base import SOLVERS, LinearObjective, choose_solver, minimize_linear


class LinearRegression(RegressorMixin, BaseEstimator):
    """Linear regression that minimises the objective you choose.

    Fits ``coef_`` and ``intercept_`` to minimise

        J(coef, b) = sum_i w_i * loss(y_i, x_i . coef + b) / sum_i w_i  +  penalty(coef)

    With the default half squared loss and no penalty this is ordinary least squares,
    solved in closed form. Any other loss (``"huber"``, ``"absolute"``,
    ``"quantile"``, ``"poisson"``, ... or your own object with ``value(y, raw)`` and
    ``gradient(y, raw)``) or penalty (``"l2"``, ``"l1"``, ``"elasticnet"`` or your own
    object) is fitted by an iterative solver, recording ``objective_history_``.

    Parameters
    ----------
    loss : str or loss object, default="squared"
        See :mod:`hackml.losses`. A loss with an ``inverse_link`` (Poisson) predicts
        ``inverse_link(raw)``.
    penalty : None, str or penalty object, default=None
        See :mod:`hackml.penalties`; the intercept is never penalised.
    alpha : float, default=1.0
        Strength of a penalty given by name.
    l1_ratio : float, default=0.5
        L1 share of ``penalty="elasticnet"``.
    fit_intercept : bool, default=True
    solver : {"auto", "closed_form", "lbfgs", "newton", "gd", "sgd", "adam", \
"subgradient"}, default="auto"
        ``"auto"``: closed form for the squared loss with an L2 or no penalty; L-BFGS for
        any other loss with a smooth penalty (for a non-smooth loss such as
        ``"absolute"`` it gets close to the optimum, and ``converged_`` says whether its
        line search finished); proximal gradient descent for a smooth loss with a
        non-smooth penalty; subgradient descent when both are non-smooth.
    tol : float, default=1e-8
        Convergence tolerance (see :class:`hackml.callbacks.ConvergenceMonitor`).
    max_iter : int, default=1000
    batch_size : int, default=32
        Mini-batch size of ``"sgd"`` and ``"adam"``.
    learning_rate : float, default=0.01
        Step size of ``"sgd"`` and ``"adam"``.
    callbacks : list of callables, default=None
        Called as ``callback(monitor)`` after each iteration; returning True stops.
    verbose : bool, default=False
        Show a progress bar.
    random_state : int, Generator or None, default=None
        Shuffling of ``"sgd"`` and ``"adam"``.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    objective_history_ : list of float
        The objective at the start and after each iteration.
    n_iter_ : int
    converged_ : bool
    solver_ : str
        The solver that ran.
    loss_, penalty_ : the loss and penalty objects used.

    Examples
    --------
    >>> from hackml.datasets import load_diabetes
    >>> from hackml.linear_model import LinearRegression
    >>> X, y = load_diabetes(return_X_y=True)
    >>> ols = LinearRegression().fit(X, y)
    >>> round(ols.score(X, y), 4)
    0.5177
    >>> robust = LinearRegression(loss="huber").fit(X, y)
    >>> robust.solver_, robust.converged_
    ('lbfgs', True)

    A loss of your own is a class with ``value`` and ``gradient``:

    >>> import numpy as np
    >>> class LogCosh:
    ...     def value(self, y, raw):
    ...         return np.logaddexp(raw - y, y - raw) - np.log(2)
    ...     def gradient(self, y, raw):
    ...         return np.tanh(raw - y)
    >>> model = LinearRegression(loss=LogCosh()).fit(X, y)
    >>> bool(np.isclose(model.objective_history_[-1], model.objective(X, y)))
    True
    """

    _solvers = (*SOLVERS, "closed_form")

    def __init__(
        self,
        *,
        loss="squared",
        penalty=None,
        alpha=1.0,
        l1_ratio=0.5,
        fit_intercept=True,
        solver="auto",
        tol=1e-8,
        max_iter=1000,
        batch_size=32,
        learning_rate=0.01,
        callbacks=None,
        verbose=False,
        random_state=None,
    ):
        self.loss = loss
        self.penalty = penalty
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.tol = tol
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.callbacks = callbacks
        self.verbose = verbose
        self.random_state = random_state

    # -- fitting ---------------------------------------------------------------------------
    def _resolve(self):
        check_scalar(self.alpha, "alpha", low=0)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.tol, "tol", low=0)
        loss = resolve_loss(self.loss)
        penalty = resolve_penalty(self.penalty, self.alpha, self.l1_ratio)
        closed = (
            isinstance(loss, SquaredLoss)
            and isinstance(penalty, ElasticNetPenalty)
            and (penalty.l1 == 0.0)
        )
        if self.solver == "closed_form" and not closed:
            raise ValueError(
                "solver='closed_form' needs loss='squared' and an L2 or no penalty; "
                f"got loss={loss!r}, penalty={penalty!r}."
            )
        solver = "closed_form" if (self.solver == "auto" and closed) else self.solver
        if solver != "closed_form":
            solver = choose_solver(solver, loss, penalty)
        return loss, penalty, solver

    def fit(self, X, y, sample_weight=None):
        """Fit the model by minimising its objective.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative weights; the objective is their weighted mean loss.

        Returns
        -------
        self
        """
        if self.solver not in self._solvers:
            raise ValueError(f"solver must be one of {list(self._solvers)}; got {self.solver!r}.")
        X, y = validate_data(self, X, y, y_numeric=True, dtype=np.float64)
        w = check_sample_weight(sample_weight, X.shape[0])
        loss, penalty, solver = self._resolve()
        obj = LinearObjective(X, y, w, loss, penalty, fit_intercept=self.fit_intercept)
        monitor = ConvergenceMonitor(
            tol=self.tol,
            max_iter=self.max_iter,
            verbose=self.verbose,
            callbacks=self.callbacks,
            desc=type(self).__name__,
        )
        theta, history, n_iter, converged = self._solve(obj, solver, monitor)
        coef, intercept = obj.split(theta)
        self.coef_ = np.array(coef)
        self.intercept_ = float(intercept)
        self.objective_history_ = list(history)
        self.n_iter_ = n_iter
        self.converged_ = converged
        self.solver_ = solver
        self.loss_, self.penalty_ = loss, penalty
        return self

    def _solve(self, obj, solver, monitor):
        """Minimise ``obj`` with ``solver``; return ``(theta, history, n_iter, converged)``."""
        if solver == "closed_form":
            theta, value = _weighted_ridge(obj.X, obj.y, obj.w, obj.penalty.l2, self.fit_intercept)
            monitor.start(obj.value(theta) if value is None else value)
            return theta, monitor.history, 1, True  # one direct solve
        theta0 = np.zeros(obj.size)
        if self.fit_intercept:
            theta0[-1] = _start_intercept(obj.loss, obj.y, obj.w)
        res = minimize_linear(
            obj,
            theta0,
            solver,
            monitor,
            batch_size=self.batch_size,
            learning_rate=self.learning_rate,
            random_state=np.random.default_rng(
                check_random_state(self.random_state).randint(2**31)
            ),
        )
        return res.x, res.history, res.n_iter, res.converged

    # -- using the fit -----------------------------------------------------------------------
    def _raw(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return X @ self.coef_ + self.intercept_

    def predict(self, X):
        """Predict ``inverse_link(X @ coef_ + intercept_)`` (identity for most losses)."""
        raw = self._raw(X)
        link = getattr(self.loss_, "inverse_link", None)
        return link(raw) if callable(link) else raw

    def objective(self, X, y, sample_weight=None):
        """The objective ``J`` of the fitted parameters on ``(X, y)``."""
        raw = self._raw(X)
        y = np.asarray(y, dtype=float)
        if y.shape != raw.shape:
            raise ValueError(f"y must have shape {raw.shape} to match X; got {y.shape}.")
        w = check_sample_weight(sample_weight, raw.shape[0])
        data = float((w / w.sum()) @ self.loss_.value(y, raw))
        return data + float(self.penalty_.value(self.coef_))


def _start_intercept(loss, y, w):
    """A sensible starting intercept: the weighted mean (log mean for a log link)."""
    mean = float(w @ y)
    if callable(getattr(loss, "inverse_link", None)):
        return float(np.log(max(mean, 1e-12)))
    return mean


def _weighted_ridge(X, y, w, l2, fit_intercept):
    """Closed-form minimiser of ``sum w_i 0.5 r_i^2 + 0.5 l2 ||coef||^2`` (``sum w = 1``).

    Returns ``(theta, value)``: the parameters and the objective there, or ``None`` for
    the value when it could not be had from the normal equations without loss of
    precision (the caller then evaluates it on the data). Minimum-norm least squares
    when ``l2 == 0`` (as scikit-learn's LinearRegression).

    With ``l2 > 0`` it solves the normal equations ``(Xc' W Xc + l2 I) coef = Xc' W yc``
    by Cholesky. Equal weights are a common factor and never touch X; the centred Gram
    matrix is formed without a centred copy of X (``X'X - n m m'``, one symmetric rank-k
    product) when every feature's mean is within a few standard deviations of zero, where
    that subtraction loses no more than about ``100 eps``; otherwise X is centred first.
    """
    uniform = bool(np.all(w == w[0]))
    if fit_intercept:
        x_mean = X.mean(axis=0) if uniform else w @ X
        y_mean = float(y.mean()) if uniform else float(w @ y)
    else:
        x_mean, y_mean = np.zeros(X.shape[1]), 0.0
    if l2 <= 0:
        coef = _min_norm_lstsq(X, y, w, x_mean, y_mean, uniform, fit_intercept)
        return _with_intercept(coef, x_mean, y_mean, fit_intercept), None
    yc = y - y_mean if fit_intercept else y
    if uniform:
        G, b = _uniform_gram(X, yc, x_mean, fit_intercept)
        G *= w[0]
        b *= w[0]
        syy = w[0] * float(yc @ yc)
    else:
        Xc = X - x_mean if fit_intercept else X
        Xw = Xc * w[:, None]
        G, b = Xw.T @ Xc, Xw.T @ yc
        syy = float(w @ (yc * yc))
    A = G.copy()
    A[np.diag_indices_from(A)] += l2
    # numpy's LAPACK, not scipy's: they are two OpenBLAS builds with two thread pools, and
    # on few cores scipy's threads waking beside numpy's still-spinning ones (just after the
    # Gram product) made this 1 ms solve take up to 100 ms and slowed the next product
    coef = np.linalg.solve(A, b)
    # the objective from the normal equations, unless cancellation would eat its digits
    quad = float(coef @ G @ coef)
    data = 0.5 * (syy - 2.0 * float(coef @ b) + quad)
    value = data + 0.5 * l2 * float(coef @ coef) if data > 1e-6 * (syy + quad) else None
    return _with_intercept(coef, x_mean, y_mean, fit_intercept), value


def _uniform_gram(X, yc, x_mean, fit_intercept):
    """``(Xc' Xc, Xc' yc)`` for the centred ``Xc = X - x_mean`` (unscaled sums)."""
    n = X.shape[0]
    if fit_intercept:
        G = X.T @ X  # one syrk; numpy recognises the transposed pair
        diag = np.diag(G) / n  # E[x^2] per feature
        var = diag - x_mean * x_mean
        if np.all(var > 1e-2 * diag):  # |mean| <= ~10 sd: the rank-one update is exact enough
            G -= n * np.outer(x_mean, x_mean)
            return G, X.T @ yc  # sum_i yc_i = 0, so no correction for the mean of X
        X = X - x_mean
    return X.T @ X, X.T @ yc


def _min_norm_lstsq(X, y, w, x_mean, y_mean, uniform, fit_intercept):
    Xc = X - x_mean if fit_intercept else X
    yc = y - y_mean if fit_intercept else y
    if not uniform:  # equal weights scale both sides alike: the solution is unchanged
        sw = np.sqrt(w)
        Xc, yc = Xc * sw[:, None], yc * sw
    cond = np.finfo(float).eps * max(Xc.shape)  # numpy's rank cutoff
    return np.linalg.lstsq(Xc, yc, rcond=cond)[0]  # gelsd, in numpy's LAPACK (see above)


def _with_intercept(coef, x_mean, y_mean, fit_intercept):
    if fit_intercept:
        return np.append(coef, y_mean - x_mean @ coef)
    return coef
