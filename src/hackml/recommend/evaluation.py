"""Evaluating recommenders: splits, rating errors and ranking metrics.

Ratings are passed as three parallel arrays ``(users, items, ratings)``; splits return
``(train, test)``, each such a triple (a fourth array, e.g. timestamps, rides along when
given).

Ranking metrics follow the usual top-k definitions, for one user with recommended list
``rec`` (length k) and relevant set ``rel`` (their held-out items):

- precision@k = |rec ∩ rel| / k;  recall@k = |rec ∩ rel| / |rel|;
- NDCG@k = sum_{hits at rank r} 1/log2(r + 1), divided by the same sum for the ideal
  list (``min(k, |rel|)`` hits at the top);
- coverage = share of the catalogue that appears in at least one user's list.

:func:`evaluate_ranking` averages them over the test users.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._core.validation import check_random_state, check_scalar

__all__ = [
    "evaluate_ranking",
    "leave_last_out_split",
    "mae",
    "ndcg_at_k",
    "precision_at_k",
    "random_split",
    "recall_at_k",
    "rmse",
]


def _arrays(*arrays):
    out = [np.asarray(a) for a in arrays]
    n = len(out[0])
    if any(len(a) != n for a in out):
        raise ValueError(f"the arrays must have the same length; got {[len(a) for a in out]}.")
    return out


def random_split(users, items, ratings, *extra, test_size=0.2, random_state=None):
    """Random holdout: a ``test_size`` share of the ratings, drawn uniformly, is the test.

    Examples
    --------
    >>> train, test = random_split([1, 1, 2, 2, 3], [1, 2, 1, 3, 2], [5, 3, 4, 1, 2],
    ...                            test_size=0.4, random_state=0)
    >>> len(train[0]), len(test[0])
    (3, 2)
    """
    arrays = _arrays(users, items, ratings, *extra)
    check_scalar(test_size, "test_size", low=0, high=1, include_low=False, include_high=False)
    n = len(arrays[0])
    perm = check_random_state(random_state).permutation(n)
    n_test = int(np.rint(test_size * n))
    test, train = np.sort(perm[:n_test]), np.sort(perm[n_test:])
    return tuple(a[train] for a in arrays), tuple(a[test] for a in arrays)


def leave_last_out_split(users, items, ratings, timestamps, *extra):
    """Per user, the latest rating (by ``timestamps``; ties: the later row) is the test.

    Users with a single rating stay wholly in the training part.

    Examples
    --------
    >>> train, test = leave_last_out_split(["a", "a", "b"], [1, 2, 1], [5, 3, 4],
    ...                                    [10, 20, 5])
    >>> test[0], test[1]
    (array(['a'], dtype='<U1'), array([2]))
    """
    arrays = _arrays(users, items, ratings, timestamps, *extra)
    u, t = arrays[0], arrays[3]
    order = np.lexsort((np.arange(len(u)), t, u))
    us = u[order]
    last = np.r_[us[1:] != us[:-1], True]
    first = np.r_[True, us[1:] != us[:-1]]
    test_mask = np.zeros(len(u), bool)
    test_mask[order[last & ~first]] = True
    return tuple(a[~test_mask] for a in arrays), tuple(a[test_mask] for a in arrays)


def rmse(y_true, y_pred):
    """Root mean squared error."""
    y_true, y_pred = _arrays(y_true, y_pred)
    return float(np.sqrt(np.mean((y_true.astype(float) - y_pred) ** 2)))


def mae(y_true, y_pred):
    """Mean absolute error."""
    y_true, y_pred = _arrays(y_true, y_pred)
    return float(np.mean(np.abs(y_true.astype(float) - y_pred)))


def _check_k(k):
    return check_scalar(k, "k", kind=numbers.Integral, low=1)


def precision_at_k(recommended, relevant, k=10):
    """|top-k ∩ relevant| / k for one user.

    Examples
    --------
    >>> precision_at_k([3, 1, 7], {1, 9}, k=2), recall_at_k([3, 1, 7], {1, 9}, k=2)
    (0.5, 0.5)
    """
    k = _check_k(k)
    return len(set(list(recommended)[:k]) & set(relevant)) / k


def recall_at_k(recommended, relevant, k=10):
    """|top-k ∩ relevant| / |relevant| for one user (0 when nothing is relevant)."""
    k = _check_k(k)
    relevant = set(relevant)
    if not relevant:
        return 0.0
    return len(set(list(recommended)[:k]) & relevant) / len(relevant)


def ndcg_at_k(recommended, relevant, k=10):
    """Normalised discounted cumulative gain of the top-k with binary relevance.

    Examples
    --------
    >>> round(ndcg_at_k([3, 1, 7], {1}, k=3), 4)
    0.6309
    """
    k = _check_k(k)
    relevant = set(relevant)
    if not relevant:
        return 0.0
    gains = [1.0 / np.log2(r + 2) for r, it in enumerate(list(recommended)[:k]) if it in relevant]
    ideal = sum(1.0 / np.log2(r + 2) for r in range(min(k, len(relevant))))
    return float(sum(gains) / ideal)


def evaluate_ranking(model, test, k=10, *, relevance_threshold=None, exclude_seen=True):
    """Mean precision@k, recall@k, NDCG@k over the test users, and catalogue coverage.

    ``test = (users, items, ratings)``; an item is relevant to its user when its rating is
    at least ``relevance_threshold`` (all test items when ``None``). Users with no
    relevant test item are skipped.

    Examples
    --------
    >>> from hackml.recommend import PopularityRecommender
    >>> model = PopularityRecommender().fit([1, 1, 2, 3], [10, 20, 10, 30], [1, 1, 1, 1])
    >>> evaluate_ranking(model, ([2], [20], [1]), k=1)["precision@1"]
    1.0
    """
    k = _check_k(k)
    users, items, ratings = _arrays(*test[:3])
    keep = (
        np.ones(len(users), bool)
        if relevance_threshold is None
        else (ratings.astype(float) >= relevance_threshold)
    )
    relevant: dict = {}
    for u, i in zip(users[keep].tolist(), items[keep].tolist()):
        relevant.setdefault(u, set()).add(i)
    prec, rec, ndcg, shown = [], [], [], set()
    for u, rel in relevant.items():
        top = model.recommend(u, n=k, exclude_seen=exclude_seen)[0].tolist()
        shown.update(top)
        prec.append(precision_at_k(top, rel, k))
        rec.append(recall_at_k(top, rel, k))
        ndcg.append(ndcg_at_k(top, rel, k))
    n_items = max(model.n_items_, 1)
    return {
        f"precision@{k}": float(np.mean(prec)) if prec else 0.0,
        f"recall@{k}": float(np.mean(rec)) if rec else 0.0,
        f"ndcg@{k}": float(np.mean(ndcg)) if ndcg else 0.0,
        "coverage": len(shown) / n_items,
        "n_users": len(prec),
    }
