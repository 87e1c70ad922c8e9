"""AdaBoost: agreement with scikit-learn's SAMME, monotone exponential loss, bad input."""

import numpy as np
import pytest
from sklearn.ensemble import AdaBoostClassifier as SkAdaBoost
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier as SkTree

from hackml.datasets import load_breast_cancer, load_diabetes, load_digits, load_wine
from hackml.ensemble import AdaBoostClassifier, AdaBoostRegressor
from hackml.tree import DecisionTreeRegressor


@pytest.mark.parametrize("loader", [load_breast_cancer, load_wine, load_digits])
def test_samme_accuracy_matches_sklearn(loader):
    X, y = loader(return_X_y=True)
    ours, ref = [], []
    for seed in range(3):
        Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=seed, stratify=y)
        ours.append(
            AdaBoostClassifier(n_estimators=30, random_state=seed).fit(Xtr, ytr).score(Xte, yte)
        )
        ref.append(SkAdaBoost(n_estimators=30, random_state=seed).fit(Xtr, ytr).score(Xte, yte))
    assert abs(np.mean(ours) - np.mean(ref)) <= 0.015


def test_exponential_loss_never_increases_and_errors_are_recorded():
    X, y = load_wine(return_X_y=True)
    ada = AdaBoostClassifier(n_estimators=25, learning_rate=0.5, random_state=0).fit(X, y)
    h = np.asarray(ada.objective_history_)
    assert h[0] == 1.0 and np.all(np.diff(h) <= 1e-15) and h[-1] < 0.5
    assert ada.estimator_errors_.shape == (25,)
    assert np.all((ada.estimator_errors_ > 0) & (ada.estimator_errors_ < 2 / 3))
    # the vote of each learner follows the SAMME formula
    e = ada.estimator_errors_
    np.testing.assert_allclose(ada.estimator_weights_, 0.5 * (np.log((1 - e) / e) + np.log(2)))


def test_any_weighted_base_estimator():
    X, y = load_breast_cancer(return_X_y=True)
    ada = AdaBoostClassifier(estimator=SkTree(max_depth=2), n_estimators=10, random_state=0)
    assert ada.fit(X, y).score(X, y) > 0.97


def test_perfect_first_learner_stops():
    X, y = load_breast_cancer(return_X_y=True)
    ada = AdaBoostClassifier(estimator=SkTree(), n_estimators=10).fit(X, y)
    assert len(ada.estimators_) == 1 and ada.score(X, y) == 1.0


def test_r2_regressor_improves_on_its_base_learner():
    X, y = load_diabetes(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=0)
    base = DecisionTreeRegressor(max_depth=3, random_state=0).fit(Xtr, ytr)
    for loss in ["linear", "square", "exponential"]:
        ada = AdaBoostRegressor(n_estimators=30, loss=loss, random_state=0).fit(Xtr, ytr)
        assert ada.score(Xtr, ytr) > base.score(Xtr, ytr)
        assert np.all(ada.estimator_errors_ < 0.5)
        assert ada.score(Xte, yte) > 0.25


def test_bad_input():
    X, y = load_wine(return_X_y=True)
    with pytest.raises(TypeError, match="sample_weight"):
        AdaBoostClassifier(estimator=KNeighborsClassifier()).fit(X, y)
    with pytest.raises(ValueError, match="n_estimators"):
        AdaBoostClassifier(n_estimators=0).fit(X, y)
    with pytest.raises(ValueError, match="n_estimators"):
        AdaBoostRegressor(n_estimators=0).fit(X, y.astype(float))
    with pytest.raises(ValueError, match="loss"):
        AdaBoostRegressor(loss="cubic").fit(X, y.astype(float))
    with pytest.raises(ValueError, match="learning_rate"):
        AdaBoostClassifier(learning_rate=-1.0).fit(X, y)
