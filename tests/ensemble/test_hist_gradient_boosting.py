"""Histogram gradient boosting: reference agreement, monotone loss, custom losses, bad input."""

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier as SkHGBC
from sklearn.ensemble import HistGradientBoostingRegressor as SkHGBR
from sklearn.model_selection import train_test_split

from hackml.datasets import load_breast_cancer, load_diabetes, load_digits, load_wine
from hackml.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from hackml.losses import AsymmetricSquaredLoss, HuberLoss, PoissonLoss


@pytest.mark.parametrize("loader", [load_breast_cancer, load_wine, load_digits])
def test_classifier_matches_sklearn_accuracy(loader):
    X, y = loader(return_X_y=True)
    ours, ref = [], []
    for seed in range(2):
        Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=seed, stratify=y)
        kw = dict(max_iter=40, early_stopping=False)
        ours.append(HistGradientBoostingClassifier(**kw).fit(Xtr, ytr).score(Xte, yte))
        ref.append(SkHGBC(**kw).fit(Xtr, ytr).score(Xte, yte))
    assert abs(np.mean(ours) - np.mean(ref)) <= 0.01


def test_regressor_matches_sklearn_r2():
    X, y = load_diabetes(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=0)
    for kw in [{}, {"max_depth": 3, "l2_regularization": 1.0}]:
        ours = HistGradientBoostingRegressor(early_stopping=False, **kw).fit(Xtr, ytr)
        ref = SkHGBR(early_stopping=False, **kw).fit(Xtr, ytr)
        assert abs(ours.score(Xte, yte) - ref.score(Xte, yte)) <= 0.02


@pytest.mark.parametrize(
    "loss", ["squared_error", "absolute_error", "quantile", "poisson", HuberLoss(delta=20.0)]
)
def test_training_loss_never_increases_regression(loss):
    X, y = load_diabetes(return_X_y=True)
    model = HistGradientBoostingRegressor(loss=loss, max_iter=30, early_stopping=False).fit(X, y)
    h = np.asarray(model.objective_history_)
    assert h.shape == (31,)
    assert np.all(np.diff(h) <= 1e-12 * np.abs(h[:-1]))
    assert h[-1] < h[0]


@pytest.mark.parametrize("loader", [load_breast_cancer, load_wine])
def test_training_loss_never_increases_classification(loader):
    X, y = loader(return_X_y=True)
    model = HistGradientBoostingClassifier(
        max_iter=30, learning_rate=0.5, early_stopping=False
    ).fit(X, y)
    h = np.asarray(model.objective_history_)
    assert np.all(np.diff(h) <= 0) and h[-1] < 0.5 * h[0]


def test_user_asymmetric_loss_moves_predictions_up():
    X, y = load_diabetes(return_X_y=True)
    plain = HistGradientBoostingRegressor(max_iter=30, early_stopping=False).fit(X, y)
    as_object = HistGradientBoostingRegressor(
        loss=AsymmetricSquaredLoss(under=5.0, over=1.0), max_iter=30, early_stopping=False
    ).fit(X, y)

    def under_costs_more(y, raw):
        c = np.where(raw < y, 5.0, 1.0)
        return c * (raw - y), c

    as_function = HistGradientBoostingRegressor(
        loss=under_costs_more, max_iter=30, early_stopping=False
    ).fit(X, y)
    # both spellings of the same loss give the same model
    np.testing.assert_allclose(as_object.predict(X), as_function.predict(X), rtol=1e-6)
    # charging under-prediction more lifts predictions above the plain fit's
    assert np.mean(as_object.predict(X) > y) > np.mean(plain.predict(X) > y) + 0.1
    assert as_function.objective_history_ == []  # a bare function has no value to record


def test_poisson_predicts_positive_means():
    X, y = load_diabetes(return_X_y=True)
    model = HistGradientBoostingRegressor(loss=PoissonLoss(), max_iter=20).fit(X, y)
    pred = model.predict(X)
    assert pred.min() > 0 and abs(pred.mean() - y.mean()) < 0.05 * y.mean()


def test_early_stopping_stops_and_records_validation():
    X, y = load_digits(return_X_y=True)
    clf = HistGradientBoostingClassifier(
        max_iter=200, early_stopping=True, n_iter_no_change=3, learning_rate=0.5, random_state=0
    ).fit(X, y)
    assert clf.n_iter_ < 200 and clf.converged_
    assert clf.validation_score_.shape == (clf.n_iter_,)


def test_zero_weight_rows_are_ignored():
    X, y = load_diabetes(return_X_y=True)
    w = np.ones(len(y))
    w[::3] = 0.0
    kw = dict(max_iter=10, early_stopping=False, max_bins=255)
    a = HistGradientBoostingRegressor(**kw).fit(X, y, sample_weight=w)
    b = HistGradientBoostingRegressor(**kw).fit(X[w > 0], y[w > 0])
    # bins come from all rows, so the fits differ a little, but weights do take effect
    full = HistGradientBoostingRegressor(**kw).fit(X, y)
    assert (
        np.abs(a.predict(X) - b.predict(X)).mean() < np.abs(full.predict(X) - b.predict(X)).mean()
    )


def test_max_depth_and_leaves_are_respected():
    X, y = load_diabetes(return_X_y=True)
    m = HistGradientBoostingRegressor(
        max_iter=5, max_depth=2, max_leaf_nodes=31, early_stopping=False
    ).fit(X, y)
    assert all(t.n_leaves <= 4 for (t,) in m.trees_)
    m = HistGradientBoostingRegressor(max_iter=5, max_leaf_nodes=5, early_stopping=False).fit(X, y)
    assert all(t.n_leaves <= 5 for (t,) in m.trees_)


def test_bad_custom_losses_are_named():
    X, y = load_diabetes(return_X_y=True)

    def wrong_shape(y, raw):
        return np.zeros(3), np.ones(3)

    def not_finite(y, raw):
        return np.full_like(raw, np.nan), np.ones_like(raw)

    def negative_hessian(y, raw):
        return raw - y, -np.ones_like(raw)

    for fn, msg in [
        (wrong_shape, "shaped like raw"),
        (not_finite, "non-finite gradient"),
        (negative_hessian, "negative hessian"),
    ]:
        with pytest.raises(ValueError, match=msg):
            HistGradientBoostingRegressor(loss=fn, max_iter=3).fit(X, y)
    with pytest.raises(TypeError, match="loss must be"):
        HistGradientBoostingRegressor(loss=3).fit(X, y)


def test_bad_parameters():
    X, y = load_wine(return_X_y=True)
    with pytest.raises(ValueError, match="max_iter"):
        HistGradientBoostingClassifier(max_iter=0).fit(X, y)
    with pytest.raises(ValueError, match="learning_rate"):
        HistGradientBoostingClassifier(learning_rate=0.0).fit(X, y)
    # a class with 2 members cannot be on both sides of a 5% split
    y2 = y.copy()
    y2[:2] = 7
    with pytest.raises(ValueError, match="validation_fraction"):
        HistGradientBoostingClassifier(early_stopping=True, validation_fraction=0.05).fit(X, y2)
