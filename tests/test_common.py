"""Checks every registered estimator inherits.

Over ``hackml.all_estimators()``: scikit-learn's ``parametrize_with_checks``, and our own
checks: pickle and clone round trips, the same ``random_state`` giving the same result, a
docstring with an Examples section, and a non-increasing ``objective_history_``.

A scikit-learn check that an estimator cannot pass is listed in the estimator's
``_expected_failed_checks`` class attribute, a dict mapping check name -> written reason;
those checks are marked xfail with that reason, so the reason shows in the test report.
"""

from __future__ import annotations

import inspect
import pickle

import numpy as np
import pytest
from sklearn.base import clone, is_classifier, is_regressor
from sklearn.utils.estimator_checks import parametrize_with_checks

from hackml import all_estimators
from hackml._core.registry import skipped_modules

ESTIMATORS = all_estimators()
CLASSES = [cls for _, cls in ESTIMATORS]


def _instances():
    """One default instance each, plus any extra instances a class asks to be checked.

    A class may define ``_test_instances()`` (classmethod) returning instances with
    non-default settings that deserve the full scikit-learn checks too.
    """
    out = []
    for cls in CLASSES:
        extra = getattr(cls, "_test_instances", None)
        out.extend(extra() if extra is not None else [cls()])
    return out


def _expected_failed(estimator):
    return dict(getattr(estimator, "_expected_failed_checks", {}))


def test_registry_is_not_empty_and_reports_itself(capsys):
    with capsys.disabled():
        print(
            f"\nhackml.all_estimators(): {len(ESTIMATORS)} estimators: "
            f"{', '.join(name for name, _ in ESTIMATORS)}"
        )
        for module, why in skipped_modules().items():
            print(f"  registry skipped {module}: {why}")
    assert len(ESTIMATORS) >= 1


@parametrize_with_checks(_instances(), expected_failed_checks=_expected_failed)
def test_sklearn_compatible(estimator, check):
    check(estimator)


def _data_for(estimator):
    from hackml.datasets import load_diabetes, load_iris

    if is_classifier(estimator):
        X, y = load_iris(return_X_y=True)
    else:
        X, y = load_diabetes(return_X_y=True)
    return X, y


def _fit(estimator, X, y):
    if is_classifier(estimator) or is_regressor(estimator):
        return estimator.fit(X, y)
    return estimator.fit(X)


def _outputs(estimator, X):
    """What the fitted estimator says about X (or, for a fit-only clusterer, its labels_)."""
    for method in ("predict_proba", "predict", "transform", "score_samples"):
        if hasattr(estimator, method):
            return np.asarray(getattr(estimator, method)(X))
    if hasattr(estimator, "labels_"):
        return np.asarray(estimator.labels_)
    raise AssertionError(f"{type(estimator).__name__} has no prediction method")


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_pickle_and_clone_round_trip(cls):
    est = cls()
    X, y = _data_for(est)
    _fit(est, X, y)
    again = pickle.loads(pickle.dumps(est))
    np.testing.assert_array_equal(_outputs(est, X), _outputs(again, X))
    fresh = clone(est)
    assert fresh.get_params() == cls().get_params()
    assert not any(k.endswith("_") and not k.startswith("_") for k in vars(fresh))


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_same_random_state_same_result(cls):
    if "random_state" not in cls().get_params():
        pytest.skip(f"{cls.__name__} is deterministic: it takes no random_state")
    X, y = _data_for(cls())
    a = _outputs(_fit(cls(random_state=7), X, y), X)
    b = _outputs(_fit(cls(random_state=7), X, y), X)
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_docstring_has_examples(cls):
    doc = inspect.getdoc(cls) or ""
    assert len(doc.splitlines()) > 3, f"{cls.__name__} needs a docstring"
    assert "Examples\n--------" in doc, f"{cls.__name__}'s docstring needs an Examples section"


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_objective_history_non_increasing(cls):
    est = cls()
    X, y = _data_for(est)
    _fit(est, X, y)
    history = getattr(est, "objective_history_", None)
    if history is None:
        pytest.skip(f"{cls.__name__} records no objective_history_ (not an iterative fit)")
    h = np.asarray(history, dtype=float)
    if getattr(est, "_history_may_increase", False):
        pytest.skip(f"{cls.__name__}: {est._history_may_increase}")
    assert np.all(np.isfinite(h))
    assert np.all(np.diff(h) <= 1e-10 * np.maximum(1.0, np.abs(h[:-1]))), (
        f"{cls.__name__}.objective_history_ increases: {h}"
    )
