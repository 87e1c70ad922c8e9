"""The popularity baseline: everyone gets the most-rated items."""

from __future__ import annotations

import numbers

import numpy as np

from .._core.validation import check_scalar
from ._base import BaseRecommender


class PopularityRecommender(BaseRecommender):
    """Recommend the most-rated items; predict each item's shrunken mean rating.

    Ranking score of item ``j``: its number of ratings ``n_j``. Predicted rating: the
    damped item mean, which minimises

        J(m) = sum_{(i,j) in R} (r_ij - m_j)^2 + shrinkage * sum_j (m_j - mu)^2

    giving ``m_j = (sum_i r_ij + shrinkage * mu) / (n_j + shrinkage)``, ``mu`` the global
    mean. ``shrinkage=inf`` would be the global-mean baseline; unknown items get ``mu``.
    ``similar_items`` uses the cosine of the items' user-indicator columns.

    Parameters
    ----------
    shrinkage : float, default=5.0
    rating_scale : (low, high) or None, default=None
    duplicates : {"last", "mean", "error"}, default="last"
    unknown : {"fallback", "error"}, default="fallback"

    Examples
    --------
    >>> from hackml.recommend import PopularityRecommender
    >>> model = PopularityRecommender().fit([1, 2, 2, 3], ["x", "x", "y", "x"], [4, 5, 3, 4])
    >>> model.recommend(1, n=2)
    (array(['y'], dtype='<U1'), array([1.]))
    >>> model.recommend(99, n=2)[0]
    array(['x', 'y'], dtype='<U1')
    """

    _saved_arrays = ("item_mean_", "global_mean_")

    def __init__(self, *, shrinkage=5.0, rating_scale=None, duplicates="last", unknown="fallback"):
        self.shrinkage = shrinkage
        self.rating_scale = rating_scale
        self.duplicates = duplicates
        self.unknown = unknown

    def _check_params(self):
        check_scalar(self.shrinkage, "shrinkage", kind=numbers.Real, low=0)

    def _fit_matrix(self, R):
        self.global_mean_ = float(R.data.mean())
        sums = np.bincount(R.indices, weights=R.data, minlength=R.shape[1])
        self.item_mean_ = (sums + self.shrinkage * self.global_mean_) / (
            self.item_popularity_ + self.shrinkage + 1e-300
        )
        self.item_mean_[self.item_popularity_ + self.shrinkage == 0] = self.global_mean_

    def _restore(self, arrays):
        super()._restore(arrays)
        self.global_mean_ = float(self.global_mean_)

    def _predict_codes(self, u, i):
        out = np.full(u.shape, self.global_mean_)
        out[i >= 0] = self.item_mean_[i[i >= 0]]
        return out

    def _score_items(self, code):
        return self.item_popularity_

    def _item_similarities(self, code):
        C = self.seen_.tocsc()
        C.data = np.ones_like(C.data)
        co = np.asarray((C.T @ C[:, code]).todense()).ravel()
        norms = np.sqrt(self.item_popularity_)
        norms[norms == 0] = 1.0
        return co / (norms * norms[code])

    def _fold_in(self, codes, values):
        return np.zeros(0)

    def _set_user(self, code, rep):
        pass
