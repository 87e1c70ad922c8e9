"""Solvers: take an objective, return parameters and the path that led there.

Every solver minimises a function of a flat parameter vector and reports to a
:class:`~hackml._core.monitor.ConvergenceMonitor`; each returns a :class:`SolverResult`.
What the solvers are given:

``fun(x) -> (value, gradient)``
    the smooth part of the objective (all of it, for smooth problems);
``nonsmooth=(value(x), prox(x, step))``
    an optional non-smooth part handled by its proximal operator (an L1 penalty);
``hess(x) -> ndarray (d, d)``
    the Hessian, for :func:`newton`;
``batch_fun(x, idx) -> gradient``
    an unbiased gradient estimate on the samples ``idx``, for :func:`sgd` and :func:`adam`.

Guarantees: :func:`gradient_descent` and :func:`newton` use a backtracking line search,
so their objective never increases; :func:`lbfgs` is scipy's L-BFGS-B;
:func:`subgradient` (for non-smooth losses) returns the best iterate it saw, so its
recorded history is the best-so-far objective and never increases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import linalg, optimize

from .monitor import ConvergenceMonitor

__all__ = [
    "SolverResult",
    "adam",
    "alternating",
    "expectation_maximization",
    "gradient_descent",
    "lbfgs",
    "newton",
    "sgd",
    "subgradient",
]

FunGrad = Callable[[np.ndarray], tuple[float, np.ndarray]]


@dataclass
class SolverResult:
    """What a solver returns: the parameters and the record of the fit."""

    x: np.ndarray
    history: list[float] = field(default_factory=list)
    n_iter: int = 0
    converged: bool = False


def _result(x, monitor: ConvergenceMonitor) -> SolverResult:
    return SolverResult(np.asarray(x), list(monitor.history), monitor.n_iter, monitor.converged)


def _monitor(monitor):
    return monitor if monitor is not None else ConvergenceMonitor()


def lbfgs(fun: FunGrad, x0, *, monitor=None, m: int = 20) -> SolverResult:
    """Minimise ``fun`` with scipy's L-BFGS-B.

    Converges when the gradient's largest entry is at most ``monitor.tol`` or the
    objective stalls at machine precision (relative change under 64 eps). On a
    non-smooth objective it usually gets close to the optimum but may stop early (its
    line search fails); ``converged`` then stays False.

    Examples
    --------
    >>> import numpy as np
    >>> res = lbfgs(lambda x: (float(((x - 3) ** 2).sum()), 2 * (x - 3)), np.zeros(2))
    >>> np.round(res.x, 6), res.converged
    (array([3., 3.]), True)
    """
    mon = _monitor(monitor)
    x0 = np.asarray(x0, dtype=float)
    mon.start(fun(x0)[0])
    last: dict = {}

    def wrapped(x):
        f, g = fun(x)
        last["f"], last["g"] = f, g
        return f, g

    def callback(intermediate_result):
        if mon.update(intermediate_result.fun, delta=float(np.max(np.abs(last["g"])))):
            raise StopIteration

    res = optimize.minimize(
        wrapped,
        x0,
        jac=True,
        method="L-BFGS-B",
        callback=callback,
        options={
            "maxiter": mon.max_iter,
            "gtol": mon.tol,
            "ftol": 64 * np.finfo(float).eps,
            "maxcor": m,
        },
    )
    # scipy also stops (successfully) when the objective stalls at machine precision
    if res.success and not mon.converged:
        mon.converged = True
    return _result(res.x, mon)


def gradient_descent(
    fun: FunGrad,
    x0,
    *,
    nonsmooth: tuple[Callable, Callable] | None = None,
    step: float = 1.0,
    monitor=None,
) -> SolverResult:
    """(Proximal) gradient descent with a backtracking line search.

    Minimises ``f(x) + g(x)`` where ``fun`` gives ``f`` and its gradient and the optional
    ``nonsmooth = (g, prox_g)``. The step starts at ``step``, halves until the sufficient
    decrease condition holds, and grows again by 1.5x after each accepted step, so the
    objective is non-increasing.

    Examples
    --------
    >>> import numpy as np
    >>> res = gradient_descent(lambda x: (float(((x - 3) ** 2).sum()), 2 * (x - 3)),
    ...                        np.zeros(2), monitor=ConvergenceMonitor(tol=1e-10))
    >>> np.round(res.x, 6)
    array([3., 3.])
    """
    mon = _monitor(monitor)
    g_val, prox = nonsmooth if nonsmooth is not None else (lambda x: 0.0, lambda x, t: x)
    x = np.asarray(x0, dtype=float).copy()
    f, grad = fun(x)
    total = f + g_val(x)
    mon.start(total)
    t = float(step)
    for _ in mon:
        while True:
            x_new = prox(x - t * grad, t)
            d = x_new - x
            f_new, grad_new = fun(x_new)
            # sufficient decrease for the smooth part (majorisation condition)
            if f_new <= f + np.vdot(grad, d) + np.vdot(d, d) / (2 * t) + 1e-12 * abs(f):
                break
            t *= 0.5
            if t < 1e-20:
                x_new, f_new, grad_new, d = x, f, grad, np.zeros_like(x)
                break
        x, f, grad = x_new, f_new, grad_new
        total_new = f + g_val(x)
        # step-size-free stationarity measure: the gradient mapping
        mon.update(total_new, delta=float(np.max(np.abs(d))) / t if t > 0 else 0.0)
        total = total_new
        t *= 1.5
    return _result(x, mon)


def subgradient(fun_sub: FunGrad, x0, *, step: float = 1.0, monitor=None) -> SolverResult:
    """Normalised subgradient descent for non-smooth objectives.

    Step ``k`` moves ``step * max(1, ||x0||) / sqrt(k + 1)`` along the unit subgradient.
    Keeps the best iterate; the recorded history is the best objective so far. Converges
    (``tol``) when the best objective improved by at most ``tol`` (relative) over the last
    200 iterations. Slow but dependable; prefer a smooth loss or a proximal solver.

    Examples
    --------
    >>> import numpy as np
    >>> res = subgradient(lambda x: (float(np.abs(x - 3).sum()), np.sign(x - 3)),
    ...                   np.zeros(1), monitor=ConvergenceMonitor(tol=0, max_iter=2000))
    >>> bool(abs(res.x[0] - 3) < 0.05)
    True
    """
    mon = _monitor(monitor)
    x = np.asarray(x0, dtype=float).copy()
    f, g = fun_sub(x)
    best_x, best_f = x.copy(), f
    mon.start(best_f)
    radius = float(step) * max(1.0, float(np.linalg.norm(x)))
    for k in mon:
        gnorm = float(np.linalg.norm(g))
        if gnorm == 0.0:  # a zero subgradient: x is optimal
            mon.update(best_f, delta=0.0)
            break
        x = x - radius / np.sqrt(k + 1.0) * g / gnorm
        f, g = fun_sub(x)
        if f < best_f:
            best_x, best_f = x.copy(), f
        window = mon.history[-200:]
        delta = (window[0] - best_f) / max(1.0, abs(best_f)) if len(window) == 200 else np.inf
        mon.update(best_f, delta=delta)
    return _result(best_x, mon)


def newton(
    fun: FunGrad, hess: Callable[[np.ndarray], np.ndarray], x0, *, monitor=None
) -> SolverResult:
    """Damped Newton's method with a backtracking line search (convex, smooth objectives).

    Converges when the Newton decrement ``sqrt(g^T H^-1 g)`` is at most ``tol``.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[3.0, 1.0], [1.0, 2.0]]); b = np.array([1.0, 1.0])
    >>> res = newton(lambda x: (0.5 * x @ A @ x - b @ x, A @ x - b), lambda x: A, np.zeros(2))
    >>> np.allclose(res.x, np.linalg.solve(A, b)), res.n_iter
    (True, 2)
    """
    mon = _monitor(monitor)
    x = np.asarray(x0, dtype=float).copy()
    f, g = fun(x)
    mon.start(f)
    for _ in mon:
        H = hess(x)
        try:
            direction = -linalg.solve(H, g, assume_a="sym")
        except (linalg.LinAlgError, ValueError):
            direction = -linalg.lstsq(H, g)[0]
        decrement = float(np.sqrt(max(0.0, -np.vdot(g, direction))))
        t = 1.0
        while True:
            x_new = x + t * direction
            f_new, g_new = fun(x_new)
            if f_new <= f + 1e-4 * t * np.vdot(g, direction) + 1e-14 * abs(f) or t < 1e-12:
                break
            t *= 0.5
        if f_new > f:  # no descent possible: stay
            x_new, f_new, g_new = x, f, g
        x, f, g = x_new, f_new, g_new
        mon.update(f, delta=decrement)
    return _result(x, mon)


def _batches(n_samples: int, batch_size: int, rng: np.random.Generator):
    order = rng.permutation(n_samples)
    for start in range(0, n_samples, batch_size):
        yield order[start : start + batch_size]


def _check_batching(n_samples, batch_size):
    if not (isinstance(batch_size, int | np.integer) and batch_size >= 1):
        raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}.")
    return min(int(batch_size), int(n_samples))


def sgd(
    batch_fun: Callable[[np.ndarray, np.ndarray], np.ndarray],
    x0,
    *,
    n_samples: int,
    objective: Callable[[np.ndarray], float],
    batch_size: int = 32,
    learning_rate: float | Callable[[int], float] = 0.01,
    momentum: float = 0.0,
    prox: Callable[[np.ndarray, float], np.ndarray] | None = None,
    random_state: np.random.Generator | None = None,
    monitor=None,
) -> SolverResult:
    """Mini-batch stochastic gradient descent; one monitor iteration is one epoch.

    ``learning_rate`` is a constant or a function of the step count. ``prox`` (optional)
    is applied after every step (proximal SGD, for L1). ``objective(x)`` is evaluated once
    per epoch for the history; it is not guaranteed to decrease.

    Examples
    --------
    >>> import numpy as np
    >>> target = np.arange(100.0) / 100
    >>> res = sgd(lambda x, idx: x - target[idx].mean(), np.zeros(1), n_samples=100,
    ...           objective=lambda x: float(((x - target) ** 2).mean()), learning_rate=0.1,
    ...           random_state=np.random.default_rng(0),
    ...           monitor=ConvergenceMonitor(tol=0, max_iter=20))
    >>> bool(abs(res.x[0] - target.mean()) < 0.05)
    True
    """
    mon = _monitor(monitor)
    rng = random_state if random_state is not None else np.random.default_rng()
    batch_size = _check_batching(n_samples, batch_size)
    lr = learning_rate if callable(learning_rate) else (lambda k, c=float(learning_rate): c)
    x = np.asarray(x0, dtype=float).copy()
    velocity = np.zeros_like(x)
    mon.start(objective(x))
    step = 0
    for _ in mon:
        for idx in _batches(n_samples, batch_size, rng):
            eta = lr(step)
            velocity = momentum * velocity - eta * batch_fun(x, idx)
            x = x + velocity
            if prox is not None:
                x = prox(x, eta)
            step += 1
        mon.update(objective(x))
    return _result(x, mon)


def adam(
    batch_fun: Callable[[np.ndarray, np.ndarray], np.ndarray],
    x0,
    *,
    n_samples: int,
    objective: Callable[[np.ndarray], float],
    batch_size: int = 32,
    learning_rate: float = 1e-3,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
    random_state: np.random.Generator | None = None,
    monitor=None,
) -> SolverResult:
    """Adam (Kingma and Ba, 2015) over mini-batches; one monitor iteration is one epoch.

    Examples
    --------
    >>> import numpy as np
    >>> res = adam(lambda x, idx: 2 * (x - 3), np.zeros(2), n_samples=10,
    ...            objective=lambda x: float(((x - 3) ** 2).sum()), learning_rate=0.1,
    ...            batch_size=10, monitor=ConvergenceMonitor(tol=0, max_iter=300))
    >>> np.round(res.x, 2)
    array([3., 3.])
    """
    mon = _monitor(monitor)
    rng = random_state if random_state is not None else np.random.default_rng()
    batch_size = _check_batching(n_samples, batch_size)
    x = np.asarray(x0, dtype=float).copy()
    m1, m2 = np.zeros_like(x), np.zeros_like(x)
    mon.start(objective(x))
    t = 0
    for _ in mon:
        for idx in _batches(n_samples, batch_size, rng):
            t += 1
            g = batch_fun(x, idx)
            m1 = beta1 * m1 + (1 - beta1) * g
            m2 = beta2 * m2 + (1 - beta2) * g * g
            x = x - learning_rate * (m1 / (1 - beta1**t)) / (np.sqrt(m2 / (1 - beta2**t)) + eps)
        mon.update(objective(x))
    return _result(x, mon)


def alternating(
    updates: Sequence[Callable[[], None]],
    objective: Callable[[], float],
    *,
    monitor=None,
) -> SolverResult:
    """Block-coordinate (alternating) minimisation.

    Each sweep calls every ``update()`` in turn (each should minimise the objective over
    its own block of parameters, held in the caller's state), then records
    ``objective()``. Exact block minimisation never increases the objective.

    Examples
    --------
    Minimise ``(a - 1)**2 + (b - 2)**2 + a*b`` one variable at a time:

    >>> s = {"a": 0.0, "b": 0.0}
    >>> def upd_a(): s["a"] = (2 - s["b"]) / 2
    >>> def upd_b(): s["b"] = (4 - s["a"]) / 2
    >>> f = lambda: (s["a"] - 1) ** 2 + (s["b"] - 2) ** 2 + s["a"] * s["b"]
    >>> res = alternating([upd_a, upd_b], f, monitor=ConvergenceMonitor(tol=1e-12))
    >>> round(s["a"], 6), round(s["b"], 6)
    (0.0, 2.0)
    """
    mon = _monitor(monitor)
    mon.start(objective())
    for _ in mon:
        for update in updates:
            update()
        mon.update(objective())
    return SolverResult(np.empty(0), list(mon.history), mon.n_iter, mon.converged)


def expectation_maximization(
    e_step: Callable[[object], tuple[object, float]],
    m_step: Callable[[object], object],
    params0,
    *,
    monitor=None,
):
    """The EM template: alternate E and M steps, recording the negative log-likelihood.

    ``e_step(params) -> (statistics, log_likelihood)`` computes the expected sufficient
    statistics and the log-likelihood of ``params``; ``m_step(statistics) -> params``
    maximises the expected complete-data log-likelihood. The history records
    ``-log_likelihood`` (hackml records what is minimised), which EM never increases.
    Returns ``(params, SolverResult)``; ``params`` are the ones whose likelihood was
    last evaluated.

    Examples
    --------
    Two-component mixture of unit-variance Gaussians with known equal weights:

    >>> import numpy as np
    >>> x = np.r_[np.random.default_rng(0).normal(-2, 1, 200),
    ...           np.random.default_rng(1).normal(3, 1, 200)]
    >>> def e_step(mu):
    ...     logp = -0.5 * (x[:, None] - mu) ** 2 - 0.5 * np.log(2 * np.pi) + np.log(0.5)
    ...     ll = np.logaddexp(logp[:, 0], logp[:, 1])
    ...     return np.exp(logp - ll[:, None]), float(ll.sum())
    >>> m_step = lambda r: (r * x[:, None]).sum(0) / r.sum(0)
    >>> mu, res = expectation_maximization(e_step, m_step, np.array([-1.0, 1.0]),
    ...                                    monitor=ConvergenceMonitor(tol=1e-10))
    >>> np.round(mu, 1), res.converged
    (array([-2. ,  2.9]), True)
    """
    mon = _monitor(monitor)
    params = params0
    stats, ll = e_step(params)
    mon.start(-ll)
    for _ in mon:
        new_params = m_step(stats)
        new_stats, new_ll = e_step(new_params)
        params, stats, ll = new_params, new_stats, new_ll
        mon.update(-ll)
    return params, SolverResult(np.empty(0), list(mon.history), mon.n_iter, mon.converged)
