"""Tour section: the Bayes classifiers on real data, against scikit-learn."""

from __future__ import annotations

import time


def run() -> list[dict]:
    from sklearn import naive_bayes as sk
    from sklearn.discriminant_analysis import (
        LinearDiscriminantAnalysis,
        QuadraticDiscriminantAnalysis,
    )
    from sklearn.model_selection import train_test_split

    from hackml.datasets import load_breast_cancer, load_digits
    from hackml.naive_bayes import BernoulliNB, GaussianBayesClassifier, GaussianNB, MultinomialNB

    rows = []
    X, y = load_digits(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)
    for label, ours, ref in [
        ("GaussianNB", GaussianNB(), sk.GaussianNB()),
        ("MultinomialNB", MultinomialNB(), sk.MultinomialNB()),
        ("BernoulliNB (x > 4)", BernoulliNB(binarize=4.0), sk.BernoulliNB(binarize=4.0)),
        (
            "GaussianBayesClassifier (full, reg 0.1)",
            GaussianBayesClassifier(reg_param=0.1, var_smoothing=0.0),
            QuadraticDiscriminantAnalysis(reg_param=0.1),
        ),
    ]:
        t0 = time.perf_counter()
        acc = float(ours.fit(Xtr, ytr).score(Xte, yte))
        rows.append(
            {
                "family": "naive_bayes",
                "model": label,
                "data": "digits (25% held out)",
                "metric": "test accuracy",
                "hackml": acc,
                "reference": float(ref.fit(Xtr, ytr).score(Xte, yte)),
                "seconds": time.perf_counter() - t0,
            }
        )

    X, y = load_breast_cancer(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)
    for label, ours, ref in [
        (
            "GaussianBayesClassifier (full)",
            GaussianBayesClassifier(var_smoothing=0.0),
            QuadraticDiscriminantAnalysis(tol=1e-15),
        ),
        (
            "GaussianBayesClassifier (tied)",
            GaussianBayesClassifier(covariance="tied", var_smoothing=0.0),
            LinearDiscriminantAnalysis(tol=1e-15),
        ),
    ]:
        t0 = time.perf_counter()
        acc = float(ours.fit(Xtr, ytr).score(Xte, yte))
        rows.append(
            {
                "family": "naive_bayes",
                "model": label,
                "data": "breast cancer (25% held out)",
                "metric": "test accuracy",
                "hackml": acc,
                "reference": float(ref.fit(Xtr, ytr).score(Xte, yte)),
                "seconds": time.perf_counter() - t0,
            }
        )
    return rows
