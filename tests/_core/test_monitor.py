"""The convergence monitor: stopping rules, callbacks, progress bar, non-finite values."""

import numpy as np
import pytest

from hackml.callbacks import ConvergenceMonitor, EarlyStopping


def _run(monitor, values):
    it = iter(values)
    for _ in monitor:
        monitor.update(next(it))
    return monitor


def test_stops_at_max_iter_without_converging():
    m = _run(ConvergenceMonitor(tol=1e-12, max_iter=5), [10.0, 9.0, 8.0, 7.0, 6.0, 5.0])
    assert (m.n_iter, m.converged, m.history) == (5, False, [10.0, 9.0, 8.0, 7.0, 6.0])


def test_converges_on_relative_change_or_given_delta():
    m = _run(ConvergenceMonitor(tol=1e-3, max_iter=50), [100.0, 50.0, 49.99, 49.98])
    assert m.converged and m.n_iter == 3  # |50 - 49.99| / 49.99 < 1e-3
    m = ConvergenceMonitor(tol=1e-6, max_iter=50)
    for _ in m:
        m.update(1.0, delta=1e-7)
    assert m.converged and m.n_iter == 1


def test_tol_zero_runs_to_max_iter():
    m = _run(ConvergenceMonitor(tol=0, max_iter=4), [1.0] * 4)
    assert m.n_iter == 4 and not m.converged


def test_callback_stops_the_fit_and_sees_the_monitor():
    seen = []

    def cb(monitor):
        seen.append(monitor.history[-1])
        return monitor.n_iter == 2

    m = _run(ConvergenceMonitor(tol=0, max_iter=10, callbacks=[cb]), [3.0, 2.0, 1.0, 0.0])
    assert m.stopped_by_callback and m.n_iter == 2 and seen == [3.0, 2.0]


def test_early_stopping_patience():
    scores = iter([0.1, 0.2, 0.3, 0.3, 0.29, 0.28, 0.5])
    stop = EarlyStopping(lambda: next(scores), patience=3)
    m = _run(ConvergenceMonitor(tol=0, max_iter=20, callbacks=[stop]), [1.0] * 20)
    assert m.n_iter == 6 and stop.best_score == 0.3 and stop.best_iter == 3


def test_verbose_draws_a_progress_bar(capsys):
    _run(ConvergenceMonitor(tol=0, max_iter=3, verbose=True, desc="demo"), [3.0, 2.0, 1.0])
    err = capsys.readouterr().err
    assert "demo" in err and "3/3" in err


def test_non_finite_objective_is_an_error():
    m = ConvergenceMonitor(max_iter=5)
    with pytest.raises(FloatingPointError, match="objective became nan at iteration 1"):
        m.update(np.nan)


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"max_iter": 0}, ValueError, "max_iter must be a positive integer"),
        ({"max_iter": 2.5}, ValueError, "max_iter must be a positive integer"),
        ({"tol": -1}, ValueError, "tol must be a non-negative"),
        ({"callbacks": [3]}, TypeError, "callbacks must be callables"),
    ],
)
def test_bad_arguments(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        ConvergenceMonitor(**kwargs)
