"""CART classification tree with a replaceable impurity criterion."""

from __future__ import annotations

import numpy as np
from sklearn.base import ClassifierMixin
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.multiclass import check_classification_targets

from ._base import _BaseDecisionTree


class DecisionTreeClassifier(ClassifierMixin, _BaseDecisionTree):
    """A CART classification tree grown to minimise the criterion you choose.

    Each node is split on the feature ``j`` and threshold ``t`` (a midpoint between two
    consecutive distinct values) that maximise the weighted impurity decrease

        Delta = W_node / W * (I(node) - W_L / W_node * I(L) - W_R / W_node * I(R))

    where ``W`` are sums of sample weights (times class weights) and ``I`` is the criterion
    evaluated on a node's weighted class counts. A node is split only if
    ``Delta >= min_impurity_decrease``; after growing, minimal cost-complexity pruning
    removes the subtrees whose effective alpha is at most ``ccp_alpha``.

    Parameters
    ----------
    criterion : {"gini", "entropy", "log_loss"} or function, default="gini"
        A function ``impurity(counts, total) -> float`` of the node's weighted class
        counts (float64 1-D array) and their sum, written in numba-compilable Python; it is
        compiled once and runs inside the compiled split search. See
        :mod:`hackml.tree.criteria` for examples (misclassification rate, class-cost
        weighted gini, Tsallis entropy).
    max_depth : int or None, default=None
        Grow until the leaves are pure or too small when None.
    min_samples_split : int or float, default=2
        Fewest samples a node needs to be split (a float is a fraction of n_samples).
    min_samples_leaf : int or float, default=1
        Fewest samples each child must keep.
    min_weight_fraction_leaf : float, default=0.0
        Smallest share of the total sample weight each child must keep.
    max_features : int, float, "sqrt", "log2" or None, default=None
        Number of (non-constant) features tried at each node, in random order.
    random_state : int, RandomState or None, default=None
        Order in which features are tried (breaks ties; draws the subsets).
    min_impurity_decrease : float, default=0.0
    class_weight : dict, "balanced" or None, default=None
        Multiplies the sample weights of each class.
    ccp_alpha : float, default=0.0
        Complexity parameter of minimal cost-complexity pruning.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    n_classes_ : int
    tree_ : Tree
        Flat node arrays (see :class:`hackml.tree._base.Tree`).
    feature_importances_ : ndarray of shape (n_features,)
        Total weighted impurity decrease per feature, normalised to sum 1.
    max_features_ : int

    Examples
    --------
    >>> from sklearn.model_selection import train_test_split
    >>> from hackml.datasets import load_breast_cancer
    >>> from hackml.tree import DecisionTreeClassifier
    >>> X, y = load_breast_cancer(return_X_y=True)
    >>> Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=0)
    >>> tree = DecisionTreeClassifier(max_depth=3, random_state=0).fit(Xtr, ytr)
    >>> round(tree.score(Xte, yte), 3)
    0.916

    The criterion is a function of the class counts; here a gini that counts an error on
    the malignant class (label 0) five times:

    >>> def costly_gini(counts, total):
    ...     p0, p1 = counts[0] / total, counts[1] / total
    ...     return 5.0 * p0 * (1.0 - p0) + p1 * (1.0 - p1)
    >>> costly = DecisionTreeClassifier(criterion=costly_gini, max_depth=3).fit(Xtr, ytr)
    >>> costly.tree_.node_count > 1
    True
    """

    _task = "classification"

    def __init__(
        self,
        *,
        criterion="gini",
        max_depth=None,
        min_samples_split=2,
        min_samples_leaf=1,
        min_weight_fraction_leaf=0.0,
        max_features=None,
        random_state=None,
        min_impurity_decrease=0.0,
        class_weight=None,
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
        self.class_weight = class_weight
        self.ccp_alpha = ccp_alpha

    def _fit_arrays(self, X, y, sample_weight):
        X, y, w = self._validate_fit(X, y, sample_weight)
        check_classification_targets(y)
        self.classes_, y_enc = np.unique(y, return_inverse=True)
        self.n_classes_ = len(self.classes_)
        if self.class_weight is not None:
            if not (self.class_weight == "balanced" or isinstance(self.class_weight, dict)):
                raise ValueError(
                    f"class_weight must be None, 'balanced' or a dict; got {self.class_weight!r}."
                )
            w = w * compute_sample_weight(self.class_weight, y)
        self._n_features_fit = X.shape[1]
        return self._grow(X, y_enc.astype(np.float64), w, self.n_classes_)

    def fit(self, X, y, sample_weight=None):
        """Grow (and prune) the tree.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Converted to float32 (as scikit-learn's trees do).
        y : array-like of shape (n_samples,)
            Class labels of any type.
        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative weights; zero-weight samples are ignored.

        Returns
        -------
        self
        """
        arrays = self._fit_arrays(X, y, sample_weight)
        self._finish(arrays, self._n_features_fit)
        return self

    def predict_proba(self, X):
        """Class fractions (weighted) of the leaf each sample ends in."""
        leaves = self.apply(X)
        return self.tree_.value[leaves]

    def predict_log_proba(self, X):
        """Logarithm of :meth:`predict_proba`."""
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X):
        """The most frequent (weighted) class of each sample's leaf."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]
