"""Shared machinery: objectives (losses, penalties), solvers, the convergence monitor,
validation, optional imports and the estimator registry."""

from .losses import LOSSES, Loss, resolve_loss
from .monitor import ConvergenceMonitor, EarlyStopping
from .penalties import Penalty, resolve_penalty
from .solvers import SolverResult

__all__ = [
    "LOSSES",
    "ConvergenceMonitor",
    "EarlyStopping",
    "Loss",
    "Penalty",
    "SolverResult",
    "resolve_loss",
    "resolve_penalty",
]
