"""Tour section: k-nearest neighbours on real data, against scikit-learn."""

from __future__ import annotations

import time


def run() -> list[dict]:
    import numpy as np
    from sklearn import neighbors as sk
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from hackml.datasets import load_diabetes, load_digits, load_wine
    from hackml.neighbors import KNeighborsClassifier, KNeighborsRegressor

    rows = []
    X, y = load_digits(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)
    t0 = time.perf_counter()
    ours = KNeighborsClassifier(n_neighbors=5).fit(Xtr, ytr)
    acc = float(ours.score(Xte, yte))
    rows.append(
        {
            "family": "neighbors",
            "model": "KNeighborsClassifier (k=5)",
            "data": "digits (25% held out)",
            "metric": "test accuracy",
            "hackml": acc,
            "reference": float(sk.KNeighborsClassifier().fit(Xtr, ytr).score(Xte, yte)),
            "seconds": time.perf_counter() - t0,
        }
    )

    X, y = load_wine(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=0)
    VI = np.linalg.inv(np.cov(Xtr.T))
    t0 = time.perf_counter()
    maha = KNeighborsClassifier(metric="mahalanobis", metric_params={"VI": VI}).fit(Xtr, ytr)
    acc = float(maha.score(Xte, yte))
    ref = sk.KNeighborsClassifier(
        metric="mahalanobis", metric_params={"VI": VI}, algorithm="brute"
    ).fit(Xtr, ytr)
    rows.append(
        {
            "family": "neighbors",
            "model": "KNeighborsClassifier (Mahalanobis)",
            "data": "wine (30% held out)",
            "metric": "test accuracy",
            "hackml": acc,
            "reference": float(ref.score(Xte, yte)),
            "seconds": time.perf_counter() - t0,
        }
    )
    plain = make_pipeline(StandardScaler(), KNeighborsClassifier()).fit(Xtr, ytr)
    rows.append(
        {
            "family": "neighbors",
            "model": "KNeighborsClassifier (scaled Euclidean)",
            "data": "wine (30% held out)",
            "metric": "test accuracy",
            "hackml": float(plain.score(Xte, yte)),
            "reference": None,
            "seconds": None,
        }
    )

    X, y = load_diabetes(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)
    t0 = time.perf_counter()
    reg = KNeighborsRegressor(n_neighbors=10, weights="distance").fit(Xtr, ytr)
    r2 = float(reg.score(Xte, yte))
    ref = sk.KNeighborsRegressor(n_neighbors=10, weights="distance").fit(Xtr, ytr)
    rows.append(
        {
            "family": "neighbors",
            "model": "KNeighborsRegressor (k=10, distance)",
            "data": "diabetes (25% held out)",
            "metric": "test R2",
            "hackml": r2,
            "reference": float(ref.score(Xte, yte)),
            "seconds": time.perf_counter() - t0,
        }
    )
    return rows
