"""Tour section: recommenders on MovieLens 100k."""

from __future__ import annotations

import time


def run() -> list[dict]:
    import numpy as np

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

    ml = load_movielens_100k()
    train, (u, i, r) = random_split(ml.user, ml.item, ml.rating, test_size=0.2, random_state=0)
    rows = []
    data = "MovieLens 100k (random 20% held out)"
    baseline = rmse(r, PopularityRecommender().fit(*train).predict(u, i))
    for label, model in [
        (
            "ALSRecommender (k=30, biases)",
            ALSRecommender(
                n_factors=30,
                reg_user=5.0,
                reg_item=40.0,
                reg_user_bias=5.0,
                reg_item_bias=2.0,
                max_iter=30,
                rating_scale=(1, 5),
                random_state=0,
            ),
        ),
        ("SQLItemRecommender (SQLite)", SQLItemRecommender(rating_scale=(1, 5))),
    ]:
        t0 = time.perf_counter()
        model.fit(*train)
        seconds = time.perf_counter() - t0
        rows.append(
            {
                "family": "recommend",
                "model": label,
                "data": data,
                "metric": "test RMSE (ref: item-mean baseline)",
                "hackml": rmse(r, model.predict(u, i)),
                "reference": baseline,
                "seconds": seconds,
            }
        )
    (tu, ti, _, _), test = leave_last_out_split(ml.user, ml.item, ml.rating, ml.timestamp)
    ones = np.ones(len(tu))
    pop = evaluate_ranking(PopularityRecommender().fit(tu, ti, ones), test, k=10)
    t0 = time.perf_counter()
    ials = ImplicitALSRecommender(n_factors=64, max_iter=15, random_state=0).fit(tu, ti, ones)
    seconds = time.perf_counter() - t0
    rows.append(
        {
            "family": "recommend",
            "model": "ImplicitALSRecommender (k=64)",
            "data": "MovieLens 100k (leave last out)",
            "metric": "precision@10 (ref: popularity)",
            "hackml": evaluate_ranking(ials, test, k=10)["precision@10"],
            "reference": pop["precision@10"],
            "seconds": seconds,
        }
    )
    return rows
