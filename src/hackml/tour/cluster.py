"""Tour section: clustering, mixtures and density on real data."""

from __future__ import annotations

import time
import warnings


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def run() -> list[dict]:
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering as SkAgglomerative
    from sklearn.cluster import KMeans as SkKMeans
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.metrics import adjusted_rand_score
    from sklearn.mixture import GaussianMixture as SkGaussianMixture
    from sklearn.neighbors import KernelDensity as SkKernelDensity

    from hackml.cluster import AgglomerativeClustering, KMeans
    from hackml.datasets import load_iris, load_nile, load_wine
    from hackml.density import KernelDensity
    from hackml.mixture import GaussianMixture

    rows = []
    wine = load_wine().data
    wine = (wine - wine.mean(0)) / wine.std(0)
    C0 = wine[np.random.default_rng(0).choice(len(wine), 3, replace=False)]
    km, s = _timed(lambda: KMeans(n_clusters=3, init=C0).fit(wine))
    ref = SkKMeans(n_clusters=3, init=C0, n_init=1).fit(wine)
    rows.append(
        {
            "family": "cluster",
            "model": "KMeans (same start)",
            "data": "wine (scaled)",
            "metric": "inertia",
            "hackml": km.inertia_,
            "reference": float(ref.inertia_),
            "seconds": s,
        }
    )
    med, s = _timed(lambda: KMeans(n_clusters=3, center="median", random_state=0).fit(wine))
    rows.append(
        {
            "family": "cluster",
            "model": "KMeans (k-medians)",
            "data": "wine (scaled)",
            "metric": "L1 objective",
            "hackml": med.inertia_,
            "reference": None,
            "seconds": s,
        }
    )
    iris, species = load_iris(return_X_y=True)
    ward, s = _timed(lambda: AgglomerativeClustering(n_clusters=3).fit(iris))
    sk_ward = SkAgglomerative(n_clusters=3).fit(iris)
    rows.append(
        {
            "family": "cluster",
            "model": "AgglomerativeClustering (ward)",
            "data": "iris",
            "metric": "ARI vs species",
            "hackml": float(adjusted_rand_score(species, ward.labels_)),
            "reference": float(adjusted_rand_score(species, sk_ward.labels_)),
            "seconds": s,
        }
    )
    gm, s = _timed(lambda: GaussianMixture(n_components=3, random_state=0).fit(iris))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        sk_gm = SkGaussianMixture(3, random_state=0).fit(iris)
    rows.append(
        {
            "family": "mixture",
            "model": "GaussianMixture (full)",
            "data": "iris",
            "metric": "mean log-likelihood",
            "hackml": gm.score(iris),
            "reference": float(sk_gm.score(iris)),
            "seconds": s,
        }
    )
    flow = load_nile().data[:, None]
    kde, s = _timed(lambda: KernelDensity(bandwidth="cv", random_state=0).fit(flow))
    sk_kde = SkKernelDensity(bandwidth=kde.bandwidth_).fit(flow)
    rows.append(
        {
            "family": "density",
            "model": "KernelDensity (cv bandwidth)",
            "data": "Nile flow",
            "metric": "mean log-density",
            "hackml": kde.score(flow) / len(flow),
            "reference": sk_kde.score(flow) / len(flow),
            "seconds": s,
        }
    )
    return rows
