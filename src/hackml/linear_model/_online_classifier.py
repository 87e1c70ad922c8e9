"""The shared shell of the online linear classifiers (perceptron, passive-aggressive)."""

from __future__ import annotations

import numbers

import numpy as np
from sklearn.base import BaseEstimator

from .._core.validation import check_sample_weight, check_scalar, validate_data
from ._classifier import LinearClassifierMixin, encode_classes, ovr_signs
from ._online import new_rng, run_epochs


class OnlineLinearClassifier(LinearClassifierMixin, BaseEstimator):
    """``fit`` (epochs until converged) and ``partial_fit`` (one pass) for one-vs-rest rules.

    Subclasses define ``_rule()`` returning ``dict(rule=..., C=..., eta0=...)``.
    """

    _expected_failed_checks = {  # noqa: RUF012
        "check_sample_weight_equivalence_on_dense_data": (
            "an online rule visits a sample of weight 2 once with a doubled step, which is "
            "not the same path as visiting two copies one after the other (scikit-learn's "
            "own SGD models fail this check for the same reason)"
        )
    }
    _history_may_increase = (
        "online updates: the recorded per-epoch mean loss is what the stream saw while "
        "learning, and may rise between epochs"
    )

    def _check_common(self):
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.n_iter_no_change, "n_iter_no_change", kind=numbers.Integral, low=1)
        if self.tol is not None:
            check_scalar(self.tol, "tol", low=0)
        return self._rule()

    def _learn(self, X, index, w, *, max_epochs, tol):
        rule = self._check_common()
        Y = ovr_signs(index, self.classes_.size)
        history, n_iter, converged = run_epochs(
            self,
            X,
            Y,
            w,
            self.coef_,
            self.intercept_,
            epsilon=0.0,
            regression=False,
            max_epochs=max_epochs,
            tol=tol,
            n_iter_no_change=self.n_iter_no_change,
            rng=self._rng,
            **rule,
        )
        self.t_ = getattr(self, "t_", 0) + n_iter * X.shape[0]
        return history, n_iter, converged

    def fit(self, X, y, sample_weight=None):
        """Learn from ``(X, y)`` in passes over the data until converged or ``max_iter``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None
            Multiplies each sample's step.

        Returns
        -------
        self
        """
        self._check_common()
        X, y = validate_data(self, X, y, dtype=np.float64)
        w = check_sample_weight(sample_weight, X.shape[0])
        self.classes_, index = encode_classes(y)
        n_out = 1 if self.classes_.size == 2 else self.classes_.size
        self.coef_ = np.zeros((n_out, X.shape[1]))
        self.intercept_ = np.zeros(n_out)
        self._rng = new_rng(self.random_state)
        self.t_ = 0
        history, self.n_iter_, self.converged_ = self._learn(
            X, index, w, max_epochs=self.max_iter, tol=self.tol
        )
        self.objective_history_ = history  # the mean loss seen during each epoch
        return self

    def partial_fit(self, X, y, classes=None, sample_weight=None):
        """One pass over a batch ``(X, y)``, continuing from the current weights.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        classes : array-like, default=None
            Every class of the stream; required on the first call.
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self
        """
        first = not hasattr(self, "classes_")
        if first:
            if classes is None:
                raise ValueError(
                    "classes must be given on the first call to partial_fit (every label "
                    "the stream will contain); got None."
                )
            self.classes_, _ = encode_classes(np.asarray(classes))
        elif classes is not None and not np.array_equal(np.unique(classes), self.classes_):
            raise ValueError(
                f"classes={np.unique(classes)!r} differs from the classes of the first call "
                f"{self.classes_!r}."
            )
        X, y = validate_data(self, X, y, dtype=np.float64, reset=first)
        w = check_sample_weight(sample_weight, X.shape[0])
        unknown = np.setdiff1d(y, self.classes_)
        if unknown.size:
            raise ValueError(f"y contains labels {unknown!r} not in classes {self.classes_!r}.")
        index = np.searchsorted(self.classes_, y)
        if first:
            n_out = 1 if self.classes_.size == 2 else self.classes_.size
            self.coef_ = np.zeros((n_out, X.shape[1]))
            self.intercept_ = np.zeros(n_out)
            self._rng = new_rng(self.random_state)
            self.objective_history_ = []
        history, _, _ = self._learn(X, index, w, max_epochs=1, tol=None)
        self.objective_history_ = [*self.objective_history_, *history]
        self.n_iter_, self.converged_ = 1, False
        return self
