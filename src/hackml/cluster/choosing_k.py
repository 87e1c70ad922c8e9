"""Choosing the number of clusters: elbow, silhouette and BIC, with a plot.

Each criterion fits one model per candidate ``k`` and scores it:

- ``"elbow"``: the k-means inertia ``J(k)``; the elbow is the ``k`` farthest below the
  straight line from the first to the last point of the normalised curve (the "kneedle"
  rule);
- ``"silhouette"``: the mean silhouette of the k-means labels (scikit-learn's
  ``silhouette_score``); the best ``k`` maximises it (``k >= 2``);
- ``"bic"``: the Bayesian information criterion of a Gaussian mixture with ``k``
  components, ``-2 log L + p log n``; the best ``k`` minimises it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from sklearn.metrics import silhouette_score

from .._core.optional import import_optional
from .._core.validation import check_array, check_choice
from .k_means import KMeans

__all__ = ["KChoice", "choose_k", "plot_choose_k"]


@dataclass
class KChoice:
    """What :func:`choose_k` found: the scores per ``k`` and the chosen ``k``."""

    method: str
    k_values: list[int]
    scores: list[float]
    best_k: int
    models: list = field(default_factory=list, repr=False)


def _elbow(k_values, scores):
    k = np.asarray(k_values, dtype=float)
    s = np.asarray(scores, dtype=float)
    if len(k) < 3 or s[0] == s[-1]:
        return int(k_values[0])
    kn = (k - k[0]) / (k[-1] - k[0])
    sn = (s - s[-1]) / (s[0] - s[-1])
    return int(k_values[int(np.argmax((1 - kn) - sn))])


def choose_k(X, k_values=range(1, 11), *, method="elbow", random_state=0, **model_params):
    """Fit one model per ``k`` and pick ``k`` by ``method`` ("elbow", "silhouette", "bic").

    ``model_params`` go to :class:`KMeans` (elbow, silhouette) or
    :class:`hackml.mixture.GaussianMixture` (bic).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = np.concatenate([rng.normal(c, 0.5, (100, 2)) for c in (0, 5, 10)])
    >>> choose_k(X, range(1, 7)).best_k, choose_k(X, range(2, 7), method="silhouette").best_k
    (3, 3)
    >>> choose_k(X, range(1, 7), method="bic").best_k
    3
    """
    check_choice(method, "method", ["elbow", "silhouette", "bic"])
    X = check_array(X, dtype=np.float64, input_name="X")
    k_values = [int(k) for k in k_values]
    if not k_values or min(k_values) < 1:
        raise ValueError(f"k_values must be positive integers; got {k_values}.")
    if method == "silhouette" and min(k_values) < 2:
        raise ValueError("method='silhouette' needs every k >= 2 (one cluster has none).")
    scores, models = [], []
    for k in k_values:
        if method == "bic":
            from ..mixture import GaussianMixture

            model = GaussianMixture(n_components=k, random_state=random_state, **model_params)
            scores.append(float(model.fit(X).bic(X)))
        else:
            model = KMeans(n_clusters=k, random_state=random_state, **model_params).fit(X)
            if method == "elbow":
                scores.append(model.inertia_)
            else:
                scores.append(float(silhouette_score(X, model.labels_)))
        models.append(model)
    if method == "elbow":
        best = _elbow(k_values, scores)
    elif method == "silhouette":
        best = k_values[int(np.argmax(scores))]
    else:
        best = k_values[int(np.argmin(scores))]
    return KChoice(method, k_values, scores, best, models)


def plot_choose_k(choice, ax=None):
    """Plot a :class:`KChoice` (score against ``k``, the chosen ``k`` marked); return ax.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> X = np.random.default_rng(0).normal(size=(60, 2))
    >>> ax = plot_choose_k(choose_k(X, range(1, 5)))
    >>> ax.get_ylabel()
    'inertia'
    """
    plt = import_optional("matplotlib.pyplot", purpose="the choosing-k plot")
    if ax is None:
        ax = plt.gca()
    ax.plot(choice.k_values, choice.scores, "o-")
    best = choice.k_values.index(choice.best_k)
    ax.plot([choice.best_k], [choice.scores[best]], "o", markersize=12, fillstyle="none")
    ax.set_xlabel("k")
    ax.set_ylabel(
        {"elbow": "inertia", "silhouette": "mean silhouette", "bic": "BIC"}[choice.method]
    )
    ax.set_title(f"{choice.method}: k = {choice.best_k}")
    return ax
