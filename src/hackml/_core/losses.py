"""Losses: how far a prediction is from a target, one sample at a time.

The protocol
------------
A loss is any object with two methods (and optionally a third)::

    value(y, raw)    -> ndarray (n_samples,)     the loss of each sample
    gradient(y, raw) -> ndarray like raw         d value_i / d raw_i
    hessian(y, raw)  -> ndarray (n_samples,)     d2 value_i / d raw_i2      (optional)
                        or (n_samples, K, K) for vector-valued raw scores
    inverse_link(raw) -> ndarray                 the prediction from a raw score (optional;
                                                 identity when absent)

``raw`` is the model's raw score (the linear predictor ``X @ coef + intercept``), before
any inverse link. ``y`` is the target as the model encodes it: real values for
regression, ``{0, 1}`` for :class:`LogisticLoss`, ``{-1, +1}`` for :class:`HingeLoss`, a
one-hot matrix ``(n_samples, K)`` for :class:`MultinomialLoss`.

A model combines a loss with sample weights ``w`` and a penalty ``P`` into the objective

    J(coef) = sum_i w_i * value(y_i, raw_i) / sum_i w_i  +  P(coef)

so the loss never sees the weights and a user loss needs no weighting code. The built-in
losses below are ordinary classes that follow this protocol; nothing in hackml treats
them specially.

Conventions (where they differ from textbooks): the squared loss is *halved*,
``0.5 * (y - raw)**2``, so its gradient is the plain residual; the Poisson loss is the
negative log-likelihood under a log link, dropping the ``log(y!)`` constant.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np
from scipy.special import expit, log_expit, logsumexp, softmax

__all__ = [
    "AbsoluteLoss",
    "AsymmetricSquaredLoss",
    "EpsilonInsensitiveLoss",
    "HingeLoss",
    "HuberLoss",
    "LogisticLoss",
    "Loss",
    "MultinomialLoss",
    "PoissonLoss",
    "QuantileLoss",
    "SquaredHingeLoss",
    "SquaredLoss",
]


@runtime_checkable
class Loss(Protocol):
    """What a loss must provide (see the module docstring for shapes)."""

    def value(self, y: np.ndarray, raw: np.ndarray) -> np.ndarray: ...

    def gradient(self, y: np.ndarray, raw: np.ndarray) -> np.ndarray: ...


class _Base:
    """Shared ``repr`` and equality on constructor arguments."""

    smooth = True  # has a continuous gradient everywhere

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({args})"

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and vars(self) == vars(other)

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(sorted(vars(self).items()))))


def _positive(name: str, value: float) -> float:
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {value!r}.")
    return value


class SquaredLoss(_Base):
    """Half squared error, ``0.5 * (y - raw)**2``.

    Examples
    --------
    >>> import numpy as np
    >>> SquaredLoss().value(np.array([1.0, 2.0]), np.array([0.0, 2.0]))
    array([0.5, 0. ])
    """

    def value(self, y, raw):
        return 0.5 * (raw - y) ** 2

    def gradient(self, y, raw):
        return raw - y

    def hessian(self, y, raw):
        return np.ones_like(raw, dtype=float)


class AbsoluteLoss(_Base):
    """Absolute error, ``|y - raw|`` (median regression). Not differentiable at 0.

    Examples
    --------
    >>> import numpy as np
    >>> AbsoluteLoss().value(np.array([1.0, 2.0]), np.array([0.0, 2.5]))
    array([1. , 0.5])
    """

    smooth = False

    def value(self, y, raw):
        return np.abs(raw - y)

    def gradient(self, y, raw):
        return np.sign(raw - y)


class QuantileLoss(_Base):
    """Pinball loss for the ``quantile`` in (0, 1): ``max(q r, (q - 1) r)``, ``r = y - raw``.

    ``quantile=0.5`` is half the absolute loss.

    Examples
    --------
    >>> import numpy as np
    >>> QuantileLoss(quantile=0.9).value(np.array([1.0, 1.0]), np.array([0.0, 2.0]))
    array([0.9, 0.1])
    """

    smooth = False

    def __init__(self, quantile: float = 0.5):
        q = float(quantile)
        if not 0.0 < q < 1.0:
            raise ValueError(f"quantile must be strictly between 0 and 1, got {quantile!r}.")
        self.quantile = q

    def value(self, y, raw):
        r = y - raw
        return np.maximum(self.quantile * r, (self.quantile - 1.0) * r)

    def gradient(self, y, raw):
        r = y - raw
        return np.where(r > 0, -self.quantile, np.where(r < 0, 1.0 - self.quantile, 0.0))


class HuberLoss(_Base):
    """Huber loss: quadratic for ``|r| <= delta``, linear beyond.

    ``0.5 r**2`` if ``|r| <= delta`` else ``delta * (|r| - 0.5 delta)``, ``r = y - raw``.

    Examples
    --------
    >>> import numpy as np
    >>> HuberLoss(delta=1.0).value(np.array([0.0, 0.0]), np.array([0.5, 3.0]))
    array([0.125, 2.5  ])
    """

    def __init__(self, delta: float = 1.35):
        self.delta = _positive("delta", delta)

    def value(self, y, raw):
        a = np.abs(raw - y)
        d = self.delta
        return np.where(a <= d, 0.5 * a**2, d * (a - 0.5 * d))

    def gradient(self, y, raw):
        return np.clip(raw - y, -self.delta, self.delta)

    def hessian(self, y, raw):
        return (np.abs(raw - y) <= self.delta).astype(float)


class EpsilonInsensitiveLoss(_Base):
    """Dead-zone loss ``max(0, |y - raw| - epsilon)``: errors under ``epsilon`` are free.

    Examples
    --------
    >>> import numpy as np
    >>> EpsilonInsensitiveLoss(epsilon=0.5).value(np.zeros(2), np.array([0.2, 2.0]))
    array([0. , 1.5])
    """

    smooth = False

    def __init__(self, epsilon: float = 0.1):
        eps = float(epsilon)
        if not np.isfinite(eps) or eps < 0:
            raise ValueError(f"epsilon must be a non-negative finite number, got {epsilon!r}.")
        self.epsilon = eps

    def value(self, y, raw):
        return np.maximum(np.abs(raw - y) - self.epsilon, 0.0)

    def gradient(self, y, raw):
        r = raw - y
        return np.where(np.abs(r) > self.epsilon, np.sign(r), 0.0)


class AsymmetricSquaredLoss(_Base):
    """Squared loss that weighs under-prediction by ``under`` and over-prediction by ``over``.

    ``0.5 * c * (y - raw)**2`` with ``c = under`` where ``raw < y``, else ``c = over``
    (expectile regression when ``under + over = 1``).

    Examples
    --------
    >>> import numpy as np
    >>> AsymmetricSquaredLoss(under=3.0, over=1.0).value(np.ones(2), np.array([0.0, 2.0]))
    array([1.5, 0.5])
    """

    def __init__(self, under: float = 1.0, over: float = 1.0):
        self.under = _positive("under", under)
        self.over = _positive("over", over)

    def _c(self, y, raw):
        return np.where(raw < y, self.under, self.over)

    def value(self, y, raw):
        return 0.5 * self._c(y, raw) * (raw - y) ** 2

    def gradient(self, y, raw):
        return self._c(y, raw) * (raw - y)

    def hessian(self, y, raw):
        return self._c(y, raw).astype(float)


class LogisticLoss(_Base):
    """Binary cross-entropy on the logit, ``y`` in ``{0, 1}``: ``log(1 + e^raw) - y raw``.

    Computed stably for large ``|raw|``.

    Examples
    --------
    >>> import numpy as np
    >>> np.round(LogisticLoss().value(np.array([1.0, 0.0]), np.array([0.0, 0.0])), 4)
    array([0.6931, 0.6931])
    """

    def value(self, y, raw):
        # log(1 + e^z) - y z  ==  -log_expit(z) + (1 - y) z
        return -log_expit(raw) + (1.0 - y) * raw

    def gradient(self, y, raw):
        return expit(raw) - y

    def hessian(self, y, raw):
        p = expit(raw)
        return p * (1.0 - p)


class MultinomialLoss(_Base):
    """Categorical cross-entropy on raw scores ``(n, K)`` with one-hot ``y`` ``(n, K)``.

    ``logsumexp(raw_i) - y_i . raw_i``; the Hessian is ``diag(p_i) - p_i p_i^T``.

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array([[1.0, 0.0, 0.0]])
    >>> np.round(MultinomialLoss().value(y, np.zeros((1, 3))), 4)
    array([1.0986])
    """

    def value(self, y, raw):
        return logsumexp(raw, axis=1) - np.einsum("ij,ij->i", y, raw)

    def gradient(self, y, raw):
        return softmax(raw, axis=1) - y

    def hessian(self, y, raw):
        p = softmax(raw, axis=1)
        return np.einsum("ij,jk->ijk", p, np.eye(p.shape[1])) - p[:, :, None] * p[:, None, :]


class HingeLoss(_Base):
    """Hinge loss for ``y`` in ``{-1, +1}``: ``max(0, 1 - y raw)`` (the SVM loss).

    Examples
    --------
    >>> import numpy as np
    >>> HingeLoss().value(np.array([1.0, -1.0]), np.array([0.5, -2.0]))
    array([0.5, 0. ])
    """

    smooth = False

    def value(self, y, raw):
        return np.maximum(0.0, 1.0 - y * raw)

    def gradient(self, y, raw):
        return np.where(y * raw < 1.0, -y, 0.0)


class SquaredHingeLoss(_Base):
    """Squared hinge ``max(0, 1 - y raw)**2`` for ``y`` in ``{-1, +1}`` (smooth SVM loss).

    Examples
    --------
    >>> import numpy as np
    >>> SquaredHingeLoss().value(np.array([1.0, -1.0]), np.array([0.5, -2.0]))
    array([0.25, 0.  ])
    """

    def value(self, y, raw):
        return np.maximum(0.0, 1.0 - y * raw) ** 2

    def gradient(self, y, raw):
        return -2.0 * y * np.maximum(0.0, 1.0 - y * raw)

    def hessian(self, y, raw):
        return 2.0 * (y * raw < 1.0).astype(float)


class PoissonLoss(_Base):
    """Poisson negative log-likelihood with log link: ``exp(raw) - y raw``, ``y >= 0``.

    Examples
    --------
    >>> import numpy as np
    >>> PoissonLoss().value(np.array([1.0]), np.array([0.0]))
    array([1.])
    """

    def value(self, y, raw):
        return np.exp(raw) - y * raw

    def gradient(self, y, raw):
        return np.exp(raw) - y

    def hessian(self, y, raw):
        return np.exp(raw)

    def inverse_link(self, raw):
        return np.exp(raw)


#: Names accepted wherever a ``loss=`` parameter takes a string.
LOSSES: dict[str, type] = {
    "squared": SquaredLoss,
    "absolute": AbsoluteLoss,
    "quantile": QuantileLoss,
    "huber": HuberLoss,
    "epsilon_insensitive": EpsilonInsensitiveLoss,
    "asymmetric_squared": AsymmetricSquaredLoss,
    "logistic": LogisticLoss,
    "multinomial": MultinomialLoss,
    "hinge": HingeLoss,
    "squared_hinge": SquaredHingeLoss,
    "poisson": PoissonLoss,
}


def resolve_loss(loss, *, name: str = "loss", allowed: tuple[str, ...] | None = None):
    """Turn a ``loss=`` argument (a name or an object) into a loss object.

    Raises ``ValueError`` for an unknown name and ``TypeError`` for an object that lacks
    ``value`` or ``gradient``.

    Examples
    --------
    >>> resolve_loss("huber")
    HuberLoss(delta=1.35)
    >>> resolve_loss("hubber")
    Traceback (most recent call last):
    ...
    ValueError: loss='hubber' is not a known loss; expected one of [...] or an object ...
    """
    if isinstance(loss, str):
        choices = allowed if allowed is not None else tuple(LOSSES)
        if loss not in choices:
            raise ValueError(
                f"{name}={loss!r} is not a known loss; expected one of {sorted(choices)} "
                "or an object with value(y, raw) and gradient(y, raw) methods."
            )
        return LOSSES[loss]()
    missing = [m for m in ("value", "gradient") if not callable(getattr(loss, m, None))]
    if missing:
        raise TypeError(
            f"{name} must be a loss name or an object with value(y, raw) and gradient(y, raw) "
            f"methods; got {type(loss).__name__} missing {missing}."
        )
    return loss
