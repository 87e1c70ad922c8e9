"""Bias-variance decomposition of a model's expected test error, and its plot.

Fit the model on ``R`` training sets ``D_r`` (bootstrap resamples of one training set,
or fresh draws from a ``sampler``), predict the test points, and split the expected
error over training sets.

Squared loss, with ``f`` the noise-free target (when known) and ``fbar(x)`` the mean
prediction over training sets:

    E_D E_y (y - f_D(x))^2 = (f(x) - fbar(x))^2 + E_D (f_D(x) - fbar(x))^2 + E_y (y - f(x))^2
                           =        bias^2      +          variance        +     noise

Each side is averaged over test points; the cross terms vanish in expectation, so on a
finite sample the two sides agree within Monte-Carlo error. Without ``f`` the noise
cannot be separated: ``bias^2`` is measured against the observed ``y`` and absorbs it
(``noise = 0``), and the identity is then exact.

0-1 loss (Domingos 2000): the main prediction ``ym(x)`` is the most frequent one;
``bias(x) = [ym(x) != y]``, ``variance(x) = P_D(f_D(x) != ym(x))``. For two classes the
expected loss is ``bias + variance`` at unbiased points and ``bias - variance`` at biased
ones (variance *helps* where the main prediction is wrong): reported as
``variance_unbiased`` and ``variance_biased``.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field

import numpy as np
from sklearn.base import clone

from .._core.optional import import_optional
from .._core.validation import check_choice, check_random_state, check_scalar

__all__ = ["BiasVariance", "bias_variance_decomposition", "plot_bias_variance"]


@dataclass
class BiasVariance:
    """Result of :func:`bias_variance_decomposition` (test-point averages)."""

    loss: str
    expected_loss: float
    bias2: float
    variance: float
    noise: float
    variance_unbiased: float = float("nan")
    variance_biased: float = float("nan")
    predictions: np.ndarray = field(default=None, repr=False)


def _training_sets(X, y, n_rounds, sampler, rng):
    for _ in range(n_rounds):
        if sampler is not None:
            yield sampler(rng)
        else:
            idx = rng.randint(0, X.shape[0], X.shape[0])
            yield X[idx], y[idx]


def bias_variance_decomposition(
    estimator,
    X_train,
    y_train,
    X_test,
    y_test,
    *,
    loss="squared",
    n_rounds=50,
    f_test=None,
    sampler=None,
    random_state=None,
):
    """Estimate bias, variance and noise of ``estimator`` over ``n_rounds`` training sets.

    Parameters
    ----------
    estimator : estimator
        Cloned and refitted every round.
    X_train, y_train : arrays
        Resampled with replacement each round (ignored when ``sampler`` is given).
    X_test, y_test : arrays
        Observed test targets.
    loss : {"squared", "0-1"}, default="squared"
    n_rounds : int, default=50
    f_test : array or None
        Noise-free targets at ``X_test`` (known on synthetic data): separates the noise.
    sampler : callable or None
        ``sampler(rng) -> (X, y)`` draws a fresh training set (the textbook setting)
        instead of a bootstrap resample.
    random_state : int, RandomState or None

    Returns
    -------
    BiasVariance

    Examples
    --------
    >>> import numpy as np
    >>> from hackml.tree import DecisionTreeRegressor
    >>> rng = np.random.default_rng(0)
    >>> X = rng.uniform(-3, 3, (400, 1)); f = np.sin(X[:, 0]); y = f + rng.normal(0, .3, 400)
    >>> bv = bias_variance_decomposition(DecisionTreeRegressor(), X[:200], y[:200],
    ...                                  X[200:], y[200:], f_test=f[200:], random_state=0)
    >>> bv.variance > bv.bias2   # a fully grown tree: low bias, high variance
    True
    >>> total = bv.bias2 + bv.variance + bv.noise
    >>> bool(abs(total - bv.expected_loss) < 0.1 * bv.expected_loss)
    True
    """
    check_choice(loss, "loss", ["squared", "0-1"])
    check_scalar(n_rounds, "n_rounds", kind=numbers.Integral, low=2)
    if sampler is not None and not callable(sampler):
        raise TypeError(f"sampler must be callable rng -> (X, y); got {type(sampler).__name__}.")
    X_train, y_train = np.asarray(X_train), np.asarray(y_train)
    y_test = np.asarray(y_test)
    rng = check_random_state(random_state)
    preds = np.array(
        [
            clone(estimator).fit(Xr, yr).predict(X_test)
            for Xr, yr in _training_sets(X_train, y_train, n_rounds, sampler, rng)
        ]
    )
    if preds.shape[1] != y_test.shape[0]:
        raise ValueError(
            f"y_test has {y_test.shape[0]} rows but X_test gave {preds.shape[1]} predictions."
        )
    if loss == "squared":
        preds = preds.astype(float)
        mean = preds.mean(axis=0)
        expected = float(np.mean((preds - y_test) ** 2))
        variance = float(np.mean(preds.var(axis=0)))
        if f_test is None:
            return BiasVariance(
                loss,
                expected,
                float(np.mean((y_test - mean) ** 2)),
                variance,
                0.0,
                predictions=preds,
            )
        f_test = np.asarray(f_test, dtype=float)
        if f_test.shape != y_test.shape:
            raise ValueError(f"f_test must have shape {y_test.shape}; got {f_test.shape}.")
        return BiasVariance(
            loss,
            expected,
            float(np.mean((f_test - mean) ** 2)),
            variance,
            float(np.mean((y_test - f_test) ** 2)),
            predictions=preds,
        )
    main = np.array([_mode(col) for col in preds.T])
    biased = main != y_test
    var_i = np.mean(preds != main, axis=0)
    n = y_test.shape[0]
    return BiasVariance(
        loss,
        float(np.mean(preds != y_test)),
        float(np.mean(biased)),
        float(np.mean(var_i)),
        0.0,
        float(var_i[~biased].sum() / n),
        float(var_i[biased].sum() / n),
        predictions=preds,
    )


def _mode(values):
    uniq, counts = np.unique(values, return_counts=True)
    return uniq[np.argmax(counts)]


def plot_bias_variance(
    estimator, param_name, param_values, X_train, y_train, X_test, y_test, *, ax=None, **kwargs
):
    """Plot bias^2, variance and expected loss against a complexity parameter.

    ``estimator.set_params(**{param_name: v})`` for each ``v`` in ``param_values``;
    ``kwargs`` go to :func:`bias_variance_decomposition`. Returns ``(ax, results)``.
    Needs matplotlib (``pip install 'hackml[plot]'``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from hackml.tree import DecisionTreeRegressor
    >>> rng = np.random.default_rng(0)
    >>> X = rng.uniform(-3, 3, (300, 1)); y = np.sin(X[:, 0]) + rng.normal(0, .3, 300)
    >>> ax, res = plot_bias_variance(DecisionTreeRegressor(), "max_depth", [1, 3, 8],
    ...                              X[:150], y[:150], X[150:], y[150:], n_rounds=10,
    ...                              random_state=0)
    >>> res[0].bias2 > res[-1].bias2 and res[0].variance < res[-1].variance
    True
    """
    plt = import_optional("matplotlib.pyplot", purpose="plot_bias_variance")
    results = [
        bias_variance_decomposition(
            clone(estimator).set_params(**{param_name: v}),
            X_train,
            y_train,
            X_test,
            y_test,
            **kwargs,
        )
        for v in param_values
    ]
    if ax is None:
        _, ax = plt.subplots()
    xs = [str(v) for v in param_values]
    ax.plot(xs, [r.bias2 for r in results], marker="o", label="bias$^2$")
    ax.plot(xs, [r.variance for r in results], marker="o", label="variance")
    ax.plot(xs, [r.expected_loss for r in results], marker="o", label="expected loss")
    ax.set_xlabel(param_name)
    ax.set_ylabel(f"{results[0].loss} loss")
    ax.legend()
    return ax, results
