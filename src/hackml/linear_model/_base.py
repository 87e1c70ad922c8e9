"""Shared machinery of the linear family: the linear objective and the solver dispatch.

For parameters ``coef`` (shape ``(p,)`` or ``(p, K)``) and ``intercept`` the raw score is
``raw = X @ coef + intercept`` and the objective is

    J = sum_i w_i * loss.value(y_i, raw_i) / sum_i w_i  +  penalty.value(coef)

The intercept is never penalised. Any loss and penalty following the protocols of
:mod:`hackml.losses` and :mod:`hackml.penalties` plug in unchanged.
"""

from __future__ import annotations

import numpy as np

from .._core import solvers
from .._core.monitor import ConvergenceMonitor
from .._core.penalties import is_smooth
from .._core.validation import check_choice
from ._fused import fused_value_grad, is_fused, logistic_pass

SOLVERS = ("auto", "lbfgs", "newton", "gd", "sgd", "adam", "subgradient")


class LinearObjective:
    """The objective of a linear model on fixed data, as a function of flat parameters.

    The flat parameter vector is ``[coef.ravel(), intercept]`` (intercept omitted when
    ``fit_intercept`` is false). ``n_outputs`` is the number of raw-score columns
    (1 gives 1-D raw scores).
    """

    def __init__(self, X, y, sample_weight, loss, penalty, *, fit_intercept=True, n_outputs=1):
        self.X, self.y, self.loss, self.penalty = X, y, loss, penalty
        self.fit_intercept = fit_intercept
        self.n_outputs = n_outputs
        self.n_features = X.shape[1]
        self.w = sample_weight / sample_weight.sum()
        self.n_coef = self.n_features * n_outputs
        self.size = self.n_coef + (n_outputs if fit_intercept else 0)
        self._check_loss_outputs()

    # -- parameter packing ---------------------------------------------------------------
    def split(self, theta):
        shape = (self.n_features,) if self.n_outputs == 1 else (self.n_features, self.n_outputs)
        coef = theta[: self.n_coef].reshape(shape)
        if self.fit_intercept:
            b = theta[self.n_coef :]
            intercept = b[0] if self.n_outputs == 1 else b
        else:
            intercept = 0.0 if self.n_outputs == 1 else np.zeros(self.n_outputs)
        return coef, intercept

    def pack(self, coef, intercept):
        parts = [np.ravel(coef)]
        if self.fit_intercept:
            parts.append(np.atleast_1d(intercept))
        return np.concatenate(parts).astype(float)

    def raw(self, theta, idx=None):
        coef, intercept = self.split(theta)
        X = self.X if idx is None else self.X[idx]
        return X @ coef + intercept

    # -- objective -----------------------------------------------------------------------
    def _check_loss_outputs(self):
        if is_fused(self.loss):  # a built-in loss of known shapes: nothing to check
            return
        n = self.X.shape[0]
        raw = np.zeros(n) if self.n_outputs == 1 else np.zeros((n, self.n_outputs))
        v = np.asarray(self.loss.value(self.y, raw))
        g = np.asarray(self.loss.gradient(self.y, raw))
        name = type(self.loss).__name__
        if v.shape != (raw.shape[0],):
            raise ValueError(
                f"loss {name}.value(y, raw) must return one value per sample, shape "
                f"({raw.shape[0]},); got shape {v.shape}."
            )
        if g.shape != raw.shape:
            raise ValueError(
                f"loss {name}.gradient(y, raw) must return an array shaped like raw "
                f"{raw.shape}; got shape {g.shape}."
            )
        if not (np.all(np.isfinite(v)) and np.all(np.isfinite(g))):
            raise ValueError(f"loss {name} returned non-finite values at the starting point.")

    def data_term(self, theta, idx=None):
        w = self.w if idx is None else self.w[idx] / self.w[idx].sum()
        y = self.y if idx is None else self.y[idx]
        return float(w @ self.loss.value(y, self.raw(theta, idx)))

    def penalty_term(self, theta):
        return float(self.penalty.value(self.split(theta)[0]))

    def value(self, theta):
        return self.data_term(theta) + self.penalty_term(theta)

    def _grad(self, theta, idx, with_penalty, with_value=False):
        X = self.X if idx is None else self.X[idx]
        y = self.y if idx is None else self.y[idx]
        w = self.w if idx is None else self.w[idx] / self.w[idx].sum()
        coef, intercept = self.split(theta)
        if self._one_pass(X, y, w):
            grad = np.empty(self.size)
            val, g_int = logistic_pass(X, coef, float(intercept), y, w, grad[: self.n_coef])
            if with_penalty:
                grad[: self.n_coef] += self.penalty.gradient(coef)
                val += float(self.penalty.value(coef))
            if self.fit_intercept:
                grad[self.n_coef] = g_int
            return (float(val), grad) if with_value else grad
        fused = None
        if self.n_outputs == 1:  # one pass for the value and gradient of a known loss
            # the usual start, coef = 0, needs no pass over X for its scores
            raw = X @ coef if np.any(coef) else np.zeros(X.shape[0])
            fused = fused_value_grad(self.loss, y, raw, intercept, w)
        if fused is not None:
            val, g_raw = fused
        else:
            raw = X @ coef + intercept
            g_raw = self.loss.gradient(y, raw)
            g_raw = g_raw * (w if g_raw.ndim == 1 else w[:, None])
            val = float(w @ self.loss.value(y, raw)) if with_value else 0.0
        grad = np.empty(self.size)
        g_coef = grad[: self.n_coef].reshape(coef.shape)
        np.matmul(X.T, g_raw, out=g_coef)
        if with_penalty:
            g_coef += self.penalty.gradient(coef)
        if self.fit_intercept:
            grad[self.n_coef :] = g_raw.sum(axis=0)
        if not with_value:
            return grad
        if with_penalty:
            val += float(self.penalty.value(coef))
        return float(val), grad

    def _one_pass(self, X, y, w):
        """Whether the one-pass logistic kernel applies (binary, dense C-ordered float64)."""
        return (
            self.n_outputs == 1
            and is_fused(self.loss)
            and X.dtype == np.float64
            and X.flags.c_contiguous
            and y.dtype == np.float64
            and y.ndim == 1
        )

    def value_and_grad(self, theta):
        # solvers often ask twice for the same point (a start value, then the first
        # step); one cached evaluation saves a pass over X
        cached = getattr(self, "_last", None)
        if cached is not None and np.array_equal(cached[0], theta):
            return cached[1], cached[2].copy()
        val, grad = self._grad(theta, None, True, with_value=True)
        self._last = (np.array(theta, copy=True), val, grad.copy())
        return val, grad

    def smooth_value_and_grad(self, theta):
        """Value and gradient of the data term alone (the penalty goes through its prox)."""
        return self._grad(theta, None, False, with_value=True)

    def batch_grad(self, theta, idx, with_penalty=True):
        return self._grad(theta, idx, with_penalty)

    def hessian(self, theta):
        if not callable(getattr(self.loss, "hessian", None)):
            raise ValueError(
                f"solver='newton' needs a loss with a hessian(y, raw) method; "
                f"{type(self.loss).__name__} has none. Use solver='lbfgs'."
            )
        X1 = np.hstack([self.X, np.ones((self.X.shape[0], 1))]) if self.fit_intercept else self.X
        coef, _ = self.split(theta)
        h = np.asarray(self.loss.hessian(self.y, self.raw(theta)))
        pen = np.asarray(getattr(self.penalty, "hessian", lambda c: np.zeros_like(c))(coef))
        if self.n_outputs == 1:
            H = (X1 * (self.w * h)[:, None]).T @ X1
            H[np.arange(self.n_coef), np.arange(self.n_coef)] += np.ravel(pen)
            return _nudge(H)
        # vector raw: H[(j,k),(l,m)] = sum_i w_i x_ij x_il h_ikm; params ordered coef
        # (p, K) row-major, then intercepts (K,)
        p1, K = X1.shape[1], self.n_outputs
        H4 = np.einsum("ij,il,ikm->jklm", X1 * self.w[:, None], X1, h).reshape(p1 * K, p1 * K)
        # flat index j*K + k matches theta's order: coef row-major, then the intercepts
        H4[np.arange(self.n_coef), np.arange(self.n_coef)] += np.ravel(pen)
        return _nudge(H4)

    def prox(self, theta, step):
        coef, intercept = self.split(theta)
        return self.pack(self.penalty.prox(coef, step), intercept)


def _nudge(H):
    """Add ``1e-10 * max|diag|`` to the diagonal of a Hessian.

    Some linear objectives are flat along a direction: the multinomial loss does not
    change when every class's intercept (or, unpenalised, every class's coefficient of a
    feature) shifts by the same amount, and a constant feature adds another. Their
    Hessian is then singular and Newton's linear solve warns or fails; this nudge makes
    it solvable while changing the step by about one part in 1e10.
    """
    d = np.diag(H)
    H[np.diag_indices_from(H)] += 1e-10 * max(float(np.max(np.abs(d), initial=0.0)), 1e-300)
    return H


def choose_solver(solver, loss, penalty):
    """Resolve ``solver='auto'`` and reject combinations a solver cannot handle."""
    check_choice(solver, "solver", SOLVERS)
    smooth_loss, smooth_pen = is_smooth(loss), is_smooth(penalty)
    if solver == "auto":
        if not smooth_pen:
            return "gd" if smooth_loss else "subgradient"
        return "lbfgs"
    if solver in ("newton", "adam") and not (smooth_loss and smooth_pen):
        which = "loss" if not smooth_loss else "penalty"
        raise ValueError(
            f"solver={solver!r} needs a smooth objective, but the {which} is not smooth; "
            "use solver='lbfgs' (non-smooth loss), 'gd' (non-smooth penalty) or "
            "'subgradient' (both)."
        )
    if solver == "lbfgs" and not smooth_pen:
        raise ValueError(
            "solver='lbfgs' cannot handle a non-smooth penalty; use solver='gd' (proximal "
            "gradient) or 'subgradient'."
        )
    if solver == "gd" and not smooth_loss:
        raise ValueError(
            "solver='gd' needs a smooth loss for its line search; use solver='lbfgs' or "
            "'subgradient' for a non-smooth loss."
        )
    if solver in ("gd", "sgd") and not smooth_pen and not callable(getattr(penalty, "prox", None)):
        raise ValueError(
            f"the penalty {type(penalty).__name__} is not smooth and has no prox(coef, step) "
            f"method, which solver={solver!r} needs."
        )
    return solver


def minimize_linear(
    objective: LinearObjective,
    theta0,
    solver,
    monitor: ConvergenceMonitor,
    *,
    batch_size=32,
    learning_rate=0.01,
    random_state=None,
):
    """Run ``solver`` on ``objective`` and return a :class:`SolverResult`."""
    smooth_pen = is_smooth(objective.penalty)
    if solver == "lbfgs":
        return solvers.lbfgs(objective.value_and_grad, theta0, monitor=monitor)
    if solver == "newton":
        return solvers.newton(objective.value_and_grad, objective.hessian, theta0, monitor=monitor)
    if solver == "subgradient":
        return solvers.subgradient(objective.value_and_grad, theta0, monitor=monitor)
    if solver == "gd":
        if smooth_pen:
            return solvers.gradient_descent(objective.value_and_grad, theta0, monitor=monitor)
        return solvers.gradient_descent(
            objective.smooth_value_and_grad,
            theta0,
            nonsmooth=(objective.penalty_term, objective.prox),
            monitor=monitor,
        )
    n = objective.X.shape[0]
    if solver == "sgd":
        return solvers.sgd(
            lambda t, idx: objective.batch_grad(t, idx, with_penalty=smooth_pen),
            theta0,
            n_samples=n,
            objective=objective.value,
            batch_size=batch_size,
            learning_rate=learning_rate,
            prox=None if smooth_pen else objective.prox,
            random_state=random_state,
            monitor=monitor,
        )
    return solvers.adam(
        objective.batch_grad,
        theta0,
        n_samples=n,
        objective=objective.value,
        batch_size=batch_size,
        learning_rate=learning_rate,
        random_state=random_state,
        monitor=monitor,
    )
