"""Choose ALSRecommender's hyperparameters by 3-fold cross-validation on the training part.

The split is the one the tests use: MovieLens 100k, ``random_split(test_size=0.2,
random_state=0)``. Only the 80% training part is seen here; it is cut into 3 folds and
each setting of a small grid is scored by the mean validation RMSE. The chosen setting is
recorded in ``tests/recommend/test_movielens.py`` (``CHOSEN``).

Run: ``.venv/bin/python examples/recommend/tune_als.py``
"""

import itertools

import numpy as np

from hackml.datasets import load_movielens_100k
from hackml.recommend import ALSRecommender, random_split, rmse

GRID = {
    "n_factors": [10, 30],
    "reg_user": [5.0, 10.0],
    "reg_item": [20.0, 40.0],
    "reg_user_bias": [5.0],
    "reg_item_bias": [2.0, 10.0],
}


def main():
    ml = load_movielens_100k()
    train, _ = random_split(ml.user, ml.item, ml.rating, test_size=0.2, random_state=0)
    users, items, ratings = train
    folds = np.random.default_rng(1).permutation(len(ratings)) % 3
    results = []
    for values in itertools.product(*GRID.values()):
        params = dict(zip(GRID, values))
        scores = []
        for f in range(3):
            tr, va = folds != f, folds == f
            model = ALSRecommender(**params, max_iter=30, rating_scale=(1, 5), random_state=0)
            model.fit(users[tr], items[tr], ratings[tr])
            scores.append(rmse(ratings[va], model.predict(users[va], items[va])))
        results.append((float(np.mean(scores)), params))
        print(f"{np.mean(scores):.4f}  {params}", flush=True)
    best = min(results, key=lambda r: r[0])
    print(f"best CV RMSE {best[0]:.4f} with {best[1]}")


if __name__ == "__main__":
    main()
