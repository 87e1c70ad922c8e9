"""Tour section: ensembles on real data, each beside scikit-learn's."""

from __future__ import annotations

import time


def _row(model, data, metric, ours, ref, seconds):
    return {
        "family": "ensemble",
        "model": model,
        "data": data,
        "metric": metric,
        "hackml": float(ours),
        "reference": None if ref is None else float(ref),
        "seconds": seconds,
    }


def run() -> list[dict]:
    import numpy as np
    from sklearn import ensemble as sk
    from sklearn.model_selection import train_test_split

    from hackml import ensemble as hk
    from hackml.datasets import load_breast_cancer, load_diabetes, load_digits
    from hackml.tree import DecisionTreeRegressor

    rows = []
    X, y = load_digits(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    for label, ours, ref in [
        (
            "RandomForestClassifier (50 trees)",
            hk.RandomForestClassifier(n_estimators=50, random_state=0),
            sk.RandomForestClassifier(n_estimators=50, random_state=0),
        ),
    ]:
        t0 = time.perf_counter()
        ours.fit(Xtr, ytr)
        seconds = time.perf_counter() - t0
        rows.append(
            _row(
                label,
                "digits (25% held out)",
                "test accuracy",
                ours.score(Xte, yte),
                ref.fit(Xtr, ytr).score(Xte, yte),
                seconds,
            )
        )

    X, y = load_breast_cancer(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    t0 = time.perf_counter()
    hgb = hk.HistGradientBoostingClassifier(max_iter=50, early_stopping=False).fit(Xtr, ytr)
    seconds = time.perf_counter() - t0
    ref = sk.HistGradientBoostingClassifier(max_iter=50, early_stopping=False).fit(Xtr, ytr)
    rows.append(
        _row(
            "HistGradientBoostingClassifier (50 rounds)",
            "breast cancer (25% held out)",
            "test accuracy",
            hgb.score(Xte, yte),
            ref.score(Xte, yte),
            seconds,
        )
    )
    t0 = time.perf_counter()
    ada = hk.AdaBoostClassifier(n_estimators=50, random_state=0).fit(Xtr, ytr)
    seconds = time.perf_counter() - t0
    ref = sk.AdaBoostClassifier(n_estimators=50, random_state=0).fit(Xtr, ytr)
    rows.append(
        _row(
            "AdaBoostClassifier (SAMME, 50 stumps)",
            "breast cancer (25% held out)",
            "test accuracy",
            ada.score(Xte, yte),
            ref.score(Xte, yte),
            seconds,
        )
    )

    X, y = load_diabetes(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)

    def under_costs_3x(y, raw):  # a loss of your own: gradient and Hessian
        c = np.where(raw < y, 3.0, 1.0)
        return c * (raw - y), c

    t0 = time.perf_counter()
    asym = hk.HistGradientBoostingRegressor(loss=under_costs_3x, max_iter=50).fit(Xtr, ytr)
    seconds = time.perf_counter() - t0
    rows.append(
        _row(
            "HistGradientBoostingRegressor (user loss: under-prediction x3)",
            "diabetes (25% held out)",
            "share of test targets over-predicted",
            np.mean(asym.predict(Xte) > yte),
            None,
            seconds,
        )
    )

    t0 = time.perf_counter()
    kw = dict(n_rounds=20, random_state=0)
    tree = hk.bias_variance_decomposition(DecisionTreeRegressor(), Xtr, ytr, Xte, yte, **kw)
    bag = hk.bias_variance_decomposition(
        hk.BaggingRegressor(n_estimators=20, random_state=0), Xtr, ytr, Xte, yte, **kw
    )
    seconds = time.perf_counter() - t0
    rows.append(
        _row(
            "bias-variance: variance of a deep tree -> bagged (20)",
            "diabetes",
            "variance ratio bagged/tree",
            bag.variance / tree.variance,
            None,
            seconds,
        )
    )
    return rows
