"""Decisions from posteriors: probability each variant is best, expected loss, stopping.

For variants with posterior draws ``theta_1..theta_K`` (higher is better):

    P(best = j)   = P(theta_j = max_k theta_k)
    loss_j        = E[max_k theta_k - theta_j]      (what choosing j costs, in expectation)

Stop the experiment once ``min_j loss_j < threshold`` (the smallest difference worth
caring about) and choose that ``j``: the expected-loss stopping rule. Unlike a p-value,
the expected loss may be monitored continuously; it bounds the cost of a wrong choice
rather than the chance of one.
"""

from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np
from scipy import integrate

from hackml._core.validation import check_scalar

from .policy import make_rng

__all__ = [
    "StopDecision",
    "expected_loss",
    "expected_loss_stop",
    "probability_best",
    "probability_greater",
]


def _draws(posteriors, n_draws, random_state, higher_is_better):
    posteriors = list(posteriors)
    if len(posteriors) < 2:
        raise ValueError(f"posteriors must hold at least 2 variants; got {len(posteriors)}.")
    for p in posteriors:
        if not hasattr(p, "sample"):
            raise TypeError(f"each posterior needs a sample(size, random_state) method; got {p!r}.")
    n_draws = check_scalar(n_draws, "n_draws", kind=numbers.Integral, low=1)
    rng = make_rng(random_state)
    draws = np.column_stack([np.asarray(p.sample(n_draws, rng), dtype=float) for p in posteriors])
    return draws if higher_is_better else -draws


def probability_best(posteriors, *, n_draws=100_000, random_state=None, higher_is_better=True):
    """Monte Carlo estimate of ``P(theta_j = max_k theta_k)`` for each variant.

    Examples
    --------
    >>> from hackml.bandit import BetaBernoulli
    >>> a, b = BetaBernoulli().update_counts(100, 1000), BetaBernoulli().update_counts(130, 1000)
    >>> probability_best([a, b], random_state=0).round(2)
    array([0.02, 0.98])
    """
    draws = _draws(posteriors, n_draws, random_state, higher_is_better)
    return np.bincount(np.argmax(draws, axis=1), minlength=draws.shape[1]) / draws.shape[0]


def expected_loss(posteriors, *, n_draws=100_000, random_state=None, higher_is_better=True):
    """Monte Carlo estimate of ``E[max_k theta_k - theta_j]`` for each variant ``j``.

    Examples
    --------
    >>> from hackml.bandit import BetaBernoulli
    >>> a, b = BetaBernoulli().update_counts(100, 1000), BetaBernoulli().update_counts(130, 1000)
    >>> expected_loss([a, b], random_state=0).round(4)
    array([0.03  , 0.0001])
    """
    draws = _draws(posteriors, n_draws, random_state, higher_is_better)
    return (draws.max(axis=1, keepdims=True) - draws).mean(axis=0)


class StopDecision(NamedTuple):
    """Outcome of the expected-loss stopping rule."""

    stop: bool
    best: int
    expected_loss: np.ndarray
    probability_best: np.ndarray


def expected_loss_stop(
    posteriors, *, threshold, n_draws=100_000, random_state=None, higher_is_better=True
):
    """Stop when the smallest expected loss falls below ``threshold``; name the winner.

    Examples
    --------
    >>> from hackml.bandit import BetaBernoulli
    >>> a, b = BetaBernoulli().update_counts(100, 1000), BetaBernoulli().update_counts(130, 1000)
    >>> decision = expected_loss_stop([a, b], threshold=0.001, random_state=0)
    >>> decision.stop, decision.best
    (True, 1)
    """
    check_scalar(threshold, "threshold", low=0, include_low=False)
    draws = _draws(posteriors, n_draws, random_state, higher_is_better)
    loss = (draws.max(axis=1, keepdims=True) - draws).mean(axis=0)
    prob = np.bincount(np.argmax(draws, axis=1), minlength=draws.shape[1]) / draws.shape[0]
    best = int(np.argmin(loss))
    return StopDecision(bool(loss[best] < threshold), best, loss, prob)


def probability_greater(post_a, post_b) -> float:
    """``P(theta_b > theta_a)`` for two independent posteriors, by numerical integration.

        P(theta_b > theta_a) = integral f_b(x) F_a(x) dx

    over the support, with ``scipy.integrate.quad`` (the exact two-variant answer that
    :func:`probability_best` approximates by sampling).

    Examples
    --------
    >>> from hackml.bandit import BetaBernoulli
    >>> a, b = BetaBernoulli().update_counts(100, 1000), BetaBernoulli().update_counts(130, 1000)
    >>> round(probability_greater(a, b), 4)
    0.9822
    """
    da, db = post_a.dist(), post_b.dist()
    lo, hi = db.ppf(1e-15), db.isf(1e-15)
    centre = db.median()
    total = 0.0
    for x0, x1 in ((lo, centre), (centre, hi)):
        part, _ = integrate.quad(
            lambda x: db.pdf(x) * da.cdf(x), x0, x1, epsabs=1e-13, epsrel=1e-11, limit=200
        )
        total += part
    return float(total)
