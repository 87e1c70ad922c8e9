"""Implicit-feedback ALS (Hu, Koren and Volinsky, 2008) with a conjugate-gradient solver."""

from __future__ import annotations

import numbers

import numpy as np

from .._core.monitor import ConvergenceMonitor
from .._core.solvers import alternating
from .._core.validation import check_choice, check_random_state, check_scalar
from ._base import BaseRecommender
from ._data import transpose_csr
from ._kernels import implicit_half_cg, implicit_stored_term


class ImplicitALSRecommender(BaseRecommender):
    """Weighted matrix factorisation for clicks, plays and purchases.

    Every (user, item) cell is observed: the preference ``p_ij`` is 1 where the user
    interacted (a stored value ``r_ij > 0``) and 0 elsewhere, trusted with confidence
    ``c_ij = 1 + alpha * r_ij`` (1 for the zeros). It minimises (recorded divided by the
    number of stored interactions)

        J = sum_{all i, j} c_ij (p_ij - x_i . y_j)^2
            + regularization * (sum_i ||x_i||^2 + sum_j ||y_j||^2)

    alternating over users and items. Each row's block is a ``k x k`` linear system
    ``(Y^T Y + sum_{j stored} (c_ij - 1) y_j y_j^T + reg I) x_i = sum_{j stored} c_ij y_j``,
    solved approximately by ``cg_steps`` conjugate-gradient steps warm-started at the
    current factors (numba, parallel over rows; ``Y^T Y`` computed once per half sweep).
    CG never increases a convex quadratic, so ``objective_history_`` never increases.

    ``predict`` returns the preference score ``x_i . y_j``; unknown users or items score 0
    under ``unknown="fallback"``. Stored zeros carry no interaction and are ignored.

    Parameters
    ----------
    n_factors : int, default=32
    regularization : float, default=0.01
    alpha : float, default=1.0
        Confidence slope.
    cg_steps : int, default=3
    max_iter : int, default=15
    tol : float, default=0.0
        Relative change of J that stops the fit (0: run ``max_iter`` sweeps).
    init_std : float, default=0.01
    dtype : {"float32", "float64"}, default="float32"
        Precision of the factors and of the CG arithmetic. float32 (as in ``implicit``)
        halves memory traffic and doubles the SIMD width: about 2x faster per sweep, with
        solves accurate to about 1e-6 relative; float64 solves to 1e-12 and beyond. The
        objective is accumulated in float64 either way.
    duplicates : {"last", "mean", "error"}, default="last"
    unknown : {"fallback", "error"}, default="fallback"
    random_state : int, RandomState or None
    verbose : bool, default=False

    Attributes
    ----------
    user_factors_, item_factors_ : ndarray
    objective_history_, n_iter_, converged_

    Examples
    --------
    >>> import numpy as np
    >>> from hackml.recommend import ImplicitALSRecommender
    >>> users = [0, 0, 1, 1, 2, 2, 3]
    >>> items = ["a", "b", "a", "b", "c", "d", "c"]
    >>> model = ImplicitALSRecommender(n_factors=2, alpha=10.0, random_state=0)
    >>> model = model.fit(users, items, np.ones(7))
    >>> model.recommend(3, n=1)[0]
    array(['d'], dtype='<U1')
    >>> model.similar_items("a", n=1)[0]
    array(['b'], dtype='<U1')
    """

    _saved_arrays = ("user_factors_", "item_factors_", "objective_history_")

    def __init__(
        self,
        *,
        n_factors=32,
        regularization=0.01,
        alpha=1.0,
        cg_steps=3,
        max_iter=15,
        tol=0.0,
        init_std=0.01,
        dtype="float32",
        duplicates="last",
        unknown="fallback",
        random_state=None,
        verbose=False,
    ):
        self.n_factors = n_factors
        self.regularization = regularization
        self.alpha = alpha
        self.cg_steps = cg_steps
        self.max_iter = max_iter
        self.tol = tol
        self.init_std = init_std
        self.dtype = dtype
        self.duplicates = duplicates
        self.unknown = unknown
        self.random_state = random_state
        self.verbose = verbose

    def _check_params(self):
        check_scalar(self.n_factors, "n_factors", kind=numbers.Integral, low=1)
        check_scalar(self.regularization, "regularization", low=0)
        check_scalar(self.alpha, "alpha", low=0)
        check_scalar(self.cg_steps, "cg_steps", kind=numbers.Integral, low=1)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.tol, "tol", low=0)
        check_scalar(self.init_std, "init_std", low=0, include_low=False)
        check_choice(self.dtype, "dtype", ["float32", "float64"])

    def _rating_scale(self):
        return (0.0, np.inf)  # implicit feedback: counts, plays, weights >= 0

    def _fit_matrix(self, R):
        R = R.copy()
        R.eliminate_zeros()
        dtype = np.dtype(self.dtype)
        conf = 1.0 + self.alpha * R.data  # float64: the objective uses it exactly
        Rt = transpose_csr(R)
        conf_t = 1.0 + self.alpha * Rt.data
        rng = check_random_state(self.random_state)
        k, lam = int(self.n_factors), float(self.regularization)
        gen = np.random.default_rng(rng.randint(np.iinfo(np.int32).max))  # fast normals
        self.user_factors_ = gen.standard_normal((R.shape[0], k), dtype=dtype)
        self.item_factors_ = gen.standard_normal((R.shape[1], k), dtype=dtype)
        self.user_factors_ *= self.init_std
        self.item_factors_ *= self.init_std
        steps = int(self.cg_steps)
        # float64 Gram matrices, each computed once per update of its factors and shared by
        # the next half sweep and the objective; the item half sweep also returns the
        # stored entries' share of the loss, so the objective costs no extra pass
        cache = {}

        def gram(name):
            if name not in cache:
                F = getattr(self, name).astype(np.float64)
                cache[name] = F.T @ F
            return cache[name]

        def users():
            implicit_half_cg(
                R.indptr,
                R.indices,
                conf,
                self.item_factors_,
                gram("item_factors_"),
                lam,
                self.user_factors_,
                steps,
            )
            cache.pop("user_factors_", None)
            cache.pop("stored", None)

        def items():
            stored = np.empty(R.shape[1])
            implicit_half_cg(
                Rt.indptr,
                Rt.indices,
                conf_t,
                self.user_factors_,
                gram("user_factors_"),
                lam,
                self.item_factors_,
                steps,
                stored,
            )
            cache.pop("item_factors_", None)
            cache["stored"] = float(stored.sum())

        def objective():
            X, Y = self.user_factors_, self.item_factors_
            if "stored" not in cache:
                cache["stored"] = implicit_stored_term(R.indptr, R.indices, conf, X, Y)
            total = float(np.sum(gram("user_factors_") * gram("item_factors_")))
            total += cache["stored"]
            total += lam * (np.trace(gram("user_factors_")) + np.trace(gram("item_factors_")))
            return total / max(R.nnz, 1)

        monitor = ConvergenceMonitor(
            tol=self.tol, max_iter=self.max_iter, verbose=self.verbose, desc="implicit ALS"
        )
        result = alternating([users, items], objective, monitor=monitor)
        self.objective_history_ = result.history
        self.n_iter_, self.converged_ = result.n_iter, result.converged

    def _predict_codes(self, u, i):
        out = np.zeros(u.shape)
        both = (u >= 0) & (i >= 0)
        out[both] = np.einsum("ij,ij->i", self.user_factors_[u[both]], self.item_factors_[i[both]])
        return out

    def _score_items(self, code):
        return self.item_factors_ @ self.user_factors_[code]

    def _item_vectors(self):
        return self.item_factors_

    def _fold_in(self, codes, values):
        """The exact solve of the user's block (what CG approaches), in float64."""
        keep = values > 0
        Y = self.item_factors_.astype(np.float64)
        Ys = Y[codes[keep]]
        c = 1.0 + self.alpha * values[keep]
        A = Y.T @ Y + (Ys.T * (c - 1.0)) @ Ys + self.regularization * np.eye(Y.shape[1])
        return np.linalg.solve(A, Ys.T @ c)

    def _set_user(self, code, rep):
        if code >= self.user_factors_.shape[0]:
            self.user_factors_ = np.vstack(
                [self.user_factors_, np.zeros((1, len(rep)), self.user_factors_.dtype)]
            )
        self.user_factors_[code] = rep

    def _restore(self, arrays):
        super()._restore(arrays)
        self.objective_history_ = list(self.objective_history_)
