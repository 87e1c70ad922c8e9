"""Shared fitting loop of histogram gradient boosting and its loss protocol.

The loss protocol of gradient boosting
--------------------------------------
A loss is either

* an object with ``gradient(y, raw)`` and, optionally, ``hessian(y, raw)`` (unit Hessian
  when absent), ``value(y, raw)`` (needed to record the training loss, for the line
  search and for early stopping), ``inverse_link(raw)`` (prediction from raw score) and
  ``init_raw(y, sample_weight)`` (the constant starting score); every loss of
  :mod:`hackml.losses` is such an object; or
* a plain function ``f(y, raw) -> (gradient, hessian)``, the interface of XGBoost's and
  LightGBM's custom objectives (no ``value``: no loss history, no early stopping).

``raw`` is ``(n,)`` for regression and binary classification (``y`` in ``{0, 1}``) and
``(n, K)`` for ``K > 2`` classes (``y`` one-hot). Gradient and Hessian are shaped like
``raw``; a Hessian of shape ``(n, K, K)`` is reduced to its diagonal. Hessians must be
non-negative and everything finite, else a ``ValueError`` names the loss.

Each round adds one tree per raw column, fitted to the second-order expansion of the
weighted loss; its leaf values are scaled by ``learning_rate`` and, when the loss has a
``value``, halved until the training loss does not increase (a backtracking line
search), so ``objective_history_`` never increases.
"""

from __future__ import annotations

import numbers

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import softmax

from .._core.losses import LogisticLoss, MultinomialLoss, resolve_loss
from .._core.monitor import ConvergenceMonitor, EarlyStopping
from .._core.validation import check_random_state, check_scalar
from ._hist_kernels import bin_data, logistic_terms, make_bin_thresholds, pad_thresholds
from ._hist_tree import grow_tree


class _FunctionLoss:
    """Adapter: a function ``f(y, raw) -> (gradient, hessian)`` as a loss object."""

    def __init__(self, fn):
        self.fn = fn

    def gradient_hessian(self, y, raw):
        out = self.fn(y, raw)
        if not (isinstance(out, tuple) and len(out) == 2):
            raise ValueError(
                f"loss function {getattr(self.fn, '__name__', self.fn)!r} must return a "
                f"tuple (gradient, hessian); got {type(out).__name__}."
            )
        return out

    def __repr__(self):
        return f"FunctionLoss({getattr(self.fn, '__name__', self.fn)!r})"


def resolve_boosting_loss(loss, aliases):
    """A loss name (core name or an alias of ``aliases``), a loss object or a function."""
    if isinstance(loss, str):
        return resolve_loss(aliases.get(loss, loss))
    if callable(getattr(loss, "gradient", None)):
        return loss
    if callable(loss):
        return _FunctionLoss(loss)
    raise TypeError(
        "loss must be a name, an object with gradient(y, raw) [and hessian, value], or a "
        f"function f(y, raw) -> (gradient, hessian); got {type(loss).__name__}."
    )


def _name(loss):
    return repr(loss) if isinstance(loss, _FunctionLoss) else type(loss).__name__


def gradient_hessian(loss, y, raw):
    """Checked ``(gradient, hessian)`` of ``loss`` at ``raw``, both shaped like ``raw``."""
    if isinstance(loss, _FunctionLoss):
        g, h = loss.gradient_hessian(y, raw)
    else:
        g = loss.gradient(y, raw)
        hfn = getattr(loss, "hessian", None)
        h = hfn(y, raw) if callable(hfn) else np.ones_like(raw)
    g = np.asarray(g, dtype=np.float64)
    h = np.asarray(h, dtype=np.float64)
    if raw.ndim == 2 and h.shape == (raw.shape[0], raw.shape[1], raw.shape[1]):
        h = np.ascontiguousarray(np.einsum("ikk->ik", h))
    for what, arr in (("gradient", g), ("hessian", h)):
        if arr.shape != raw.shape:
            raise ValueError(
                f"loss {_name(loss)} must return a {what} shaped like raw {raw.shape}; got "
                f"shape {arr.shape}."
            )
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"loss {_name(loss)} returned a non-finite {what}.")
    if np.any(h < 0):
        raise ValueError(
            f"loss {_name(loss)} returned a negative hessian (min {h.min():.3g}); boosting "
            "needs a non-negative Hessian (return ones for a plain gradient step)."
        )
    return g, h


def mean_loss(loss, y, raw, w):
    """Weighted mean loss, or ``None`` when the loss has no ``value``."""
    fn = getattr(loss, "value", None)
    if not callable(fn):
        return None
    v = np.asarray(fn(y, raw), dtype=np.float64)
    if v.shape != (raw.shape[0],):
        raise ValueError(
            f"loss {_name(loss)}.value(y, raw) must return shape ({raw.shape[0]},); got "
            f"shape {v.shape}."
        )
    # an explicit sum, not ``w @ v``: a threaded BLAS dot of this size is slow on a busy
    # machine
    return float(np.sum(w * v) / np.sum(w))


def init_raw(loss, y, w, n_outputs):
    """The constant raw score minimising the weighted training loss (``init_raw`` first)."""
    fn = getattr(loss, "init_raw", None)
    if callable(fn):
        return np.broadcast_to(np.asarray(fn(y, w), dtype=float), (n_outputs,)).copy()
    n = y.shape[0]
    if n_outputs > 1 or not callable(getattr(loss, "value", None)):
        c = np.zeros(n_outputs)
        for _ in range(30):  # Newton steps on the constant (diagonal Hessian)
            raw = np.tile(c, (n, 1)) if n_outputs > 1 else np.full(n, c[0])
            g, h = gradient_hessian(loss, y, raw)
            g, h = w @ g.reshape(n, -1), w @ h.reshape(n, -1)
            step = -g / np.maximum(h, 1e-12 * w.sum())
            c = c + np.clip(step, -10, 10)
            if np.max(np.abs(step)) < 1e-9:
                break
        return c - c.mean() if n_outputs > 1 else c

    # The loss of a constant depends on y only through its distinct values: with few of
    # them (classification) the 1-D search runs on those, weighted by their total weight.
    yu, inv = np.unique(y, return_inverse=True)
    if yu.size <= n // 4:
        yc, wc = yu, np.bincount(inv.ravel(), weights=w, minlength=yu.size)
    else:
        yc, wc = y, w

    def f(c):
        return mean_loss(loss, yc, np.full(yc.shape[0], c), wc)

    scale = float(np.average(y, weights=w)) if y.ndim == 1 else 0.0
    try:
        res = minimize_scalar(f, bracket=(0.0, scale if abs(scale) > 1e-3 else 1.0))
        c = float(res.x) if np.isfinite(res.x) and np.isfinite(res.fun) else 0.0
    except (FloatingPointError, ValueError, RuntimeError):
        c = 0.0
    return np.array([c if f(c) <= f(0.0) else 0.0])


def _leaf_line_search(loss, y, raw, w):
    """Per-leaf exact step for a loss without a Hessian (Friedman's TreeBoost).

    The leaf value is ``argmin_c sum_leaf w_i loss(y_i, raw_i + c)``, found by Brent's
    method; for the absolute and quantile losses this is a weighted quantile of the
    leaf's residuals, found without knowing the loss.
    """

    def refit(rows):
        yl, rl, wl = y[rows], raw[rows], w[rows]
        if wl.sum() <= 0:
            return 0.0

        def f(c):
            return mean_loss(loss, yl, rl + c, wl)

        spread = float(np.std(yl - rl)) or 1.0
        res = minimize_scalar(f, bracket=(-spread, spread), options={"maxiter": 60})
        return float(res.x) if np.isfinite(res.x) and f(res.x) <= f(0.0) else 0.0

    return refit


class _Terms:
    """Per-round quantities at a raw score: the weighted gradient and Hessian columns and
    the weighted mean loss. The built-in binary cross-entropy (exactly
    :class:`hackml.losses.LogisticLoss`) takes one compiled pass for all three, kept for
    the raw score it was computed at; the built-in multinomial loss skips its full
    ``(n, K, K)`` Hessian for the diagonal ``p (1 - p)``; any other loss goes through its
    own checked methods.
    """

    def __init__(self, loss, y, w, n_outputs):
        self.loss, self.y, self.w, self.k = loss, y, w, n_outputs
        self.fast = type(loss) is LogisticLoss and n_outputs == 1
        self.wsum = float(np.sum(w))
        self._at = None

    def _fused(self, raw):
        if self._at is not raw:
            g, h = np.empty_like(raw), np.empty_like(raw)
            total = logistic_terms(self.y, raw, self.w, g, h, np.empty_like(raw))
            self._at, self._gh, self._value = raw, [(g, h)], total / self.wsum

    def value(self, raw):
        if self.fast:
            self._fused(raw)
            return self._value
        return mean_loss(self.loss, self.y, raw, self.w)

    def columns(self, raw):
        """``[(w * gradient[:, k], w * hessian[:, k]) for k in range(n_outputs)]``."""
        if self.fast:
            self._fused(raw)
            return self._gh
        if type(self.loss) is MultinomialLoss:  # its diagonal Hessian, without the (n, K, K)
            p = softmax(raw, axis=1)
            g, h = p - self.y, p * (1.0 - p)
        else:
            g, h = gradient_hessian(self.loss, self.y, raw)
        n = raw.shape[0]
        g2, h2 = g.reshape(n, -1), h.reshape(n, -1)
        return [
            (np.ascontiguousarray(g2[:, k] * self.w), np.ascontiguousarray(h2[:, k] * self.w))
            for k in range(self.k)
        ]


def check_boosting_params(est):
    check_scalar(est.learning_rate, "learning_rate", low=0, include_low=False)
    check_scalar(est.max_iter, "max_iter", kind=numbers.Integral, low=1)
    check_scalar(est.max_leaf_nodes, "max_leaf_nodes", kind=numbers.Integral, low=2)
    if est.max_depth is not None:
        check_scalar(est.max_depth, "max_depth", kind=numbers.Integral, low=1)
    check_scalar(est.min_samples_leaf, "min_samples_leaf", kind=numbers.Integral, low=1)
    check_scalar(est.l2_regularization, "l2_regularization", low=0)
    check_scalar(est.max_bins, "max_bins", kind=numbers.Integral, low=2, high=255)
    check_scalar(est.n_iter_no_change, "n_iter_no_change", kind=numbers.Integral, low=1)
    check_scalar(est.tol, "tol", low=0)
    check_scalar(
        est.validation_fraction,
        "validation_fraction",
        low=0,
        high=1,
        include_low=False,
        include_high=False,
    )
    if est.early_stopping not in ("auto", True, False):
        raise ValueError(
            f"early_stopping must be 'auto', True or False; got {est.early_stopping!r}."
        )


def fit_boosting(est, X, y, w, loss, n_outputs, Xval=None, yval=None, wval=None):
    """The boosting loop; sets the fitted attributes on ``est``."""
    rng = check_random_state(est.random_state)
    thresholds = make_bin_thresholds(X, est.max_bins, rng)
    Xb = bin_data(X, thresholds)
    n_bins_feature = np.array([t.size + 1 for t in thresholds], dtype=np.intp)
    n_bins = int(n_bins_feature.max())
    padded = pad_thresholds(thresholds, n_bins)
    hist = np.empty((est.max_leaf_nodes + 1, X.shape[1], n_bins, 3))
    n = X.shape[0]
    baseline = init_raw(loss, y, w, n_outputs)
    shape = (n,) if n_outputs == 1 else (n, n_outputs)

    def start_raw(m):
        return np.full(m, baseline[0]) if n_outputs == 1 else np.tile(baseline, (m, 1))

    raw = start_raw(n)
    has_value = mean_loss(loss, y, raw, w) is not None
    needs_refit = (
        has_value
        and n_outputs == 1
        and not isinstance(loss, _FunctionLoss)
        and not callable(getattr(loss, "hessian", None))
    )
    callbacks = []
    if Xval is not None:
        if not has_value:
            raise ValueError(
                f"early stopping needs the loss value; loss {_name(loss)} has no value(y, raw)."
            )
        raw_val = start_raw(Xval.shape[0])
        val_state = {"raw": raw_val}
        stopper = EarlyStopping(
            lambda: -mean_loss(loss, yval, val_state["raw"], wval),
            patience=est.n_iter_no_change,
            min_delta=est.tol,
        )
        callbacks.append(stopper)
    monitor = ConvergenceMonitor(
        tol=0,
        max_iter=est.max_iter,
        verbose=est.verbose,
        callbacks=callbacks,
        desc=type(est).__name__,
    )
    terms = _Terms(loss, y, w, n_outputs)
    current = terms.value(raw) if has_value else 0.0
    monitor.start(current)
    trees, train_loss, val_scores = [], [current] if has_value else [], []
    for _ in monitor:
        columns = terms.columns(raw)
        round_trees, delta = [], np.empty((n, n_outputs))
        refit = _leaf_line_search(loss, y, raw, w) if needs_refit else None
        for k, (gk, hk) in enumerate(columns):
            tree, delta[:, k] = grow_tree(
                Xb,
                gk,
                hk,
                n_bins_feature,
                padded,
                hist=hist,
                max_leaf_nodes=est.max_leaf_nodes,
                max_depth=est.max_depth,
                min_samples_leaf=est.min_samples_leaf,
                l2=float(est.l2_regularization),
                refit=refit,
            )
            round_trees.append(tree)
        delta = delta.reshape(shape)
        step = float(est.learning_rate)
        new = raw + step * delta
        if has_value:
            value = terms.value(new)
            for _ in range(60):  # backtracking: never accept a rise of the training loss
                if value <= current:
                    break
                step *= 0.5
                new = raw + step * delta
                value = terms.value(new)
            else:
                step, new, value = 0.0, raw, current
            current = value
            train_loss.append(value)
        raw = new
        for tree in round_trees:
            tree.value = tree.value * step
        trees.append(round_trees)
        if Xval is not None:
            cols = [np.zeros(Xval.shape[0]) for _ in range(n_outputs)]
            for k, tree in enumerate(round_trees):
                tree.add_to(Xval, cols[k])
            upd = np.column_stack(cols).reshape(val_state["raw"].shape)
            val_state["raw"] = val_state["raw"] + upd
            val_scores.append(-mean_loss(loss, yval, val_state["raw"], wval))
        monitor.update(current)
    est.loss_ = loss
    est.baseline_ = baseline
    est.trees_ = trees
    est.n_iter_ = len(trees)
    est.n_trees_per_iteration_ = n_outputs
    est.objective_history_ = train_loss
    est.train_score_ = np.array([-v for v in train_loss])
    est.validation_score_ = np.array(val_scores)
    est.converged_ = bool(monitor.stopped_by_callback)
    est.bin_thresholds_ = thresholds


def raw_predict(est, X):
    """Baseline plus the sum of all trees, shaped ``(n,)`` or ``(n, K)``."""
    K = est.n_trees_per_iteration_
    out = np.tile(est.baseline_, (X.shape[0], 1)).astype(float)
    cols = [np.ascontiguousarray(out[:, k]) for k in range(K)]
    for round_trees in est.trees_:
        for k, tree in enumerate(round_trees):
            tree.add_to(X, cols[k])
    out = np.column_stack(cols)
    return out[:, 0] if K == 1 else out


def split_validation(est, X, y, w, labels=None):
    """Hold out ``validation_fraction`` for early stopping when it is on.

    Returns ``(X, y, w, Xval, yval, wval)`` (the last three ``None`` without early
    stopping). ``labels`` (classification) stratifies the split; a class that would be
    missing from either part is an error naming ``validation_fraction``.
    """
    early = est.early_stopping
    if early == "auto":
        early = X.shape[0] > 10_000
    if not early:
        return X, y, w, None, None, None
    from sklearn.model_selection import train_test_split

    seed = check_random_state(est.random_state).randint(2**31 - 1)
    idx = np.arange(X.shape[0])
    try:
        tr, va = train_test_split(
            idx, test_size=est.validation_fraction, random_state=seed, stratify=labels
        )
    except ValueError as exc:
        raise ValueError(
            f"validation_fraction={est.validation_fraction} cannot hold out a validation set "
            f"from {X.shape[0]} samples with every class on both sides ({exc}); use a "
            "different validation_fraction or early_stopping=False."
        ) from None
    if labels is not None:
        missing = np.setdiff1d(np.unique(labels), np.unique(labels[tr]))
        if missing.size or np.unique(labels[va]).size < np.unique(labels).size:
            raise ValueError(
                f"validation_fraction={est.validation_fraction} leaves a class out of the "
                "training or the validation part; use a different validation_fraction or "
                "early_stopping=False."
            )
    return X[tr], y[tr], w[tr], X[va], y[va], w[va]
