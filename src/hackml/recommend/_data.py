"""Ratings input for every recommender: ids, validation, duplicates, the CSR matrix.

A recommender is fitted on ``(user, item, rating)`` triples with arbitrary hashable ids
(integers or strings) or on a sparse matrix whose row and column numbers are the ids.
:func:`parse_ratings` turns either into contiguous codes and a CSR matrix, and enforces
the input policy shared by all models:

- NaN or infinite ratings: ``ValueError`` with the count.
- ratings outside ``rating_scale = (low, high)``: ``ValueError`` with the count and range.
- duplicate ``(user, item)`` pairs: resolved by ``duplicates`` (``"last"``: the later
  triple wins; ``"mean"``: their mean; ``"error"``: refuse) with a ``UserWarning``
  giving the count; nothing is dropped silently.
- a sparse matrix keeps its empty rows and columns as known users and items with no
  ratings (their predictions use the biases, or fall back to popularity).
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy import sparse

DUPLICATE_POLICIES = ("last", "mean", "error")


class IdIndex:
    """Map arbitrary ids (ints or strings) to contiguous codes ``0..n-1`` and back."""

    def __init__(self, labels):
        self.labels = np.asarray(labels)
        order = np.argsort(self.labels, kind="stable")
        self._sorted = self.labels[order]
        self._codes = order.astype(np.int64)
        self._lookup = {}

    def __len__(self):
        return len(self.labels)

    def codes(self, ids) -> np.ndarray:
        """Codes of ``ids``; ``-1`` for an id never seen."""
        q = _as_id_array(ids, "ids")
        out = np.full(q.shape, -1, dtype=np.int64)
        if len(self.labels) == 0 or q.size == 0:
            return out
        if (q.dtype.kind in "US") != (self._sorted.dtype.kind in "US"):
            return out  # strings never match numbers
        pos = np.searchsorted(self._sorted, q)
        ok = pos < len(self._sorted)
        ok[ok] = self._sorted[pos[ok]] == q[ok]
        out[ok] = self._codes[pos[ok]]
        return out

    def append(self, label) -> int:
        """Add a new id; return its code."""
        new = np.asarray([label])
        if self.labels.dtype.kind in "US" or new.dtype.kind in "US":
            new = new.astype(str)
            labels = np.concatenate([self.labels.astype(str), new])
        else:
            labels = np.concatenate([self.labels, new.astype(self.labels.dtype)])
        self.__init__(labels)
        return len(labels) - 1


def _as_id_array(ids, name):
    arr = np.asarray(ids)
    if arr.dtype == object:
        try:
            arr = arr.astype(np.int64)
        except (TypeError, ValueError):
            arr = arr.astype(str)
    if arr.dtype.kind not in "iuUSf" and arr.size:
        raise TypeError(f"{name} must be integers or strings; got dtype {arr.dtype}.")
    if arr.dtype.kind == "f":
        if arr.size and not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} contains NaN or infinite ids.")
        if arr.size and np.any(arr != np.round(arr)):
            raise ValueError(f"{name} must be integers or strings; got non-integer floats.")
        arr = arr.astype(np.int64)
    return arr


def _triples(users, items, ratings):
    """Normalise the accepted input forms to three 1-d arrays (or a sparse matrix)."""
    if items is None and ratings is None:
        if sparse.issparse(users):
            return users
        if hasattr(users, "iloc") and hasattr(users, "columns"):  # a pandas DataFrame
            if users.shape[1] < 3:
                raise ValueError(
                    "a ratings DataFrame needs 3 columns (user, item, rating); "
                    f"got {users.shape[1]}."
                )
            return (
                users.iloc[:, 0].to_numpy(),
                users.iloc[:, 1].to_numpy(),
                users.iloc[:, 2].to_numpy(),
            )
        rows = list(users)
        if rows and any(len(r) != 3 for r in rows):
            raise ValueError(
                "ratings given as one argument must be a sparse matrix, a DataFrame or "
                "(user, item, rating) triples; found a row whose length is not 3."
            )
        cols = list(zip(*rows)) if rows else ([], [], [])
        return tuple(np.asarray(c) for c in cols)
    if items is None:
        raise ValueError("items is missing: pass users, items and ratings (or one matrix).")
    if ratings is None:
        ratings = np.ones(len(items))
    return np.asarray(users), np.asarray(items), ratings


def parse_ratings(users, items=None, ratings=None, *, rating_scale=None, duplicates="last"):
    """Validate ratings input and return ``(user_index, item_index, R)``.

    ``R`` is a ``(n_users, n_items)`` CSR matrix of float64 with sorted indices; zero
    ratings are stored explicitly (a zero is a rating, not a missing entry).
    """
    if duplicates not in DUPLICATE_POLICIES:
        raise ValueError(
            f"duplicates must be one of {list(DUPLICATE_POLICIES)}; got {duplicates!r}."
        )
    got = _triples(users, items, ratings)
    if sparse.issparse(got):
        coo = got.tocoo()
        n_u, n_i = coo.shape
        u_codes, i_codes = coo.row.astype(np.int64), coo.col.astype(np.int64)
        values = np.asarray(coo.data, dtype=np.float64)
        user_index, item_index = IdIndex(np.arange(n_u)), IdIndex(np.arange(n_i))
    else:
        u_ids = _as_id_array(got[0], "users")
        i_ids = _as_id_array(got[1], "items")
        try:
            values = np.asarray(got[2], dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"ratings must be numbers; {exc}") from None
        if not (u_ids.ndim == i_ids.ndim == values.ndim == 1):
            raise ValueError("users, items and ratings must be 1-d sequences.")
        if not (len(u_ids) == len(i_ids) == len(values)):
            raise ValueError(
                f"users, items and ratings must have the same length; got {len(u_ids)}, "
                f"{len(i_ids)} and {len(values)}."
            )
        u_lab, u_codes = np.unique(u_ids, return_inverse=True)
        i_lab, i_codes = np.unique(i_ids, return_inverse=True)
        user_index, item_index = IdIndex(u_lab), IdIndex(i_lab)
        n_u, n_i = len(u_lab), len(i_lab)
        u_codes, i_codes = u_codes.astype(np.int64), i_codes.astype(np.int64)
    if values.size == 0:
        raise ValueError("ratings is empty: a recommender needs at least one rating.")
    bad = ~np.isfinite(values)
    if bad.any():
        raise ValueError(
            f"ratings contains {int(bad.sum())} NaN or infinite values; "
            "remove or impute them first."
        )
    if rating_scale is not None:
        low, high = rating_scale
        out = (values < low) | (values > high)
        if out.any():
            raise ValueError(
                f"{int(out.sum())} ratings lie outside rating_scale=({low}, {high}) "
                f"(found range [{values.min()}, {values.max()}])."
            )
    u_codes, i_codes, values = _resolve_duplicates(u_codes, i_codes, values, n_i, duplicates)
    R = sparse.csr_matrix((values, (u_codes, i_codes)), shape=(n_u, n_i))
    R.sort_indices()
    return user_index, item_index, R


def _resolve_duplicates(u, i, v, n_items, policy):
    key = u * max(n_items, 1) + i
    order = np.argsort(key, kind="stable")
    ks = key[order]
    first = np.r_[True, ks[1:] != ks[:-1]]
    n_dup = int(len(ks) - first.sum())
    if n_dup == 0:
        return u, i, v
    if policy == "error":
        raise ValueError(f"ratings has {n_dup} duplicate (user, item) pairs (duplicates='error').")
    group = np.cumsum(first) - 1
    if policy == "last":
        last = np.r_[first[1:], True]
        keep = order[last]
        vals = v[keep]
        what = "kept the last rating of each pair"
    else:
        sums = np.bincount(group, weights=v[order])
        counts = np.bincount(group)
        keep = order[first]
        vals = sums / counts
        what = "averaged the ratings of each pair"
    warnings.warn(
        f"ratings has {n_dup} duplicate (user, item) entries; {what} (duplicates={policy!r}).",
        UserWarning,
        stacklevel=4,
    )
    return u[keep], i[keep], vals


def transpose_csr(R):
    """The item-by-user CSR matrix of ``R`` with sorted indices."""
    T = R.T.tocsr()
    T.sort_indices()
    return T
