"""Public home of the penalties: see :mod:`hackml._core.penalties` for the protocol."""

from ._core.penalties import *  # noqa: F403
from ._core.penalties import __all__, resolve_penalty  # noqa: F401
