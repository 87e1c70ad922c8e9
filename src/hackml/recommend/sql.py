"""An item-item recommender that lives in two SQL tables and answers with one query."""

from __future__ import annotations

import numbers

import numpy as np

from .._core.validation import check_scalar
from ._base import BaseRecommender
from ._sql import connect

_SCHEMA = [
    "CREATE TABLE ratings (user_code INTEGER NOT NULL, item_code INTEGER NOT NULL, "
    "rating REAL NOT NULL, residual REAL NOT NULL)",
    "CREATE INDEX ratings_user ON ratings (user_code, item_code)",
    "CREATE TABLE item_similarity (item_code INTEGER NOT NULL, "
    "neighbour_code INTEGER NOT NULL, score REAL NOT NULL)",
    "CREATE INDEX similarity_item ON item_similarity (item_code, score)",
    "CREATE INDEX similarity_neighbour ON item_similarity (neighbour_code, item_code)",
]

#: rank the items similar to what the user rated (one query)
RECOMMEND_SQL = """
SELECT s.neighbour_code, SUM(s.score) AS total
FROM ratings AS r JOIN item_similarity AS s ON s.item_code = r.item_code
WHERE r.user_code = :user {exclude}
GROUP BY s.neighbour_code ORDER BY total DESC, s.neighbour_code LIMIT :n
"""
_EXCLUDE = "AND s.neighbour_code NOT IN (SELECT item_code FROM ratings WHERE user_code = :user)"

#: baseline + similarity-weighted residuals of the user's ratings on the item's neighbours
PREDICT_SQL = """
SELECT q.pos, SUM(s.score * r.residual) / SUM(s.score)
FROM query_pairs AS q
JOIN item_similarity AS s ON s.item_code = q.item_code
JOIN ratings AS r ON r.user_code = q.user_code AND r.item_code = s.neighbour_code
GROUP BY q.pos
"""


def _baseline(R, reg_user, reg_item, n_iter=10):
    """Regularised biases ``mu + b_i + c_j`` by alternating damped means."""
    mu = float(R.data.mean())
    rows = np.repeat(np.arange(R.shape[0]), np.diff(R.indptr))
    cols = R.indices
    bu, bi = np.zeros(R.shape[0]), np.zeros(R.shape[1])
    n_u = np.bincount(rows, minlength=R.shape[0])
    n_i = np.bincount(cols, minlength=R.shape[1])
    for _ in range(n_iter):
        bi = np.bincount(cols, R.data - mu - bu[rows], R.shape[1]) / (n_i + reg_item)
        bu = np.bincount(rows, R.data - mu - bi[cols], R.shape[0]) / (n_u + reg_user)
    return mu, bu, bi


class SQLItemRecommender(BaseRecommender):
    """Item-item neighbourhood recommender stored in, and served by, a SQL database.

    Two tables: ``ratings(user_code, item_code, rating, residual)`` and
    ``item_similarity(item_code, neighbour_code, score)``, the ``n_neighbors`` nearest
    items of each item by shrunken cosine similarity of the binary rating columns,
    ``score = |U_a ∩ U_b| / sqrt(|U_a| |U_b|) * |U_a ∩ U_b| / (|U_a ∩ U_b| + shrinkage)``.
    ``recommend`` is the single query :data:`RECOMMEND_SQL`: items ranked by the summed
    similarity to what the user rated, topped up with the most popular unseen items (score
    0) when the user's neighbourhood holds fewer than ``n``. ``predict`` is the item-based estimate

        r_ij ~ mu + b_i + c_j + sum_k s_jk (r_ik - mu - b_i - c_k) / sum_k s_jk

    over the user's rated neighbours ``k`` of ``j`` (biases: damped means fitted on the
    ratings, ``residual`` holding ``r - mu - b - c``), also one query. It minimises no
    objective; it is a fast, inspectable baseline to compare with matrix factorisation.

    ``database``: ``":memory:"`` (default), a SQLite file path, or a URL: ``sqlite:///file``
    uses the standard library; any other URL (``postgresql://...``) goes through
    SQLAlchemy, which must then be installed. Unknown users get the most popular items;
    unknown pairs are predicted from the biases. Fitting replaces both tables.

    Parameters
    ----------
    n_neighbors : int, default=50
    shrinkage : float, default=10.0
    reg_user_bias, reg_item_bias : float, default=5.0, 2.0
    database : str, default=":memory:"
    rating_scale : (low, high) or None, default=None
    clip : bool, default=True
    duplicates : {"last", "mean", "error"}, default="last"
    unknown : {"fallback", "error"}, default="fallback"

    Examples
    --------
    >>> from hackml.recommend import SQLItemRecommender
    >>> users = [1, 1, 2, 2, 3, 3, 4]
    >>> items = ["tea", "jam", "tea", "jam", "pie", "cake", "pie"]
    >>> model = SQLItemRecommender(shrinkage=0.0).fit(users, items, [5, 4, 4, 5, 3, 4, 5])
    >>> model.recommend(4, n=2)
    (array(['cake', 'jam'], dtype='<U4'), array([0.7071, 0.    ]))
    >>> model.similar_items("tea", n=1)[0]
    array(['jam'], dtype='<U4')
    """

    _saved_arrays = (
        "sim_item_",
        "sim_neighbour_",
        "sim_score_",
        "user_bias_",
        "item_bias_",
        "global_mean_",
    )

    def __init__(
        self,
        *,
        n_neighbors=50,
        shrinkage=10.0,
        reg_user_bias=5.0,
        reg_item_bias=2.0,
        database=":memory:",
        rating_scale=None,
        clip=True,
        duplicates="last",
        unknown="fallback",
    ):
        self.n_neighbors = n_neighbors
        self.shrinkage = shrinkage
        self.reg_user_bias = reg_user_bias
        self.reg_item_bias = reg_item_bias
        self.database = database
        self.rating_scale = rating_scale
        self.clip = clip
        self.duplicates = duplicates
        self.unknown = unknown

    def _check_params(self):
        check_scalar(self.n_neighbors, "n_neighbors", kind=numbers.Integral, low=1)
        for name in ("shrinkage", "reg_user_bias", "reg_item_bias"):
            check_scalar(getattr(self, name), name, low=0)
        if not isinstance(self.database, str):
            raise TypeError(
                f"database must be a path or URL string; got {type(self.database).__name__}."
            )

    def _fit_matrix(self, R):
        self.global_mean_, self.user_bias_, self.item_bias_ = _baseline(
            R, float(self.reg_user_bias), float(self.reg_item_bias)
        )
        B = R.copy()
        B.data = np.ones_like(B.data)
        co = (B.T @ B).tocsr()
        co.setdiag(0)
        co.eliminate_zeros()
        counts = self.item_popularity_
        coo = co.tocoo()
        score = coo.data / np.sqrt(counts[coo.row] * counts[coo.col])
        score *= coo.data / (coo.data + float(self.shrinkage))
        # keep the n_neighbors best of each item
        order = np.lexsort((-score, coo.row))
        row_sorted = coo.row[order]
        start = np.searchsorted(row_sorted, row_sorted, side="left")
        keep = order[(np.arange(len(order)) - start) < self.n_neighbors]
        self.sim_item_ = coo.row[keep].astype(np.int64)
        self.sim_neighbour_ = coo.col[keep].astype(np.int64)
        self.sim_score_ = score[keep]
        self._build_database()

    def _build_database(self):
        self._db = connect(self.database)
        db = self._db
        for table in ("ratings", "item_similarity"):
            db.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in _SCHEMA:
            db.execute(statement)
        self._insert_ratings(*self._triples(self.seen_))
        db.executemany(
            "INSERT INTO item_similarity VALUES (:a, :b, :s)",
            [
                {"a": a, "b": b, "s": s}
                for a, b, s in zip(
                    self.sim_item_.tolist(), self.sim_neighbour_.tolist(), self.sim_score_.tolist()
                )
            ],
        )
        db.commit()

    @staticmethod
    def _triples(R):
        rows = np.repeat(np.arange(R.shape[0]), np.diff(R.indptr))
        return rows, R.indices, R.data

    def _insert_ratings(self, rows, cols, vals):
        resid = vals - self.global_mean_ - self.user_bias_[rows] - self.item_bias_[cols]
        self._db.executemany(
            "INSERT INTO ratings VALUES (:u, :i, :r, :e)",
            [
                {"u": u, "i": i, "r": r, "e": e}
                for u, i, r, e in zip(rows.tolist(), cols.tolist(), vals.tolist(), resid.tolist())
            ],
        )

    def _restore(self, arrays):
        super()._restore(arrays)
        self.global_mean_ = float(self.global_mean_)
        self._build_database()

    # -- the API -------------------------------------------------------------------------
    def recommend(self, user, n=10, exclude_seen=True):
        """The ``n`` items most similar to the user's rated items (one SQL query)."""
        n = check_scalar(n, "n", kind=numbers.Integral, low=1)
        code = self._user_code(user)
        if code < 0:
            return self._top(self.item_popularity_.copy(), n)
        sql = RECOMMEND_SQL.format(exclude=_EXCLUDE if exclude_seen else "")
        rows = self._db.execute(sql, {"user": code, "n": n})
        codes = np.array([r[0] for r in rows], dtype=np.int64)
        scores = np.array([r[1] for r in rows], dtype=np.float64)
        if len(codes) < n:  # too few neighbours: top up with popular items, score 0
            pop = self.item_popularity_.copy()
            pop[codes] = -np.inf
            if exclude_seen:
                pop[
                    self.seen_.indices[self.seen_.indptr[code] : self.seen_.indptr[code + 1]]
                ] = -np.inf
            extra = self._top(pop, n - len(codes))[0]
            codes = np.r_[codes, self.item_index_.codes(extra)]
            scores = np.r_[scores, np.zeros(len(extra))]
        return self.item_index_.labels[codes], scores

    def similar_items(self, item, n=10):
        """The ``n`` nearest neighbours of ``item`` stored in ``item_similarity``."""
        n = check_scalar(n, "n", kind=numbers.Integral, low=1)
        code = self._item_code(item)
        rows = self._db.execute(
            "SELECT neighbour_code, score FROM item_similarity WHERE item_code = :i "
            "ORDER BY score DESC, neighbour_code LIMIT :n",
            {"i": code, "n": n},
        )
        codes = np.array([r[0] for r in rows], dtype=np.int64)
        return self.item_index_.labels[codes], np.array([r[1] for r in rows], dtype=float)

    def _predict_codes(self, u, i):
        out = np.full(u.shape, self.global_mean_)
        out[u >= 0] += self.user_bias_[u[u >= 0]]
        out[i >= 0] += self.item_bias_[i[i >= 0]]
        both = np.flatnonzero((u >= 0) & (i >= 0))
        if both.size:
            db = self._db
            db.execute("DROP TABLE IF EXISTS query_pairs")
            db.execute(
                "CREATE TEMPORARY TABLE query_pairs (pos INTEGER, user_code INTEGER, "
                "item_code INTEGER)"
            )
            db.executemany(
                "INSERT INTO query_pairs VALUES (:p, :u, :i)",
                [
                    {"p": p, "u": a, "i": b}
                    for p, a, b in zip(both.tolist(), u[both].tolist(), i[both].tolist())
                ],
            )
            for pos, delta in db.execute(PREDICT_SQL):
                out[pos] += delta
            db.execute("DROP TABLE query_pairs")
        scale = self._rating_scale()
        if self.clip and scale is not None:
            np.clip(out, scale[0], scale[1], out=out)
        return out

    def _fold_in(self, codes, values):
        return np.zeros(0)  # item-item needs no user parameters: the ratings are the model

    def _store_user(self, user, codes, values, rep):
        code = int(self.user_index_.codes([user])[0])
        if code >= 0:
            self._db.execute("DELETE FROM ratings WHERE user_code = :u", {"u": code})
        super()._store_user(user, codes, values, rep)
        code = int(self.user_index_.codes([user])[0])
        self._insert_ratings(np.full(len(codes), code), codes, values)
        self._db.commit()

    def _set_user(self, code, rep):
        if code >= len(self.user_bias_):
            self.user_bias_ = np.r_[self.user_bias_, 0.0]
