"""The factorisation solvers: exact block updates, monotone objectives, solver agreement."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from hackml.recommend import ALSRecommender, ImplicitALSRecommender, SGDRecommender
from hackml.recommend._kernels import explicit_half_cg, explicit_half_exact, implicit_half_cg


def _ratings(seed=0, n_users=40, n_items=30, n=500):
    rng = np.random.default_rng(seed)
    pairs = rng.choice(n_users * n_items, n, replace=False)
    return pairs // n_items, pairs % n_items, rng.integers(1, 6, n).astype(float)


@pytest.mark.parametrize("weighted", [False, True])
def test_one_user_update_is_the_normal_equation_solve(weighted):
    users, items, ratings = _ratings()
    model = ALSRecommender(
        n_factors=4,
        reg_user=0.7,
        reg_item=1.3,
        reg_user_bias=0.4,
        weighted=weighted,
        max_iter=3,
        random_state=0,
    )
    model.fit(users, items, ratings)
    R = model.seen_
    U, bu = model.user_factors_.copy(), model.user_bias_.copy()
    explicit_half_exact(
        R.indptr,
        R.indices,
        R.data,
        model.item_factors_,
        model.item_bias_,
        model.global_mean_,
        0.7,
        0.4,
        weighted,
        U,
        bu,
    )
    i = 5
    cols = R.indices[R.indptr[i] : R.indptr[i + 1]]
    y = R.data[R.indptr[i] : R.indptr[i + 1]] - model.global_mean_ - model.item_bias_[cols]
    Z = np.c_[model.item_factors_[cols], np.ones(len(cols))]
    reg = np.r_[np.full(4, 0.7 * (len(cols) if weighted else 1)), 0.4]
    direct = np.linalg.solve(Z.T @ Z + np.diag(reg), Z.T @ y)
    np.testing.assert_allclose(np.r_[U[i], bu[i]], direct, rtol=0, atol=1e-10)
    # the fold-in path solves the same system
    fold = model.recalculate_user(
        (model.item_index_.labels[cols], R.data[R.indptr[i] : R.indptr[i + 1]])
    )
    np.testing.assert_allclose(fold, direct, rtol=0, atol=1e-10)


@pytest.mark.parametrize("gather_max", [4096, 3])
def test_exact_update_in_both_forms_is_the_direct_solve(gather_max):
    # 20 factors and ~12 ratings a user: most rows take the m x m (push-through) form,
    # users with more ratings than 21 the (k+1) x (k+1) form; gather_max=3 streams them
    users, items, ratings = _ratings(7, n_users=40, n_items=60, n=600)
    model = ALSRecommender(
        n_factors=20, reg_user=0.3, reg_user_bias=0.2, max_iter=2, random_state=0
    ).fit(users, items, ratings)
    R, V, bi, mu = model.seen_, model.item_factors_, model.item_bias_, model.global_mean_
    U, bu, stats = model.user_factors_.copy(), model.user_bias_.copy(), np.empty((40, 2))
    explicit_half_exact(
        R.indptr, R.indices, R.data, V, bi, mu, 0.3, 0.2, False, U, bu, stats, gather_max=gather_max
    )
    rows, cols = R.nonzero()
    e = R.data - mu - bu[rows] - bi[cols] - np.einsum("ij,ij->i", U[rows], V[cols])
    np.testing.assert_allclose(stats[:, 0], np.bincount(rows, e, minlength=40), atol=1e-12)
    np.testing.assert_allclose(stats[:, 1], np.bincount(rows, e * e, minlength=40), rtol=1e-12)
    counts = np.diff(R.indptr)
    assert counts.min() < 21 <= counts.max()
    for i in range(R.shape[0]):
        cols = R.indices[R.indptr[i] : R.indptr[i + 1]]
        y = R.data[R.indptr[i] : R.indptr[i + 1]] - mu - bi[cols]
        Z = np.c_[V[cols], np.ones(len(cols))]
        direct = np.linalg.solve(Z.T @ Z + np.diag(np.r_[np.full(20, 0.3), 0.2]), Z.T @ y)
        np.testing.assert_allclose(np.r_[U[i], bu[i]], direct, rtol=0, atol=1e-10)


@pytest.mark.parametrize(
    "params",
    [
        {"solver": "cholesky"},
        {"solver": "cg", "cg_steps": 2},
        {"weighted": True, "reg_user": 0.1, "reg_item": 0.1},
        {"solver": "cg", "dtype": "float32"},
        {"solver": "cholesky", "dtype": "float32"},
    ],
)
def test_explicit_objective_never_increases(params):
    model = ALSRecommender(n_factors=5, max_iter=25, tol=0, random_state=1, **params)
    users, items, ratings = _ratings(1)
    model.fit(users, items, ratings)
    h = np.asarray(model.objective_history_)
    assert len(h) == 26 and h[-1] < 0.8 * h[0]
    assert np.all(np.diff(h) <= 1e-12 * h[:-1])
    # the recorded value is the objective of the fitted parameters, computed directly
    U, V = model.user_factors_.astype(float), model.item_factors_.astype(float)
    assert model.user_factors_.dtype == np.dtype(params.get("dtype", "float64"))
    u, i = model.user_index_.codes(users), model.item_index_.codes(items)
    err = (
        ratings
        - model.global_mean_
        - model.user_bias_[u]
        - model.item_bias_[i]
        - np.einsum("ij,ij->i", U[u], V[i])
    )
    w = params.get("weighted", False)
    nu, ni = np.bincount(u), np.bincount(i)
    ru, ri = params.get("reg_user", 1.0), params.get("reg_item", 10.0)
    direct = (
        err @ err
        + ru * np.sum((nu if w else 1) * np.sum(U**2, 1))
        + ri * np.sum((ni if w else 1) * np.sum(V**2, 1))
        + 5.0 * (model.user_bias_ @ model.user_bias_ + model.item_bias_ @ model.item_bias_)
    )
    assert h[-1] == pytest.approx(direct / len(ratings), rel=1e-10)


def test_cg_and_cholesky_reach_the_same_objective():
    data = _ratings(2)
    exact = ALSRecommender(n_factors=3, max_iter=200, tol=1e-12, random_state=0).fit(*data)
    cg = ALSRecommender(
        n_factors=3, solver="cg", cg_steps=4, max_iter=400, tol=1e-12, random_state=0
    ).fit(*data)
    assert cg.objective_history_[-1] == pytest.approx(exact.objective_history_[-1], rel=1e-4)


def test_sgd_minimises_the_same_objective_as_als():
    data = _ratings(3)
    kw = {"n_factors": 3, "reg_user": 1.0, "reg_item": 2.0, "random_state": 0}
    als = ALSRecommender(**kw, max_iter=200, tol=1e-12).fit(*data)
    sgd = SGDRecommender(**kw, learning_rate=0.02, learning_rate_decay=0.99, max_iter=300).fit(
        *data
    )
    a, s = als.objective_history_[-1], sgd.objective_history_[-1]
    assert s < 0.6 * sgd.objective_history_[0]
    assert a <= s + 1e-9 and s < 1.05 * a


def test_implicit_cg_converges_to_the_exact_user_solve():
    users, items, ratings = _ratings(4)
    model = ImplicitALSRecommender(
        n_factors=4, alpha=3.0, regularization=0.5, max_iter=5, dtype="float64", random_state=0
    ).fit(users, items, ratings)
    R = model.seen_
    Y = model.item_factors_
    X = model.user_factors_.copy()
    conf = 1.0 + 3.0 * R.data
    implicit_half_cg(R.indptr, R.indices, conf, Y, Y.T @ Y, 0.5, X, 50)
    i = 7
    cols = R.indices[R.indptr[i] : R.indptr[i + 1]]
    c = conf[R.indptr[i] : R.indptr[i + 1]]
    A = Y.T @ Y + (Y[cols].T * (c - 1)) @ Y[cols] + 0.5 * np.eye(4)
    direct = np.linalg.solve(A, Y[cols].T @ c)
    np.testing.assert_allclose(X[i], direct, atol=1e-10)
    fold = model.recalculate_user(
        (model.item_index_.labels[cols], R.data[R.indptr[i] : R.indptr[i + 1]])
    )
    np.testing.assert_allclose(fold, direct, atol=1e-10)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_implicit_objective_matches_its_definition_and_never_increases(dtype):
    M = sparse.random(25, 15, density=0.3, random_state=0, format="csr") * 4
    model = ImplicitALSRecommender(
        n_factors=3, alpha=2.0, regularization=0.3, max_iter=12, dtype=dtype, random_state=0
    ).fit(M)
    assert model.user_factors_.dtype == model.item_factors_.dtype == np.dtype(dtype)
    X, Y = model.user_factors_.astype(float), model.item_factors_.astype(float)
    P = (M.toarray() > 0).astype(float)
    C = 1.0 + 2.0 * M.toarray()
    direct = (np.sum(C * (P - X @ Y.T) ** 2) + 0.3 * (np.sum(X**2) + np.sum(Y**2))) / M.nnz
    assert model.objective_history_[-1] == pytest.approx(direct, rel=1e-12)
    h = np.asarray(model.objective_history_)
    assert np.all(np.diff(h) <= 1e-12 * h[:-1])


def test_implicit_cg_in_float32_and_in_segments():
    users, items, ratings = _ratings(5, n_users=12, n_items=60, n=400)  # ~33 per user
    model = ImplicitALSRecommender(
        n_factors=6, alpha=2.0, regularization=0.2, max_iter=3, dtype="float64", random_state=0
    ).fit(users, items, ratings)
    R, Y = model.seen_, model.item_factors_
    conf = 1.0 + 2.0 * R.data
    X0 = model.user_factors_
    exact = X0.copy()
    implicit_half_cg(R.indptr, R.indices, conf, Y, Y.T @ Y, 0.2, exact, 60)
    # rows longer than the gather buffer are streamed in segments: same arithmetic
    seg, loss, loss_seg = X0.copy(), np.empty(12), np.empty(12)
    whole = X0.copy()
    implicit_half_cg(R.indptr, R.indices, conf, Y, Y.T @ Y, 0.2, whole, 3, loss)
    implicit_half_cg(R.indptr, R.indices, conf, Y, Y.T @ Y, 0.2, seg, 3, loss_seg, gather_max=5)
    np.testing.assert_allclose(seg, whole, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(loss_seg, loss, rtol=1e-12)
    s = np.einsum("ij,ij->i", whole[R.nonzero()[0]], Y[R.indices])
    direct = np.bincount(R.nonzero()[0], conf * (1 - s) ** 2 - s**2, minlength=12)
    np.testing.assert_allclose(loss, direct, rtol=1e-10)
    # float32 arithmetic reaches the float64 solution to float32 precision
    x32 = X0.astype(np.float32)
    Y32 = Y.astype(np.float32)
    implicit_half_cg(R.indptr, R.indices, conf, Y32, Y32.T @ Y32, 0.2, x32, 60)
    np.testing.assert_allclose(x32, exact, rtol=0, atol=2e-5 * np.abs(exact).max())


def test_explicit_cg_statistics_and_segments():
    users, items, ratings = _ratings(6, n_users=10, n_items=50, n=300)
    model = ALSRecommender(n_factors=5, solver="cg", max_iter=2, random_state=0)
    model.fit(users, items, ratings)
    R, V, bi, mu = model.seen_, model.item_factors_, model.item_bias_, model.global_mean_
    runs = []
    for gather_max in (4096, 7):
        U, bu, stats = model.user_factors_.copy(), model.user_bias_.copy(), np.empty((10, 2))
        explicit_half_cg(
            R.indptr,
            R.indices,
            R.data,
            V,
            bi,
            mu,
            0.5,
            0.3,
            False,
            U,
            bu,
            3,
            stats,
            gather_max=gather_max,
        )
        runs.append((U, bu, stats))
    for a, b in zip(runs[0], runs[1]):  # same arithmetic, summed in another order
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)
    U, bu, stats = runs[0]
    rows, cols = R.nonzero()
    e = R.data - mu - bu[rows] - bi[cols] - np.einsum("ij,ij->i", U[rows], V[cols])
    np.testing.assert_allclose(stats[:, 0], np.bincount(rows, e, minlength=10), atol=1e-12)
    np.testing.assert_allclose(stats[:, 1], np.bincount(rows, e * e, minlength=10), rtol=1e-12)


def test_biases_only_model_predicts_damped_means():
    users, items = np.array([0, 0, 1]), np.array([0, 1, 0])
    model = ALSRecommender(
        n_factors=0, reg_user_bias=0.0, reg_item_bias=0.0, max_iter=200, tol=1e-14
    ).fit(users, items, np.array([4.0, 2.0, 5.0]))
    np.testing.assert_allclose(model.predict(users, items), [4.0, 2.0, 5.0], atol=1e-6)
    with pytest.raises(ValueError, match="n_factors >= 1"):
        model.similar_items(0)


def test_bad_parameters_are_named():
    data = _ratings()
    with pytest.raises(ValueError, match="solver must be one of"):
        ALSRecommender(solver="lu").fit(*data)
    with pytest.raises(ValueError, match="reg_user must be >= 0"):
        ALSRecommender(reg_user=-1.0).fit(*data)
    with pytest.raises(TypeError, match="n_factors must be an integer"):
        ALSRecommender(n_factors=2.5).fit(*data)
    with pytest.raises(ValueError, match="rating_scale must be a pair"):
        ALSRecommender(rating_scale=(5, 1)).fit(*data)
    with pytest.raises(ValueError, match="dtype must be one of"):
        ImplicitALSRecommender(dtype="float16").fit(*data)
