"""KernelDensity: agreement with scikit-learn, normalisation, FFT path, bandwidths, sampling."""

import numpy as np
import pytest
from scipy import integrate
from sklearn.neighbors import KernelDensity as SkKernelDensity

from hackml.datasets import load_iris, load_nile
from hackml.density import KernelDensity, rule_of_thumb
from hackml.density._kde import KERNELS

SHARED = ["gaussian", "tophat", "epanechnikov", "exponential", "linear", "cosine"]


def _close_densities(ours, ref):
    p, q = np.exp(ours), np.exp(ref)
    # scikit-learn's tree returns ~1e-16 densities (not 0) just outside compact supports
    np.testing.assert_allclose(p, q, rtol=1e-8, atol=1e-14 * q.max())


@pytest.mark.parametrize("kernel", SHARED)
def test_same_as_sklearn_on_iris(kernel):
    X = load_iris().data
    if kernel == "cosine":  # scikit-learn's cosine constant is wrong in even dimensions
        X = X[:, :3]
    w = np.random.default_rng(0).uniform(0.2, 2.0, len(X))
    Q = X + np.random.default_rng(1).normal(0, 0.3, X.shape)
    ours = KernelDensity(kernel=kernel, bandwidth=0.6).fit(X, sample_weight=w)
    ref = SkKernelDensity(kernel=kernel, bandwidth=0.6).fit(X, sample_weight=w)
    _close_densities(ours.score_samples(Q), ref.score_samples(Q))
    assert np.isfinite(ours.score_samples(Q[:3])).all()


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("d", [1, 2])
def test_every_kernel_integrates_to_one(kernel, d):
    kde = KernelDensity(kernel=kernel, bandwidth=0.8).fit(np.zeros((1, d)))
    if d == 1:
        value = integrate.quad(
            lambda t: np.exp(kde.score_samples([[t]]))[0], -30, 30, points=[-0.8, 0, 0.8], limit=200
        )[0]
    else:
        radial = lambda r: np.exp(kde.score_samples([[r, 0.0]]))[0] * 2 * np.pi * r  # noqa: E731
        value = integrate.quad(radial, 0, 40, points=[0.8], limit=200)[0]
    assert value == pytest.approx(1.0, abs=1e-6)


@pytest.mark.parametrize("kernel", KERNELS)
def test_fft_path_matches_exact(kernel):
    x = np.random.default_rng(0).standard_t(5, 20000)[:, None]
    grid = np.linspace(-6, 6, 301)[:, None]
    exact = KernelDensity(kernel=kernel, bandwidth=0.3, algorithm="exact").fit(x)
    fft = KernelDensity(kernel=kernel, bandwidth=0.3, algorithm="fft").fit(x)
    p, q = np.exp(exact.score_samples(grid)), np.exp(fft.score_samples(grid))
    assert np.abs(p - q).max() <= 1e-3 * p.max()


def test_auto_uses_fft_for_a_million_points_and_stays_right():
    x = np.random.default_rng(0).normal(size=1_000_000)[:, None]
    kde = KernelDensity(bandwidth="scott").fit(x)
    grid = np.linspace(-4, 4, 1001)[:, None]
    p = np.exp(kde.score_samples(grid))
    s = kde.bandwidth_
    truth = np.exp(-(grid[:, 0] ** 2) / (2 * (1 + s * s))) / np.sqrt(2 * np.pi * (1 + s * s))
    assert np.abs(p - truth).max() < 3e-3  # sampling noise of a million points


def test_bandwidth_rules():
    x = load_nile().data[:, None]
    n, sd = len(x), x.std()
    assert KernelDensity(bandwidth="scott").fit(x).bandwidth_ == pytest.approx(sd * n**-0.2)
    silver = KernelDensity(bandwidth="silverman").fit(x).bandwidth_
    assert silver == pytest.approx(sd * (n * 3 / 4) ** -0.2)
    w = np.r_[np.ones(50), np.zeros(50)]  # zero weights shrink the effective sample size
    assert rule_of_thumb(x, w, "scott") == pytest.approx(x[:50].std() * 50**-0.2)


def test_cross_validated_bandwidth_beats_extremes():
    rng = np.random.default_rng(0)
    x = np.r_[rng.normal(0, 1, 400), rng.normal(5, 0.3, 200)][:, None]
    kde = KernelDensity(bandwidth="cv", random_state=0).fit(x)
    scores = kde.cv_scores_
    assert kde.bandwidth_ == pytest.approx(scores[np.argmax(scores[:, 1]), 0])
    assert scores[:, 1].max() > scores[0, 1] and scores[:, 1].max() > scores[-1, 1]


@pytest.mark.parametrize("kernel", KERNELS)
def test_sample_has_the_kernel_spread(kernel):
    kde = KernelDensity(kernel=kernel, bandwidth=1.0).fit(np.zeros((1, 2)))
    S = kde.sample(40000, random_state=0)
    r = np.linalg.norm(S, axis=1)
    grid = np.linspace(0.01, 3, 300)
    dens = np.exp(kde.score_samples(np.c_[grid, np.zeros_like(grid)])) * 2 * np.pi * grid
    expected_mean_radius = (dens * grid).sum() / dens.sum()
    if kernel in ("gaussian", "exponential"):  # long tails beyond the grid
        expected_mean_radius = {"gaussian": np.sqrt(np.pi / 2), "exponential": 2.0}[kernel]
    assert r.mean() == pytest.approx(expected_mean_radius, rel=0.02)
    np.testing.assert_allclose(S.mean(0), 0, atol=0.05)


def test_bad_input():
    X = load_iris().data
    with pytest.raises(ValueError, match="bandwidth must be > 0"):
        KernelDensity(bandwidth=0.0).fit(X)
    with pytest.raises(ValueError, match="no spread"):
        KernelDensity(bandwidth="scott").fit(np.ones((10, 2)))
    with pytest.raises(ValueError, match="kernel must be one of"):
        KernelDensity(kernel="triweight").fit(X)
    with pytest.raises(ValueError, match="one-dimensional"):
        KernelDensity(algorithm="fft").fit(X)
    with pytest.raises(ValueError, match="NaN"):
        KernelDensity().fit(np.r_[X, [[np.nan] * 4]])
    with pytest.raises(ValueError, match="bandwidth must be one of"):
        KernelDensity(bandwidth="wide").fit(X)
    far = KernelDensity(kernel="tophat", bandwidth=0.1).fit(X).score_samples(X[:1] + 100)
    assert far[0] == -np.inf  # outside a compact kernel's reach: zero density, stated
