"""Gaussian mixture fitted by EM on the ``_core`` EM template, with sample weights."""

from __future__ import annotations

import numbers

import numpy as np
from scipy.special import logsumexp
from sklearn.base import BaseEstimator, DensityMixin
from threadpoolctl import threadpool_limits

from .._core.monitor import ConvergenceMonitor
from .._core.solvers import expectation_maximization
from .._core.validation import (
    check_choice,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    check_scalar,
    validate_data,
)
from ._gaussian import (
    COVARIANCE_TYPES,
    covariance_from_precision,
    e_step,
    log_gaussian,
    m_step,
    n_parameters,
)

INITS = ("kmeans", "k-means++", "random", "random_from_data")


class GaussianMixture(DensityMixin, BaseEstimator):
    """Gaussian mixture model fitted by expectation-maximisation.

    Models ``p(x) = sum_k pi_k N(x | mu_k, Sigma_k)`` and maximises the weighted mean
    log-likelihood; hackml records what is minimised, so

        objective = - sum_i w_i log p(x_i) / sum_i w_i

    is recorded in ``objective_history_`` after every EM step (its first entry is the
    starting point). Each M-step adds ``reg_covar * I`` to every covariance (to the
    variances for "diag"/"spherical"): this keeps components that collapse onto few points
    invertible, and is the only departure from exact EM (the objective can then rise by
    an amount of the order of ``reg_covar``; with the default 1e-6 on data of unit scale
    this is below rounding).

    Parameters
    ----------
    n_components : int, default=1
    covariance_type : {"full", "tied", "diag", "spherical"}, default="full"
        One full matrix per component, one shared full matrix, one diagonal per
        component, or one variance per component.
    tol : float, default=1e-3
        Stop when the objective changes by at most ``tol`` (relative to max(1, |objective|)).
    reg_covar : float, default=1e-6
        Added to the covariance diagonals after each M-step (see above).
    max_iter : int, default=100
    n_init : int, default=1
        Fits from different initialisations; the highest final likelihood wins.
    init_params : {"kmeans", "k-means++", "random", "random_from_data"}, default="kmeans"
        Initial responsibilities: hackml KMeans labels, k-means++ seeds' nearest labels,
        random soft responsibilities, or random data points as means.
    weights_init, means_init, precisions_init : array-like, default=None
        Starting parameters (precisions in the shape of ``covariances_``); they override
        what ``init_params`` would give.
    callbacks : list of callables, default=None
    verbose : bool, default=False
    random_state : int, RandomState or None, default=None

    Attributes
    ----------
    weights_, means_, covariances_, precisions_, precisions_cholesky_
        Same shapes as scikit-learn (``precisions_cholesky_`` ``P`` has
        ``P P^T = Sigma^{-1}``).
    objective_history_ : list of float
        Negative mean log-likelihood at the start and after every EM step.
    lower_bound_ : float
        Final mean log-likelihood (for EM, the bound is tight).
    n_iter_, converged_

    Examples
    --------
    >>> import numpy as np
    >>> from hackml.datasets import load_iris
    >>> from hackml.mixture import GaussianMixture
    >>> X = load_iris().data
    >>> gm = GaussianMixture(n_components=3, random_state=0).fit(X)
    >>> round(gm.lower_bound_, 3)
    -1.201
    >>> bool(np.all(np.diff(gm.objective_history_) <= 0))
    True
    >>> gm.predict_proba(X[:1]).round(3)
    array([[1., 0., 0.]])
    """

    def __init__(
        self,
        *,
        n_components=1,
        covariance_type="full",
        tol=1e-3,
        reg_covar=1e-6,
        max_iter=100,
        n_init=1,
        init_params="kmeans",
        weights_init=None,
        means_init=None,
        precisions_init=None,
        callbacks=None,
        verbose=False,
        random_state=None,
    ):
        self.n_components = n_components
        self.covariance_type = covariance_type
        self.tol = tol
        self.reg_covar = reg_covar
        self.max_iter = max_iter
        self.n_init = n_init
        self.init_params = init_params
        self.weights_init = weights_init
        self.means_init = means_init
        self.precisions_init = precisions_init
        self.callbacks = callbacks
        self.verbose = verbose
        self.random_state = random_state

    def _check_params(self, n_samples):
        check_scalar(self.n_components, "n_components", kind=numbers.Integral, low=1)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.n_init, "n_init", kind=numbers.Integral, low=1)
        check_scalar(self.tol, "tol", low=0)
        check_scalar(self.reg_covar, "reg_covar", low=0)
        check_choice(self.covariance_type, "covariance_type", COVARIANCE_TYPES)
        check_choice(self.init_params, "init_params", INITS)
        if n_samples < self.n_components:
            raise ValueError(
                f"n_samples={n_samples} should be >= n_components={self.n_components}."
            )

    def _initial_resp(self, X, w, rng):
        n, k = X.shape[0], self.n_components
        if self.init_params == "random":
            resp = rng.uniform(size=(n, k))
            return resp / resp.sum(1, keepdims=True)
        if self.init_params in ("kmeans", "k-means++"):
            from ..cluster.k_means import KMeans

            km = KMeans(
                n_clusters=k,
                n_init=1,
                random_state=rng.randint(2**31),
                max_iter=300 if self.init_params == "kmeans" else 1,
            ).fit(X, sample_weight=w)
            labels = km.labels_
        else:
            centres = X[rng.choice(n, size=k, replace=False)]
            labels = np.argmin(((X[:, None, :] - centres[None]) ** 2).sum(-1), axis=1)
        resp = np.zeros((n, k))
        resp[np.arange(n), labels] = 1.0
        return resp

    def _initial_params(self, X, w, rng):
        kind, k, d = self.covariance_type, self.n_components, X.shape[1]
        weights, means, cov, P = m_step(X, w, self._initial_resp(X, w, rng), kind, self.reg_covar)
        if self.weights_init is not None:
            weights = _checked(self.weights_init, (k,), "weights_init")
            if np.any(weights < 0) or not np.isclose(weights.sum(), 1.0):
                raise ValueError("weights_init must be non-negative and sum to 1.")
        if self.means_init is not None:
            means = _checked(self.means_init, (k, d), "means_init")
        if self.precisions_init is not None:
            shape = {"full": (k, d, d), "tied": (d, d), "diag": (k, d), "spherical": (k,)}
            prec = _checked(self.precisions_init, shape[kind], "precisions_init")
            try:
                cov, P = covariance_from_precision(prec, kind)
            except np.linalg.LinAlgError:
                raise ValueError("precisions_init must be positive definite.") from None
        return weights, means, cov, P

    def _one_fit(self, X, w, rng, best):
        """One EM run from a fresh start; returns the better of it and ``best``."""
        kind, reg = self.covariance_type, self.reg_covar
        params0 = self._initial_params(X, w, rng)
        monitor = ConvergenceMonitor(
            tol=self.tol,
            max_iter=self.max_iter,
            verbose=self.verbose,
            callbacks=self.callbacks,
            desc=type(self).__name__,
        )
        params, res = expectation_maximization(
            lambda p: e_step(X, w, p, kind),
            lambda resp: m_step(X, w, resp, kind, reg),
            params0,
            monitor=monitor,
        )
        if best is None or res.history[-1] < best[1].history[-1]:
            return params, res
        return best

    def fit(self, X, y=None, sample_weight=None):
        """Fit by EM; ``sample_weight`` weighs each sample's log-likelihood."""
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=2)
        w = check_sample_weight(sample_weight, X.shape[0])
        self._check_params(X.shape[0])
        kind = self.covariance_type
        rng = check_random_state(self.random_state)
        best = None
        for _ in range(self.n_init):
            with threadpool_limits(limits=1, user_api="blas"):
                best = self._one_fit(X, w, rng, best)
        (weights, means, cov, P), res = best
        self.weights_, self.means_, self.covariances_ = weights, means, cov
        self.precisions_cholesky_ = P
        if kind in ("full", "tied"):
            self.precisions_ = P @ np.swapaxes(P, -1, -2)
        else:
            self.precisions_ = P**2
        self.objective_history_ = list(res.history)
        self.lower_bound_ = -res.history[-1]
        self.n_iter_, self.converged_ = res.n_iter, res.converged
        return self

    # -- using the fit -------------------------------------------------------------------
    def _weighted_log_prob(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        lp = log_gaussian(X, self.means_, self.precisions_cholesky_, self.covariance_type)
        return lp + np.log(self.weights_)

    def score_samples(self, X):
        """``log p(x)`` of each sample."""
        return logsumexp(self._weighted_log_prob(X), axis=1)

    def score(self, X, y=None, sample_weight=None):
        """Weighted mean log-likelihood of X."""
        ll = self.score_samples(X)
        w = check_sample_weight(sample_weight, ll.shape[0])
        return float(w @ ll / w.sum())

    def predict_proba(self, X):
        """Responsibilities ``p(k | x)``."""
        lp = self._weighted_log_prob(X)
        return np.exp(lp - logsumexp(lp, axis=1, keepdims=True))

    def predict(self, X):
        """Most probable component."""
        return np.argmax(self._weighted_log_prob(X), axis=1)

    def fit_predict(self, X, y=None, sample_weight=None):
        return self.fit(X, sample_weight=sample_weight).predict(X)

    def sample(self, n_samples=1, random_state=None):
        """Draw ``(X, component labels)`` from the fitted mixture."""
        check_is_fitted(self)
        check_scalar(n_samples, "n_samples", kind=numbers.Integral, low=1)
        rng = check_random_state(random_state)
        counts = rng.multinomial(n_samples, self.weights_)
        d, kind = self.means_.shape[1], self.covariance_type
        parts = []
        for k, m in enumerate(counts):
            z = rng.standard_normal((m, d))
            if kind == "full":
                z = z @ np.linalg.cholesky(self.covariances_[k]).T
            elif kind == "tied":
                z = z @ np.linalg.cholesky(self.covariances_).T
            else:
                z = z * np.sqrt(self.covariances_[k])
            parts.append(self.means_[k] + z)
        labels = np.repeat(np.arange(len(counts)), counts)
        return np.vstack(parts), labels

    def _n_parameters(self):
        return n_parameters(self.n_components, self.means_.shape[1], self.covariance_type)

    def bic(self, X):
        """Bayesian information criterion ``-2 log L + p log n`` (lower is better)."""
        n = np.asarray(X).shape[0]
        return -2 * self.score(X) * n + self._n_parameters() * np.log(n)

    def aic(self, X):
        """Akaike information criterion ``-2 log L + 2 p`` (lower is better)."""
        n = np.asarray(X).shape[0]
        return -2 * self.score(X) * n + 2 * self._n_parameters()


def _checked(value, shape, name):
    arr = np.asarray(value, dtype=float)
    if arr.shape != shape:
        raise ValueError(f"{name} must have shape {shape}; got {arr.shape}.")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or inf.")
    return arr
