"""What the classifier and the regressor share: parameter checks, growing, pruning, queries."""

from __future__ import annotations

import numbers

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.utils import Bunch

from .._core.validation import (
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    check_scalar,
    validate_data,
)
from ._builder import apply_tree, build_tree, path_tree
from ._criteria import gini, resolve_criterion, squared_error
from ._prune import impurity_importances, prune_arrays, prune_sequence

_MAX_INT = np.iinfo(np.int32).max
_FIELDS = (
    "children_left",
    "children_right",
    "feature",
    "threshold",
    "impurity",
    "n_node_samples",
    "weighted_n_node_samples",
    "value",
)


def _as_float32(X):
    """Cast to float32 (the trees' working precision), refusing values that overflow it."""
    if X.dtype != np.float32:
        big = np.abs(X).max(initial=0.0)
        if big > np.finfo(np.float32).max:
            raise ValueError(
                f"Input X contains a value too large for float32 (the trees' precision): "
                f"{big!r}; rescale the features."
            )
        X = X.astype(np.float32)
    return X


class Tree:
    """The fitted tree as flat arrays indexed by node id (pre-order, left child first).

    ``children_left``/``children_right`` are -1 at leaves, where ``feature`` and
    ``threshold`` are -2. A sample goes left when ``x[feature] <= threshold``. ``value``
    holds class fractions (classifier) or the leaf prediction (regressor, one column).
    """

    def __init__(self, **arrays):
        for name in _FIELDS:
            setattr(self, name, arrays[name])

    @property
    def node_count(self):
        return int(self.children_left.shape[0])

    @property
    def n_leaves(self):
        return int(np.sum(self.children_left == -1))

    @property
    def max_depth(self):
        depth = np.zeros(self.node_count, dtype=np.int64)
        for i in range(self.node_count):  # pre-order: parents come first
            if self.children_left[i] != -1:
                depth[self.children_left[i]] = depth[self.children_right[i]] = depth[i] + 1
        return int(depth.max())

    def as_dict(self):
        return {name: getattr(self, name) for name in _FIELDS}


class _BaseDecisionTree(BaseEstimator):
    """Shared machinery; subclasses set ``_task`` and encode ``y``."""

    _task = "classification"

    # -- parameters --------------------------------------------------------------------------
    def _check_params(self, n_samples, n_features):
        if self.max_depth is not None:
            check_scalar(self.max_depth, "max_depth", kind=numbers.Integral, low=1)
        for name in ("min_samples_split", "min_samples_leaf"):
            value = getattr(self, name)
            if isinstance(value, numbers.Integral) and not isinstance(value, bool):
                check_scalar(
                    value, name, kind=numbers.Integral, low=2 if name == "min_samples_split" else 1
                )
            else:
                check_scalar(value, name, kind=numbers.Real, low=0.0, high=1.0, include_low=False)
        check_scalar(self.min_impurity_decrease, "min_impurity_decrease", low=0.0)
        check_scalar(self.ccp_alpha, "ccp_alpha", low=0.0)
        leaf = self.min_samples_leaf
        min_leaf = leaf if isinstance(leaf, numbers.Integral) else int(np.ceil(leaf * n_samples))
        split = self.min_samples_split
        min_split = (
            split
            if isinstance(split, numbers.Integral)
            else max(2, int(np.ceil(split * n_samples)))
        )
        return (
            max(1, min_leaf),
            max(min_split, 2 * max(1, min_leaf)),
            self._n_features_to_try(n_features),
        )

    def _n_features_to_try(self, n_features):
        mf = self.max_features
        if mf is None:
            return n_features
        if isinstance(mf, str):
            if mf == "sqrt":
                return max(1, int(np.sqrt(n_features)))
            if mf == "log2":
                return max(1, int(np.log2(n_features)))
            raise ValueError(
                f"max_features must be None, an int, a float in (0, 1], 'sqrt' "
                f"or 'log2'; got {mf!r}."
            )
        if isinstance(mf, numbers.Integral) and not isinstance(mf, bool):
            check_scalar(mf, "max_features", kind=numbers.Integral, low=1, high=n_features)
            return int(mf)
        check_scalar(mf, "max_features", kind=numbers.Real, low=0.0, high=1.0, include_low=False)
        return max(1, int(mf * n_features))

    # -- growing -----------------------------------------------------------------------------
    def _grow(self, X, y, w, width):
        """Grow the unpruned tree on validated float32 ``X``; return its array dict."""
        n, d = X.shape
        min_leaf, min_split, max_features = self._check_params(n, d)
        kind, fn = resolve_criterion(self.criterion, self._task)
        self.max_features_ = max_features
        seed = check_random_state(self.random_state).randint(_MAX_INT)
        used = np.flatnonzero(w > 0)  # zero-weight samples (bootstrap) are dropped
        Xt = np.ascontiguousarray(X[used].T)
        y_used = np.ascontiguousarray(y[used], dtype=np.float64)
        order = np.argsort(Xt, axis=1).astype(np.int32)
        if kind == 2:
            yu, rank = np.unique(y_used, return_inverse=True)
            rank = rank.astype(np.int64)
        else:
            yu, rank = np.zeros(1), np.zeros(1, dtype=np.int64)
        iparams = np.array(
            [
                _MAX_INT if self.max_depth is None else self.max_depth,
                min_split,
                min_leaf,
                max_features,
                seed,
            ],
            dtype=np.int64,
        )
        check_scalar(self.min_weight_fraction_leaf, "min_weight_fraction_leaf", low=0.0, high=0.5)
        min_wleaf = float(self.min_weight_fraction_leaf) * float(w.sum())
        fparams = np.array([min_wleaf, float(self.min_impurity_decrease)])
        imp_c = fn if kind == 0 else gini
        imp_r = fn if kind == 1 else squared_error
        nodes_i, nodes_f, value = build_tree(
            Xt,
            y_used,
            np.ascontiguousarray(w[used]),
            rank,
            yu,
            order,
            kind,
            width,
            iparams,
            fparams,
            imp_c,
            imp_r,
        )
        return {
            "children_left": nodes_i[:, 0].copy(),
            "children_right": nodes_i[:, 1].copy(),
            "feature": nodes_i[:, 2].copy(),
            "n_node_samples": nodes_i[:, 3].copy(),
            "threshold": nodes_f[:, 0].copy(),
            "impurity": nodes_f[:, 1].copy(),
            "weighted_n_node_samples": nodes_f[:, 2].copy(),
            "value": value,
        }

    def _finish(self, arrays, n_features):
        """Prune by ``ccp_alpha``, store ``tree_`` and the importances."""
        if self.ccp_alpha > 0:
            collapsed, removed, _, _ = self._prune_path(arrays, self.ccp_alpha)
            arrays = prune_arrays(arrays, collapsed, removed)
        if self._task == "classification":
            arrays["value"] = arrays["value"] / arrays["value"].sum(axis=1, keepdims=True)
        self.tree_ = Tree(**arrays)
        self.feature_importances_ = impurity_importances(self.tree_, n_features)

    @staticmethod
    def _prune_path(arrays, ccp_alpha):
        wn = arrays["weighted_n_node_samples"]
        r_node = wn * arrays["impurity"] / wn[0]
        return prune_sequence(
            arrays["children_left"], arrays["children_right"], r_node, float(ccp_alpha)
        )

    def _validate_fit(self, X, y, sample_weight):
        X, y = validate_data(
            self, X, y, dtype=(np.float32, np.float64), y_numeric=self._task != "classification"
        )
        X = _as_float32(X)
        w = check_sample_weight(sample_weight, X.shape[0])
        return X, y, w

    def cost_complexity_pruning_path(self, X, y, sample_weight=None):
        """The minimal cost-complexity pruning path of the unpruned tree grown on (X, y).

        Returns a Bunch with ``ccp_alphas`` (increasing effective alphas, starting at 0)
        and ``impurities`` (the total weighted leaf impurity after each pruning step).
        """
        arrays = self._fit_arrays(X, y, sample_weight)
        _, _, alphas, impurities = self._prune_path(arrays, np.inf)
        return Bunch(ccp_alphas=alphas, impurities=impurities)

    # -- queries -----------------------------------------------------------------------------
    def _X32(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=(np.float32, np.float64))
        return np.ascontiguousarray(_as_float32(X))

    def apply(self, X):
        """Index of the leaf each sample ends in."""
        X = self._X32(X)
        t = self.tree_
        return apply_tree(X, t.children_left, t.children_right, t.feature, t.threshold)

    def decision_path(self, X):
        """Sparse indicator (n_samples, n_nodes): which nodes each sample passes through."""
        X = self._X32(X)
        t = self.tree_
        indptr, indices = path_tree(X, t.children_left, t.children_right, t.feature, t.threshold)
        data = np.ones(indices.shape[0], dtype=np.int64)
        return sparse.csr_matrix((data, indices, indptr), shape=(indptr.shape[0] - 1, t.node_count))

    def get_depth(self):
        """Depth of the fitted tree (a lone root has depth 0)."""
        check_is_fitted(self)
        return self.tree_.max_depth

    def get_n_leaves(self):
        """Number of leaves of the fitted tree."""
        check_is_fitted(self)
        return self.tree_.n_leaves
