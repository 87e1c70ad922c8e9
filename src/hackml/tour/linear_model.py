"""Tour section: the linear family on real data."""

from __future__ import annotations

import time




def run() -> list[dict]:
    from sklearn.linear_model import HuberRegressor
    from sklearn.linear_model import LinearRegression as SkLinearRegression
    from sklearn.model_selection import train_test_split

    from hackml.datasets import load_diabetes
    from hackml.linear_model import LinearRegression

    X, y = load_diabetes(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)
    rows = []
    for label, ours, ref in [
        ("LinearRegression (squared)", LinearRegression(), SkLinearRegression()),
        ("LinearRegression (huber)", LinearRegression(loss="huber", penalty="l2", alpha=1e-4),
         HuberRegressor(epsilon=1.35, alpha=1e-4 * len(ytr), max_iter=1000)),
    ]:
        t0 = time.perf_counter()
        ours.fit(Xtr, ytr)
        seconds = time.perf_counter() - t0
        ref.fit(Xtr, ytr)
        rows.append({
            "family": "linear_model", "model": label, "data": "diabetes (25% held out)",
            "metric": "test R2", "hackml": float(ours.score(Xte, yte)),
            "reference": float(ref.score(Xte, yte)), "seconds": seconds,
        })
    return rows


