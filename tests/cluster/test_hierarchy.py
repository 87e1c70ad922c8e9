"""Hierarchical clustering: linkage matrices equal to scipy's, cuts, dendrogram, bad input."""

import matplotlib
import numpy as np
import pytest
from scipy.cluster import hierarchy as sch
from sklearn.cluster import AgglomerativeClustering as SkAgglomerative
from sklearn.metrics import adjusted_rand_score

from hackml.cluster import AgglomerativeClustering, cut, linkage
from hackml.datasets import load_iris

matplotlib.use("Agg")
METHODS = ["single", "complete", "average", "weighted", "ward", "centroid", "median"]


@pytest.fixture(scope="module")
def datasets():
    iris = load_iris().data  # has duplicate rows and many tied distances
    tie_free = np.random.default_rng(0).normal(size=(400, 5))
    return {"iris": iris, "random": tie_free}


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("data", ["iris", "random"])
def test_linkage_equals_scipy(datasets, method, data):
    X = datasets[data]
    ours, ref = linkage(X, method=method), sch.linkage(X, method=method)
    np.testing.assert_array_equal(ours[:, [0, 1, 3]], ref[:, [0, 1, 3]])
    np.testing.assert_allclose(ours[:, 2], ref[:, 2], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("metric", ["cityblock", "cosine"])
def test_other_metrics_equal_scipy(datasets, metric):
    X = datasets["random"]
    np.testing.assert_allclose(
        linkage(X, "average", metric), sch.linkage(X, "average", metric=metric), rtol=1e-12
    )


@pytest.mark.parametrize("method", METHODS)
def test_cuts_equal_fcluster(datasets, method):
    X = datasets["random"]
    Z = linkage(X, method=method)
    for t in np.quantile(Z[:, 2], [0.5, 0.9, 0.99]):
        ref = sch.fcluster(Z, t, criterion="distance")
        assert adjusted_rand_score(cut(Z, distance=t), ref) == 1.0
    if method not in ("centroid", "median"):  # monotone trees: maxclust is the merge order
        for k in (2, 5, 17):
            ref = sch.fcluster(Z, k, criterion="maxclust")
            labels = cut(Z, n_clusters=k)
            assert labels.max() + 1 == k
            assert adjusted_rand_score(labels, ref) == 1.0


@pytest.mark.parametrize("method", ["ward", "single", "complete", "average"])
def test_estimator_matches_sklearn(datasets, method):
    X = datasets["iris"]
    ours = AgglomerativeClustering(n_clusters=3, linkage=method).fit(X)
    ref = SkAgglomerative(n_clusters=3, linkage=method).fit(X)
    assert adjusted_rand_score(ours.labels_, ref.labels_) == 1.0
    np.testing.assert_array_equal(ours.predict(X), ours.labels_)


def test_distance_threshold_and_dendrogram(datasets):
    X = datasets["iris"]
    model = AgglomerativeClustering(n_clusters=None, distance_threshold=5.0).fit(X)
    assert model.n_clusters_ == len(np.unique(model.labels_))
    assert model.n_clusters_ == 1 + int((model.distances_ > 5.0).sum())
    layout = model.plot_dendrogram()
    ref = sch.dendrogram(model.linkage_matrix_, no_plot=True)
    assert layout["leaves"] == ref["leaves"]
    np.testing.assert_allclose(
        sorted(map(tuple, layout["dcoord"])), sorted(map(tuple, ref["dcoord"]))
    )
    matplotlib.pyplot.close("all")


def test_ward_height_is_the_increase_in_within_sum_of_squares():
    X = np.random.default_rng(1).normal(size=(30, 3))
    Z = linkage(X, "ward")
    members = {i: [i] for i in range(30)}
    for k, (a, b, h, _) in enumerate(Z):
        A, B = X[members[int(a)]], X[members[int(b)]]
        U = np.r_[A, B]
        ss = lambda M: ((M - M.mean(0)) ** 2).sum()  # noqa: E731
        assert h == pytest.approx(np.sqrt(2 * (ss(U) - ss(A) - ss(B))), rel=1e-10)
        members[30 + k] = members[int(a)] + members[int(b)]


def test_bad_input(datasets):
    X = datasets["iris"]
    with pytest.raises(ValueError, match="needs metric='euclidean'"):
        linkage(X, "ward", "cityblock")
    with pytest.raises(ValueError, match="method must be one of"):
        linkage(X, "mcquitty")
    with pytest.raises(ValueError, match="NaN"):
        AgglomerativeClustering().fit(np.r_[X, [[np.nan] * 4]])
    with pytest.raises(ValueError, match="exactly one of"):
        AgglomerativeClustering(n_clusters=2, distance_threshold=1.0).fit(X)
    with pytest.raises(ValueError, match="larger than n_samples"):
        AgglomerativeClustering(n_clusters=10).fit(X[:5])
    with pytest.raises(ValueError, match="give exactly one"):
        cut(linkage(X[:5]))
    same = AgglomerativeClustering(n_clusters=2).fit(np.ones((6, 2)))  # identical points
    assert np.all(same.distances_ == 0) and same.n_clusters_ == 2
