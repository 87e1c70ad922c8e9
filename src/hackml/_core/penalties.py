"""Penalties: what a model pays for its parameters, whatever the data.

The protocol
------------
A penalty is any object with::

    value(coef)    -> float             the penalty of the coefficient array
    gradient(coef) -> ndarray like coef (a subgradient where not differentiable)
    hessian(coef)  -> ndarray like coef the diagonal of the Hessian      (optional)
    prox(coef, step) -> ndarray         argmin_z  P(z) + ||z - coef||^2 / (2 step)   (optional)
    smooth: bool                        False if the gradient jumps (L1): solvers that need
                                        a smooth objective then use ``prox`` instead

Penalties see the coefficients only, never the intercept. Conventions match
scikit-learn's ``ElasticNet``: ``alpha * l1_ratio * ||w||_1 + 0.5 * alpha * (1 - l1_ratio)
* ||w||^2``, so ``L2Penalty(alpha)`` is ``0.5 * alpha * ||w||^2``.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

__all__ = ["ElasticNetPenalty", "L1Penalty", "L2Penalty", "NoPenalty", "Penalty"]


@runtime_checkable
class Penalty(Protocol):
    """What a penalty must provide (see the module docstring)."""

    def value(self, coef: np.ndarray) -> float: ...

    def gradient(self, coef: np.ndarray) -> np.ndarray: ...


def _check_alpha(alpha: float) -> float:
    a = float(alpha)
    if not np.isfinite(a) or a < 0:
        raise ValueError(f"alpha must be a non-negative finite number, got {alpha!r}.")
    return a


class ElasticNetPenalty:
    """``alpha * (l1_ratio * ||w||_1 + 0.5 * (1 - l1_ratio) * ||w||_2^2)``.

    Examples
    --------
    >>> import numpy as np
    >>> p = ElasticNetPenalty(alpha=2.0, l1_ratio=0.5)
    >>> float(p.value(np.array([1.0, -2.0])))
    5.5
    >>> p.prox(np.array([3.0, -0.5]), step=1.0)
    array([1., 0.])
    """

    def __init__(self, alpha: float = 1.0, l1_ratio: float = 0.5):
        self.alpha = _check_alpha(alpha)
        r = float(l1_ratio)
        if not 0.0 <= r <= 1.0:
            raise ValueError(f"l1_ratio must be in [0, 1], got {l1_ratio!r}.")
        self.l1_ratio = r

    @property
    def l1(self) -> float:
        return self.alpha * self.l1_ratio

    @property
    def l2(self) -> float:
        return self.alpha * (1.0 - self.l1_ratio)

    @property
    def smooth(self) -> bool:
        return self.l1 == 0.0

    def value(self, coef):
        return float(self.l1 * np.abs(coef).sum() + 0.5 * self.l2 * np.vdot(coef, coef))

    def gradient(self, coef):
        return self.l1 * np.sign(coef) + self.l2 * coef

    def hessian(self, coef):
        return np.full_like(coef, self.l2, dtype=float)

    def prox(self, coef, step):
        shrunk = np.sign(coef) * np.maximum(np.abs(coef) - step * self.l1, 0.0)
        return shrunk / (1.0 + step * self.l2) + 0.0  # + 0.0 turns -0.0 into 0.0

    def __repr__(self) -> str:
        return f"{type(self).__name__}(alpha={self.alpha!r}, l1_ratio={self.l1_ratio!r})"

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and vars(self) == vars(other)

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.alpha, self.l1_ratio))


class L2Penalty(ElasticNetPenalty):
    """Ridge penalty ``0.5 * alpha * ||w||^2``.

    Examples
    --------
    >>> import numpy as np
    >>> float(L2Penalty(alpha=2.0).value(np.array([1.0, 2.0])))
    5.0
    """

    def __init__(self, alpha: float = 1.0):
        super().__init__(alpha=alpha, l1_ratio=0.0)

    def __repr__(self) -> str:
        return f"L2Penalty(alpha={self.alpha!r})"


class L1Penalty(ElasticNetPenalty):
    """Lasso penalty ``alpha * ||w||_1``; not smooth, so solvers use its ``prox``.

    Examples
    --------
    >>> import numpy as np
    >>> float(L1Penalty(alpha=0.5).value(np.array([1.0, -2.0])))
    1.5
    """

    def __init__(self, alpha: float = 1.0):
        super().__init__(alpha=alpha, l1_ratio=1.0)

    def __repr__(self) -> str:
        return f"L1Penalty(alpha={self.alpha!r})"


class NoPenalty(ElasticNetPenalty):
    """No penalty at all.

    Examples
    --------
    >>> import numpy as np
    >>> NoPenalty().value(np.array([1.0, -2.0]))
    0.0
    """

    def __init__(self):
        super().__init__(alpha=0.0, l1_ratio=0.0)

    def __repr__(self) -> str:
        return "NoPenalty()"


def resolve_penalty(penalty, alpha: float = 1.0, l1_ratio: float = 0.5, *, name="penalty"):
    """Turn a ``penalty=`` argument (None, a name or an object) into a penalty object.

    Examples
    --------
    >>> resolve_penalty("l1", alpha=0.1)
    L1Penalty(alpha=0.1)
    >>> resolve_penalty(None)
    NoPenalty()
    """
    if penalty is None or (isinstance(penalty, str) and penalty == "none"):
        return NoPenalty()
    if isinstance(penalty, str):
        table = {
            "l2": lambda: L2Penalty(alpha),
            "l1": lambda: L1Penalty(alpha),
            "elasticnet": lambda: ElasticNetPenalty(alpha, l1_ratio),
        }
        if penalty not in table:
            raise ValueError(
                f"{name}={penalty!r} is not a known penalty; expected one of "
                f"{['none', *table]} or an object with value(coef) and gradient(coef)."
            )
        return table[penalty]()
    missing = [m for m in ("value", "gradient") if not callable(getattr(penalty, m, None))]
    if missing:
        raise TypeError(
            f"{name} must be None, a penalty name or an object with value(coef) and "
            f"gradient(coef) methods; got {type(penalty).__name__} missing {missing}."
        )
    return penalty


def is_smooth(obj) -> bool:
    """A loss or penalty is smooth unless it says otherwise with ``smooth = False``."""
    return bool(getattr(obj, "smooth", True))
