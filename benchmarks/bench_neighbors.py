"""k-nearest neighbours: predict of 10k queries against 50k training rows of 40 features
(``make_classification``, 10 informative features), k=5, uniform votes. Brute force:
scikit-learn's OpenMP ``ArgKmin`` against our cache-sized BLAS tiles with candidate heaps;
KD-tree: scikit-learn's Cython tree against our numba tree. Fitting (storing the data and
building the tree) is outside the timing. At 40 features a KD-tree prunes little: both
libraries' trees are slower than brute force there, so ``algorithm="auto"`` takes brute
force above 15 features. A low-dimensional row (8 features) shows where the tree pays."""

from __future__ import annotations

from sklearn import neighbors as sk
from sklearn.datasets import make_classification

from hackml.bench.harness import Case, accuracy
from hackml.neighbors import KNeighborsClassifier

TITLE = "Nearest neighbours"


def _data(n_fit, n_query, n_features):
    def setup():
        X, y = make_classification(
            n_samples=n_fit + n_query,
            n_features=n_features,
            n_informative=min(10, n_features),
            n_redundant=0,
            random_state=0,
        )
        X_train, y_train, X_test, y_test = X[:n_fit], y[:n_fit], X[n_fit:], y[n_fit:]
        return {
            "ours": KNeighborsClassifier(n_neighbors=5),
            "X_train": X_train,
            "y_train": y_train,
            "X_test": X_test,
            "y_test": y_test,
        }

    return setup


def _case(algorithm, n_fit, n_query, n_features, quick):
    if quick:
        n_fit, n_query = n_fit // 10, n_query // 10
    setup = _data(n_fit, n_query, n_features)
    fitted = {}

    def ours(X_train, y_train, X_test, **_):
        key = ("ours", id(X_train))
        if key not in fitted:
            fitted[key] = KNeighborsClassifier(n_neighbors=5, algorithm=algorithm).fit(
                X_train, y_train
            )
        fitted[key].predict(X_test)
        return fitted[key]

    def reference(X_train, y_train, X_test, **_):
        key = ("ref", id(X_train))
        if key not in fitted:
            fitted[key] = sk.KNeighborsClassifier(n_neighbors=5, algorithm=algorithm).fit(
                X_train, y_train
            )
        fitted[key].predict(X_test)
        return fitted[key]

    return Case(
        name=f"KNeighborsClassifier predict, {algorithm}",
        size=f"{n_query} queries vs {n_fit} x {n_features}, k=5",
        setup=setup,
        ours=ours,
        reference=reference,
        reference_name="scikit-learn",
        quality=accuracy,
        metric="accuracy",
        repeats=3,
    )


def cases(quick: bool = False) -> list[Case]:
    return [
        _case("brute", 50_000, 10_000, 40, quick),
        _case("kd_tree", 50_000, 10_000, 40, quick),
        _case("kd_tree", 50_000, 10_000, 8, quick),
    ]
