"""Plots: posterior densities of A/B variants and regret curves with confidence bands.

matplotlib is optional (``pip install 'hackml[plot]'``); each function takes an
``ax`` to draw on (a new figure otherwise) and returns it.
"""

from __future__ import annotations

import numpy as np

from hackml._core.optional import import_optional

__all__ = ["plot_posteriors", "plot_regret"]


def _axes(ax, purpose):
    import_optional("matplotlib", purpose=purpose)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(6, 4))
    return ax


def plot_posteriors(posteriors, *, labels=None, level=0.95, ax=None):
    """Posterior density of each variant, its ``level`` credible interval shaded.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from hackml.bandit import BetaBernoulli
    >>> from hackml.bandit.plotting import plot_posteriors
    >>> ax = plot_posteriors([BetaBernoulli().update_counts(10, 100),
    ...                       BetaBernoulli().update_counts(20, 100)], labels=["A", "B"])
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['A', 'B']
    """
    posteriors = list(posteriors)
    ax = _axes(ax, "posterior plots")
    labels = labels or [f"variant {i}" for i in range(len(posteriors))]
    if len(labels) != len(posteriors):
        raise ValueError(f"labels must name {len(posteriors)} variants; got {len(labels)}.")
    lows, highs = zip(*(p.dist().interval(0.9999) for p in posteriors))
    x = np.linspace(min(lows), max(highs), 400)
    for post, label in zip(posteriors, labels):
        y = post.pdf(x)
        (line,) = ax.plot(x, y, label=label)
        lo, hi = post.credible_interval(level)
        inside = (x >= lo) & (x <= hi)
        ax.fill_between(x[inside], y[inside], alpha=0.25, color=line.get_color())
    ax.set_xlabel("parameter")
    ax.set_ylabel("posterior density")
    ax.legend()
    return ax


def plot_regret(results, *, level=0.95, ax=None):
    """Mean cumulative regret of each simulated policy, with a ``level`` confidence band.

    ``results`` is the dict returned by :func:`hackml.bandit.simulate`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from hackml.bandit import BernoulliArms, UCB1, simulate
    >>> from hackml.bandit.plotting import plot_regret
    >>> ax = plot_regret(simulate(UCB1(), BernoulliArms([0.3, 0.6]), n_steps=200, n_runs=20))
    >>> ax.get_ylabel()
    'cumulative regret'
    """
    ax = _axes(ax, "regret plots")
    for name, res in results.items():
        steps, lo, hi = res.band(level)
        (line,) = ax.plot(np.arange(1, res.regret.size + 1), res.regret, label=name)
        ax.fill_between(steps, lo, hi, alpha=0.2, color=line.get_color())
    ax.set_xlabel("pulls")
    ax.set_ylabel("cumulative regret")
    ax.legend()
    return ax
