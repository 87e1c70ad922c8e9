"""Public home of the convergence monitor and the early-stopping callback."""

from ._core.monitor import ConvergenceMonitor, EarlyStopping

__all__ = ["ConvergenceMonitor", "EarlyStopping"]
