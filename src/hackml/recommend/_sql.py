"""A minimal database connection: stdlib sqlite3, or SQLAlchemy for other URLs.

Both speak the same small interface (``execute(sql, params) -> list of rows``,
``executemany(sql, list_of_dicts)``, ``commit()``), with named ``:param`` placeholders,
which sqlite3 and SQLAlchemy's ``text()`` both understand.
"""

from __future__ import annotations

import sqlite3


class _SQLite:
    def __init__(self, path):
        self.conn = sqlite3.connect(path, check_same_thread=False)

    def execute(self, sql, params=None):
        return self.conn.execute(sql, params or {}).fetchall()

    def executemany(self, sql, rows):
        self.conn.executemany(sql, rows)

    def commit(self):
        self.conn.commit()


class _SQLAlchemy:
    def __init__(self, url):
        from .._core.optional import import_optional

        sqlalchemy = import_optional("sqlalchemy", purpose=f"database={url!r}")
        self._text = sqlalchemy.text
        self.conn = sqlalchemy.create_engine(url).connect()

    def execute(self, sql, params=None):
        result = self.conn.execute(self._text(sql), params or {})
        return result.fetchall() if result.returns_rows else []

    def executemany(self, sql, rows):
        if rows:
            self.conn.execute(self._text(sql), rows)

    def commit(self):
        self.conn.commit()


def connect(database: str):
    """Open ``database``: a SQLite path, ``":memory:"``, ``sqlite:///path`` or any URL."""
    if database.startswith("sqlite:///"):
        return _SQLite(database[len("sqlite:///") :] or ":memory:")
    if "://" in database:
        return _SQLAlchemy(database)
    return _SQLite(database)
