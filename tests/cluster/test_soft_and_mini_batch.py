"""SoftKMeans (EM with a shared spherical variance) and MiniBatchKMeans."""

import numpy as np
import pytest

from hackml.cluster import KMeans, MiniBatchKMeans, SoftKMeans
from hackml.datasets import load_wine
from hackml.mixture._gaussian import log_gaussian


@pytest.fixture(scope="module")
def wine():
    X = load_wine().data
    return (X - X.mean(0)) / X.std(0)


def test_responsibilities_are_a_shared_spherical_gaussian_mixture(wine):
    soft = SoftKMeans(n_clusters=3, beta=0.3, random_state=0).fit(wine)
    C, k = soft.cluster_centers_, 3
    var = 1 / (2 * soft.beta_)  # the shared spherical variance
    lp = log_gaussian(wine, C, np.full(k, 1 / np.sqrt(var)), "spherical") + np.log(1 / k)
    expected = np.exp(lp - np.logaddexp.reduce(lp, axis=1, keepdims=True))
    np.testing.assert_allclose(soft.predict_proba(wine), expected, atol=1e-12)


def test_free_energy_never_increases(wine):
    for beta in (0.05, 0.5, 5.0):
        h = np.asarray(
            SoftKMeans(n_clusters=4, beta=beta, random_state=1).fit(wine).objective_history_
        )
        assert np.all(np.diff(h) <= 1e-12 * np.abs(h[:-1]))


def test_becomes_k_means_as_the_variance_goes_to_zero(wine):
    C0 = wine[np.random.default_rng(0).choice(len(wine), 4, replace=False)]
    hard = KMeans(n_clusters=4, init=C0, tol=0).fit(wine)
    gaps = []
    for beta in (1.0, 10.0, 1e3, 1e5):
        soft = SoftKMeans(n_clusters=4, init=C0, beta=beta, tol=0, max_iter=500).fit(wine)
        per_sample_inertia = soft.inertia_ / len(wine)
        gap = per_sample_inertia - soft.objective_history_[-1]
        assert -1e-9 <= gap <= np.log(4) / beta + 1e-9  # F is a soft minimum below inertia
        gaps.append(np.abs(soft.cluster_centers_ - hard.cluster_centers_).max())
    np.testing.assert_array_equal(soft.labels_, hard.labels_)
    assert gaps[-1] < 1e-8 and soft.inertia_ == pytest.approx(hard.inertia_, rel=1e-10)
    assert gaps[0] > gaps[-1]


def test_mini_batch_reaches_the_k_means_objective():
    rng = np.random.default_rng(0)
    centres = rng.normal(0, 6, (5, 4))
    X = np.repeat(centres, 2000, axis=0) + rng.normal(size=(10000, 4))
    full = KMeans(n_clusters=5, random_state=0, n_init=3).fit(X)
    mini = MiniBatchKMeans(n_clusters=5, batch_size=256, max_iter=10, random_state=0).fit(X)
    assert mini.inertia_ <= 1.02 * full.inertia_
    assert mini.n_steps_ == 10 * 40 and len(mini.objective_history_) == mini.n_steps_
    np.testing.assert_array_equal(mini.predict(X), mini.labels_)
    w = rng.uniform(0.5, 2, len(X))
    weighted = MiniBatchKMeans(n_clusters=5, batch_size=256, max_iter=5, random_state=0)
    assert weighted.fit(X, sample_weight=w).inertia_ <= 1.05 * full.score(X, sample_weight=w) * -1


def test_mini_batch_matches_scikit_learn_quality_on_digits():
    from sklearn.cluster import MiniBatchKMeans as SkMiniBatchKMeans

    from hackml.datasets import load_digits

    X = load_digits().data
    ours = [
        MiniBatchKMeans(n_clusters=10, batch_size=256, max_iter=20, random_state=s).fit(X).inertia_
        for s in range(3)
    ]
    ref = [
        SkMiniBatchKMeans(n_clusters=10, batch_size=256, max_iter=20, n_init=1, random_state=s)
        .fit(X)
        .inertia_
        for s in range(3)
    ]
    # a local optimum per seed: compare the mean over seeds, to 2 %
    assert np.mean(ours) == pytest.approx(np.mean(ref), rel=0.02)


def test_bad_input(wine):
    with pytest.raises(ValueError, match="beta must be > 0"):
        SoftKMeans(beta=0).fit(wine)
    with pytest.raises(ValueError, match="NaN"):
        SoftKMeans(n_clusters=2).fit(np.r_[wine, [[np.nan] * 13]])
    with pytest.raises(ValueError, match="distinct points"):
        MiniBatchKMeans(n_clusters=3).fit(np.ones((20, 2)))
    with pytest.raises(ValueError, match="batch_size"):
        MiniBatchKMeans(batch_size=0).fit(wine)
