"""CART regression tree with a replaceable impurity criterion."""

from __future__ import annotations

import numpy as np
from sklearn.base import RegressorMixin

from ._base import _BaseDecisionTree


class DecisionTreeRegressor(RegressorMixin, _BaseDecisionTree):
    """A CART regression tree grown to minimise the criterion you choose.

    Each node is split on the feature ``j`` and threshold ``t`` (a midpoint between two
    consecutive distinct values) that maximise the weighted impurity decrease

        Delta = W_node / W * (I(node) - W_L / W_node * I(L) - W_R / W_node * I(R))

    With ``"squared_error"``, ``I = sum w (y - mean)^2 / sum w`` and leaves predict the
    weighted mean; with ``"absolute_error"``, ``I = sum w |y - median| / sum w`` and leaves
    predict the weighted median. A node is split only if ``Delta >=
    min_impurity_decrease``; minimal cost-complexity pruning then removes the subtrees
    whose effective alpha is at most ``ccp_alpha``.

    Parameters
    ----------
    criterion : {"squared_error", "absolute_error"} or function, default="squared_error"
        A function ``impurity(w, s, ss) -> float`` of the node's weight ``w = sum w_i``,
        ``s = sum w_i y_i`` and ``ss = sum w_i y_i**2``, written in numba-compilable
        Python; it runs inside the compiled split search (leaves predict the weighted
        mean). See :mod:`hackml.tree.criteria`.
    max_depth : int or None, default=None
    min_samples_split : int or float, default=2
    min_samples_leaf : int or float, default=1
    min_weight_fraction_leaf : float, default=0.0
        Smallest share of the total sample weight each child must keep.
    max_features : int, float, "sqrt", "log2" or None, default=None
        Number of (non-constant) features tried at each node, in random order.
    random_state : int, RandomState or None, default=None
    min_impurity_decrease : float, default=0.0
    ccp_alpha : float, default=0.0
        Complexity parameter of minimal cost-complexity pruning.

    Attributes
    ----------
    tree_ : Tree
        Flat node arrays; ``value[:, 0]`` is each node's prediction.
    feature_importances_ : ndarray of shape (n_features,)
    max_features_ : int

    Examples
    --------
    >>> from sklearn.model_selection import train_test_split
    >>> from hackml.datasets import load_diabetes
    >>> from hackml.tree import DecisionTreeRegressor
    >>> X, y = load_diabetes(return_X_y=True)
    >>> Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=0)
    >>> tree = DecisionTreeRegressor(max_depth=3, random_state=0).fit(Xtr, ytr)
    >>> round(tree.score(Xte, yte), 3)
    0.087

    A criterion of your own, here the squared error in log space of a positive target:

    >>> def coefficient_of_variation(w, s, ss):
    ...     mean = s / w
    ...     return max(ss / w - mean * mean, 0.0) / (mean * mean)
    >>> cv = DecisionTreeRegressor(criterion=coefficient_of_variation, max_depth=3)
    >>> cv.fit(Xtr, ytr).get_depth()
    3
    """

    _task = "regression"

    def __init__(
        self,
        *,
        criterion="squared_error",
        max_depth=None,
        min_samples_split=2,
        min_samples_leaf=1,
        min_weight_fraction_leaf=0.0,
        max_features=None,
        random_state=None,
        min_impurity_decrease=0.0,
        ccp_alpha=0.0,
    ):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.random_state = random_state
        self.min_impurity_decrease = min_impurity_decrease
        self.ccp_alpha = ccp_alpha

    def _fit_arrays(self, X, y, sample_weight):
        X, y, w = self._validate_fit(X, y, sample_weight)
        self._n_features_fit = X.shape[1]
        return self._grow(X, np.asarray(y, dtype=np.float64), w, 1)

    def fit(self, X, y, sample_weight=None):
        """Grow (and prune) the tree.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Converted to float32 (as scikit-learn's trees do).
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative weights; zero-weight samples are ignored.

        Returns
        -------
        self
        """
        arrays = self._fit_arrays(X, y, sample_weight)
        self._finish(arrays, self._n_features_fit)
        return self

    def predict(self, X):
        """The prediction of the leaf each sample ends in."""
        leaves = self.apply(X)
        return self.tree_.value[leaves, 0]
