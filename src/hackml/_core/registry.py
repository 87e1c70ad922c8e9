"""The estimator registry: every public hackml estimator, found automatically.

``all_estimators()`` imports every public module of the package (modules and packages
whose names do not start with ``_``), and collects the classes *defined* in a public
hackml module that derive from scikit-learn's ``BaseEstimator``, are not abstract and
have no leading underscore. Base classes live in private modules and stay out. A model
file needs no registration step: putting the class in a public module is enough.

Models that are not scikit-learn estimators (recommenders, bandit policies, RL agents)
declare ``_hackml_contract = "<name>"`` on the class; they are returned by
``all_estimators(contract="<name>")`` and left out of the scikit-learn checks.

Modules whose optional extra is not installed are skipped (``skipped_modules()`` says
which and why).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    ClusterMixin,
    RegressorMixin,
    TransformerMixin,
)

__all__ = ["all_estimators", "skipped_modules"]

_EXCLUDED_TOP = {"hackml.cli", "hackml.tour", "hackml.serve", "hackml.datasets"}
_TYPES = {
    "classifier": ClassifierMixin,
    "regressor": RegressorMixin,
    "transformer": TransformerMixin,
    "cluster": ClusterMixin,
}
_skipped: dict[str, str] = {}


def _public_modules():
    import hackml

    for info in pkgutil.walk_packages(hackml.__path__, prefix="hackml."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts[1:]):
            continue
        if any(info.name == ex or info.name.startswith(ex + ".") for ex in _EXCLUDED_TOP):
            continue
        try:
            yield importlib.import_module(info.name)
        except ImportError as exc:  # an optional extra that is not installed
            _skipped[info.name] = str(exc)


def _is_public_module(name: str) -> bool:
    """A class counts only where it is defined in a public hackml module; base classes
    kept in private modules (``_base.py``) are machinery, not estimators."""
    parts = name.split(".")
    return parts[0] == "hackml" and not any(p.startswith("_") for p in parts[1:])


def all_estimators(type_filter: str | None = None, *, contract: str | None = None):
    """Return ``[(name, class), ...]`` for every public hackml estimator, sorted by name.

    Parameters
    ----------
    type_filter : {"classifier", "regressor", "transformer", "cluster"} or None
        Keep only estimators of that kind.
    contract : str or None
        ``None`` returns the scikit-learn estimators; a name (``"recommender"``,
        ``"policy"``, ...) returns the models that declare that contract instead.

    Examples
    --------
    >>> from hackml import all_estimators
    >>> names = [name for name, _ in all_estimators("regressor")]
    >>> "LinearRegression" in names
    True
    """
    if type_filter is not None and type_filter not in _TYPES:
        raise ValueError(
            f"type_filter must be one of {sorted(_TYPES)} or None; got {type_filter!r}."
        )
    found: dict[str, type] = {}
    for module in _public_modules():
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if name.startswith("_") or not _is_public_module(cls.__module__):
                continue
            if not issubclass(cls, BaseEstimator) or inspect.isabstract(cls):
                continue
            if getattr(cls, "_hackml_contract", None) != contract:
                continue
            if type_filter is not None and not issubclass(cls, _TYPES[type_filter]):
                continue
            found[name] = cls
    return sorted(found.items())


def skipped_modules() -> dict[str, str]:
    """Modules left out of the registry because an optional extra is missing."""
    list(_public_modules())
    return dict(_skipped)
