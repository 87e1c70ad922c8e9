"""Convergence monitor: the one place where an iterative fit records and stops.

Every iterative solver in hackml (descent, EM, alternating) reports each iteration's
objective to a :class:`ConvergenceMonitor`. The monitor

- records the objective (``history``; the first entry is the starting point when
  :meth:`ConvergenceMonitor.start` is called),
- stops at ``max_iter`` or when the change falls under ``tol``,
- drives a tqdm progress bar when ``verbose`` is true,
- calls user callbacks ``callback(monitor) -> bool | None`` after each iteration; a
  callback that returns ``True`` stops the fit (early stopping),

and afterwards the estimator copies ``history``, ``n_iter`` and ``converged`` into
``objective_history_``, ``n_iter_`` and ``converged_``.

The convergence rule: an iteration converges when ``delta <= tol``, where ``delta`` is
what the solver passes to :meth:`update` (a gradient norm, a parameter change), or, if it
passes none, the change of objective relative to ``max(1, |objective|)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np

__all__ = ["ConvergenceMonitor", "EarlyStopping"]


class ConvergenceMonitor:
    """Record an iterative fit's objective and decide when it stops.

    Parameters
    ----------
    tol : float
        Stop when the change (see module docstring) is at most ``tol``. ``0`` runs to
        ``max_iter``.
    max_iter : int
        Most iterations.
    verbose : bool or int
        Show a progress bar.
    callbacks : iterable of callables
        Each is called as ``callback(monitor)`` after every iteration; returning ``True``
        stops the fit.
    desc : str
        The progress bar's label.

    Examples
    --------
    >>> monitor = ConvergenceMonitor(tol=1e-3, max_iter=100)
    >>> monitor.start(8.0)
    >>> value = 8.0
    >>> for _ in monitor:
    ...     value = value / 2 + 1   # converges to 2
    ...     _ = monitor.update(value)
    >>> monitor.converged, monitor.n_iter, round(monitor.history[-1], 3)
    (True, 12, 2.001)
    """

    def __init__(
        self,
        *,
        tol: float = 1e-4,
        max_iter: int = 100,
        verbose: bool | int = False,
        callbacks: Iterable[Callable[[ConvergenceMonitor], Any]] | None = None,
        desc: str = "fit",
    ):
        if not (isinstance(max_iter, int | np.integer) and max_iter >= 1):
            raise ValueError(f"max_iter must be a positive integer, got {max_iter!r}.")
        tol = float(tol)
        if not (np.isfinite(tol) and tol >= 0):
            raise ValueError(f"tol must be a non-negative finite number, got {tol!r}.")
        self.tol = tol
        self.max_iter = int(max_iter)
        self.verbose = verbose
        self.callbacks = list(callbacks or [])
        for cb in self.callbacks:
            if not callable(cb):
                raise TypeError(f"callbacks must be callables, got {type(cb).__name__}.")
        self.desc = desc
        self.history: list[float] = []
        self.info: dict[str, Any] = {}
        self.n_iter = 0
        self.converged = False
        self.stopped_by_callback = False
        self._done = False
        self._bar = None

    # -- recording ---------------------------------------------------------------------
    def start(self, value: float) -> None:
        """Record the objective at the starting point (not counted as an iteration)."""
        self.history.append(float(value))

    def update(self, value: float, delta: float | None = None, **info: Any) -> bool:
        """Record one finished iteration; return True when the fit should stop."""
        value = float(value)
        if not math.isfinite(value):
            self._close()
            raise FloatingPointError(
                f"the objective became {value} at iteration {self.n_iter + 1}; the data or "
                "the loss/penalty produce non-finite values (try scaling X or a smaller step)."
            )
        prev = self.history[-1] if self.history else None
        self.history.append(value)
        self.n_iter += 1
        self.info = info
        if delta is None and prev is not None:
            delta = abs(prev - value) / max(1.0, abs(value))
        if self.tol > 0 and delta is not None and delta <= self.tol:
            self.converged = True
        for cb in self.callbacks:
            if cb(self) is True:
                self.stopped_by_callback = True
        self._tick(value)
        if self.converged or self.stopped_by_callback or self.n_iter >= self.max_iter:
            self._done = True
            self._close()
        return self._done

    @property
    def done(self) -> bool:
        return self._done

    def __iter__(self) -> Iterator[int]:
        """Yield iteration numbers until the monitor says stop."""
        try:
            while not self._done:
                yield self.n_iter
        finally:
            self._close()

    # -- progress bar ------------------------------------------------------------------
    def _tick(self, value: float) -> None:
        if not self.verbose:
            return
        if self._bar is None:
            from tqdm.auto import tqdm

            self._bar = tqdm(total=self.max_iter, desc=self.desc, leave=False)
        self._bar.update(1)
        self._bar.set_postfix(objective=f"{value:.6g}")

    def _close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


class EarlyStopping:
    """A callback that stops a fit when a validation score stops improving.

    ``score()`` is called after each iteration (higher is better); the fit stops after
    ``patience`` iterations without an improvement larger than ``min_delta``.

    Examples
    --------
    >>> scores = iter([0.5, 0.6, 0.6, 0.59, 0.58, 0.7])
    >>> stop = EarlyStopping(lambda: next(scores), patience=2)
    >>> monitor = ConvergenceMonitor(tol=0, max_iter=10, callbacks=[stop])
    >>> for _ in monitor:
    ...     _ = monitor.update(1.0)
    >>> monitor.n_iter, monitor.stopped_by_callback, stop.best_score
    (4, True, 0.6)
    """

    def __init__(self, score: Callable[[], float], *, patience: int = 5, min_delta: float = 0.0):
        if not callable(score):
            raise TypeError("score must be a callable returning a validation score.")
        if not (isinstance(patience, int) and patience >= 1):
            raise ValueError(f"patience must be a positive integer, got {patience!r}.")
        self.score = score
        self.patience = patience
        self.min_delta = float(min_delta)
        self.best_score = -np.inf
        self.best_iter = 0
        self.scores: list[float] = []

    def __call__(self, monitor: ConvergenceMonitor) -> bool:
        s = float(self.score())
        self.scores.append(s)
        if s > self.best_score + self.min_delta:
            self.best_score, self.best_iter = s, monitor.n_iter
            return False
        return monitor.n_iter - self.best_iter >= self.patience
