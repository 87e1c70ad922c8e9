"""CART decision trees whose split criterion is a function you can read and replace.

A tree grows greedily: at each node it picks the feature ``j`` and threshold ``t`` that
maximise the weighted impurity decrease

    Delta(j, t) = W_node / W_total * (I(node) - W_L / W_node * I(L) - W_R / W_node * I(R))

where ``I`` is the criterion: an impurity function of the node's sufficient statistics,
written as a plain Python function that numba can compile. The built-in criteria
(``"gini"``, ``"entropy"``, ``"squared_error"``) are ordinary functions of that form;
``"absolute_error"`` (which needs the node's median, not a sufficient statistic) has its own
compiled kernel.

Public constructors (keyword-only; all stored as given)::

    DecisionTreeClassifier(*, criterion="gini", max_depth=None, min_samples_split=2,
                           min_samples_leaf=1, min_weight_fraction_leaf=0.0,
                           max_features=None, random_state=None,
                           min_impurity_decrease=0.0, class_weight=None, ccp_alpha=0.0)
    DecisionTreeRegressor(*, criterion="squared_error", max_depth=None,
                          min_samples_split=2, min_samples_leaf=1,
                          min_weight_fraction_leaf=0.0, max_features=None,
                          random_state=None, min_impurity_decrease=0.0, ccp_alpha=0.0)

    fit(X, y, sample_weight=None)  -> self
    predict(X), predict_proba(X) (classifier), apply(X), decision_path(X)
    cost_complexity_pruning_path(X, y, sample_weight=None) -> Bunch(ccp_alphas, impurities)
    export_text(tree, feature_names=None, ...), plot_tree(tree, ax=None, ...)

Feature selection by importance needs nothing new: scikit-learn's ``SelectFromModel``
reads ``feature_importances_`` (see the tests and ``hackml tour``).

``criterion`` is a name or a user function:

* classification: ``impurity(counts, total) -> float`` where ``counts`` is a float64
  1-D array of the node's weighted class counts and ``total`` their sum;
* regression: ``impurity(w, s, ss) -> float`` with ``w = sum w_i``, ``s = sum w_i y_i``,
  ``ss = sum w_i y_i**2`` over the node's samples.

For ensembles (random forests, bagging, boosting)
-------------------------------------------------
* Bootstrap by weights: ``fit(X, y, sample_weight=counts)``. Samples of weight 0 are
  dropped before growing (as scikit-learn does), and ``classes_`` still comes from the
  whole ``y``, so every tree of a forest shares the same ``classes_`` order.
* ``max_features`` is ``None``, an int, a float fraction, ``"sqrt"`` or ``"log2"``; the
  features are visited in a random order drawn from ``random_state`` (an int seeds the
  compiled generator), and constant features do not count towards ``max_features``.
* The compiled builder is compiled once per process per criterion (built-ins are cached on
  disk); calling ``fit`` 100 times never recompiles. A user criterion function is compiled
  the first time it is used and the compiled kernels are kept per function object, so
  pass the *same* function object to every tree.
* Fitted ``tree_`` holds flat arrays (``children_left``, ``children_right``, ``feature``,
  ``threshold``, ``value``, ``impurity``, ``n_node_samples``,
  ``weighted_n_node_samples``); leaves have ``children_left == -1``. ``value`` has shape
  ``(n_nodes, n_classes)`` (class fractions) for a classifier and ``(n_nodes, 1)`` for a
  regressor. ``feature_importances_`` is the normalised total impurity decrease.
* X is converted to float32 as in scikit-learn (thresholds are float64 midpoints of
  float32 values), so ``X`` can be converted once with ``np.asarray(X, np.float32)``
  before fitting many trees.
"""

from . import criteria
from .decision_tree_classifier import DecisionTreeClassifier
from .decision_tree_regressor import DecisionTreeRegressor
from .export import export_text, plot_tree

__all__ = [
    "DecisionTreeClassifier",
    "DecisionTreeRegressor",
    "criteria",
    "export_text",
    "plot_tree",
]
