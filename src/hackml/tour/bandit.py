"""Tour section: A/B tests and bandits on real data (wine, iris, MovieLens 100k)."""

from __future__ import annotations

import time

import numpy as np


def _row(model, data, metric, ours, ref, seconds):
    return {
        "family": "bandit",
        "model": model,
        "data": data,
        "metric": metric,
        "hackml": float(ours),
        "reference": None if ref is None else float(ref),
        "seconds": seconds,
    }


def _movielens_arms(n_arms=10):
    """The most-rated movies as arms; reward 1 when a rating is 4 or 5."""
    from hackml.bandit import LoggedArms
    from hackml.datasets import load_movielens_100k

    ml = load_movielens_100k()
    top = np.argsort(np.bincount(ml.item))[::-1][:n_arms]
    keep = np.isin(ml.item, top)
    arm_of = {int(item): k for k, item in enumerate(top)}
    arms = np.array([arm_of[int(i)] for i in ml.item[keep]])
    return LoggedArms(arms, (ml.rating[keep] >= 4).astype(float))


def run() -> list[dict]:
    from scipy import stats
    from statsmodels.stats.proportion import proportions_ztest

    from hackml import bandit
    from hackml.datasets import load_iris, load_wine

    rows = []
    X, y = load_wine(return_X_y=True)
    high = X[:, 0] > np.median(X[:, 0])  # "conversion": alcohol above the median
    s = np.array([high[y == k].sum() for k in range(3)])
    n = np.bincount(y)
    t0 = time.perf_counter()
    z = bandit.two_proportion_ztest(s[:2], n[:2])
    rows.append(
        _row(
            "two_proportion_ztest",
            "wine: alcohol>median, class 0 vs 1",
            "p-value",
            z.pvalue,
            proportions_ztest(s[:2], n[:2])[1],
            time.perf_counter() - t0,
        )
    )
    t0 = time.perf_counter()
    chi = bandit.chi_square_test(s, n)
    ref = stats.chi2_contingency(np.column_stack([s, n - s]))[0]
    rows.append(
        _row(
            "chi_square_test",
            "wine: alcohol>median by class",
            "chi2",
            chi.statistic,
            ref,
            time.perf_counter() - t0,
        )
    )
    Xi, yi = load_iris(return_X_y=True)
    a, b = Xi[yi == 1, 2], Xi[yi == 2, 2]
    t0 = time.perf_counter()
    w = bandit.welch_ttest(a, b)
    rows.append(
        _row(
            "welch_ttest",
            "iris petal length, versicolor vs virginica",
            "t",
            w.statistic,
            stats.ttest_ind(a, b, equal_var=False).statistic,
            time.perf_counter() - t0,
        )
    )

    env = _movielens_arms()
    top2 = np.argsort(env.means)[::-1][:2]  # the two best-liked movies: a close call
    wins = [int(env.means[k] * env.sizes[k] + 0.5) for k in top2]
    post = [
        bandit.BetaBernoulli().update_counts(wins[i], int(env.sizes[k])) for i, k in enumerate(top2)
    ][::-1]
    t0 = time.perf_counter()
    p_best = bandit.probability_best(post, n_draws=1_000_000, random_state=0)[1]
    rows.append(
        _row(
            "probability_best (MC) vs integration",
            "MovieLens: best vs 2nd-best movie, rating>=4",
            "P(best)",
            p_best,
            bandit.probability_greater(*post),
            time.perf_counter() - t0,
        )
    )
    t0 = time.perf_counter()
    peek = bandit.peeking_simulation(n_looks=20, n_experiments=2000, random_state=0)
    rows.append(
        _row(
            "peeking_simulation (20 looks)",
            "A/A, p=0.1, 5000/arm",
            "false-positive rate (ref: nominal)",
            peek.peeking,
            peek.nominal,
            time.perf_counter() - t0,
        )
    )

    policies = {
        "EpsilonGreedy(0.1)": bandit.EpsilonGreedy(epsilon=0.1),
        "UCB1": bandit.UCB1(),
        "BernoulliThompson": bandit.BernoulliThompson(),
        "UniformRandom": bandit.UniformRandom(),
    }
    t0 = time.perf_counter()
    out = bandit.simulate(policies, env, n_steps=5000, n_runs=500, random_state=0)
    seconds = (time.perf_counter() - t0) / len(policies)
    random_regret = out["UniformRandom"].regret[-1]
    for name in list(policies)[:-1]:
        rows.append(
            _row(
                name,
                "MovieLens 100k, 10 top movies, reward rating>=4",
                "regret @5000 (ref: uniform random)",
                out[name].regret[-1],
                random_regret,
                seconds,
            )
        )
    return rows
