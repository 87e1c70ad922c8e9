"""scikit-learn's model-selection tools run unchanged on the neighbours and Bayes models.

Same folds, same scores as scikit-learn's own models where the objectives match.
"""

import numpy as np
import pytest
from sklearn import naive_bayes as sknb
from sklearn import neighbors as skn
from sklearn.discriminant_analysis import QuadraticDiscriminantAnalysis
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from hackml.datasets import load_breast_cancer, load_diabetes, load_wine
from hackml.naive_bayes import GaussianBayesClassifier, GaussianNB, MultinomialNB
from hackml.neighbors import KNeighborsClassifier, KNeighborsRegressor

CV = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)


@pytest.mark.parametrize(
    ("ours", "ref"),
    [
        (GaussianNB(), sknb.GaussianNB()),
        (MultinomialNB(alpha=0.3), sknb.MultinomialNB(alpha=0.3)),
        (GaussianBayesClassifier(var_smoothing=0.0), QuadraticDiscriminantAnalysis(tol=1e-15)),
        (
            make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=9)),
            make_pipeline(StandardScaler(), skn.KNeighborsClassifier(n_neighbors=9)),
        ),
    ],
    ids=["GaussianNB", "MultinomialNB", "GaussianBayesClassifier", "KNN-pipeline"],
)
def test_cross_val_score_equals_sklearn(ours, ref):
    X, y = load_wine(return_X_y=True)
    a = cross_val_score(ours, X, y, cv=CV)
    b = cross_val_score(ref, X, y, cv=CV)
    np.testing.assert_array_equal(a, b)
    assert a.mean() > 0.8


def test_grid_search_picks_what_sklearn_picks():
    X, y = load_breast_cancer(return_X_y=True)
    grid = {"n_neighbors": [1, 5, 15], "weights": ["uniform", "distance"], "p": [1, 2]}
    ours = GridSearchCV(KNeighborsClassifier(), grid, cv=CV).fit(X, y)
    ref = GridSearchCV(skn.KNeighborsClassifier(algorithm="brute"), grid, cv=CV).fit(X, y)
    assert ours.best_params_ == ref.best_params_
    np.testing.assert_allclose(
        ours.cv_results_["mean_test_score"], ref.cv_results_["mean_test_score"]
    )
    assert isinstance(ours.best_estimator_, KNeighborsClassifier)


def test_grid_search_over_our_own_pieces():
    """Choices scikit-learn lacks (covariance form, a Mahalanobis metric) search alike."""
    X, y = load_wine(return_X_y=True)
    grid = {"covariance": ["full", "tied"], "reg_param": [0.0, 0.1]}
    search = GridSearchCV(GaussianBayesClassifier(), grid, cv=CV).fit(X, y)
    assert search.best_params_["covariance"] in {"full", "tied"}
    assert search.best_score_ > 0.95
    VI = np.linalg.inv(np.cov(X.T))
    metrics = [
        {"metric": ["mahalanobis"], "metric_params": [{"VI": VI}]},
        {"metric": ["euclidean", "manhattan"]},
    ]
    search = GridSearchCV(KNeighborsClassifier(), metrics, cv=CV).fit(X, y)
    assert search.best_params_["metric"] == "mahalanobis"  # unscaled wine: a whitening metric wins


def test_cross_val_score_regressor_with_fit_params():
    X, y = load_diabetes(return_X_y=True)
    a = cross_val_score(KNeighborsRegressor(n_neighbors=10), X, y, cv=5)
    b = cross_val_score(skn.KNeighborsRegressor(n_neighbors=10), X, y, cv=5)
    np.testing.assert_allclose(a, b, rtol=1e-10)
    w = np.ones(len(y))
    c = cross_val_score(
        KNeighborsRegressor(n_neighbors=10), X, y, cv=5, params={"sample_weight": w}
    )
    np.testing.assert_allclose(a, c, rtol=1e-10)
