"""What every linear classifier of the family shares: labels in, scores out.

A fitted linear classifier holds ``classes_``, ``coef_`` of shape ``(1, p)`` (two
classes) or ``(K, p)`` and ``intercept_`` of shape ``(1,)`` or ``(K,)``, as in
scikit-learn. The score of class ``k`` is ``x . coef_[k] + intercept_[k]``; with two
classes the single score is that of ``classes_[1]``.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets

from .._core.validation import check_is_fitted, validate_data


def encode_classes(y):
    """Return ``(classes, y_index)``; reject targets with fewer than two classes."""
    check_classification_targets(y)
    classes, index = np.unique(y, return_inverse=True)
    if classes.size < 2:
        raise ValueError(
            "y must contain at least two classes to fit a classifier; got one class only, "
            f"{classes!r}."
        )
    return classes, index


def ovr_signs(index, n_classes):
    """Targets in ``{-1, +1}``: one column per binary problem (one column for 2 classes)."""
    if n_classes == 2:
        return np.where(index == 1, 1.0, -1.0)[:, None]
    return np.where(index[:, None] == np.arange(n_classes)[None, :], 1.0, -1.0)


class LinearClassifierMixin(ClassifierMixin):
    """``decision_function`` and ``predict`` from ``coef_``, ``intercept_``, ``classes_``."""

    def decision_function(self, X):
        """Raw class scores: shape ``(n,)`` for two classes, ``(n, K)`` otherwise."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        scores = X @ self.coef_.T + self.intercept_
        return scores[:, 0] if scores.shape[1] == 1 else scores

    def predict(self, X):
        """The class with the highest score."""
        scores = self.decision_function(X)
        if scores.ndim == 1:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[np.argmax(scores, axis=1)]
