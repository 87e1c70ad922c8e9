"""Public home of the losses: see :mod:`hackml._core.losses` for the protocol."""

from ._core.losses import *  # noqa: F403
from ._core.losses import LOSSES, __all__, resolve_loss  # noqa: F401
