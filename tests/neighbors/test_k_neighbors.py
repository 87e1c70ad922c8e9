"""kNN against scikit-learn on real data, the tie rule, weights, metrics and bad input."""

import numpy as np
import pytest
from numba import njit
from sklearn import neighbors as sk
from sklearn.model_selection import train_test_split

from hackml.datasets import load_breast_cancer, load_diabetes, load_digits, load_iris, load_wine
from hackml.neighbors import KNeighborsClassifier, KNeighborsRegressor

LOADERS = [load_iris, load_wine, load_breast_cancer, load_digits]


def _split(load):
    X, y = load(return_X_y=True)
    return train_test_split(X, y, test_size=0.3, random_state=0)


def _assert_same_up_to_ties(ours, ref, Xte, k):
    """Equal predictions and probabilities, except on queries whose k-th and (k+1)-th
    distances tie (scikit-learn then picks by rounding; we pick the lower row index)."""
    d, _ = ours.kneighbors(Xte, n_neighbors=k + 1)
    untied = ~np.isclose(d[:, k - 1], d[:, k], rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(ours.predict(Xte)[untied], ref.predict(Xte)[untied])
    np.testing.assert_allclose(
        ours.predict_proba(Xte)[untied], ref.predict_proba(Xte)[untied], atol=1e-12
    )
    return int((ours.predict(Xte) != ref.predict(Xte)).sum())


@pytest.mark.parametrize("load", LOADERS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("metric", ["euclidean", "manhattan", "chebyshev", "cosine"])
def test_classifier_matches_sklearn(load, metric):
    Xtr, Xte, ytr, _ = _split(load)
    for k in (1, 7):
        for weights in ("uniform", "distance"):
            algs = ["brute"] if metric == "cosine" else ["brute", "kd_tree"]
            ref = sk.KNeighborsClassifier(
                n_neighbors=k, weights=weights, metric=metric, algorithm="brute"
            ).fit(Xtr, ytr)
            for alg in algs:
                ours = KNeighborsClassifier(
                    n_neighbors=k, weights=weights, metric=metric, algorithm=alg
                ).fit(Xtr, ytr)
                _assert_same_up_to_ties(ours, ref, Xte, k)


@pytest.mark.parametrize("load", LOADERS, ids=lambda f: f.__name__)
def test_kneighbors_distances_equal_sklearn_and_tree_equals_brute(load):
    Xtr, Xte, ytr, _ = _split(load)
    ref_d, _ = sk.NearestNeighbors(n_neighbors=7).fit(Xtr).kneighbors(Xte)
    brute = KNeighborsClassifier(n_neighbors=7, algorithm="brute").fit(Xtr, ytr)
    tree = KNeighborsClassifier(n_neighbors=7, algorithm="kd_tree", leaf_size=5).fit(Xtr, ytr)
    d_b, i_b = brute.kneighbors(Xte)
    d_t, i_t = tree.kneighbors(Xte)
    np.testing.assert_allclose(d_b, ref_d, rtol=1e-9, atol=1e-9)
    np.testing.assert_array_equal(i_b, i_t)  # same tie rule: identical neighbours
    np.testing.assert_array_equal(d_b, d_t)
    if load is load_digits:  # integer pixels: exact ties, in increasing row order
        same = d_b[:, 1:] == d_b[:, :-1]
        assert same.sum() > 10
        assert np.all(i_b[:, 1:][same] > i_b[:, :-1][same])


def test_regressor_matches_sklearn_on_diabetes():
    Xtr, Xte, ytr, _ = _split(load_diabetes)
    for metric, p in [("minkowski", 2), ("minkowski", 3), ("manhattan", 2)]:
        for weights in ("uniform", "distance"):
            for alg in ("brute", "kd_tree"):
                ours = KNeighborsRegressor(
                    n_neighbors=8, weights=weights, metric=metric, p=p, algorithm=alg
                ).fit(Xtr, ytr)
                ref = sk.KNeighborsRegressor(
                    n_neighbors=8, weights=weights, metric=metric, p=p, algorithm="brute"
                ).fit(Xtr, ytr)
                np.testing.assert_allclose(ours.predict(Xte), ref.predict(Xte), rtol=1e-10)
    multi = np.c_[ytr, -2 * ytr]
    pred = KNeighborsRegressor().fit(Xtr, multi).predict(Xte)
    np.testing.assert_allclose(pred[:, 1], -2 * pred[:, 0])


def test_mahalanobis_and_callable_metrics_match_sklearn():
    Xtr, Xte, ytr, _ = _split(load_wine)
    VI = np.linalg.inv(np.cov(Xtr.T))
    for alg in ("brute", "kd_tree"):
        ours = KNeighborsClassifier(
            metric="mahalanobis", metric_params={"VI": VI}, algorithm=alg
        ).fit(Xtr, ytr)
        ref = sk.NearestNeighbors(
            n_neighbors=5, metric="mahalanobis", metric_params={"VI": VI}, algorithm="brute"
        ).fit(Xtr)
        np.testing.assert_allclose(ours.kneighbors(Xte)[0], ref.kneighbors(Xte)[0], rtol=1e-8)

    def canberra(u, v):
        return np.sum(np.abs(u - v) / (np.abs(u) + np.abs(v) + 1e-12))

    fast = njit(canberra)
    ref = sk.KNeighborsClassifier(metric=canberra, algorithm="brute").fit(Xtr, ytr)
    for metric in (canberra, fast):
        ours = KNeighborsClassifier(metric=metric).fit(Xtr, ytr)
        assert ours.algorithm_ == "brute"
        np.testing.assert_array_equal(ours.predict(Xte), ref.predict(Xte))


def test_sample_weight_weights_votes_and_means():
    X = np.array([[0.0], [1.0], [2.0], [10.0]])
    y = np.array(["a", "b", "b", "a"])
    clf = KNeighborsClassifier(n_neighbors=3).fit(X, y, sample_weight=[5, 1, 1, 1])
    np.testing.assert_allclose(clf.predict_proba([[1.0]]), [[5 / 7, 2 / 7]])
    assert clf.predict([[1.0]])[0] == "a"
    reg = KNeighborsRegressor(n_neighbors=2).fit(
        X, [0.0, 10.0, 20.0, 0.0], sample_weight=[3, 1, 1, 1]
    )
    np.testing.assert_allclose(reg.predict([[0.4]]), [(3 * 0 + 1 * 10) / 4])
    # zero weight: the row is never a neighbour; kneighbors indexes the rows given to fit
    clf = KNeighborsClassifier(n_neighbors=1).fit(X, y, sample_weight=[1, 0, 1, 1])
    np.testing.assert_array_equal(clf.kneighbors([[1.1]], return_distance=False), [[2]])


def test_distance_weights_at_zero_distance_and_self_query():
    X, y = load_iris(return_X_y=True)
    knn = KNeighborsClassifier(n_neighbors=5, weights="distance").fit(X, y)
    np.testing.assert_array_equal(knn.predict(X), y)  # exact matches decide (duplicates agree)
    d, i = knn.kneighbors()  # leaves each row out
    assert not np.any(i == np.arange(len(y))[:, None])
    ref_d, _ = sk.NearestNeighbors(n_neighbors=5).fit(X).kneighbors()
    np.testing.assert_allclose(d, ref_d, atol=1e-12)


def test_string_labels_and_one_sample():
    X, y = load_iris(return_X_y=True)
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    knn = KNeighborsClassifier().fit(X, names)
    np.testing.assert_array_equal(knn.classes_, ["setosa", "versicolor", "virginica"])
    assert knn.score(X, names) > 0.9
    one = KNeighborsClassifier(n_neighbors=1).fit(X[:1], names[:1])
    np.testing.assert_array_equal(one.predict(X[:3]), ["setosa"] * 3)


def test_bad_input():
    X, y = load_iris(return_X_y=True)
    with pytest.raises(ValueError, match=r"n_neighbors=200 must be <= the number of training"):
        KNeighborsClassifier(n_neighbors=200).fit(X, y)
    with pytest.raises(ValueError, match=r"n_neighbors=5 .* got 1 sample"):
        KNeighborsRegressor().fit(X[:1], y[:1])
    knn = KNeighborsClassifier().fit(X, y)
    with pytest.raises(ValueError, match="n_neighbors=151 must be <="):
        knn.kneighbors(X[:2], n_neighbors=151)
    with pytest.raises(ValueError, match="n_neighbors=150 must be <="):
        knn.kneighbors(n_neighbors=150)
    with pytest.raises(TypeError, match="n_neighbors must be an integer"):
        KNeighborsClassifier(n_neighbors=2.5).fit(X, y)
    Xn = X.copy()
    Xn[0, 0] = np.nan
    with pytest.raises(ValueError, match="Input X contains NaN"):
        KNeighborsClassifier().fit(Xn, y)
    with pytest.raises(ValueError, match="Input X contains NaN"):
        knn.predict(Xn)
    with pytest.raises(ValueError, match="metric must be one of"):
        KNeighborsClassifier(metric="hamming-ish").fit(X, y)
    with pytest.raises(TypeError, match="metric, a callable, must accept two 1-D"):
        KNeighborsClassifier(metric=lambda u: 0.0).fit(X, y)
    with pytest.raises(ValueError, match="returned a NaN"):
        KNeighborsClassifier(metric=lambda u, v: np.nan if u[0] > 7 else 1.0).fit(X, y).predict(X)
    with pytest.raises(ValueError, match="needs metric_params"):
        KNeighborsClassifier(metric="mahalanobis").fit(X, y)
    with pytest.raises(ValueError, match="positive definite"):
        KNeighborsClassifier(metric="mahalanobis", metric_params={"VI": -np.eye(4)}).fit(X, y)
    with pytest.raises(ValueError, match="algorithm='kd_tree' needs"):
        KNeighborsClassifier(metric="cosine", algorithm="kd_tree").fit(X, y)
    with pytest.raises(ValueError, match="algorithm must be one of"):
        KNeighborsClassifier(algorithm="ball").fit(X, y)
    with pytest.raises(ValueError, match="weights must be"):
        KNeighborsClassifier(weights="inverse").fit(X, y)
    with pytest.raises(ValueError, match="p must be >= 1"):
        KNeighborsClassifier(p=0.5).fit(X, y)
    with pytest.raises(ValueError, match="Unknown label type"):
        KNeighborsClassifier().fit(X, np.linspace(0, 1, len(y)))
