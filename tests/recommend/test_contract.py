"""The recommender contract, checked over every model of ``all_estimators(contract=...)``.

Each recommender must: fit on triples with string ids and on a sparse matrix; predict one
finite score per pair; recommend at most ``n`` unseen items, best first; list similar
items without the item itself; give the same result for the same ``random_state``;
survive a save/load round trip (npz + JSON, no pickle) with identical outputs; follow its
unknown-user policy; and refuse bad input with a ValueError/TypeError/KeyError that says
what was wrong.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from hackml import all_estimators
from hackml.recommend import load

RECOMMENDERS = [cls for _, cls in all_estimators(contract="recommender")]


def test_registry_lists_the_recommenders():
    names = {cls.__name__ for cls in RECOMMENDERS}
    assert {
        "ALSRecommender",
        "SGDRecommender",
        "ImplicitALSRecommender",
        "SQLItemRecommender",
        "PopularityRecommender",
    } <= names


def _data(seed=0):
    rng = np.random.default_rng(seed)
    n_users, n_items, n = 30, 20, 240
    pairs = rng.choice(n_users * n_items, n, replace=False)
    users = np.array([f"u{p // n_items}" for p in pairs])
    items = np.array([f"i{p % n_items}" for p in pairs])
    ratings = rng.integers(1, 6, n).astype(float)
    return users, items, ratings


def _make(cls, **params):
    est = cls(**params)
    if "rating_scale" in est.get_params():
        est.set_params(rating_scale=(1, 5))
    return est


@pytest.fixture(params=RECOMMENDERS, ids=lambda c: c.__name__)
def fitted(request):
    cls = request.param
    users, items, ratings = _data()
    kw = {"random_state": 0} if "random_state" in cls().get_params() else {}
    return _make(cls, **kw).fit(users, items, ratings), (users, items, ratings)


def test_predict_shapes_and_values(fitted):
    model, (users, items, _) = fitted
    pred = model.predict(users[:17], items[:17])
    assert pred.shape == (17,) and np.all(np.isfinite(pred))
    assert isinstance(model.predict(users[0], items[0]), float)
    with pytest.raises(ValueError, match="same length"):
        model.predict(users[:3], items[:2])


def test_recommend_excludes_seen_and_orders(fitted):
    model, (users, items, _) = fitted
    seen = set(items[users == "u3"])
    recs, scores = model.recommend("u3", n=5)
    assert 1 <= len(recs) <= 5 and not (set(recs) & seen)
    assert np.all(np.diff(scores) <= 0)
    # n larger than the catalogue: everything that is left, no error
    all_recs, _ = model.recommend("u3", n=1000, exclude_seen=True)
    assert len(all_recs) <= 20 - len(seen) and not (set(all_recs) & seen)
    with pytest.raises(ValueError, match="n must be >= 1"):
        model.recommend("u3", n=0)


def test_similar_items(fitted):
    model, _ = fitted
    sims, scores = model.similar_items("i4", n=3)
    assert 1 <= len(sims) <= 3 and "i4" not in sims
    assert np.all(np.diff(scores) <= 1e-12)
    with pytest.raises(KeyError, match="unknown item"):
        model.similar_items("no-such-item")


def test_same_random_state_same_result():
    users, items, ratings = _data()
    for cls in RECOMMENDERS:
        if "random_state" not in cls().get_params():
            continue
        a = _make(cls, random_state=3).fit(users, items, ratings).predict(users, items)
        b = _make(cls, random_state=3).fit(users, items, ratings).predict(users, items)
        np.testing.assert_array_equal(a, b, err_msg=cls.__name__)


def test_save_load_round_trip(fitted, tmp_path):
    model, (users, items, _) = fitted
    path = tmp_path / "model.npz"
    model.save(path)
    again = load(path)
    assert type(again) is type(model) and again.get_params() == model.get_params()
    np.testing.assert_allclose(again.predict(users, items), model.predict(users, items), rtol=1e-12)
    for u in ("u0", "u7"):
        np.testing.assert_array_equal(again.recommend(u, n=4)[0], model.recommend(u, n=4)[0])
    with np.load(path, allow_pickle=False) as npz:  # nothing in it needs pickle
        assert "__header__" in npz.files


def test_unknown_user_policy(fitted):
    model, _ = fitted
    recs, _ = model.recommend("stranger", n=3)  # fallback: the most popular items
    assert len(recs) == 3
    pop = model.item_index_.labels[np.argsort(-model.item_popularity_, kind="stable")[:1]]
    assert recs[0] == pop[0]
    assert np.isfinite(model.predict("stranger", "i1"))
    strict = model.set_params(unknown="error")
    with pytest.raises(KeyError, match="unknown user"):
        strict.recommend("stranger")
    with pytest.raises(KeyError, match="unknown"):
        strict.predict(["stranger"], ["i1"])


def test_recalculate_user_adds_a_user(fitted):
    model, _ = fitted
    new = {"i1": 5.0, "i2": 4.0, "i3": 1.0}
    model.recalculate_user(new, user="newcomer")
    recs, _ = model.recommend("newcomer", n=25)
    assert not ({"i1", "i2", "i3"} & set(recs))
    assert len(recs) == 17


@pytest.mark.parametrize("cls", RECOMMENDERS, ids=lambda c: c.__name__)
def test_sparse_matrix_input_keeps_empty_rows(cls):
    rng = np.random.default_rng(1)
    M = sparse.random(12, 9, density=0.4, random_state=1, format="csr")
    M.data = rng.integers(1, 6, M.nnz).astype(float)
    M = sparse.vstack([M, sparse.csr_matrix((1, 9))]).tocsr()  # user 12 has no ratings
    model = _make(cls).fit(M)
    assert model.n_users_ == 13 and model.n_items_ == 9
    assert len(model.recommend(12, n=3)[0]) == 3
    assert np.isfinite(model.predict(12, 0))


@pytest.mark.parametrize("cls", RECOMMENDERS, ids=lambda c: c.__name__)
def test_bad_input(cls):
    users, items, ratings = _data()
    bad = ratings.copy()
    bad[[3, 5]] = np.nan
    with pytest.raises(ValueError, match="2 NaN"):
        _make(cls).fit(users, items, bad)
    with pytest.raises(ValueError, match="empty"):
        _make(cls).fit([], [], [])
    with pytest.raises(ValueError, match="same length"):
        _make(cls).fit(users, items[:-1], ratings)
    with pytest.raises(ValueError, match="duplicates must be one of"):
        cls(duplicates="first").fit(users, items, ratings)
    with pytest.raises(ValueError, match="unknown must be one of"):
        cls(unknown="ignore").fit(users, items, ratings)
    if "rating_scale" in cls().get_params():
        high = ratings.copy()
        high[:4] = 7.0
        with pytest.raises(ValueError, match="4 ratings lie outside rating_scale"):
            _make(cls).fit(users, items, high)
    else:  # implicit feedback refuses negative weights
        with pytest.raises(ValueError, match="outside rating_scale"):
            cls().fit(users, items, -ratings)


@pytest.mark.parametrize("cls", RECOMMENDERS, ids=lambda c: c.__name__)
def test_duplicates_warn_with_count_and_follow_policy(cls):
    users = ["a", "a", "b", "a", "c"]
    items = ["x", "y", "x", "x", "y"]
    ratings = [1.0, 2.0, 3.0, 5.0, 4.0]
    with pytest.warns(UserWarning, match="1 duplicate"):
        last = cls(duplicates="last").fit(users, items, ratings)
    assert last.seen_[last.user_index_.codes(["a"])[0], 0] == 5.0
    with pytest.warns(UserWarning, match="averaged"):
        mean = cls(duplicates="mean").fit(users, items, ratings)
    assert mean.seen_[mean.user_index_.codes(["a"])[0], 0] == 3.0
    with pytest.raises(ValueError, match="1 duplicate"):
        cls(duplicates="error").fit(users, items, ratings)
