"""The recommender contract shared by every model in :mod:`hackml.recommend`.

A recommender is not a scikit-learn estimator (its input is ratings, not ``X, y``), but it
keeps scikit-learn's habits: keyword-only ``__init__`` that stores its arguments,
``get_params``/``set_params``, fitted attributes ending in ``_``. Its contract:

``fit(users, items=None, ratings=None)``
    triples with arbitrary ids (ints or strings), a DataFrame, a list of triples or a
    sparse ``(n_users, n_items)`` matrix (see :mod:`hackml.recommend._data` for the input
    policy: NaN, scale, duplicates).
``predict(users, items) -> ndarray``
    one score per pair. Unknown users or items follow ``unknown``: ``"fallback"`` (the
    model's documented fallback: biases only for the explicit models, 0 for implicit
    scores, item means for the SQL model) or ``"error"`` (``KeyError``).
``recommend(user, n=10, exclude_seen=True) -> (items, scores)``
    the ``n`` best items, best first. ``n`` larger than the catalogue (or than what is
    left after excluding seen items) returns all that is left. An unknown user gets the
    most popular items under ``unknown="fallback"``, a ``KeyError`` under ``"error"``.
``similar_items(item, n=10) -> (items, scores)``
    cosine similarity of the item representations, the item itself excluded.
``recalculate_user(ratings, user=None)``
    fold a user in without refitting; with ``user`` the new user is added to the model.
``save(path)`` / :func:`load`
    an ``.npz`` of arrays plus a JSON header (class, parameters, format version); no pickle.
"""

from __future__ import annotations

import json
import numbers
from abc import ABCMeta, abstractmethod
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator

from .._core.validation import check_is_fitted, check_scalar
from ._data import IdIndex, _as_id_array, parse_ratings

FORMAT_VERSION = 1
UNKNOWN_POLICIES = ("fallback", "error")


class BaseRecommender(BaseEstimator, metaclass=ABCMeta):
    """Shared shell: ids, input checks, recommend, similar items, save and load.

    A model implements ``_fit_matrix(R)`` (``R``: CSR user-by-item ratings),
    ``_predict_codes(u, i)`` (codes, ``-1`` = unknown), ``_score_items(user_code)``,
    ``_item_vectors()``, ``_fold_in(item_codes, values)`` and ``_set_user(code, rep)``,
    and names its fitted arrays in ``_saved_arrays``.
    """

    _hackml_contract = "recommender"
    #: names of the fitted arrays that ``save`` writes (besides ids and ``seen``)
    _saved_arrays: tuple[str, ...] = ()

    # -- fitting -------------------------------------------------------------------------
    def fit(self, users, items=None, ratings=None, *, validation=None):
        """Fit on ratings: triples, a DataFrame, or a sparse user-by-item matrix.

        ``validation=(users, items, ratings)`` (optional): held-out ratings scored after
        every iteration by the iterative models (``validation_history_``).
        """
        self._check_params()
        if getattr(self, "unknown", "fallback") not in UNKNOWN_POLICIES:
            raise ValueError(
                f"unknown must be one of {list(UNKNOWN_POLICIES)}; got {self.unknown!r}."
            )
        uidx, iidx, R = parse_ratings(
            users,
            items,
            ratings,
            rating_scale=self._rating_scale(),
            duplicates=getattr(self, "duplicates", "last"),
        )
        self.user_index_, self.item_index_ = uidx, iidx
        self.seen_ = R
        self.item_popularity_ = np.diff(R.tocsc().indptr).astype(np.float64)
        self._validation = None
        if validation is not None:
            vu, vi, vr = validation
            self._validation = (
                self.user_index_.codes(_as_id_array(vu, "validation users")),
                self.item_index_.codes(_as_id_array(vi, "validation items")),
                np.asarray(vr, dtype=np.float64),
            )
        self._fit_matrix(R)
        del self._validation
        return self

    def _validation_callback(self, history):
        """A monitor callback appending the held-out RMSE to ``history``."""

        def callback(monitor):
            if self._validation is not None:
                u, i, r = self._validation
                pred = self._predict_codes(u, i)
                history.append(float(np.sqrt(np.mean((pred - r) ** 2))))

        return callback

    @abstractmethod
    def _fit_matrix(self, R):
        """Fit the model's parameters to the CSR ratings matrix ``R``."""

    def _check_params(self):
        pass

    def _rating_scale(self):
        scale = getattr(self, "rating_scale", None)
        if scale is None:
            return None
        if len(scale) != 2 or not float(scale[0]) < float(scale[1]):
            raise ValueError(
                f"rating_scale must be a pair (low, high) with low < high; got {scale!r}."
            )
        return float(scale[0]), float(scale[1])

    @property
    def n_users_(self):
        return len(self.user_index_)

    @property
    def n_items_(self):
        return len(self.item_index_)

    # -- ids -----------------------------------------------------------------------------
    def _user_code(self, user, *, required=False):
        check_is_fitted(self, "user_index_")
        if isinstance(user, np.ndarray | list | tuple):
            raise TypeError(f"user must be a single id; got {type(user).__name__}.")
        code = int(self.user_index_.codes([user])[0])
        if code < 0 and (required or self.unknown == "error"):
            raise KeyError(
                f"unknown user {user!r}: it has no ratings in the training data "
                "(fold it in with recalculate_user, or use unknown='fallback')."
            )
        return code

    def _item_code(self, item):
        check_is_fitted(self, "item_index_")
        code = int(self.item_index_.codes([item])[0])
        if code < 0:
            raise KeyError(f"unknown item {item!r}: it is not in the training data.")
        return code

    # -- the API -------------------------------------------------------------------------
    def predict(self, users, items):
        """Predicted rating (or preference score) of each ``(user, item)`` pair."""
        check_is_fitted(self, "user_index_")
        scalar = np.ndim(users) == 0 and np.ndim(items) == 0
        u = self.user_index_.codes(np.atleast_1d(_as_id_array(users, "users")))
        i = self.item_index_.codes(np.atleast_1d(_as_id_array(items, "items")))
        if u.shape != i.shape:
            raise ValueError(
                f"users and items must have the same length; got {u.shape[0]} and {i.shape[0]}."
            )
        if self.unknown == "error" and (np.any(u < 0) or np.any(i < 0)):
            raise KeyError(
                f"{int(np.sum(u < 0))} unknown users and {int(np.sum(i < 0))} "
                "unknown items in predict (unknown='error')."
            )
        out = self._predict_codes(u, i)
        return float(out[0]) if scalar else out

    def recommend(self, user, n=10, exclude_seen=True):
        """The ``n`` highest-scoring items for ``user``: ``(item_ids, scores)``."""
        n = check_scalar(n, "n", kind=numbers.Integral, low=1)
        code = self._user_code(user)
        if code < 0:  # unknown user under the fallback policy: most popular items
            scores = self.item_popularity_.copy()
        else:
            scores = np.asarray(self._score_items(code), dtype=np.float64).copy()
            if exclude_seen:
                seen = self.seen_
                scores[seen.indices[seen.indptr[code] : seen.indptr[code + 1]]] = -np.inf
        return self._top(scores, n)

    def _top(self, scores, n, *, exclude=None):
        if exclude is not None:
            scores[exclude] = -np.inf
        available = int(np.sum(scores > -np.inf))
        n = min(n, available)
        if n == 0:
            return self.item_index_.labels[:0], np.empty(0)
        best = np.argpartition(-scores, n - 1)[:n]
        best = best[np.lexsort((best, -scores[best]))]
        return self.item_index_.labels[best], scores[best]

    def similar_items(self, item, n=10):
        """The ``n`` items most similar to ``item`` (cosine), itself excluded."""
        n = check_scalar(n, "n", kind=numbers.Integral, low=1)
        code = self._item_code(item)
        scores = np.asarray(self._item_similarities(code), dtype=np.float64).copy()
        return self._top(scores, n, exclude=code)

    def _item_similarities(self, code):
        V = self._item_vectors()
        norms = np.linalg.norm(V, axis=1)
        norms[norms == 0] = 1.0
        return (V @ V[code]) / (norms * norms[code])

    def recalculate_user(self, ratings, user=None):
        """Fold in a user's ratings ``{item: rating}`` (or ``(items, ratings)``) without
        refitting the items. Returns the user's new representation; with ``user``, the
        user is stored in the model (added if new) so ``recommend(user)`` uses it."""
        check_is_fitted(self, "user_index_")
        if isinstance(ratings, dict):
            items, values = list(ratings.keys()), list(ratings.values())
        else:
            items, values = ratings
        codes = self.item_index_.codes(np.atleast_1d(_as_id_array(items, "items")))
        values = np.atleast_1d(np.asarray(values, dtype=np.float64))
        if codes.shape != values.shape:
            raise ValueError("items and ratings of recalculate_user must have the same length.")
        if not np.all(np.isfinite(values)):
            raise ValueError("recalculate_user: ratings contains NaN or infinite values.")
        scale = self._rating_scale()
        if scale is not None and np.any((values < scale[0]) | (values > scale[1])):
            raise ValueError(f"recalculate_user: ratings outside rating_scale={scale}.")
        known = codes >= 0
        if not known.all() and self.unknown == "error":
            raise KeyError(f"recalculate_user: {int((~known).sum())} unknown items.")
        codes, values = codes[known], values[known]
        order = np.argsort(codes)
        codes, values = codes[order], values[order]
        rep = self._fold_in(codes, values)
        if user is not None:
            self._store_user(user, codes, values, rep)
        return rep

    def _store_user(self, user, codes, values, rep):
        from scipy import sparse

        code = int(self.user_index_.codes([user])[0])
        row = sparse.csr_matrix(
            (values, (np.zeros(len(codes), int), codes)), shape=(1, self.n_items_)
        )
        seen = self.seen_.tolil()
        if code < 0:
            code = self.user_index_.append(user)
            seen.resize((code + 1, self.n_items_))
        seen[code] = row
        self.seen_ = seen.tocsr()
        self.seen_.sort_indices()
        self._set_user(code, rep)

    # -- persistence ---------------------------------------------------------------------
    def save(self, path):
        """Write the fitted model to ``path`` (``.npz``: arrays plus a JSON header)."""
        check_is_fitted(self, "user_index_")
        params = {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.get_params().items()}
        header = {
            "format": "hackml.recommend",
            "version": FORMAT_VERSION,
            "class": type(self).__name__,
            "params": params,
        }
        arrays = {name: getattr(self, name) for name in self._saved_arrays}
        S = self.seen_
        arrays.update(
            seen_indptr=S.indptr,
            seen_indices=S.indices,
            seen_data=S.data,
            user_ids=self.user_index_.labels,
            item_ids=self.item_index_.labels,
            item_popularity_=self.item_popularity_,
        )
        for name, arr in arrays.items():
            if np.asarray(arr).dtype == object:
                raise TypeError(f"cannot save {name}: object arrays need pickle.")
        with open(path, "wb") as fh:
            np.savez(fh, __header__=np.array(json.dumps(header)), **arrays)

    def _restore(self, arrays):
        from scipy import sparse

        self.user_index_ = IdIndex(arrays["user_ids"])
        self.item_index_ = IdIndex(arrays["item_ids"])
        self.seen_ = sparse.csr_matrix(
            (arrays["seen_data"], arrays["seen_indices"], arrays["seen_indptr"]),
            shape=(len(self.user_index_), len(self.item_index_)),
        )
        self.item_popularity_ = arrays["item_popularity_"]
        for name in self._saved_arrays:
            setattr(self, name, arrays[name])


def load(path):
    """Load a recommender written by ``save``; no pickle is involved.

    Examples
    --------
    >>> import tempfile, os
    >>> from hackml.recommend import PopularityRecommender, load
    >>> model = PopularityRecommender().fit(["a", "a", "b"], [1, 2, 1], [5.0, 3.0, 4.0])
    >>> path = os.path.join(tempfile.mkdtemp(), "model.npz")
    >>> model.save(path)
    >>> load(path).recommend("b", n=1)
    (array([2]), array([1.]))
    """
    import hackml.recommend as family

    with np.load(Path(path), allow_pickle=False) as npz:
        header = json.loads(str(npz["__header__"]))
        if header.get("format") != "hackml.recommend":
            raise ValueError(f"{path} is not a saved hackml recommender.")
        if header.get("version", 0) > FORMAT_VERSION:
            raise ValueError(
                f"{path} was written by a newer hackml (format "
                f"{header['version']} > {FORMAT_VERSION})."
            )
        cls = getattr(family, header["class"], None)
        if not (isinstance(cls, type) and issubclass(cls, BaseRecommender)):
            raise ValueError(f"{path}: unknown recommender class {header['class']!r}.")
        params = {k: (tuple(v) if isinstance(v, list) else v) for k, v in header["params"].items()}
        model = cls(**params)
        model._restore({name: npz[name] for name in npz.files if name != "__header__"})
    return model
