"""Random forest classifier on hackml's compiled trees."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets

from .._core.validation import check_is_fitted, check_sample_weight, validate_data
from ._forest import grow_forest, oob_rows


class RandomForestClassifier(ClassifierMixin, BaseEstimator):
    """A forest of decorrelated trees: bagging plus a random feature subset per split.

    Tree ``m`` is a hackml :class:`~hackml.tree.DecisionTreeClassifier` grown on a
    bootstrap sample (given to it as sample weights ``c_i w_i``, ``c_i`` the draw counts)
    that, at every node, only considers ``max_features`` randomly chosen features. The
    forest predicts the mean of the trees' leaf class frequencies,

        p(k | x) = (1 / M) sum_m p_m(k | x).

    The random feature subsets lower the correlation ``rho`` between trees, and the
    variance of the average, ``rho s^2 + (1 - rho) s^2 / M``, with it. Each tree
    minimises its ``criterion`` (a name or your own impurity function, passed to every
    tree unchanged; see :mod:`hackml.tree`).

    Parameters
    ----------
    n_estimators : int, default=100
    criterion : str or callable, default="gini"
        ``"gini"``, ``"entropy"`` or ``impurity(counts, total) -> float``.
    max_depth : int or None, default=None
    min_samples_split : int, default=2
    min_samples_leaf : int, default=1
    max_features : {"sqrt", "log2"}, int, float or None, default="sqrt"
    bootstrap : bool, default=True
    oob_score : bool, default=False
        Accuracy of the out-of-bag vote (``oob_score_``, ``oob_decision_function_``).
    max_samples : int, float or None, default=None
        Draws per bootstrap sample (``None``: as many as rows).
    n_jobs : int or None, default=None
        Trees grown in parallel by joblib (processes by default; the compiled tree
        holds the GIL, so threads do not help). A ``joblib.parallel_config`` backend
        (Dask, Ray) distributes them unchanged.
    warm_start : bool, default=False
        Keep the fitted trees and grow only the missing ones up to ``n_estimators``.
    random_state : int, RandomState or None, default=None

    Attributes
    ----------
    estimators_ : list of DecisionTreeClassifier
    classes_ : ndarray
    feature_importances_ : ndarray
        Mean of the trees' normalised impurity decreases.
    oob_score_ : float
    oob_decision_function_ : ndarray (NaN rows for rows in every bootstrap sample)

    Examples
    --------
    >>> from hackml.datasets import load_wine
    >>> from hackml.ensemble import RandomForestClassifier
    >>> X, y = load_wine(return_X_y=True)
    >>> rf = RandomForestClassifier(n_estimators=50, oob_score=True, random_state=0).fit(X, y)
    >>> rf.oob_score_ > 0.9
    True
    >>> int(rf.feature_importances_.argmax()) in range(13)
    True
    """

    _expected_failed_checks: ClassVar[dict[str, str]] = {
        "check_sample_weight_equivalence_on_dense_data": (
            "the bootstrap draws rows uniformly and multiplies the counts by the weights "
            "(as scikit-learn does), so a weight of 2 and a repeated row give different "
            "bootstrap samples"
        ),
    }

    def __init__(
        self,
        *,
        n_estimators=100,
        criterion="gini",
        max_depth=None,
        min_samples_split=2,
        min_samples_leaf=1,
        max_features="sqrt",
        bootstrap=True,
        oob_score=False,
        max_samples=None,
        n_jobs=None,
        warm_start=False,
        random_state=None,
    ):
        self.n_estimators = n_estimators
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.max_samples = max_samples
        self.n_jobs = n_jobs
        self.warm_start = warm_start
        self.random_state = random_state

    def _template(self):
        from ..tree import DecisionTreeClassifier

        return DecisionTreeClassifier(
            criterion=self.criterion,
            max_depth=self.max_depth,
            min_samples_split=self.min_samples_split,
            min_samples_leaf=self.min_samples_leaf,
            max_features=self.max_features,
        )

    def fit(self, X, y, sample_weight=None):
        """Grow the forest (or the missing trees, with ``warm_start``)."""
        X, y = validate_data(self, X, y, dtype=np.float32, reset=not self._warm())
        check_classification_targets(y)
        w = check_sample_weight(sample_weight, X.shape[0])
        classes, codes = np.unique(y, return_inverse=True)
        if self._warm() and not np.array_equal(classes, self.classes_):
            raise ValueError("warm_start=True needs the same classes as the first fit.")
        self.classes_ = classes
        grow_forest(self, self._template(), X, codes, w)
        if self.oob_score:
            n = X.shape[0]
            total = np.zeros((n, classes.size))
            for tree, mask in oob_rows(self, n):
                if mask.any():
                    total[mask] += self._tree_proba(tree, X[mask])
            seen = total.sum(axis=1) > 0
            with np.errstate(invalid="ignore", divide="ignore"):
                self.oob_decision_function_ = total / total.sum(axis=1, keepdims=True)
            self.oob_score_ = float(np.mean(np.argmax(total[seen], axis=1) == codes[seen]))
        return self

    def _warm(self):
        return bool(self.warm_start) and hasattr(self, "estimators_")

    def _tree_proba(self, tree, X):
        out = np.zeros((X.shape[0], self.classes_.size))
        out[:, np.asarray(tree.classes_, dtype=int)] = tree.predict_proba(X)
        return out

    def predict_proba(self, X):
        """Mean of the trees' class frequencies, ``(n, K)``."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float32)
        total = np.zeros((X.shape[0], self.classes_.size))
        for tree in self.estimators_:
            total += self._tree_proba(tree, X)
        return total / len(self.estimators_)

    def predict(self, X):
        """The class of highest mean probability."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]
