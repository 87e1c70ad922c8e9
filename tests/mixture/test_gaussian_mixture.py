"""GaussianMixture: same EM path as scikit-learn, monotone likelihood, weights, bad input."""

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture as SkGaussianMixture

from hackml.datasets import load_iris, load_wine
from hackml.mixture import GaussianMixture

KINDS = ["full", "tied", "diag", "spherical"]


@pytest.fixture(scope="module")
def wine():
    X = load_wine().data
    return (X - X.mean(0)) / X.std(0)


def _start(X, kind, k=3):
    """Initial parameters: one scikit-learn EM step from its k-means start."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        sk = SkGaussianMixture(k, covariance_type=kind, max_iter=1, tol=0, random_state=0)
        sk.fit(X)
    return {"weights_init": sk.weights_, "means_init": sk.means_, "precisions_init": sk.precisions_}


@pytest.mark.parametrize("data", ["iris", "wine"])
@pytest.mark.parametrize("kind", KINDS)
def test_same_parameters_as_sklearn_from_same_start(wine, data, kind):
    X = load_iris().data if data == "iris" else wine
    init = _start(X, kind)
    ours = GaussianMixture(n_components=3, covariance_type=kind, max_iter=40, tol=0, **init)
    ref = SkGaussianMixture(3, covariance_type=kind, max_iter=40, tol=0, **init)
    ours.fit(X)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ref.fit(X)
    for name in ["weights_", "means_", "covariances_", "precisions_", "precisions_cholesky_"]:
        np.testing.assert_allclose(
            getattr(ours, name), getattr(ref, name), rtol=1e-6, atol=1e-9, err_msg=name
        )
    np.testing.assert_allclose(ours.score_samples(X), ref.score_samples(X), rtol=1e-6)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-6)
    assert ours.bic(X) == pytest.approx(ref.bic(X), rel=1e-6)
    assert ours.aic(X) == pytest.approx(ref.aic(X), rel=1e-6)
    # scikit-learn's lower bound lags one step behind: it is our history's last-but-one
    assert -ours.objective_history_[-2] == pytest.approx(ref.lower_bound_, rel=1e-8)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("init_params", ["kmeans", "k-means++", "random", "random_from_data"])
def test_log_likelihood_never_decreases(wine, kind, init_params):
    gm = GaussianMixture(
        n_components=4,
        covariance_type=kind,
        init_params=init_params,
        max_iter=60,
        tol=0,
        random_state=1,
    ).fit(wine)
    h = np.asarray(gm.objective_history_)
    assert len(h) == 61
    assert np.all(np.diff(h) <= 1e-10 * np.abs(h[:-1]))
    assert gm.lower_bound_ == pytest.approx(gm.score(wine), rel=1e-12)


def test_sample_weight_is_repetition():
    X = load_iris().data
    w = np.random.default_rng(0).integers(1, 4, len(X))
    init = _start(X, "full")
    a = GaussianMixture(n_components=3, max_iter=30, tol=0, **init).fit(X, sample_weight=w)
    b = GaussianMixture(n_components=3, max_iter=30, tol=0, **init).fit(np.repeat(X, w, 0))
    np.testing.assert_allclose(a.means_, b.means_, rtol=1e-9)
    np.testing.assert_allclose(a.covariances_, b.covariances_, rtol=1e-9)
    np.testing.assert_allclose(a.objective_history_, b.objective_history_, rtol=1e-9)


def test_sample_reproduces_the_mixture():
    rng = np.random.default_rng(0)
    X = np.r_[rng.normal(0, 1, (600, 2)), rng.normal(6, 0.5, (300, 2))]
    gm = GaussianMixture(n_components=2, random_state=0).fit(X)
    S, labels = gm.sample(20000, random_state=0)
    assert S.shape == (20000, 2) and set(np.unique(labels)) == {0, 1}
    np.testing.assert_allclose(S.mean(0), X.mean(0), atol=0.1)
    np.testing.assert_allclose(np.bincount(labels) / 20000, gm.weights_, atol=0.02)


def test_bic_picks_the_true_number_of_components():
    rng = np.random.default_rng(0)
    X = np.r_[rng.normal(0, 1, (300, 2)), rng.normal(8, 1, (300, 2)), rng.normal(-8, 1, (300, 2))]
    bics = [GaussianMixture(n_components=k, random_state=0).fit(X).bic(X) for k in (1, 2, 3, 4, 5)]
    assert int(np.argmin(bics)) + 1 == 3


def test_singular_covariance_is_regularised_or_reported():
    X = np.r_[np.zeros((20, 2)), np.ones((20, 2))]  # each component collapses on one point
    gm = GaussianMixture(n_components=2, random_state=0).fit(X)
    np.testing.assert_allclose(
        gm.covariances_, np.broadcast_to(np.eye(2) * 1e-6, (2, 2, 2)), atol=1e-12
    )  # exactly reg_covar * I
    with pytest.raises(ValueError, match="reg_covar"):
        GaussianMixture(n_components=2, reg_covar=0, random_state=0).fit(X)


def test_bad_input():
    X = load_iris().data
    with pytest.raises(ValueError, match="NaN"):
        GaussianMixture().fit(np.r_[X, [[np.nan] * 4]])
    with pytest.raises(ValueError, match="covariance_type"):
        GaussianMixture(covariance_type="banded").fit(X)
    with pytest.raises(ValueError, match="means_init must have shape"):
        GaussianMixture(n_components=2, means_init=np.zeros((3, 4))).fit(X)
    with pytest.raises(ValueError, match="weights_init"):
        GaussianMixture(n_components=2, weights_init=[0.7, 0.7]).fit(X)
    with pytest.raises(ValueError, match="n_components=3"):
        GaussianMixture(n_components=3).fit(X[:2])
    with pytest.raises(ValueError, match="reg_covar must be >= 0"):
        GaussianMixture(reg_covar=-1).fit(X)
