"""Naive Bayes against scikit-learn on real data, partial_fit, weights and bad input."""

import numpy as np
import pytest
from sklearn import naive_bayes as sk
from sklearn.model_selection import train_test_split

from hackml.datasets import load_breast_cancer, load_digits, load_iris, load_wine
from hackml.naive_bayes import BernoulliNB, GaussianNB, MultinomialNB

LOADERS = [load_iris, load_wine, load_breast_cancer, load_digits]


def _split(load):
    X, y = load(return_X_y=True)
    return train_test_split(X, y, test_size=0.3, random_state=0)


def _pairs(X):
    thr = float(np.median(X))
    return [
        (GaussianNB(), sk.GaussianNB()),
        (MultinomialNB(alpha=0.5), sk.MultinomialNB(alpha=0.5)),
        (BernoulliNB(binarize=thr), sk.BernoulliNB(binarize=thr)),
    ]


@pytest.mark.parametrize("load", LOADERS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("weighted", [False, True])
def test_probabilities_equal_sklearn(load, weighted):
    Xtr, Xte, ytr, _ = _split(load)
    sw = np.random.default_rng(1).uniform(0.1, 3.0, len(ytr)) if weighted else None
    for ours, ref in _pairs(Xtr):
        p = ours.fit(Xtr, ytr, sample_weight=sw).predict_proba(Xte)
        q = ref.fit(Xtr, ytr, sample_weight=sw).predict_proba(Xte)
        np.testing.assert_allclose(p, q, rtol=0, atol=1e-8, err_msg=type(ours).__name__)
        np.testing.assert_array_equal(ours.predict(Xte), ref.predict(Xte))
        lp, lq = ours.predict_log_proba(Xte), ref.predict_log_proba(Xte)
        finite = np.isfinite(lq) & (lq > -700)
        np.testing.assert_allclose(lp[finite], lq[finite], rtol=1e-8, atol=1e-8)


@pytest.mark.parametrize("cls", [GaussianNB, MultinomialNB, BernoulliNB])
def test_partial_fit_in_batches_equals_one_fit(cls):
    X, y = load_digits(return_X_y=True)
    whole = cls().fit(X, y)
    inc = cls()
    for part in np.array_split(np.arange(len(y)), 4):  # first batch holds few classes
        inc.partial_fit(X[part], y[part], classes=np.arange(10))
    np.testing.assert_allclose(inc.predict_proba(X), whole.predict_proba(X), atol=1e-10)


def test_gaussian_partial_fit_close_to_sklearn():
    X, y = load_wine(return_X_y=True)
    ours, ref = GaussianNB(), sk.GaussianNB()
    for part in np.array_split(np.random.default_rng(0).permutation(len(y)), 3):
        ours.partial_fit(X[part], y[part], classes=[0, 1, 2])
        ref.partial_fit(X[part], y[part], classes=[0, 1, 2])
    # scikit-learn recomputes epsilon from each batch; we use all rows seen (as fit does)
    np.testing.assert_allclose(ours.theta_, ref.theta_, rtol=1e-12)
    np.testing.assert_allclose(ours.var_, ref.var_, rtol=1e-3)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))


def test_integer_weights_equal_repeated_rows():
    X, y = load_iris(return_X_y=True)
    w = np.random.default_rng(0).integers(0, 4, len(y))
    rep = np.repeat(np.arange(len(y)), w)
    for cls in (GaussianNB, MultinomialNB, BernoulliNB):
        a = cls().fit(X, y, sample_weight=w).predict_proba(X)
        b = cls().fit(X[rep], y[rep]).predict_proba(X)
        np.testing.assert_allclose(a, b, atol=1e-10, err_msg=cls.__name__)


def test_string_labels():
    X, y = load_iris(return_X_y=True)
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    for cls in (GaussianNB, MultinomialNB, BernoulliNB):
        model = cls().fit(X, names)
        assert set(model.predict(X)) <= set(names)
        np.testing.assert_array_equal(model.classes_, names[[0, 50, 100]])
        inc = cls().partial_fit(X[:60], names[:60], classes=list(names[[0, 50, 100]]))
        inc.partial_fit(X[60:], names[60:])
        np.testing.assert_allclose(inc.predict_proba(X), model.predict_proba(X), atol=1e-10)


def test_known_answer_multinomial():
    # two classes, two words; alpha=1: theta_0 = (3+1, 1+1)/6, theta_1 = (1, 3)/6 ... by hand
    X = np.array([[3.0, 1.0], [0.0, 2.0]])
    nb = MultinomialNB(alpha=1.0, fit_prior=False).fit(X, [0, 1])
    np.testing.assert_allclose(np.exp(nb.feature_log_prob_), [[4 / 6, 2 / 6], [1 / 4, 3 / 4]])
    odds = (4 / 6) / (1 / 4)  # one occurrence of word 0
    np.testing.assert_allclose(nb.predict_proba([[1.0, 0.0]])[0, 0], odds / (1 + odds))


@pytest.mark.parametrize("cls", [GaussianNB, MultinomialNB, BernoulliNB])
def test_partial_fit_errors(cls):
    X, y = load_iris(return_X_y=True)
    with pytest.raises(ValueError, match="classes must be passed on the first call"):
        cls().partial_fit(X, y)
    model = cls().partial_fit(X[:100], y[:100], classes=[0, 1, 2])
    with pytest.raises(ValueError, match=r"y contains labels \[7\] that are not in classes"):
        model.partial_fit(X[:5], np.full(5, 7))
    with pytest.raises(ValueError, match=r"classes=.* differs"):
        model.partial_fit(X[:5], y[:5], classes=[0, 1, 2, 3])
    with pytest.raises(ValueError, match="features"):
        model.partial_fit(X[:5, :3], y[:5])


@pytest.mark.parametrize("cls", [GaussianNB, MultinomialNB, BernoulliNB])
def test_bad_input(cls):
    X, y = load_iris(return_X_y=True)
    Xn = X.copy()
    Xn[3, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        cls().fit(Xn, y)
    with pytest.raises(ValueError, match="sample_weight"):
        cls().fit(X, y, sample_weight=np.ones(3))
    with pytest.raises(ValueError, match="Unknown label type"):
        cls().fit(X, np.linspace(0, 1, len(y)))
    model = cls().fit(X[:1], y[:1])  # one sample: one class, certain predictions
    np.testing.assert_array_equal(model.predict(X[:3]), [0, 0, 0])


def test_bad_parameters():
    X, y = load_iris(return_X_y=True)
    with pytest.raises(ValueError, match="var_smoothing must be >= 0"):
        GaussianNB(var_smoothing=-1).fit(X, y)
    with pytest.raises(ValueError, match="priors must have one entry per class"):
        GaussianNB(priors=[0.5, 0.5]).fit(X, y)
    with pytest.raises(ValueError, match="sum to 1"):
        GaussianNB(priors=[0.5, 0.5, 0.5]).fit(X, y)
    with pytest.raises(ValueError, match="alpha must be >= 0"):
        MultinomialNB(alpha=-1).fit(X, y)
    with pytest.raises(ValueError, match="Negative values in data passed to MultinomialNB: X must"):
        MultinomialNB().fit(X - 10, y)
    with pytest.raises(ValueError, match="class_prior must have one entry"):
        BernoulliNB(class_prior=[1.0]).fit(X, y)
