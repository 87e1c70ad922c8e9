"""MovieLens 100k: rating accuracy and ranking quality against the baselines.

``CHOSEN`` was picked by 3-fold cross-validation on the training part only
(``examples/recommend/tune_als.py``; best CV RMSE 0.9263 over a 16-point grid); the test
fits just that setting once per module.
"""

from __future__ import annotations

import numpy as np
import pytest

from hackml.datasets import load_movielens_100k
from hackml.recommend import (
    ALSRecommender,
    ImplicitALSRecommender,
    PopularityRecommender,
    SQLItemRecommender,
    evaluate_ranking,
    leave_last_out_split,
    random_split,
    rmse,
)

CHOSEN = {
    "n_factors": 30,
    "reg_user": 5.0,
    "reg_item": 40.0,
    "reg_user_bias": 5.0,
    "reg_item_bias": 2.0,
}


@pytest.fixture(scope="module")
def ml():
    return load_movielens_100k()


@pytest.fixture(scope="module")
def holdout(ml):
    train, test = random_split(ml.user, ml.item, ml.rating, test_size=0.2, random_state=0)
    als = ALSRecommender(**CHOSEN, max_iter=30, rating_scale=(1, 5), random_state=0)
    als.fit(*train, validation=test)
    return train, test, als


def test_als_rmse_beats_published_svd_and_baselines(holdout, capsys):
    train, (u, i, r), als = holdout
    scores = {
        "ALS with biases": rmse(r, als.predict(u, i)),
        "global mean": rmse(r, np.full(len(r), train[2].mean())),
        "bias only": rmse(
            r,
            ALSRecommender(n_factors=0, reg_user_bias=5.0, reg_item_bias=2.0, max_iter=30)
            .fit(*train)
            .predict(u, i),
        ),
        "popularity (item mean)": rmse(r, PopularityRecommender().fit(*train).predict(u, i)),
    }
    with capsys.disabled():
        print(
            "\nMovieLens 100k, random 80/20 (seed 0), test RMSE: "
            + ", ".join(f"{k} {v:.4f}" for k, v in scores.items())
        )
    assert scores["ALS with biases"] <= 0.915
    assert scores["ALS with biases"] < scores["bias only"] - 0.02
    assert scores["bias only"] < scores["popularity (item mean)"] < scores["global mean"]
    # the held-out curve was recorded and ends where predict says
    assert len(als.validation_history_) == als.n_iter_
    assert als.validation_history_[-1] == pytest.approx(scores["ALS with biases"])


def test_als_training_objective_never_increases(holdout):
    h = np.asarray(holdout[2].objective_history_)
    assert len(h) > 5 and np.all(np.diff(h) <= 1e-12 * h[:-1])


def test_sql_recommender_quality_between_baselines_and_mf(holdout):
    train, (u, i, r), als = holdout
    sql = SQLItemRecommender(rating_scale=(1, 5)).fit(*train)
    sql_rmse = rmse(r, sql.predict(u, i))
    assert (
        rmse(r, als.predict(u, i))
        < sql_rmse
        < rmse(r, PopularityRecommender().fit(*train).predict(u, i))
    )


@pytest.fixture(scope="module")
def last_out(ml):
    return leave_last_out_split(ml.user, ml.item, ml.rating, ml.timestamp)


def test_implicit_als_beats_popularity_on_leave_last_out(last_out, capsys):
    (tu, ti, _, _), test = last_out
    ones = np.ones(len(tu))
    pop = evaluate_ranking(PopularityRecommender().fit(tu, ti, ones), test, k=10)
    ials = ImplicitALSRecommender(n_factors=64, max_iter=15, random_state=0).fit(tu, ti, ones)
    got = evaluate_ranking(ials, test, k=10)
    sql = evaluate_ranking(SQLItemRecommender().fit(tu, ti, ones), test, k=10)
    with capsys.disabled():
        print(
            f"\nleave-last-out, 943 users: precision@10 implicit ALS "
            f"{got['precision@10']:.4f}, SQL item-item {sql['precision@10']:.4f}, "
            f"popularity {pop['precision@10']:.4f}; NDCG@10 {got['ndcg@10']:.4f} vs "
            f"{pop['ndcg@10']:.4f}; coverage {got['coverage']:.3f} vs {pop['coverage']:.3f}"
        )
    assert got["n_users"] == 943
    assert got["precision@10"] > 1.4 * pop["precision@10"]
    assert got["ndcg@10"] > 1.4 * pop["ndcg@10"]
    assert got["coverage"] > 3 * pop["coverage"]
    h = np.asarray(ials.objective_history_)
    assert np.all(np.diff(h) <= 1e-10 * h[:-1])
