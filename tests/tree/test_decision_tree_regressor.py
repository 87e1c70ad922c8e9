"""DecisionTreeRegressor, pruning and export against scikit-learn."""

import matplotlib
import numpy as np
import pytest
from sklearn import tree as sk
from sklearn.model_selection import train_test_split

from hackml import datasets
from hackml.tree import DecisionTreeClassifier, DecisionTreeRegressor, export_text, plot_tree

matplotlib.use("Agg")


def no_tie_regression(n=1500, d=5, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    return X, np.sin(2 * X[:, 0]) + X[:, 1] * X[:, 2] + 0.3 * rng.normal(size=n)


@pytest.mark.parametrize("criterion", ["squared_error", "absolute_error"])
def test_diabetes_held_out_r2_within_001_of_sklearn(criterion):
    X, y = datasets.load_diabetes(return_X_y=True)
    ours, ref = [], []
    for seed in range(10):
        Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=seed)
        kw = dict(criterion=criterion, max_depth=4, random_state=seed)
        ours.append(DecisionTreeRegressor(**kw).fit(Xtr, ytr).score(Xte, yte))
        ref.append(sk.DecisionTreeRegressor(**kw).fit(Xtr, ytr).score(Xte, yte))
    assert abs(np.mean(ours) - np.mean(ref)) <= 0.01


@pytest.mark.parametrize("criterion", ["squared_error", "absolute_error"])
def test_identical_tree_to_sklearn_without_ties(criterion):
    X, y = no_tie_regression()
    w = np.random.default_rng(1).uniform(0.5, 2.0, size=len(y))
    kw = dict(criterion=criterion, max_depth=5, min_samples_leaf=10, random_state=0)
    ours = DecisionTreeRegressor(**kw).fit(X, y, sample_weight=w)
    ref = sk.DecisionTreeRegressor(**kw).fit(X, y, sample_weight=w)
    for name in ["children_left", "children_right", "feature", "n_node_samples", "threshold"]:
        np.testing.assert_array_equal(getattr(ours.tree_, name), getattr(ref.tree_, name))
    np.testing.assert_allclose(ours.tree_.impurity, ref.tree_.impurity, rtol=1e-7, atol=1e-10)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-9)
    np.testing.assert_allclose(ours.feature_importances_, ref.feature_importances_, atol=1e-8)


def my_squared_error(w, s, ss):
    mean = s / w
    return ss / w - mean * mean


def poisson_deviance(w, s, ss):
    # half Poisson deviance up to terms constant across splits: -mean log(mean)
    mean = s / w
    return -mean * np.log(mean) if mean > 0 else 0.0


def test_user_regression_criterion_exact_and_different():
    X, y = datasets.load_diabetes(return_X_y=True)
    builtin = DecisionTreeRegressor(max_depth=6, random_state=0).fit(X, y)
    user = DecisionTreeRegressor(criterion=my_squared_error, max_depth=6, random_state=0).fit(X, y)
    np.testing.assert_array_equal(user.tree_.threshold, builtin.tree_.threshold)
    np.testing.assert_array_equal(user.predict(X), builtin.predict(X))
    other = DecisionTreeRegressor(criterion=poisson_deviance, max_depth=6, random_state=0)
    assert not np.array_equal(other.fit(X, y).apply(X), builtin.apply(X))


def test_bad_regression_criterion_and_input():
    X, y = datasets.load_diabetes(return_X_y=True)
    with pytest.raises(TypeError, match=r"impurity\(w: float64, s: float64, ss: float64\)"):
        DecisionTreeRegressor(criterion=lambda counts, total: 0.0).fit(X, y)
    with pytest.raises(ValueError, match="criterion"):
        DecisionTreeRegressor(criterion="gini").fit(X, y)
    with pytest.raises(ValueError):
        DecisionTreeRegressor().fit(X, np.where(np.arange(len(y)) == 4, np.nan, y))
    one = DecisionTreeRegressor().fit(X[:1], y[:1])
    assert one.tree_.node_count == 1 and one.predict(X[:3]).tolist() == [y[0]] * 3


@pytest.mark.parametrize("Model", [DecisionTreeClassifier, DecisionTreeRegressor])
def test_pruning_path_and_pruned_tree_match_sklearn(Model):
    X, y = no_tie_regression(n=600)
    if Model is DecisionTreeClassifier:
        y, ref_cls = (y > 0).astype(int), sk.DecisionTreeClassifier
    else:
        ref_cls = sk.DecisionTreeRegressor
    kw = dict(min_samples_leaf=10, random_state=0)  # no tied candidate splits
    path = Model(**kw).cost_complexity_pruning_path(X, y)
    ref_path = ref_cls(**kw).cost_complexity_pruning_path(X, y)
    np.testing.assert_allclose(path.ccp_alphas, ref_path.ccp_alphas, rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(path.impurities, ref_path.impurities, rtol=1e-6, atol=1e-12)
    assert np.all(np.diff(path.ccp_alphas) >= -1e-12)
    k = len(path.ccp_alphas) // 2
    alpha = (path.ccp_alphas[k] + path.ccp_alphas[k + 1]) / 2  # between two pruning steps
    ours = Model(ccp_alpha=alpha, **kw).fit(X, y)
    ref = ref_cls(ccp_alpha=alpha, **kw).fit(X, y)
    assert ours.tree_.node_count == ref.tree_.node_count < Model(**kw).fit(X, y).tree_.node_count
    np.testing.assert_array_equal(ours.tree_.threshold, ref.tree_.threshold)
    np.testing.assert_array_equal(ours.apply(X), ref.apply(X))


def test_export_text_matches_sklearn_layout_and_plot_draws_every_node():
    X, y = datasets.load_iris(return_X_y=True)
    ours = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
    ref = sk.DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
    names = ["sepal length", "sepal width", "petal length", "petal width"]
    assert export_text(ours, feature_names=names) == export_text(ref, feature_names=names).rstrip(
        "\n"
    )
    text = export_text(ours, max_depth=1, show_weights=True)
    assert "truncated branch of depth 2" in text and "weights: [50.00, 0.00, 0.00]" in text
    reg = DecisionTreeRegressor(max_depth=2).fit(X, X[:, 0])
    assert export_text(reg).count("value: ") == reg.get_n_leaves()
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    artists = plot_tree(ours, ax=ax, feature_names=names)
    assert len(artists) == ours.tree_.node_count
    assert "petal width <= 0.80" in artists[0].get_text()
    assert len(plot_tree(ours, ax=ax, max_depth=1)) == 3
    plt.close(fig)
    with pytest.raises(ValueError, match="feature_names"):
        export_text(ours, feature_names=["a"])
