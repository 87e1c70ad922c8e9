"""DecisionTreeClassifier grown to full depth (default settings) on make_classification
(50k x 40, 20 informative; 25% held out), against scikit-learn's DecisionTreeClassifier;
and a user-written gini (a plain Python function compiled by the tree) against the
built-in gini on the same data (the "reference" column of that row is hackml's built-in).
Both grow with random_state=0; held-out accuracy is the quality column."""

from __future__ import annotations

from hackml.bench.harness import Case, accuracy

TITLE = "Decision trees (hackml.tree)"


def user_gini(counts, total):
    sq = 0.0
    for k in range(counts.shape[0]):
        sq += counts[k] * counts[k]
    return 1.0 - sq / (total * total)


def _data(n=50_000):
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    X, y = make_classification(n_samples=n, n_features=40, n_informative=20, random_state=0)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)
    return {"X": Xtr, "y": ytr, "X_test": Xte, "y_test": yte}


def cases(quick: bool = False) -> list[Case]:
    from sklearn.tree import DecisionTreeClassifier as SkTree

    from hackml.tree import DecisionTreeClassifier

    n = 5_000 if quick else 50_000

    def ours(X, y, **_):
        return DecisionTreeClassifier(random_state=0).fit(X, y)

    def ours_user(X, y, **_):
        return DecisionTreeClassifier(criterion=user_gini, random_state=0).fit(X, y)

    def ref(X, y, **_):
        return SkTree(random_state=0).fit(X, y)

    size = f"{n} x 40 (75% train)"
    return [
        Case(
            "DecisionTreeClassifier fit, gini, full depth",
            size,
            lambda: _data(n),
            ours,
            ref,
            "scikit-learn",
            accuracy,
            "held-out accuracy",
        ),
        Case(
            "DecisionTreeClassifier fit, user-written gini vs built-in gini",
            size,
            lambda: _data(n),
            ours_user,
            ours,
            "hackml built-in gini",
            accuracy,
            "held-out accuracy",
            note="goal: within 1.2x",
        ),
    ]
