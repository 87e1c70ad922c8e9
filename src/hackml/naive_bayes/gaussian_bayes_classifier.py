"""The Gaussian Bayes classifier: one full normal per class, or one shared covariance."""

from __future__ import annotations

import numbers

import numpy as np
from scipy import linalg

from .._core.validation import check_choice, check_sample_weight, check_scalar, validate_data
from ._base import _BayesClassifier, check_priors, check_smoothing, encode_labels


class GaussianBayesClassifier(_BayesClassifier):
    """The Bayes classifier for Gaussian classes, turned into a quadratic or linear rule.

    Each class ``c`` has a prior ``pi_c`` and a normal density ``N(mu_c, Sigma_c)`` over
    all features jointly (no naive independence). Fitting is weighted maximum likelihood:
    ``pi_c`` the weighted class share, ``mu_c`` the weighted class mean, and

    - ``covariance="full"``: ``Sigma_c = S_c / (N_c - ddof)``, one per class;
    - ``covariance="tied"``: ``Sigma = sum_c S_c / (N - K ddof)``, shared by the K classes,

    with ``S_c`` the weighted scatter of class ``c`` about ``mu_c`` and ``N_c`` its weight
    (``ddof=0``: maximum likelihood). The estimate is then regularised as
    ``(1 - reg_param) Sigma + (reg_param + epsilon_) I`` with
    ``epsilon_ = var_smoothing * max_j Var(x_j)`` (1 stands in for a zero maximum).

    The Bayes rule ``argmax_c log pi_c + log N(x | mu_c, Sigma_c)`` becomes:

    - full (quadratic boundary): ``g_c(x) = x^T A_c x + b_c^T x + c_c`` with
      ``A_c = -1/2 Sigma_c^{-1}``, ``b_c = Sigma_c^{-1} mu_c`` and
      ``c_c = log pi_c - 1/2 mu_c^T Sigma_c^{-1} mu_c - 1/2 log|Sigma_c| - d/2 log 2 pi``
      (``quadratic_``, ``coef_``, ``intercept_``). Prediction evaluates the same
      quadratic in factored form, ``-1/2 |W_c^T (x - mu_c)|^2 + const_c`` with
      ``W_c = L_c^{-T}`` from the Cholesky factor ``Sigma_c = L_c L_c^T``: one matrix
      product per class and no cancellation between the expanded terms.
    - tied (linear boundary): the term ``x^T Sigma^{-1} x`` is the same for every class
      and drops out, leaving ``g_c(x) = b_c^T x + c_c`` with ``b_c = Sigma^{-1} mu_c``,
      ``c_c = log pi_c - 1/2 mu_c^T Sigma^{-1} mu_c``: a single matrix product
      ``X @ coef_.T + intercept_``.

    With the defaults (``ddof=0``) and ``var_smoothing=0`` the full form is
    scikit-learn's ``QuadraticDiscriminantAnalysis`` (same ``reg_param``) and the tied
    form its ``LinearDiscriminantAnalysis`` (``"svd"`` or ``"lsqr"`` solver, no
    shrinkage) whenever the covariances are of full rank. ``ddof=1`` gives the unbiased
    covariance estimates instead.

    Parameters
    ----------
    covariance : {"full", "tied"}, default="full"
    priors : array-like of shape (n_classes,) or None, default=None
    ddof : {0, 1}, default=0
        Degrees of freedom removed from each class's weight in the covariance.
    reg_param : float in [0, 1], default=0.0
        Shrinkage of the covariance towards the identity.
    var_smoothing : float, default=1e-9
        Ridge added to the covariance, relative to the largest feature variance.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    class_count_ : ndarray of shape (n_classes,)
    class_prior_ : ndarray of shape (n_classes,)
    means_ : ndarray of shape (n_classes, n_features)
    covariance_ : ndarray of shape (n_classes, n_features, n_features) ("full") or
        (n_features, n_features) ("tied")
    coef_ : ndarray of shape (n_classes, n_features)
    intercept_ : ndarray of shape (n_classes,)
    quadratic_ : ndarray of shape (n_classes, n_features, n_features), "full" only
    epsilon_ : float

    Examples
    --------
    >>> from hackml.datasets import load_wine
    >>> from hackml.naive_bayes import GaussianBayesClassifier
    >>> X, y = load_wine(return_X_y=True)
    >>> qda = GaussianBayesClassifier(covariance="full").fit(X, y)
    >>> lda = GaussianBayesClassifier(covariance="tied").fit(X, y)
    >>> round(qda.score(X, y), 3), round(lda.score(X, y), 3)
    (0.994, 1.0)

    The tied rule is linear: its scores are one matrix product.

    >>> import numpy as np
    >>> scores = X @ lda.coef_.T + lda.intercept_
    >>> bool(np.array_equal(lda.classes_[scores.argmax(axis=1)], lda.predict(X)))
    True
    """

    def __init__(
        self, *, covariance="full", priors=None, ddof=0, reg_param=0.0, var_smoothing=1e-9
    ):
        self.covariance = covariance
        self.priors = priors
        self.ddof = ddof
        self.reg_param = reg_param
        self.var_smoothing = var_smoothing

    def fit(self, X, y, sample_weight=None):
        """Fit by maximum likelihood (``ddof=0``) and build the decision rule.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self
        """
        check_choice(self.covariance, "covariance", ["full", "tied"])
        check_scalar(self.ddof, "ddof", kind=numbers.Integral, low=0, high=1)
        check_scalar(self.reg_param, "reg_param", low=0, high=1)
        eps_rate = check_smoothing(self.var_smoothing, "var_smoothing")
        X, y = validate_data(self, X, y, dtype=np.float64)
        yi = encode_labels(self, y, None, first_call=True)
        w = check_sample_weight(sample_weight, X.shape[0])
        n_classes, d = len(self.classes_), X.shape[1]
        count = np.bincount(yi, weights=w, minlength=n_classes)
        if np.any(count <= 0):
            raise ValueError(
                f"class {self.classes_[np.argmin(count)]} has a total sample weight of 0; "
                "a Gaussian needs at least one weighted sample per class."
            )
        means = np.zeros((n_classes, d))
        scatter = np.zeros((n_classes, d, d))
        for c in range(n_classes):
            rows = yi == c
            means[c] = w[rows] @ X[rows] / count[c]
            R = (X[rows] - means[c]) * np.sqrt(w[rows])[:, None]
            scatter[c] = R.T @ R
        max_var = float(np.max(np.var(X, axis=0)))
        self.epsilon_ = eps_rate * (max_var if max_var > 0 else 1.0)
        self.class_count_, self.means_ = count, means
        if self.priors is not None:
            self.class_prior_ = check_priors(self.priors, n_classes)
        else:
            self.class_prior_ = count / count.sum()
        with np.errstate(divide="ignore"):
            log_prior = np.log(self.class_prior_)
        if self.covariance == "full":
            dof = count - self.ddof
            if np.any(dof <= 0):
                bad = self.classes_[np.argmin(dof)]
                raise ValueError(
                    f"class {bad!r} has a total sample weight of {count.min():g}, too little "
                    f"for a covariance with ddof={self.ddof}; use ddof=0 or more samples."
                )
            self.covariance_ = self._regularise(scatter / dof[:, None, None])
            self._fit_full(log_prior)
        else:
            dof = count.sum() - n_classes * self.ddof
            if dof <= 0:
                raise ValueError(f"too few samples for a shared covariance with ddof={self.ddof}.")
            self.covariance_ = self._regularise(scatter.sum(axis=0) / dof)
            self._fit_tied(log_prior)
        return self

    def _regularise(self, cov):
        r = self.reg_param
        eye = np.eye(cov.shape[-1])
        return (1.0 - r) * cov + (r + self.epsilon_) * eye

    def _cholesky(self, cov, which):
        try:
            return linalg.cholesky(cov, lower=True)
        except linalg.LinAlgError:
            raise ValueError(
                f"the covariance of {which} is singular (collinear or constant features); "
                "raise var_smoothing or reg_param."
            ) from None

    def _fit_full(self, log_prior):
        d = self.means_.shape[1]
        n_classes = len(self.classes_)
        self._whiten = np.empty((n_classes, d, d))
        self._const = np.empty(n_classes)
        self.quadratic_ = np.empty((n_classes, d, d))
        self.coef_ = np.empty((n_classes, d))
        self.intercept_ = np.empty(n_classes)
        for c in range(n_classes):
            L = self._cholesky(self.covariance_[c], f"class {self.classes_[c]}")
            L_inv = linalg.solve_triangular(L, np.eye(d), lower=True)
            precision = L_inv.T @ L_inv
            log_det = 2.0 * np.sum(np.log(np.diag(L)))
            self._whiten[c] = L_inv.T
            self._const[c] = log_prior[c] - 0.5 * log_det - 0.5 * d * np.log(2.0 * np.pi)
            self.quadratic_[c] = -0.5 * precision
            self.coef_[c] = precision @ self.means_[c]
            self.intercept_[c] = self._const[c] - 0.5 * self.means_[c] @ self.coef_[c]

    def _fit_tied(self, log_prior):
        L = self._cholesky(self.covariance_, "the classes (shared)")
        self.coef_ = linalg.cho_solve((L, True), self.means_.T).T
        self.intercept_ = log_prior - 0.5 * np.einsum("cj,cj->c", self.means_, self.coef_)
        d = self.means_.shape[1]
        self._whiten = linalg.solve_triangular(L, np.eye(d), lower=True).T
        self._const = -np.sum(np.log(np.diag(L))) - 0.5 * d * np.log(2.0 * np.pi)

    def _class_scores(self, X):
        if self.covariance == "tied":
            return X @ self.coef_.T + self.intercept_
        out = np.empty((X.shape[0], len(self.classes_)))
        for c in range(len(self.classes_)):
            Z = (X - self.means_[c]) @ self._whiten[c]
            out[:, c] = self._const[c] - 0.5 * np.einsum("ij,ij->i", Z, Z)
        return out

    def _joint_log_likelihood(self, X):
        scores = self._class_scores(X)
        if self.covariance == "tied":  # add back the shared term of the linear form
            Z = X @ self._whiten
            scores = scores + (self._const - 0.5 * np.einsum("ij,ij->i", Z, Z))[:, None]
        return scores
