"""Read a fitted tree: as indented text (:func:`export_text`) or a matplotlib drawing
(:func:`plot_tree`, needs the ``plot`` extra)."""

from __future__ import annotations

import numpy as np
from sklearn.base import is_classifier

from .._core.optional import import_optional
from .._core.validation import check_is_fitted

__all__ = ["export_text", "plot_tree"]


def _names(model, feature_names):
    n = model.n_features_in_
    if feature_names is None:
        names = getattr(model, "feature_names_in_", None)
        return list(names) if names is not None else [f"feature_{j}" for j in range(n)]
    names = list(feature_names)
    if len(names) != n:
        raise ValueError(
            f"feature_names must have {n} entries (one per feature); got {len(names)}."
        )
    return names


def _leaf_text(model, node, decimals, show_weights):
    value = model.tree_.value[node]
    if not is_classifier(model):
        return f"value: {value[0]:.{decimals}f}"
    text = f"class: {model.classes_[int(np.argmax(value))]}"
    if show_weights:
        counts = value * model.tree_.weighted_n_node_samples[node]
        text += " weights: [" + ", ".join(f"{c:.{decimals}f}" for c in counts) + "]"
    return text


def export_text(model, *, feature_names=None, max_depth=10, decimals=2, show_weights=False):
    """The fitted tree as indented rules, one line per branch and leaf.

    Parameters
    ----------
    model : fitted DecisionTreeClassifier or DecisionTreeRegressor
    feature_names : list of str, default=None
        Defaults to ``feature_names_in_`` or ``feature_0, feature_1, ...``.
    max_depth : int, default=10
        Deeper branches are summarised as ``truncated branch of depth k``.
    decimals : int, default=2
    show_weights : bool, default=False
        Show the weighted class counts at the leaves of a classifier.

    Examples
    --------
    >>> from hackml.datasets import load_iris
    >>> from hackml.tree import DecisionTreeClassifier, export_text
    >>> X, y = load_iris(return_X_y=True)
    >>> tree = DecisionTreeClassifier(max_depth=2, random_state=0).fit(X, y)
    >>> print(export_text(tree, feature_names=["sl", "sw", "pl", "pw"]))
    |--- pw <= 0.80
    |   |--- class: 0
    |--- pw >  0.80
    |   |--- pw <= 1.75
    |   |   |--- class: 1
    |   |--- pw >  1.75
    |   |   |--- class: 2
    """
    check_is_fitted(model, "tree_")
    names = _names(model, feature_names)
    t = model.tree_
    lines = []

    def walk(node, depth):
        indent = "|   " * depth + "|--- "
        if t.children_left[node] == -1:
            lines.append(indent + _leaf_text(model, node, decimals, show_weights))
            return
        if depth >= max_depth:
            sub = _subtree_depth(t, node)
            lines.append(indent + f"truncated branch of depth {sub}")
            return
        name, thr = names[t.feature[node]], t.threshold[node]
        lines.append(indent + f"{name} <= {thr:.{decimals}f}")
        walk(t.children_left[node], depth + 1)
        lines.append(indent + f"{name} >  {thr:.{decimals}f}")
        walk(t.children_right[node], depth + 1)

    walk(0, 0)
    return "\n".join(lines)


def _subtree_depth(t, node):
    if t.children_left[node] == -1:
        return 0
    return 1 + max(
        _subtree_depth(t, t.children_left[node]), _subtree_depth(t, t.children_right[node])
    )


def _layout(t):
    """x (leaves left to right, parents centred over children) and depth of every node."""
    x = np.zeros(t.node_count)
    depth = np.zeros(t.node_count, dtype=int)
    next_leaf = [0.0]

    def place(node, d):
        depth[node] = d
        if t.children_left[node] == -1:
            x[node] = next_leaf[0]
            next_leaf[0] += 1.0
            return
        place(t.children_left[node], d + 1)
        place(t.children_right[node], d + 1)
        x[node] = (x[t.children_left[node]] + x[t.children_right[node]]) / 2.0

    place(0, 0)
    return x, depth


def plot_tree(model, *, ax=None, feature_names=None, max_depth=None, decimals=2, fontsize=8):
    """Draw the fitted tree with matplotlib; return the list of text annotations.

    Each box shows the split (inner nodes), the impurity, the number of samples and the
    prediction. Nodes deeper than ``max_depth`` are not drawn.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from hackml.datasets import load_iris
    >>> from hackml.tree import DecisionTreeClassifier, plot_tree
    >>> X, y = load_iris(return_X_y=True)
    >>> tree = DecisionTreeClassifier(max_depth=2, random_state=0).fit(X, y)
    >>> len(plot_tree(tree))
    5
    """
    check_is_fitted(model, "tree_")
    plt = import_optional("matplotlib.pyplot", purpose="plot_tree")
    names = _names(model, feature_names)
    t = model.tree_
    x, depth = _layout(t)
    shown = depth <= (np.inf if max_depth is None else max_depth)
    if ax is None:
        ax = plt.gca()
    ax.set_axis_off()
    span = x[shown].max() + 1.0
    levels = depth[shown].max() + 1.0
    artists = []
    for node in np.flatnonzero(shown):
        rows = []
        if t.children_left[node] != -1:
            rows.append(f"{names[t.feature[node]]} <= {t.threshold[node]:.{decimals}f}")
        rows.append(f"impurity = {t.impurity[node]:.{decimals}f}")
        rows.append(f"samples = {t.n_node_samples[node]}")
        rows.append(_leaf_text(model, node, decimals, False))
        xy = ((x[node] + 0.5) / span, 1.0 - (depth[node] + 0.5) / levels)
        artists.append(
            ax.annotate(
                "\n".join(rows),
                xy=xy,
                xycoords="axes fraction",
                ha="center",
                va="center",
                fontsize=fontsize,
                bbox={"boxstyle": "round", "fc": "white", "ec": "0.4"},
            )
        )
        left = t.children_left[node]
        if left != -1 and shown[left]:
            for child in (left, t.children_right[node]):
                ax.annotate(
                    "",
                    xy=((x[child] + 0.5) / span, 1.0 - (depth[child] + 0.5) / levels),
                    xytext=xy,
                    xycoords="axes fraction",
                    textcoords="axes fraction",
                    arrowprops={"arrowstyle": "->", "color": "0.4"},
                )
    return artists
