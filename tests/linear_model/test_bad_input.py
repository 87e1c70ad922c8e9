"""Bad input to every linear model: clear errors that name the argument."""

import numpy as np
import pytest

from hackml.linear_model import (
    ElasticNet,
    Lasso,
    LinearRegression,
    LinearSVC,
    LogisticRegression,
    PassiveAggressiveClassifier,
    PassiveAggressiveRegressor,
    Perceptron,
    QuantileRegressor,
    Ridge,
)

REGRESSORS = [
    LinearRegression,
    Ridge,
    Lasso,
    ElasticNet,
    QuantileRegressor,
    PassiveAggressiveRegressor,
]
CLASSIFIERS = [LogisticRegression, LinearSVC, Perceptron, PassiveAggressiveClassifier]
ALL = REGRESSORS + CLASSIFIERS


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 3))
    return X, (X[:, 0] > 0).astype(int)


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_non_finite_X(cls, data):
    X, y = data
    X = X.copy()
    X[2, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        cls().fit(X, y)
    X[2, 1] = np.inf
    with pytest.raises(ValueError, match="infinity"):
        cls().fit(X, y)


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_mismatched_lengths(cls, data):
    X, y = data
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        cls().fit(X, y[:-1])
    with pytest.raises(ValueError, match="sample_weight"):
        cls().fit(X, y, sample_weight=np.ones(len(y) - 1))


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_negative_weights(cls, data):
    X, y = data
    w = np.ones(len(y))
    w[0] = -1
    with pytest.raises(ValueError, match="sample_weight must be non-negative"):
        cls().fit(X, y, sample_weight=w)


@pytest.mark.parametrize("cls", CLASSIFIERS, ids=lambda c: c.__name__)
def test_one_class(cls, data):
    X, _ = data
    with pytest.raises(ValueError, match="at least two classes"):
        cls().fit(X, np.zeros(len(X)))


@pytest.mark.parametrize("cls", [LinearRegression, Ridge, Lasso, LinearSVC, LogisticRegression])
def test_unknown_loss_name_and_loss_without_gradient(cls, data):
    X, y = data

    class NoGradient:
        def value(self, y, raw):
            return (raw - y) ** 2

    with pytest.raises(ValueError, match="loss='hubber' is not a known loss"):
        cls(loss="hubber").fit(X, y)
    with pytest.raises(TypeError, match=r"loss must be .* missing \['gradient'\]"):
        cls(loss=NoGradient()).fit(X, y)


def test_loss_returning_the_wrong_shape(data):
    X, y = data

    class Summed:
        def value(self, y, raw):
            return np.sum((raw - y) ** 2)

        def gradient(self, y, raw):
            return raw - y

    with pytest.raises(ValueError, match="one value per sample"):
        LinearRegression(loss=Summed()).fit(X, y)


@pytest.mark.parametrize(
    "est, match",
    [
        (Ridge(alpha=-1.0), "alpha must be >= 0"),
        (ElasticNet(l1_ratio=1.5), "l1_ratio must be <= 1"),
        (Lasso(max_iter=0), "max_iter must be >= 1"),
        (Ridge(solver="cd"), "solver must be one of"),
        (LogisticRegression(penalty="l3"), "penalty='l3' is not a known penalty"),
        (LogisticRegression(solver="sag"), "solver must be one of"),
        (LinearSVC(alpha=0.0), "alpha must be > 0"),
        (Perceptron(eta0=-1.0), "eta0 must be > 0"),
        (Perceptron(tol="x"), "tol must be a number"),
    ],
    ids=str,
)
def test_bad_parameters(est, match, data):
    X, y = data
    with pytest.raises((ValueError, TypeError), match=match):
        est.fit(X, y)


def test_unknown_label_at_predict_time_is_not_silent(data):
    X, y = data
    clf = LogisticRegression().fit(X, y)
    with pytest.raises(ValueError, match="features"):
        clf.predict(X[:, :2])
