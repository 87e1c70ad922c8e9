"""DecisionTreeClassifier: agreement with scikit-learn, criteria, weights, bad input."""

import numpy as np
import pytest
from sklearn import tree as sk
from sklearn.feature_selection import SelectFromModel
from sklearn.model_selection import GridSearchCV, cross_val_score, train_test_split
from sklearn.utils.class_weight import compute_sample_weight

from hackml import datasets
from hackml.tree import DecisionTreeClassifier
from hackml.tree._builder import build_tree
from hackml.tree.criteria import make_tsallis, misclassification

FIELDS = ["children_left", "children_right", "feature", "n_node_samples"]


def no_tie_data(n=2000, d=6, k=3, seed=0):
    """Continuous features (no repeated values) and labels from a noisy linear rule."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = np.digitize(X @ rng.normal(size=d) + 0.5 * rng.normal(size=n), [-0.7, 0.7])[:, None]
    return X, y.ravel() % k


def assert_same_tree(ours, ref):
    a, b = ours.tree_, ref.tree_
    for name in FIELDS:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
    np.testing.assert_array_equal(a.threshold, b.threshold)  # midpoints of float32 values
    np.testing.assert_allclose(a.impurity, b.impurity, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(a.weighted_n_node_samples, b.weighted_n_node_samples)
    value = b.value[:, 0, :] if b.value.ndim == 3 else b.value
    np.testing.assert_allclose(a.value, value / value.sum(axis=1, keepdims=True), atol=1e-12)


@pytest.mark.parametrize("name", ["iris", "wine", "breast_cancer", "digits"])
@pytest.mark.parametrize("criterion", ["gini", "entropy"])
def test_held_out_accuracy_within_one_point_of_sklearn(name, criterion):
    # Averaged over 25 splits/seeds: single trees break exact ties between features at
    # random, so one split alone swings by several points on these small sets.
    X, y = getattr(datasets, f"load_{name}")(return_X_y=True)
    ours, ref = [], []
    for seed in range(25):
        Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=seed, stratify=y)
        ours.append(
            DecisionTreeClassifier(criterion=criterion, random_state=seed)
            .fit(Xtr, ytr)
            .score(Xte, yte)
        )
        ref.append(
            sk.DecisionTreeClassifier(criterion=criterion, random_state=seed)
            .fit(Xtr, ytr)
            .score(Xte, yte)
        )
    assert abs(np.mean(ours) - np.mean(ref)) <= 0.01


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
def test_identical_tree_to_sklearn_without_ties(criterion):
    X, y = no_tie_data()
    kw = dict(criterion=criterion, max_depth=4, min_samples_leaf=20, random_state=0)
    ours = DecisionTreeClassifier(**kw).fit(X, y)
    ref = sk.DecisionTreeClassifier(**kw).fit(X, y)
    assert_same_tree(ours, ref)
    np.testing.assert_allclose(ours.feature_importances_, ref.feature_importances_, atol=1e-12)
    np.testing.assert_array_equal(ours.apply(X), ref.apply(X))
    assert (ours.decision_path(X) != ref.decision_path(X)).nnz == 0
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-12)


def test_identical_tree_with_weights_and_options():
    X, y = no_tie_data(seed=1)
    w = np.random.default_rng(0).uniform(0.5, 2.0, size=len(y))
    kw = dict(
        max_depth=6,
        min_samples_split=10,
        min_impurity_decrease=0.002,
        min_weight_fraction_leaf=0.01,
        class_weight={0: 1.0, 1: 2.0, 2: 0.5},
    )
    ours = DecisionTreeClassifier(**kw).fit(X, y, sample_weight=w)
    ref = sk.DecisionTreeClassifier(**kw, random_state=0).fit(X, y, sample_weight=w)
    assert_same_tree(ours, ref)


def my_gini(counts, total):
    sq = 0.0
    for k in range(counts.shape[0]):
        sq += counts[k] * counts[k]
    return 1.0 - sq / (total * total)


def test_user_gini_reproduces_builtin_and_other_criteria_change_the_tree():
    X, y = datasets.load_digits(return_X_y=True)
    builtin = DecisionTreeClassifier(random_state=0).fit(X, y)
    user = DecisionTreeClassifier(criterion=my_gini, random_state=0).fit(X, y)
    for name in [*FIELDS, "threshold", "impurity", "value"]:
        np.testing.assert_array_equal(getattr(user.tree_, name), getattr(builtin.tree_, name))
    other = DecisionTreeClassifier(criterion=misclassification, random_state=0).fit(X, y)
    assert other.tree_.node_count != builtin.tree_.node_count or not np.array_equal(
        other.tree_.feature, builtin.tree_.feature
    )
    tsallis = DecisionTreeClassifier(criterion=make_tsallis(3.0), random_state=0).fit(X, y)
    assert not np.array_equal(tsallis.apply(X), builtin.apply(X))


def test_many_fits_and_criteria_share_one_compiled_builder():
    X, y = datasets.load_iris(return_X_y=True)
    for crit in ["gini", "entropy", my_gini, misclassification, make_tsallis(1.5)]:
        for seed in range(3):
            DecisionTreeClassifier(criterion=crit, max_features=2, random_state=seed).fit(X, y)
    assert len(build_tree.signatures) == 1


def test_integer_weights_equal_repeated_samples_and_zero_weights_drop_samples():
    X, y = datasets.load_wine(return_X_y=True)
    w = np.random.default_rng(0).integers(0, 3, size=len(y))
    weighted = DecisionTreeClassifier(random_state=0).fit(X, y, sample_weight=w)
    repeated = DecisionTreeClassifier(random_state=0).fit(np.repeat(X, w, axis=0), np.repeat(y, w))
    np.testing.assert_array_equal(weighted.tree_.feature, repeated.tree_.feature)
    np.testing.assert_array_equal(weighted.tree_.threshold, repeated.tree_.threshold)
    np.testing.assert_array_equal(weighted.classes_, np.unique(y))  # from all of y


def test_class_weight_is_a_sample_weight():
    X, y = datasets.load_breast_cancer(return_X_y=True)
    balanced = DecisionTreeClassifier(class_weight="balanced", max_depth=4, random_state=0).fit(
        X, y
    )
    manual = DecisionTreeClassifier(max_depth=4, random_state=0).fit(
        X, y, sample_weight=compute_sample_weight("balanced", y)
    )
    np.testing.assert_array_equal(balanced.tree_.threshold, manual.tree_.threshold)
    heavy = DecisionTreeClassifier(class_weight={0: 50.0, 1: 1.0}, max_depth=2).fit(X, y)
    plain = DecisionTreeClassifier(max_depth=2).fit(X, y)
    assert np.mean(heavy.predict(X) == 0) > np.mean(plain.predict(X) == 0)


def test_max_features_draws_from_random_state():
    X, y = datasets.load_digits(return_X_y=True)
    a = DecisionTreeClassifier(max_features="sqrt", random_state=1).fit(X, y)
    b = DecisionTreeClassifier(max_features="sqrt", random_state=1).fit(X, y)
    c = DecisionTreeClassifier(max_features="sqrt", random_state=2).fit(X, y)
    assert a.max_features_ == 8
    np.testing.assert_array_equal(a.tree_.threshold, b.tree_.threshold)
    assert not np.array_equal(a.apply(X), c.apply(X))


def test_string_labels_and_sklearn_model_selection_work():
    X, y = datasets.load_iris(return_X_y=True)
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    tree = DecisionTreeClassifier(max_depth=3).fit(X, names)
    assert set(tree.predict(X)) <= set(names)
    assert tree.score(X, names) > 0.95
    scores = cross_val_score(DecisionTreeClassifier(random_state=0), X, names, cv=5)
    assert scores.mean() > 0.9
    grid = GridSearchCV(
        DecisionTreeClassifier(random_state=0),
        {"max_depth": [1, 3], "criterion": ["gini", my_gini]},
        cv=3,
    )
    assert grid.fit(X, names).best_params_["max_depth"] == 3


def test_feature_selection_by_importance():
    X, y = datasets.load_breast_cancer(return_X_y=True)
    rng = np.random.default_rng(0)
    Xn = np.hstack([X, rng.normal(size=(len(y), 20))])  # 20 pure-noise columns
    selector = SelectFromModel(DecisionTreeClassifier(max_depth=3, random_state=0)).fit(Xn, y)
    kept = np.flatnonzero(selector.get_support())
    assert len(kept) >= 1 and np.all(kept < X.shape[1])
    assert np.isclose(selector.estimator_.feature_importances_.sum(), 1.0)


def test_one_sample_and_one_class_give_a_single_leaf():
    tree = DecisionTreeClassifier().fit([[1.0, 2.0]], ["a"])
    assert tree.tree_.node_count == 1 and tree.predict([[5.0, 5.0]])[0] == "a"


@pytest.mark.parametrize("X_bad", [np.nan, np.inf, 1e40])
def test_non_finite_input_is_rejected(X_bad):
    X, y = datasets.load_iris(return_X_y=True)
    X = X.copy()
    X[3, 1] = X_bad
    with pytest.raises(ValueError, match="X"):
        DecisionTreeClassifier().fit(X, y)


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        ({"max_depth": 0}, ValueError, "max_depth"),
        ({"min_samples_leaf": 0}, ValueError, "min_samples_leaf"),
        ({"min_samples_split": 1}, ValueError, "min_samples_split"),
        ({"max_features": "half"}, ValueError, "max_features"),
        ({"max_features": 99}, ValueError, "max_features"),
        ({"ccp_alpha": -1.0}, ValueError, "ccp_alpha"),
        ({"class_weight": "even"}, ValueError, "class_weight"),
        ({"criterion": "mse"}, ValueError, "criterion"),
        ({"criterion": 3}, TypeError, "criterion"),
        ({"min_weight_fraction_leaf": 0.7}, ValueError, "min_weight_fraction_leaf"),
    ],
)
def test_bad_parameters_name_themselves(params, error, match):
    X, y = datasets.load_iris(return_X_y=True)
    with pytest.raises(error, match=match):
        DecisionTreeClassifier(**params).fit(X, y)


def wrong_arity(counts):
    return 0.0


def not_compilable(counts, total):
    return {"a": counts}  # a dict of arrays is no float


def returns_nan(counts, total):
    return np.nan


@pytest.mark.parametrize(
    ("func", "error", "match"),
    [
        (wrong_arity, TypeError, "exactly 2 positional arguments"),
        (not_compilable, TypeError, "could not be compiled"),
        (returns_nan, ValueError, "finite"),
    ],
)
def test_bad_criterion_function_gives_a_clear_error(func, error, match):
    X, y = datasets.load_iris(return_X_y=True)
    with pytest.raises(error, match=match) as info:
        DecisionTreeClassifier(criterion=func).fit(X, y)
    assert "numba" not in type(info.value).__module__
