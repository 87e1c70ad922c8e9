"""Ensembles on ``make_classification`` (50,000 x 40, 20 informative, 75/25 split).

Random forest: 100 trees, ``max_features="sqrt"``, ``n_jobs=2`` on both sides (hackml grows
its compiled trees in joblib worker processes). AdaBoost: 100 SAMME rounds of depth-1
stumps (hackml's stump against scikit-learn's). Histogram gradient boosting: 100 rounds,
no early stopping, defaults otherwise (31 leaves, 255 bins, learning rate 0.1); both are
multithreaded (scikit-learn with OpenMP, hackml with numba's parallel loops over features,
whose default threading layer here is also OpenMP). Quality: held-out accuracy. The forest
and AdaBoost cases run one timed repeat after the warm-up (each takes tens of seconds on a
shared 2-core machine); gradient boosting runs five. On a loaded machine any OpenMP code
(both gradient boostings) can stall for a scheduler time slice per parallel region, so
single fits swing from 0.5 s to tens of seconds; the median of five is the fair number.
The regression forest runs on ``make_regression`` (25,000 x 40, noise 10), one repeat;
quality: held-out R2.
"""

from __future__ import annotations

from sklearn.datasets import make_classification, make_regression
from sklearn.ensemble import AdaBoostClassifier as SkAdaBoost
from sklearn.ensemble import HistGradientBoostingClassifier as SkHGB
from sklearn.ensemble import RandomForestClassifier as SkForest
from sklearn.ensemble import RandomForestRegressor as SkForestRegressor
from sklearn.model_selection import train_test_split

from hackml.bench import Case
from hackml.bench.harness import accuracy
from hackml.ensemble import (
    AdaBoostClassifier,
    HistGradientBoostingClassifier,
    RandomForestClassifier,
    RandomForestRegressor,
)

TITLE = "ensemble"


def _data(n, p):
    def setup():
        X, y = make_classification(n_samples=n, n_features=p, n_informative=p // 2, random_state=0)
        Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=0)
        return {"X": Xtr, "y": ytr, "X_test": Xte, "y_test": yte}

    return setup


def _regression_data(n, p):
    def setup():
        X, y = make_regression(
            n_samples=n, n_features=p, n_informative=p // 2, noise=10.0, random_state=0
        )
        Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=0)
        return {"X": Xtr, "y": ytr, "X_test": Xte, "y_test": yte}

    return setup


def _r2(model, data):
    return float(model.score(data["X_test"], data["y_test"]))


def _fit(make):
    def run(X, y, **_):
        return make().fit(X, y)

    return run


def cases(quick: bool = False) -> list[Case]:
    n, p = (5_000, 20) if quick else (50_000, 40)
    size = f"{n} x {p}"
    setup = _data(n, p)
    return [
        Case(
            name="RandomForestClassifier (100 trees, n_jobs=2)",
            size=size,
            setup=setup,
            ours=_fit(lambda: RandomForestClassifier(n_estimators=100, n_jobs=2, random_state=0)),
            reference=_fit(lambda: SkForest(n_estimators=100, n_jobs=2, random_state=0)),
            reference_name="sklearn RandomForestClassifier",
            quality=accuracy,
            metric="test accuracy",
            repeats=1,
        ),
        Case(
            name="AdaBoostClassifier (100 stumps, SAMME)",
            size=size,
            setup=setup,
            ours=_fit(lambda: AdaBoostClassifier(n_estimators=100, random_state=0)),
            reference=_fit(lambda: SkAdaBoost(n_estimators=100, random_state=0)),
            reference_name="sklearn AdaBoostClassifier",
            quality=accuracy,
            metric="test accuracy",
            repeats=1,
        ),
        Case(
            name="HistGradientBoostingClassifier (100 rounds)",
            size=size,
            setup=setup,
            ours=_fit(
                lambda: HistGradientBoostingClassifier(
                    max_iter=100, early_stopping=False, random_state=0
                )
            ),
            reference=_fit(lambda: SkHGB(max_iter=100, early_stopping=False, random_state=0)),
            reference_name="sklearn HistGradientBoostingClassifier",
            quality=accuracy,
            metric="test accuracy",
            repeats=5,
        ),
        Case(
            name="RandomForestRegressor (100 trees, max_features=1/3, n_jobs=2)",
            size=f"{n // 2} x {p}",
            setup=_regression_data(n // 2, p),
            ours=_fit(
                lambda: RandomForestRegressor(
                    n_estimators=100, max_features=1 / 3, n_jobs=2, random_state=0
                )
            ),
            reference=_fit(
                lambda: SkForestRegressor(
                    n_estimators=100, max_features=1 / 3, n_jobs=2, random_state=0
                )
            ),
            reference_name="sklearn RandomForestRegressor",
            quality=_r2,
            metric="test R2",
            repeats=1,
        ),
    ]
