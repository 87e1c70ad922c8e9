"""KMeans: reference agreement with scikit-learn, Lloyd = Elkan, monotone objective, centres."""

import numpy as np
import pytest
from sklearn.cluster import KMeans as SkKMeans

from hackml.cluster import Center, FunctionCenter, KMeans
from hackml.datasets import load_iris, load_wine


@pytest.fixture(scope="module")
def wine():
    X = load_wine().data
    return (X - X.mean(0)) / X.std(0)


def _init(X, k, seed=0):
    return X[np.random.default_rng(seed).choice(len(X), k, replace=False)]


@pytest.mark.parametrize("algorithm", ["lloyd", "elkan"])
@pytest.mark.parametrize("k", [3, 6])
def test_same_as_sklearn_lloyd_from_same_centres(wine, algorithm, k):
    C0 = _init(wine, k)
    w = np.random.default_rng(1).uniform(0.5, 2, len(wine))
    ours = KMeans(n_clusters=k, init=C0, algorithm=algorithm, tol=0, max_iter=300)
    ref = SkKMeans(n_clusters=k, init=C0, n_init=1, algorithm="lloyd", tol=0, max_iter=300)
    ours.fit(wine, sample_weight=w)
    ref.fit(wine, sample_weight=w)
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    assert ours.inertia_ == pytest.approx(ref.inertia_, rel=1e-8)
    np.testing.assert_allclose(ours.cluster_centers_, ref.cluster_centers_, rtol=1e-8, atol=1e-10)
    np.testing.assert_array_equal(ours.predict(wine), ref.predict(wine))
    np.testing.assert_allclose(ours.transform(wine), ref.transform(wine), rtol=1e-8, atol=1e-10)


def test_many_pieces_same_as_sklearn_and_independent_of_threads():
    # 20k rows: many blocks and parallel pieces (the wine tests fit in one block)
    import numba

    X = np.random.default_rng(2).normal(size=(20_001, 6))
    w = np.random.default_rng(3).uniform(0.5, 2, len(X))
    C0 = _init(X, 9)
    ref = SkKMeans(n_clusters=9, init=C0, n_init=1, algorithm="lloyd", tol=0, max_iter=25)
    ref.fit(X, sample_weight=w)
    before = numba.get_num_threads()
    fits = []
    try:
        for n_threads in sorted({1, before}):
            numba.set_num_threads(n_threads)
            fits.append(KMeans(n_clusters=9, init=C0, tol=0, max_iter=25).fit(X, sample_weight=w))
    finally:
        numba.set_num_threads(before)
    for ours in fits:
        np.testing.assert_array_equal(ours.labels_, ref.labels_)
        assert ours.inertia_ == pytest.approx(ref.inertia_, rel=1e-8)
        np.testing.assert_allclose(ours.cluster_centers_, ref.cluster_centers_, rtol=1e-8)
        assert ours.objective_history_ == fits[0].objective_history_
        np.testing.assert_array_equal(ours.cluster_centers_, fits[0].cluster_centers_)
    seeded = [KMeans(n_clusters=9, random_state=0, max_iter=2).fit(X) for _ in range(2)]
    np.testing.assert_array_equal(seeded[0].cluster_centers_, seeded[1].cluster_centers_)


def test_lloyd_and_elkan_agree_on_every_iteration():
    X = np.random.default_rng(0).normal(size=(3000, 5))
    a = KMeans(n_clusters=10, algorithm="lloyd", random_state=3, tol=0).fit(X)
    b = KMeans(n_clusters=10, algorithm="elkan", random_state=3, tol=0).fit(X)
    np.testing.assert_array_equal(a.labels_, b.labels_)
    np.testing.assert_allclose(a.objective_history_, b.objective_history_, rtol=1e-10)
    assert a.n_iter_ == b.n_iter_ and a.converged_ and b.converged_


@pytest.mark.parametrize("center", ["mean", "median", "medoid", "spherical"])
@pytest.mark.parametrize("algorithm", ["lloyd", "elkan"])
def test_objective_history_never_increases(wine, center, algorithm):
    if algorithm == "elkan" and center != "mean":
        pytest.skip("elkan is for the mean centre")
    km = KMeans(n_clusters=5, center=center, algorithm=algorithm, random_state=0, tol=0)
    km.fit(wine)
    h = np.asarray(km.objective_history_)
    assert len(h) >= 2
    assert np.all(np.diff(h) <= 1e-10 * np.abs(h[:-1]))
    assert h[-1] == pytest.approx(km.inertia_, rel=1e-9)
    assert km.inertia_ == pytest.approx(-km.score(wine), rel=1e-9)


def test_centres_are_what_they_claim(wine):
    med = KMeans(n_clusters=4, center="median", random_state=0).fit(wine)
    for j in range(4):
        np.testing.assert_allclose(med.cluster_centers_[j], np.median(wine[med.labels_ == j], 0))
    kmed = KMeans(n_clusters=4, center="medoid", random_state=0).fit(wine)
    for c in kmed.cluster_centers_:  # every medoid is a data point
        assert np.min(np.abs(wine - c).sum(1)) == 0
    sph = KMeans(n_clusters=4, center="spherical", random_state=0).fit(wine)
    np.testing.assert_allclose(np.linalg.norm(sph.cluster_centers_, axis=1), 1.0)
    Xn = wine / np.linalg.norm(wine, axis=1, keepdims=True)
    np.testing.assert_array_equal(sph.labels_, np.argmax(Xn @ sph.cluster_centers_.T, axis=1))


def test_user_function_centre_equals_builtin_mean(wine):
    C0 = _init(wine, 4)
    mine = KMeans(n_clusters=4, init=C0, center=lambda Xk, wk: np.average(Xk, 0, wk)).fit(wine)
    ref = KMeans(n_clusters=4, init=C0).fit(wine)
    np.testing.assert_array_equal(mine.labels_, ref.labels_)
    assert mine.inertia_ == pytest.approx(ref.inertia_, rel=1e-10)


def test_user_centre_object_with_its_own_distance():
    class Chebyshev(Center):
        name = "chebyshev"

        def cost(self, X, centers):
            return np.abs(X[:, None, :] - centers[None]).max(-1)

        def update(self, X, w, labels, centers):  # mid-range minimises the max deviation
            out = centers.copy()
            for j in range(len(centers)):
                Xj = X[labels == j]
                if len(Xj):
                    out[j] = (Xj.min(0) + Xj.max(0)) / 2
            return out

    X = load_iris().data
    km = KMeans(n_clusters=3, center=Chebyshev(), random_state=0).fit(X)
    assert km.center_.name == "chebyshev"
    assert np.all(np.diff(km.objective_history_) <= 1e-12)
    np.testing.assert_array_equal(km.predict(X), km.labels_)


def test_sample_weight_is_repetition():
    X = load_iris().data
    w = np.random.default_rng(0).integers(1, 4, len(X))
    C0 = X[[0, 55, 110]]
    a = KMeans(n_clusters=3, init=C0).fit(X, sample_weight=w)
    b = KMeans(n_clusters=3, init=C0).fit(np.repeat(X, w, axis=0))
    np.testing.assert_allclose(a.cluster_centers_, b.cluster_centers_, rtol=1e-12)
    assert a.inertia_ == pytest.approx(b.inertia_, rel=1e-12)


def test_n_init_keeps_the_best_run(wine):
    runs = [KMeans(n_clusters=8, init="random", n_init=1, random_state=s).fit(wine) for s in [0]]
    best = KMeans(n_clusters=8, init="random", n_init=10, random_state=0).fit(wine)
    assert best.inertia_ <= runs[0].inertia_ + 1e-9


def test_empty_cluster_is_relocated():
    X = np.r_[np.zeros((5, 2)), np.ones((5, 2)) * 10]
    C0 = np.array([[0.0, 0.0], [10.0, 10.0], [100.0, 100.0]])  # the third gets no point
    km = KMeans(n_clusters=3, init=C0).fit(X + np.arange(10)[:, None] * 1e-3)
    assert len(np.unique(km.labels_)) == 3
    assert np.all(np.diff(km.objective_history_) <= 1e-12)


def test_bad_input():
    X = load_iris().data
    with pytest.raises(ValueError, match="distinct points"):
        KMeans(n_clusters=4).fit(np.r_[X[:2], X[:2], X[5:6]])
    with pytest.raises(ValueError, match="distinct points"):
        KMeans(n_clusters=2).fit(np.ones((10, 3)))
    one = KMeans(n_clusters=1).fit(np.ones((10, 3)))  # identical points, one cluster: fine
    assert one.inertia_ == 0 and np.all(one.labels_ == 0)
    with pytest.raises(ValueError, match="NaN"):
        KMeans(n_clusters=2).fit(np.r_[X, [[np.nan] * 4]])
    with pytest.raises(ValueError, match="shape"):
        KMeans(n_clusters=3, center=lambda Xk, wk: Xk.mean()).fit(X)
    with pytest.raises(ValueError, match="center must be one of"):
        KMeans(center="mode").fit(X)
    with pytest.raises(ValueError, match="algorithm='elkan' needs center='mean'"):
        KMeans(center="median", algorithm="elkan").fit(X)
    with pytest.raises(ValueError, match="init must have shape"):
        KMeans(n_clusters=3, init=np.zeros((2, 4))).fit(X)
    with pytest.raises(ValueError, match="n_samples=2 should be >= n_clusters=3"):
        KMeans(n_clusters=3).fit(X[:2])
    with pytest.raises(ValueError, match="non-zero norm"):
        KMeans(n_clusters=2, center="spherical").fit(np.r_[X, np.zeros((1, 4))])
    bad = FunctionCenter(lambda Xk, wk: np.full(4, np.nan))
    with pytest.raises(ValueError, match="non-finite"):
        KMeans(n_clusters=3, center=bad).fit(X)
