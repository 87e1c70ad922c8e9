"""Clustering and density: hackml against scikit-learn and scipy on synthetic data.

KMeans: k=16, Lloyd, 100 iterations (tol=0), n_init=1, k-means++ seeding included, both
libraries from their own seeds, on standard normal data (no clusters, so no early
stop; quality: final inertia). Ward linkage: the whole tree
(quality: the sum of merge heights; equal means identical trees). GaussianMixture: 8 full
components, 100 EM steps (tol=0), each library's own k-means start (quality: mean
log-likelihood; 2 repeats only, each fit takes seconds). KernelDensity: 1-D gaussian on
a million points evaluated on a 1,000-point grid: hackml's binned FFT path against
scikit-learn's tree with ``rtol=1e-3`` (the exact tree sum takes minutes; quality: the
density at 0). hackml's Lloyd step and k-means++ costs run on all numba threads (GIL-free
kernels on fixed pieces of rows, Python threads) as scikit-learn's run on its OpenMP
threads. The machine is shared (2 cores, several concurrent jobs): timings are noisy.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy.cluster.hierarchy import linkage as scipy_linkage
from sklearn.cluster import KMeans as SkKMeans
from sklearn.cluster import MiniBatchKMeans as SkMiniBatchKMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture as SkGaussianMixture
from sklearn.neighbors import KernelDensity as SkKernelDensity

from hackml.bench import Case
from hackml.cluster import KMeans, MiniBatchKMeans, linkage
from hackml.density import KernelDensity
from hackml.mixture import GaussianMixture

TITLE = "cluster, mixture, density"


def _blobs(n, d, k, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 4, (k, d))
    return centres[rng.integers(0, k, n)] + rng.normal(size=(n, d))


def _kmeans_case(quick):
    n = 20_000 if quick else 200_000

    def setup():  # no cluster structure: Lloyd runs all 100 iterations
        return {"X": np.random.default_rng(0).normal(size=(n, 32))}

    return Case(
        name="KMeans (k=16, lloyd, 100 iter, tol=0, k-means++)",
        size=f"{n} x 32",
        setup=setup,
        ours=lambda X: KMeans(n_clusters=16, max_iter=100, tol=0, random_state=0).fit(X),
        reference=lambda X: SkKMeans(
            n_clusters=16, max_iter=100, tol=0, n_init=1, algorithm="lloyd", random_state=0
        ).fit(X),
        reference_name="scikit-learn",
        quality=lambda model, data: model.inertia_,
        metric="inertia",
        repeats=3,
    )


def _mini_batch_case(quick):
    n = 20_000 if quick else 200_000

    def setup():  # 16 Gaussian blobs of 12,500 points
        rng = np.random.default_rng(0)
        centres = np.repeat(rng.normal(0, 3, (16, 32)), n // 16, axis=0)
        return {"X": rng.normal(size=(n, 32)) + centres}

    return Case(
        name="MiniBatchKMeans (k=16, batch 1024, 5 epochs)",
        size=f"{n} x 32",
        setup=setup,
        ours=lambda X: MiniBatchKMeans(
            n_clusters=16, batch_size=1024, max_iter=5, random_state=1
        ).fit(X),
        # equal work: scikit-learn's early stop (max_no_improvement) switched off
        reference=lambda X: SkMiniBatchKMeans(
            n_clusters=16,
            batch_size=1024,
            max_iter=5,
            n_init=1,
            tol=0.0,
            max_no_improvement=None,
            random_state=1,
        ).fit(X),
        reference_name="scikit-learn",
        quality=lambda model, data: model.inertia_,
        metric="inertia",
        repeats=3,
        note="same number of mini-batch steps; scikit-learn's default would stop early",
    )


def _ward_case(quick):
    n = 1000 if quick else 5000

    def setup():
        return {"X": np.random.default_rng(0).normal(size=(n, 10))}

    return Case(
        name="linkage (ward)",
        size=f"{n} x 10",
        setup=setup,
        ours=lambda X: linkage(X, "ward"),
        reference=lambda X: scipy_linkage(X, "ward"),
        reference_name="scipy",
        quality=lambda Z, data: float(Z[:, 2].sum()),
        metric="sum of heights",
        repeats=3,
    )


def _sk_gmm(X):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return SkGaussianMixture(8, max_iter=100, tol=0, random_state=0).fit(X)


def _gmm_case(quick):
    n = 10_000 if quick else 100_000

    def setup():
        return {"X": _blobs(n, 8, 8, seed=1)}

    return Case(
        name="GaussianMixture (8, full, 100 iter, tol=0)",
        size=f"{n} x 8",
        setup=setup,
        ours=lambda X: GaussianMixture(n_components=8, max_iter=100, tol=0, random_state=0).fit(X),
        reference=_sk_gmm,
        reference_name="scikit-learn",
        quality=lambda model, data: model.score(data["X"]),
        metric="mean log-likelihood",
        repeats=2,
    )


def _kde_case(quick):
    n = 100_000 if quick else 1_000_000
    grid = np.linspace(-4, 4, 1000)[:, None]

    def setup():
        return {"x": np.random.default_rng(0).normal(size=(n, 1))}

    def density_at_zero(values, data):
        return float(np.exp(values[500]))  # grid[500] is 0.004

    return Case(
        name="KernelDensity 1-D (gaussian, h=0.05, 1000-point grid)",
        size=f"{n} points",
        setup=setup,
        ours=lambda x: KernelDensity(bandwidth=0.05).fit(x).score_samples(grid),
        reference=lambda x: SkKernelDensity(bandwidth=0.05, rtol=1e-3).fit(x).score_samples(grid),
        reference_name="scikit-learn (rtol=1e-3)",
        quality=density_at_zero,
        metric="density near 0",
        repeats=3,
        note="hackml: binned FFT path",
    )


def cases(quick: bool = False) -> list[Case]:
    return [
        _kmeans_case(quick),
        _mini_batch_case(quick),
        _ward_case(quick),
        _gmm_case(quick),
        _kde_case(quick),
    ]
