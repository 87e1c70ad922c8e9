"""Tour section: decision trees with built-in and user-written criteria on real data."""

from __future__ import annotations

import time


def _costly_gini(counts, total):
    # gini in which an impure malignant (class 0) share costs three times as much
    p0, p1 = counts[0] / total, counts[1] / total
    return 3.0 * p0 * (1.0 - p0) + p1 * (1.0 - p1)


def run() -> list[dict]:
    import numpy as np
    from sklearn import tree as sk
    from sklearn.feature_selection import SelectFromModel
    from sklearn.model_selection import train_test_split

    from hackml.datasets import load_breast_cancer, load_diabetes, load_digits
    from hackml.tree import DecisionTreeClassifier, DecisionTreeRegressor
    from hackml.tree.criteria import make_tsallis

    rows = []

    def row(model, data, metric, ours, ref, seconds):
        rows.append(
            {
                "family": "tree",
                "model": model,
                "data": data,
                "metric": metric,
                "hackml": float(ours),
                "reference": None if ref is None else float(ref),
                "seconds": seconds,
            }
        )

    X, y = load_digits(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=0, stratify=y)
    for label, crit, ref_crit in [
        ("gini", "gini", "gini"),
        ("entropy", "entropy", "entropy"),
        ("Tsallis q=3 (user)", make_tsallis(3.0), None),
    ]:
        t0 = time.perf_counter()
        ours = DecisionTreeClassifier(criterion=crit, random_state=0).fit(Xtr, ytr)
        seconds = time.perf_counter() - t0
        ref = None
        if ref_crit:
            ref = sk.DecisionTreeClassifier(criterion=ref_crit, random_state=0).fit(Xtr, ytr)
            ref = ref.score(Xte, yte)
        row(
            f"DecisionTreeClassifier ({label})",
            "digits (25% held out)",
            "test accuracy",
            ours.score(Xte, yte),
            ref,
            seconds,
        )

    X, y = load_breast_cancer(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=0, stratify=y)
    t0 = time.perf_counter()
    costly = DecisionTreeClassifier(criterion=_costly_gini, max_depth=4, random_state=0)
    costly.fit(Xtr, ytr)
    seconds = time.perf_counter() - t0
    plain = DecisionTreeClassifier(max_depth=4, random_state=0).fit(Xtr, ytr)
    recall = [float(np.mean(m.predict(Xte)[yte == 0] == 0)) for m in (costly, plain)]
    row(
        "DecisionTreeClassifier (cost-weighted gini, user)",
        "breast cancer (25% held out)",
        "malignant recall (ref: plain gini)",
        recall[0],
        recall[1],
        seconds,
    )
    path = DecisionTreeClassifier(random_state=0).cost_complexity_pruning_path(Xtr, ytr)
    alpha = float(path.ccp_alphas[-3])
    t0 = time.perf_counter()
    pruned = DecisionTreeClassifier(ccp_alpha=alpha, random_state=0).fit(Xtr, ytr)
    seconds = time.perf_counter() - t0
    ref = sk.DecisionTreeClassifier(ccp_alpha=alpha, random_state=0).fit(Xtr, ytr)
    row(
        f"DecisionTreeClassifier (ccp_alpha={alpha:.3g})",
        "breast cancer (25% held out)",
        "test accuracy",
        pruned.score(Xte, yte),
        ref.score(Xte, yte),
        seconds,
    )
    t0 = time.perf_counter()
    selector = SelectFromModel(DecisionTreeClassifier(max_depth=4, random_state=0))
    selector.fit(Xtr, ytr)
    seconds = time.perf_counter() - t0
    row(
        "SelectFromModel(DecisionTreeClassifier)",
        "breast cancer",
        "features kept of 30",
        selector.get_support().sum(),
        None,
        seconds,
    )

    X, y = load_diabetes(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=0)
    for crit in ["squared_error", "absolute_error"]:
        t0 = time.perf_counter()
        ours = DecisionTreeRegressor(criterion=crit, max_depth=4, random_state=0).fit(Xtr, ytr)
        seconds = time.perf_counter() - t0
        ref = sk.DecisionTreeRegressor(criterion=crit, max_depth=4, random_state=0)
        row(
            f"DecisionTreeRegressor ({crit}, depth 4)",
            "diabetes (25% held out)",
            "test R2",
            ours.score(Xte, yte),
            ref.fit(Xtr, ytr).score(Xte, yte),
            seconds,
        )
    return rows
