"""Perceptron and passive-aggressive models: exact agreement with scikit-learn's updates,
streams learned batch by batch, drift tracked."""

import numpy as np
import pytest
from sklearn import linear_model as sk

from hackml.linear_model import (
    PassiveAggressiveClassifier,
    PassiveAggressiveRegressor,
    Perceptron,
)

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning")  # sklearn deprecates PA


@pytest.mark.parametrize("name", ["cancer", "digits"])
def test_perceptron_makes_sklearns_updates(request, name):
    X, y = request.getfixturevalue(name)
    w = np.linspace(0.5, 1.5, len(y))
    ours = Perceptron(shuffle=False, tol=None, max_iter=5).fit(X, y, sample_weight=w)
    ref = sk.Perceptron(shuffle=False, tol=None, max_iter=5).fit(X, y, sample_weight=w)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("variant, loss", [("pa1", "hinge"), ("pa2", "squared_hinge")])
@pytest.mark.parametrize("name", ["cancer", "wine"])
def test_pa_classifier_makes_sklearns_updates(request, name, variant, loss):
    X, y = request.getfixturevalue(name)
    ours = PassiveAggressiveClassifier(
        C=0.1, variant=variant, shuffle=False, tol=None, max_iter=4
    ).fit(X, y)
    ref = sk.PassiveAggressiveClassifier(C=0.1, loss=loss, shuffle=False, tol=None, max_iter=4).fit(
        X, y
    )
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(
    "variant, loss", [("pa1", "epsilon_insensitive"), ("pa2", "squared_epsilon_insensitive")]
)
def test_pa_regressor_makes_sklearns_updates(diabetes, variant, loss):
    X, y = diabetes
    ours = PassiveAggressiveRegressor(
        C=0.1, epsilon=1.0, variant=variant, shuffle=False, tol=None, max_iter=4
    ).fit(X, y)
    ref = sk.PassiveAggressiveRegressor(
        C=0.1, epsilon=1.0, loss=loss, shuffle=False, tol=None, max_iter=4
    ).fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-10)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-10)


def test_classic_pa_meets_the_margin_after_each_update():
    X = np.array([[1.0, 2.0]])
    clf = PassiveAggressiveClassifier(variant="pa", fit_intercept=False)
    clf.partial_fit(X, [1], classes=[0, 1])
    # PA moves just enough: the margin becomes exactly 1
    assert clf.decision_function(X)[0] == pytest.approx(1.0)


def test_fit_converges_on_separable_data_and_partial_fit_streams(cancer):
    X, y = cancer
    clf = Perceptron(random_state=0).fit(X, y)
    assert clf.converged_ and clf.score(X, y) > 0.97
    stream = PassiveAggressiveClassifier(C=0.05, random_state=0)
    for start in range(0, 400, 50):
        stream.partial_fit(X[start : start + 50], y[start : start + 50], classes=[0, 1])
    assert len(stream.objective_history_) == 8
    assert stream.score(X[400:], y[400:]) > 0.93


def test_pa_regressor_tracks_a_drifting_slope():
    rng = np.random.default_rng(0)
    reg = PassiveAggressiveRegressor(C=0.1, epsilon=0.0, random_state=0)
    frozen = None
    for step, slope in enumerate(np.linspace(1.0, 3.0, 30)):
        X = rng.normal(size=(40, 2))
        y = slope * X[:, 0] - X[:, 1] + 0.01 * rng.normal(size=40)
        reg.partial_fit(X, y)
        if step == 5:
            frozen = reg.coef_.copy()
    assert reg.coef_[0] == pytest.approx(3.0, abs=0.1)
    assert frozen[0] < 1.6  # it was following the slope of its time, not the final one


def test_partial_fit_errors(cancer):
    X, y = cancer
    with pytest.raises(ValueError, match="classes must be given"):
        Perceptron().partial_fit(X, y)
    clf = Perceptron().partial_fit(X, y, classes=[0, 1])
    with pytest.raises(ValueError, match="not in classes"):
        clf.partial_fit(X[:3], [0, 1, 2])
    with pytest.raises(ValueError, match="features"):
        clf.partial_fit(X[:, :5], y)
    with pytest.raises(ValueError, match="variant"):
        PassiveAggressiveClassifier(variant="pa3").fit(X, y)
    with pytest.raises(ValueError, match="C must be > 0"):
        PassiveAggressiveRegressor(C=0.0).fit(X, y)
