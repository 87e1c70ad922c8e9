"""Tour section: the linear family on real data.

Each row is one objective, fitted by hackml and (where one exists) by scikit-learn on the
same data: robust and quantile losses one argument away, the lasso's coordinate descent,
multinomial logistic regression, the hinge loss, a stream learned batch by batch, XOR on
an interaction feature, and the seasonal CO2 series with repeating-basis features and
time-decay weights.
"""

from __future__ import annotations

import time
import warnings

import numpy as np


def _row(model, data, metric, ours, reference, seconds):
    return {
        "family": "linear_model",
        "model": model,
        "data": data,
        "metric": metric,
        "hackml": float(ours),
        "reference": None if reference is None else float(reference),
        "seconds": seconds,
    }


def _timed(fit):
    t0 = time.perf_counter()
    model = fit()
    return model, time.perf_counter() - t0


def _regression_rows():
    from sklearn import linear_model as sk
    from sklearn.model_selection import train_test_split

    from hackml.datasets import load_diabetes
    from hackml.linear_model import Lasso, LinearRegression, QuantileRegressor
    from hackml.losses import QuantileLoss

    X, y = load_diabetes(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)
    data = "diabetes (25% held out)"
    rows = []
    for label, fit, ref in [
        ("LinearRegression (squared)", LinearRegression, sk.LinearRegression()),
        ("LinearRegression (huber)", lambda: LinearRegression(loss="huber"), None),
        ("Lasso (alpha=0.1, coordinate descent)", lambda: Lasso(alpha=0.1), sk.Lasso(alpha=0.1)),
    ]:
        ours, seconds = _timed(lambda fit=fit: fit().fit(Xtr, ytr))
        ref_score = None if ref is None else ref.fit(Xtr, ytr).score(Xte, yte)
        rows.append(_row(label, data, "test R2", ours.score(Xte, yte), ref_score, seconds))
    # the 90% quantile: exact by linear program, and one loss argument away by L-BFGS
    lp, seconds = _timed(lambda: QuantileRegressor(quantile=0.9, alpha=0.0).fit(Xtr, ytr))
    ref = sk.QuantileRegressor(quantile=0.9, alpha=0.0).fit(Xtr, ytr)
    cover = "test share of y under the prediction"
    rows.append(
        _row(
            "QuantileRegressor (q=0.9, LP)",
            data,
            cover,
            np.mean(yte <= lp.predict(Xte)),
            np.mean(yte <= ref.predict(Xte)),
            seconds,
        )
    )
    it, seconds = _timed(lambda: LinearRegression(loss=QuantileLoss(0.9)).fit(Xtr, ytr))
    rows.append(
        _row(
            "LinearRegression(loss=QuantileLoss(0.9))",
            data,
            cover,
            np.mean(yte <= it.predict(Xte)),
            None,
            seconds,
        )
    )
    return rows


def _classification_rows():
    from sklearn import linear_model as sk
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import PolynomialFeatures, StandardScaler
    from sklearn.svm import LinearSVC as SkLinearSVC

    from hackml.datasets import load_breast_cancer, load_digits
    from hackml.linear_model import (
        LinearSVC,
        LogisticRegression,
        PassiveAggressiveClassifier,
        Perceptron,
    )

    rows = []
    X, y = load_digits(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)
    scaler = StandardScaler().fit(Xtr)
    Xtr, Xte = scaler.transform(Xtr), scaler.transform(Xte)
    n = len(ytr)
    data = "digits (25% held out)"
    pairs = [
        (
            "LogisticRegression (multinomial)",
            lambda: LogisticRegression(alpha=1 / (0.1 * n)),
            sk.LogisticRegression(C=0.1, max_iter=1000),
        ),
        (
            "LinearSVC (hinge, OvR)",
            lambda: LinearSVC(alpha=1 / (0.01 * n), loss="hinge", random_state=0),
            SkLinearSVC(C=0.01, loss="hinge", max_iter=10000, random_state=0),
        ),
        ("Perceptron (OvR)", lambda: Perceptron(random_state=0), sk.Perceptron(random_state=0)),
    ]
    for label, fit, ref in pairs:
        ours, seconds = _timed(lambda fit=fit: fit().fit(Xtr, ytr))
        rows.append(
            _row(
                label,
                data,
                "test accuracy",
                ours.score(Xte, yte),
                ref.fit(Xtr, ytr).score(Xte, yte),
                seconds,
            )
        )

    # a stream: breast cancer in batches of 50, scored on what follows
    X, y = load_breast_cancer(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    stream = PassiveAggressiveClassifier(C=0.05, random_state=0)
    t0 = time.perf_counter()
    for start in range(0, 400, 50):
        stream.partial_fit(X[start : start + 50], y[start : start + 50], classes=[0, 1])
    rows.append(
        _row(
            "PassiveAggressiveClassifier (8 batches)",
            "breast cancer stream",
            "accuracy on the last 169",
            stream.score(X[400:], y[400:]),
            None,
            time.perf_counter() - t0,
        )
    )

    # XOR: no line separates it; one interaction feature does
    Xx = np.array([[0, 0], [0, 1], [1, 0], [1, 1]] * 25, dtype=float)
    yx = np.logical_xor(Xx[:, 0], Xx[:, 1]).astype(int)
    crossed = make_pipeline(
        PolynomialFeatures(2, interaction_only=True), LogisticRegression(alpha=1e-4)
    )
    crossed, seconds = _timed(lambda: crossed.fit(Xx, yx))
    plain = LogisticRegression(alpha=1e-4).fit(Xx, yx)
    rows.append(
        _row(
            "LogisticRegression on x1*x2 (plain in reference col.)",
            "XOR",
            "accuracy",
            crossed.score(Xx, yx),
            plain.score(Xx, yx),
            seconds,
        )
    )
    return rows


def _seasonal_rows():
    from hackml.datasets import load_co2
    from hackml.linear_model import LinearRegression
    from hackml.preprocessing import RepeatingBasisFeatures, time_decay_weights

    co2 = load_co2()
    t, y = co2.time, co2.data
    season = RepeatingBasisFeatures(period=1.0, n_centers=12).fit_transform((t % 1.0)[:, None])
    trend = (t - t[0])[:, None]
    X = np.hstack([trend, season])
    rows = []
    # forecast the next two years from all the past, at ten origins
    t0 = time.perf_counter()
    errors = {"trend": [], "trend + RBF": [], "trend + RBF, decay 3y": []}
    for origin in range(1980, 2000, 2):
        past, future = t < origin, (t >= origin) & (t < origin + 2)
        w = time_decay_weights(t[past], 3.0)
        for key, Xk, wk in [
            ("trend", trend, None),
            ("trend + RBF", X, None),
            ("trend + RBF, decay 3y", X, w),
        ]:
            model = LinearRegression().fit(Xk[past], y[past], sample_weight=wk)
            errors[key].append(np.sqrt(np.mean((model.predict(Xk[future]) - y[future]) ** 2)))
    seconds = time.perf_counter() - t0
    base = float(np.mean(errors["trend"]))
    for key in ("trend + RBF", "trend + RBF, decay 3y"):
        rows.append(
            _row(
                f"LinearRegression ({key}; plain trend in ref. col.)",
                "CO2, 2-year forecasts 1980-2001",
                "RMSE (ppm)",
                np.mean(errors[key]),
                base,
                seconds,
            )
        )
    return rows


def run() -> list[dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return _regression_rows() + _classification_rows() + _seasonal_rows()
