"""Recommenders: matrix factorisation (explicit and implicit), SQL item-item, evaluation.

Every model here follows the recommender contract of :mod:`hackml.recommend._base`
(``fit``, ``predict``, ``recommend``, ``similar_items``, ``recalculate_user``, ``save``
and :func:`load`), and declares ``_hackml_contract = "recommender"``: the registry lists
them with ``hackml.all_estimators(contract="recommender")``.
"""

from ._base import load
from .als import ALSRecommender
from .evaluation import (
    evaluate_ranking,
    leave_last_out_split,
    mae,
    ndcg_at_k,
    precision_at_k,
    random_split,
    recall_at_k,
    rmse,
)
from .implicit_als import ImplicitALSRecommender
from .popularity import PopularityRecommender
from .sgd import SGDRecommender
from .sql import SQLItemRecommender

__all__ = [
    "ALSRecommender",
    "ImplicitALSRecommender",
    "PopularityRecommender",
    "SGDRecommender",
    "SQLItemRecommender",
    "evaluate_ranking",
    "leave_last_out_split",
    "load",
    "mae",
    "ndcg_at_k",
    "precision_at_k",
    "random_split",
    "recall_at_k",
    "rmse",
]
