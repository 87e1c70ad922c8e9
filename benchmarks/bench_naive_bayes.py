"""Bayes classifiers: fit and predict on 1M x 20 synthetic rows (``make_classification``,
3 classes). GaussianNB: scikit-learn loops over classes with boolean masks and evaluates
the likelihood with NumPy broadcasts; ours gathers all class moments in one compiled pass
and scores in a parallel compiled kernel. The full Gaussian Bayes classifier is timed
against QuadraticDiscriminantAnalysis (same objective) on 200k x 20."""

from __future__ import annotations

from sklearn.datasets import make_classification
from sklearn.discriminant_analysis import QuadraticDiscriminantAnalysis
from sklearn.naive_bayes import GaussianNB as SkGaussianNB

from hackml.bench.harness import Case
from hackml.naive_bayes import GaussianBayesClassifier, GaussianNB

TITLE = "Bayes classifiers"


def _setup(n, d):
    def setup():
        X, y = make_classification(
            n_samples=n, n_features=d, n_informative=10, n_redundant=0, n_classes=3, random_state=0
        )
        return {"X": X, "y": y}

    return setup


def _train_accuracy(result, data):
    _, pred = result
    return float((pred == data["y"]).mean())


def _fit_predict(make):
    def run(X, y):
        model = make().fit(X, y)
        return model, model.predict(X)

    return run


def cases(quick: bool = False) -> list[Case]:
    n = 100_000 if quick else 1_000_000
    m = 20_000 if quick else 200_000
    return [
        Case(
            name="GaussianNB fit + predict",
            size=f"{n} x 20, 3 classes",
            setup=_setup(n, 20),
            ours=_fit_predict(GaussianNB),
            reference=_fit_predict(SkGaussianNB),
            reference_name="scikit-learn",
            quality=_train_accuracy,
            metric="train accuracy",
            repeats=3,
        ),
        Case(
            name="GaussianBayesClassifier(full) fit + predict",
            size=f"{m} x 20, 3 classes",
            setup=_setup(m, 20),
            ours=_fit_predict(lambda: GaussianBayesClassifier(var_smoothing=0.0)),
            reference=_fit_predict(QuadraticDiscriminantAnalysis),
            reference_name="scikit-learn QDA",
            quality=_train_accuracy,
            metric="train accuracy",
            repeats=3,
        ),
    ]
