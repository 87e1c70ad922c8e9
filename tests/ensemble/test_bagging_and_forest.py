"""Bagging and random forests: reference agreement, out-of-bag, parallelism, warm start."""

import numpy as np
import pytest
from sklearn.ensemble import RandomForestClassifier as SkRFC
from sklearn.ensemble import RandomForestRegressor as SkRFR
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier as SkTree

from hackml.datasets import load_breast_cancer, load_diabetes, load_digits, load_wine
from hackml.ensemble import (
    BaggingClassifier,
    BaggingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)


@pytest.mark.parametrize("loader", [load_breast_cancer, load_wine, load_digits])
def test_forest_accuracy_matches_sklearn_over_5_seeds(loader):
    X, y = loader(return_X_y=True)
    ours, ref = [], []
    for seed in range(5):
        Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=seed, stratify=y)
        kw = dict(n_estimators=40, max_features="sqrt", random_state=seed)
        ours.append(RandomForestClassifier(**kw).fit(Xtr, ytr).score(Xte, yte))
        ref.append(SkRFC(**kw).fit(Xtr, ytr).score(Xte, yte))
    assert abs(np.mean(ours) - np.mean(ref)) <= 0.01


def test_forest_r2_matches_sklearn_on_diabetes():
    X, y = load_diabetes(return_X_y=True)
    ours, ref = [], []
    for seed in range(5):
        Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=seed)
        kw = dict(n_estimators=40, random_state=seed, min_samples_leaf=2)
        ours.append(RandomForestRegressor(**kw).fit(Xtr, ytr).score(Xte, yte))
        ref.append(SkRFR(**kw).fit(Xtr, ytr).score(Xte, yte))
    assert abs(np.mean(ours) - np.mean(ref)) <= 0.02


def test_forest_oob_importances_and_parallel():
    X, y = load_breast_cancer(return_X_y=True)
    rf = RandomForestClassifier(n_estimators=30, oob_score=True, random_state=0).fit(X, y)
    Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=1, stratify=y)
    held_out = RandomForestClassifier(n_estimators=30, random_state=0).fit(Xtr, ytr)
    assert abs(rf.oob_score_ - held_out.score(Xte, yte)) < 0.04
    assert rf.oob_decision_function_.shape == (len(y), 2)
    assert rf.feature_importances_.shape == (30,)
    assert np.isclose(rf.feature_importances_.sum(), 1.0)
    par = RandomForestClassifier(n_estimators=30, oob_score=True, random_state=0, n_jobs=2)
    np.testing.assert_array_equal(par.fit(X, y).predict_proba(X), rf.predict_proba(X))
    assert par.oob_score_ == rf.oob_score_


def test_warm_start_equals_one_fit():
    X, y = load_wine(return_X_y=True)
    grown = RandomForestClassifier(n_estimators=10, warm_start=True, random_state=3).fit(X, y)
    first = grown.estimators_[:]
    grown.set_params(n_estimators=25).fit(X, y)
    assert grown.estimators_[:10] == first and len(grown.estimators_) == 25
    once = RandomForestClassifier(n_estimators=25, random_state=3).fit(X, y)
    np.testing.assert_array_equal(grown.predict_proba(X), once.predict_proba(X))
    with pytest.raises(ValueError, match="n_estimators"):
        grown.set_params(n_estimators=5).fit(X, y)


def test_criterion_is_passed_to_every_tree():
    X, y = load_diabetes(return_X_y=True)

    def half_variance(w, s, ss):  # half the squared-error impurity: same splits
        return 0.5 * (ss / w - (s / w) ** 2)

    a = RandomForestRegressor(n_estimators=5, criterion=half_variance, random_state=0).fit(X, y)
    b = RandomForestRegressor(n_estimators=5, random_state=0).fit(X, y)
    assert all(t.criterion is half_variance for t in a.estimators_)
    np.testing.assert_allclose(a.predict(X), b.predict(X))


def test_forest_without_bootstrap_and_bad_input():
    X, y = load_wine(return_X_y=True)
    rf = RandomForestClassifier(n_estimators=5, bootstrap=False, max_features=None).fit(X, y)
    assert rf.score(X, y) == 1.0
    with pytest.raises(ValueError, match="bootstrap"):
        RandomForestClassifier(bootstrap=False, oob_score=True).fit(X, y)
    with pytest.raises(ValueError, match="n_estimators"):
        RandomForestClassifier(n_estimators=0).fit(X, y)


def test_bagging_any_estimator_oob_and_parallel():
    X, y = load_breast_cancer(return_X_y=True)
    svc = BaggingClassifier(
        estimator=SVC(),
        n_estimators=5,
        max_samples=0.5,
        max_features=10,
        oob_score=True,
        random_state=0,
    ).fit(X, y)  # votes: no predict_proba
    assert svc.oob_score_ > 0.85
    assert all(f.shape == (10,) for f in svc.estimators_features_)
    kw = dict(estimator=SkTree(), n_estimators=4, random_state=0)
    a = BaggingClassifier(**kw).fit(X, y)
    b = BaggingClassifier(n_jobs=2, **kw).fit(X, y)
    np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X))


def test_bagging_regressor_oob_close_to_held_out():
    X, y = load_diabetes(return_X_y=True)
    bag = BaggingRegressor(n_estimators=30, oob_score=True, random_state=0).fit(X, y)
    held = cross_val_score(BaggingRegressor(n_estimators=30, random_state=0), X, y, cv=5)
    assert abs(bag.oob_score_ - held.mean()) < 0.08
    assert np.isnan(bag.oob_prediction_).sum() < 3


def test_bagging_bad_input():
    X, y = load_wine(return_X_y=True)
    with pytest.raises(ValueError, match="n_estimators"):
        BaggingClassifier(n_estimators=0).fit(X, y)
    with pytest.raises(ValueError, match="max_samples"):
        BaggingClassifier(max_samples=1.5).fit(X, y)
    with pytest.raises(ValueError, match="max_features"):
        BaggingClassifier(max_features=100).fit(X, y)
    with pytest.raises(TypeError, match="sample_weight"):
        BaggingClassifier(estimator=KNeighborsClassifier(), bootstrap=False).fit(
            X, y, sample_weight=np.ones(len(y))
        )
