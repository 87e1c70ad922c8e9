"""hackml's linear models against scikit-learn on synthetic data of the issue's sizes.

Both sides solve the same objective (our ``alpha`` converted to scikit-learn's ``C`` or
``alpha`` as each model's docstring states) to the same tolerance; the quality column is
the objective value in hackml's convention (mean loss + penalty; lower is better), or the
held-out accuracy for the one-epoch online case. Data are Gaussian features with a
planted linear model (seeded), so sizes are exact and nothing is downloaded. BLAS runs
with its default threads on both sides; on a loaded machine threaded BLAS slows both sides
by large, uneven factors, so compare ratios only from a quiet run (see BENCHMARKS.md).
"""

from __future__ import annotations

import warnings

import numpy as np

from hackml.bench import Case

TITLE = "Linear models"


def _regression(n, p, seed, sparse=False):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    coef = rng.normal(size=p)
    if sparse:
        coef[rng.permutation(p)[: int(0.9 * p)]] = 0.0
    y = X @ coef + 0.5 * rng.normal(size=n)
    return X, y


def _classification(n, p, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    coef = rng.normal(size=p) / np.sqrt(p)
    y = (X @ coef + 0.3 * rng.logistic(size=n) > 0).astype(int)
    return X, y


# -- logistic regression -------------------------------------------------------------------
def _logistic_case(quick):
    n, p = (20_000, 50) if quick else (100_000, 100)
    C = 1.0

    def setup():
        X, y = _classification(n, p, 0)
        return {"X": X, "y": y}

    def ours(X, y):
        from hackml.linear_model import LogisticRegression

        return LogisticRegression(alpha=1 / (C * len(y)), tol=1e-6).fit(X, y)

    def reference(X, y):
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=C, tol=1e-6, max_iter=1000).fit(X, y)

    def objective(model, data):
        from scipy.special import log_expit

        X, y = data["X"], data["y"]
        raw = X @ model.coef_[0] + model.intercept_[0]
        loss = -log_expit(raw) + (1 - y) * raw
        return float(loss.mean() + 0.5 / (C * len(y)) * model.coef_[0] @ model.coef_[0])

    return Case(
        name="LogisticRegression (lbfgs, L2)",
        size=f"{n} x {p}",
        setup=setup,
        ours=ours,
        reference=reference,
        reference_name="sklearn LogisticRegression(lbfgs)",
        quality=objective,
        metric="objective",
        repeats=3,
        note="tol=1e-6 both",
    )


# -- ridge ---------------------------------------------------------------------------------
def _ridge_case(quick):
    n, p = (50_000, 100) if quick else (200_000, 200)
    alpha = 1e-3

    def setup():
        X, y = _regression(n, p, 1)
        return {"X": X, "y": y}

    def ours(X, y):
        from hackml.linear_model import Ridge

        return Ridge(alpha=alpha).fit(X, y)

    def reference(X, y):
        from sklearn.linear_model import Ridge

        return Ridge(alpha=alpha * len(y)).fit(X, y)

    def objective(model, data):
        r = data["y"] - data["X"] @ model.coef_ - model.intercept_
        return float(0.5 * np.mean(r**2) + 0.5 * alpha * model.coef_ @ model.coef_)

    return Case(
        name="Ridge (closed form)",
        size=f"{n} x {p}",
        setup=setup,
        ours=ours,
        reference=reference,
        reference_name="sklearn Ridge(auto=cholesky)",
        quality=objective,
        metric="objective",
        repeats=3,
    )


# -- lasso and elastic net -----------------------------------------------------------------
def _enet_case(quick, l1_ratio):
    """Lasso (``l1_ratio=1``) or ElasticNet: the same objective and stopping rule both sides."""
    n, p = (10_000, 200) if quick else (50_000, 500)
    alpha = 0.05
    name = "Lasso" if l1_ratio == 1.0 else "ElasticNet"
    kwargs = {} if l1_ratio == 1.0 else {"l1_ratio": l1_ratio}

    def setup():
        X, y = _regression(n, p, 2, sparse=True)
        return {"X": X, "y": y}

    def ours(X, y):
        from hackml import linear_model

        return getattr(linear_model, name)(alpha=alpha, tol=1e-4, **kwargs).fit(X, y)

    def reference(X, y):
        from sklearn import linear_model

        return getattr(linear_model, name)(alpha=alpha, tol=1e-4, **kwargs).fit(X, y)

    def objective(model, data):
        r = data["y"] - data["X"] @ model.coef_ - model.intercept_
        w = model.coef_
        penalty = alpha * (l1_ratio * np.abs(w).sum() + 0.5 * (1 - l1_ratio) * w @ w)
        return float(0.5 * np.mean(r**2) + penalty)

    return Case(
        name=f"{name} (coordinate descent, one path point)",
        size=f"{n} x {p}",
        setup=setup,
        ours=ours,
        reference=reference,
        reference_name=f"sklearn {name}",
        quality=objective,
        metric="objective",
        repeats=3,
        note=f"same alpha{', l1_ratio' if kwargs else ''}, tol=1e-4 duality-gap rule both",
    )


# -- passive-aggressive, one epoch ---------------------------------------------------------
def _pa_case(quick):
    n, p = (200_000, 50) if quick else (1_000_000, 50)

    def setup():
        X, y = _classification(n + 50_000, p, 3)
        return {"X": X[:n], "y": y[:n], "X_test": X[n:], "y_test": y[n:]}

    def ours(X, y, **_):
        from hackml.linear_model import PassiveAggressiveClassifier

        return PassiveAggressiveClassifier(C=0.01, max_iter=1, tol=None, shuffle=False).fit(X, y)

    def reference(X, y, **_):
        from sklearn.linear_model import PassiveAggressiveClassifier

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # deprecated in scikit-learn 1.8
            return PassiveAggressiveClassifier(C=0.01, max_iter=1, tol=None, shuffle=False).fit(
                X, y
            )

    def accuracy(model, data):
        return float(np.mean(model.predict(data["X_test"]) == data["y_test"]))

    return Case(
        name="PassiveAggressiveClassifier (PA-I, one epoch)",
        size=f"{n} x {p}",
        setup=setup,
        ours=ours,
        reference=reference,
        reference_name="sklearn PassiveAggressiveClassifier",
        quality=accuracy,
        metric="held-out accuracy",
        repeats=3,
        note="identical updates (no shuffle); scikit-learn deprecated its class in 1.8",
    )


def cases(quick: bool = False) -> list[Case]:
    return [
        _logistic_case(quick),
        _ridge_case(quick),
        _enet_case(quick, 1.0),
        _enet_case(quick, 0.5),
        _pa_case(quick),
    ]
