"""hackml: classic machine learning from first principles.

Every model is an objective you can read and replace, behind the scikit-learn API.
"""

from importlib.metadata import PackageNotFoundError, version

from ._core.registry import all_estimators

try:
    __version__ = version("hackml")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__", "all_estimators"]
