"""The SQL recommender through SQLAlchemy gives what the standard library's sqlite3 gives.

``sqlite+pysqlite:///...`` is a SQLAlchemy URL (it is not the plain ``sqlite:///`` form that
goes to the standard library), so this runs the SQLAlchemy code path against a real database
with no server.
"""

from __future__ import annotations

import numpy as np
import pytest

from hackml.datasets import load_movielens_100k
from hackml.recommend import SQLItemRecommender, random_split

pytest.importorskip("sqlalchemy", reason="the sql extra (SQLAlchemy) is not installed")


def test_sqlalchemy_url_matches_stdlib_sqlite(tmp_path):
    ml = load_movielens_100k()
    keep = ml.user <= 200  # a fifth of the users keeps the test quick
    train, (u, i, _) = random_split(
        ml.user[keep], ml.item[keep], ml.rating[keep], test_size=0.2, random_state=0
    )
    plain = SQLItemRecommender(rating_scale=(1, 5)).fit(*train)
    url = f"sqlite+pysqlite:///{tmp_path / 'ratings.db'}"
    via_url = SQLItemRecommender(rating_scale=(1, 5), database=url).fit(*train)
    np.testing.assert_allclose(via_url.predict(u, i), plain.predict(u, i), rtol=1e-12)
    user = train[0][0]
    assert list(via_url.recommend(user, n=10)[0]) == list(plain.recommend(user, n=10)[0])
    assert (tmp_path / "ratings.db").stat().st_size > 0
