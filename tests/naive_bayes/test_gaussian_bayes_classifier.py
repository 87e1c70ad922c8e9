"""The Gaussian Bayes classifier against scikit-learn's QDA and LDA on real data."""

import numpy as np
import pytest
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis as LDA
from sklearn.discriminant_analysis import QuadraticDiscriminantAnalysis as QDA
from sklearn.model_selection import train_test_split

from hackml.datasets import load_breast_cancer, load_digits, load_iris, load_wine
from hackml.naive_bayes import GaussianBayesClassifier


def _split(load, drop_constant=False):
    X, y = load(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=0)
    if drop_constant:  # digits: pixels that never vary make every covariance singular
        keep = Xtr.std(axis=0) > 0
        Xtr, Xte = Xtr[:, keep], Xte[:, keep]
    return Xtr, Xte, ytr, yte


@pytest.mark.parametrize(
    ("load", "reg"),
    [(load_iris, 0.0), (load_wine, 0.0), (load_breast_cancer, 0.0), (load_digits, 0.1)],
    ids=["iris", "wine", "breast_cancer", "digits"],
)
def test_full_equals_qda(load, reg):
    Xtr, Xte, ytr, _ = _split(load)
    ours = GaussianBayesClassifier(covariance="full", reg_param=reg, var_smoothing=0.0)
    ref = QDA(reg_param=reg, tol=1e-15)
    ours.fit(Xtr, ytr)
    ref.fit(Xtr, ytr)
    np.testing.assert_array_equal(ours.predict(Xte), ref.predict(Xte))
    np.testing.assert_allclose(ours.predict_proba(Xte), ref.predict_proba(Xte), atol=1e-8)


@pytest.mark.parametrize("load", [load_iris, load_wine, load_breast_cancer, load_digits])
@pytest.mark.parametrize("solver", ["svd", "lsqr"])
def test_tied_equals_lda(load, solver):
    Xtr, Xte, ytr, _ = _split(load, drop_constant=True)
    ours = GaussianBayesClassifier(covariance="tied", var_smoothing=0.0).fit(Xtr, ytr)
    ref = (
        LDA(solver=solver, tol=1e-15).fit(Xtr, ytr)
        if solver == "svd"
        else LDA(solver=solver).fit(Xtr, ytr)
    )
    np.testing.assert_array_equal(ours.predict(Xte), ref.predict(Xte))
    np.testing.assert_allclose(ours.predict_proba(Xte), ref.predict_proba(Xte), atol=1e-8)


def test_closed_forms_match_the_gaussian_log_density():
    from scipy.stats import multivariate_normal

    X, y = load_wine(return_X_y=True)
    for cov in ("full", "tied"):
        model = GaussianBayesClassifier(covariance=cov).fit(X, y)
        jll = model.predict_joint_log_proba(X[:20])
        for c in range(3):
            S = model.covariance_[c] if cov == "full" else model.covariance_
            ref = multivariate_normal(model.means_[c], S).logpdf(X[:20])
            np.testing.assert_allclose(jll[:, c], ref + np.log(model.class_prior_[c]), rtol=1e-9)
    full = GaussianBayesClassifier(covariance="full").fit(X, y)
    quad = np.einsum("ij,cjk,ik->ic", X, full.quadratic_, X) + X @ full.coef_.T + full.intercept_
    np.testing.assert_allclose(quad, full.predict_joint_log_proba(X), rtol=1e-7)


def test_weights_and_string_labels():
    X, y = load_iris(return_X_y=True)
    names = np.array(["a", "b", "c"])[y]
    w = np.random.default_rng(0).integers(0, 3, len(y))
    rep = np.repeat(np.arange(len(y)), w)
    for cov in ("full", "tied"):
        a = GaussianBayesClassifier(covariance=cov).fit(X, names, sample_weight=w)
        b = GaussianBayesClassifier(covariance=cov).fit(X[rep], names[rep])
        np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X), atol=1e-9)
        assert set(a.predict(X)) <= {"a", "b", "c"}


def test_bad_input():
    X, y = load_digits(return_X_y=True)
    with pytest.raises(ValueError, match="covariance of class 0 is singular"):
        GaussianBayesClassifier(var_smoothing=0.0).fit(X, y)
    with pytest.raises(ValueError, match="covariance must be one of"):
        GaussianBayesClassifier(covariance="diag").fit(X, y)
    with pytest.raises(ValueError, match="reg_param must be <= 1"):
        GaussianBayesClassifier(reg_param=2.0).fit(X, y)
    with pytest.raises(ValueError, match="too little for a covariance with ddof=1"):
        GaussianBayesClassifier(ddof=1).fit(X[:11], np.r_[y[:10], 99])
    with pytest.raises(ValueError, match="NaN"):
        GaussianBayesClassifier().fit(np.where(X == 3, np.nan, X), y)
