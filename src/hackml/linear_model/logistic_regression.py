"""Logistic regression, binary and multinomial, with a replaceable loss and penalty."""

from __future__ import annotations

import numbers

import numpy as np
from scipy.special import expit, softmax
from sklearn.base import BaseEstimator

from .._core.losses import LogisticLoss, MultinomialLoss, resolve_loss
from .._core.monitor import ConvergenceMonitor
from .._core.penalties import resolve_penalty
from .._core.validation import check_sample_weight, check_scalar, validate_data
from ._base import LinearObjective, choose_solver, minimize_linear
from ._classifier import LinearClassifierMixin, encode_classes


class LogisticRegression(LinearClassifierMixin, BaseEstimator):
    """Logistic regression: the linear classifier of the cross-entropy objective.

    With ``K`` classes the model has one raw score per class (one score in all for
    ``K = 2``) and minimises

        J(coef, b) = sum_i w_i * loss(y_i, x_i coef + b) / sum_i w_i  +  penalty(coef)

    where the loss is the binary cross-entropy ``log(1 + e^raw) - y raw`` (``y`` in
    ``{0, 1}``, :class:`hackml.losses.LogisticLoss`) for two classes and the multinomial
    cross-entropy ``logsumexp(raw_i) - raw_{i, y_i}`` (:class:`hackml.losses.MultinomialLoss`,
    ``y`` one-hot) otherwise. The intercept is never penalised.

    Convention: the loss is a *mean*, so scikit-learn's ``LogisticRegression(C=C)`` (which
    minimises ``C * sum_i loss_i + 0.5 ||coef||^2``) is ``alpha = 1 / (C * n_samples)``
    here (``1 / (C * sum(sample_weight))`` with weights). With more than two classes the
    intercepts are only defined up to a common shift; they are reported with mean zero.

    Parameters
    ----------
    penalty : None, str or penalty object, default="l2"
        ``"l2"`` is ``0.5 * alpha * ||coef||^2``; ``"l1"``, ``"elasticnet"`` or your
        own object (see :mod:`hackml.penalties`).
    alpha : float, default=1e-4
        Strength of a penalty given by name.
    l1_ratio : float, default=0.5
        L1 share of ``penalty="elasticnet"``.
    loss : None or loss object, default=None
        ``None`` picks the cross-entropy above. Your own loss receives ``y`` in ``{0, 1}``
        and 1-D raw scores for two classes, a one-hot ``y`` and ``(n, K)`` raw scores
        otherwise. Its ``inverse_link(raw)`` (if any) gives ``predict_proba``.
    fit_intercept : bool, default=True
    solver : {"auto", "lbfgs", "newton", "gd", "subgradient"}, default="auto"
        ``"auto"`` is L-BFGS for a smooth penalty and proximal gradient for L1.
        ``"newton"`` forms the ``(p K) x (p K)`` Hessian: for few features and classes.
    tol : float, default=1e-6
        ``"lbfgs"``: largest gradient entry; ``"newton"``: Newton decrement.
    max_iter : int, default=1000
    callbacks : list of callables, default=None
    verbose : bool, default=False

    Attributes
    ----------
    classes_ : ndarray of shape (K,)
    coef_ : ndarray of shape (1, n_features) or (K, n_features)
    intercept_ : ndarray of shape (1,) or (K,)
    objective_history_ : list of float
    n_iter_ : int
    converged_ : bool
    solver_ : str
    loss_, penalty_ : the loss and penalty objects used.

    Examples
    --------
    >>> from sklearn.preprocessing import StandardScaler
    >>> from hackml.datasets import load_wine
    >>> from hackml.linear_model import LogisticRegression
    >>> X, y = load_wine(return_X_y=True)
    >>> X = StandardScaler().fit_transform(X)
    >>> model = LogisticRegression(alpha=1e-2).fit(X, y)
    >>> model.coef_.shape, model.converged_, round(model.score(X, y), 3)
    ((3, 13), True, 1.0)
    >>> model.predict_proba(X[:1]).round(3)
    array([[0.999, 0.001, 0.   ]])
    """

    _solvers = ("auto", "lbfgs", "newton", "gd", "subgradient")

    def __init__(
        self,
        *,
        penalty="l2",
        alpha=1e-4,
        l1_ratio=0.5,
        loss=None,
        fit_intercept=True,
        solver="auto",
        tol=1e-6,
        max_iter=1000,
        callbacks=None,
        verbose=False,
    ):
        self.penalty = penalty
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.loss = loss
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.tol = tol
        self.max_iter = max_iter
        self.callbacks = callbacks
        self.verbose = verbose

    def _resolve(self, n_classes):
        check_scalar(self.alpha, "alpha", low=0)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.tol, "tol", low=0)
        if self.solver not in self._solvers:
            raise ValueError(f"solver must be one of {list(self._solvers)}; got {self.solver!r}.")
        if self.loss is None:
            loss = LogisticLoss() if n_classes == 2 else MultinomialLoss()
        else:
            loss = resolve_loss(self.loss)
        penalty = resolve_penalty(self.penalty, self.alpha, self.l1_ratio)
        return loss, penalty, choose_solver(self.solver, loss, penalty)

    def fit(self, X, y, sample_weight=None):
        """Fit the model by minimising its objective.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Class labels (any hashable values).
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self
        """
        X, y = validate_data(self, X, y, dtype=np.float64)
        w = check_sample_weight(sample_weight, X.shape[0])
        self.classes_, index = encode_classes(y)
        K = self.classes_.size
        loss, penalty, solver = self._resolve(K)
        if K == 2:
            target, n_out = (index == 1).astype(float), 1
        else:
            target, n_out = np.eye(K)[index], K
        obj = LinearObjective(
            X, target, w, loss, penalty, fit_intercept=self.fit_intercept, n_outputs=n_out
        )
        theta0 = np.zeros(obj.size)
        if self.fit_intercept and self.loss is None:
            prior = np.clip(np.bincount(index, weights=w, minlength=K) / w.sum(), 1e-12, 1.0)
            start = np.log(prior[1] / prior[0]) if K == 2 else np.log(prior) - np.log(prior).mean()
            theta0[obj.n_coef :] = start
        monitor = ConvergenceMonitor(
            tol=self.tol,
            max_iter=self.max_iter,
            verbose=self.verbose,
            callbacks=self.callbacks,
            desc=type(self).__name__,
        )
        res = minimize_linear(obj, theta0, solver, monitor)
        coef, intercept = obj.split(res.x)
        self.coef_ = np.atleast_2d(np.asarray(coef).T).copy()
        self.intercept_ = np.atleast_1d(np.asarray(intercept, dtype=float)).copy()
        if K > 2 and isinstance(loss, MultinomialLoss) and self.fit_intercept:
            self.intercept_ -= self.intercept_.mean()  # the objective ignores a common shift
        self.objective_history_ = list(res.history)
        self.n_iter_, self.converged_, self.solver_ = res.n_iter, res.converged, solver
        self.loss_, self.penalty_ = loss, penalty
        return self

    def predict_proba(self, X):
        """Class probabilities, shape ``(n_samples, K)``, columns in ``classes_`` order."""
        raw = self.decision_function(X)
        link = getattr(self.loss_, "inverse_link", None)
        if callable(link):
            p = np.asarray(link(raw))
        elif raw.ndim == 1:
            p = expit(raw)
        else:
            p = softmax(raw, axis=1)
        return np.column_stack([1.0 - p, p]) if p.ndim == 1 else p

    def predict_log_proba(self, X):
        """Logarithm of :meth:`predict_proba`."""
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))
