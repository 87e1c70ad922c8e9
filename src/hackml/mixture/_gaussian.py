"""Gaussian mixture pieces: the E-step log densities and the M-step estimates.

Pure functions of arrays, one branch per covariance type. The parameters are carried as
``(weights, means, covariances, precisions_cholesky)`` with scikit-learn's shapes:

========== ======================= ==================================================
type       covariances             precisions_cholesky (P, with P P^T = Sigma^{-1})
========== ======================= ==================================================
full       (k, d, d)               (k, d, d) upper triangular
tied       (d, d)                  (d, d)
diag       (k, d)                  (k, d)  = 1 / sqrt(variances)
spherical  (k,)                    (k,)    = 1 / sqrt(variance)
========== ======================= ==================================================
"""

from __future__ import annotations

import numpy as np
from scipy import linalg
from scipy.special import logsumexp

COVARIANCE_TYPES = ("full", "tied", "diag", "spherical")


def precision_cholesky(cov, kind, reg_covar):
    """``P`` with ``P P^T = Sigma^{-1}``; ValueError naming ``reg_covar`` if Sigma is singular."""
    msg = (
        "a component's covariance is singular or not positive definite (a collapsed "
        "component: too few distinct points, or duplicated points). Increase reg_covar "
        f"(now {reg_covar}), which adds reg_covar * I to every covariance, or use fewer "
        "components."
    )
    if kind in ("diag", "spherical"):
        if np.any(cov <= 0):
            raise ValueError(msg)
        return 1.0 / np.sqrt(cov)
    mats = cov[None] if kind == "tied" else cov
    out = np.empty_like(mats)
    eye = np.eye(mats.shape[-1])
    for k, S in enumerate(mats):
        try:
            L = linalg.cholesky(S, lower=True)
        except linalg.LinAlgError:
            raise ValueError(msg) from None
        out[k] = linalg.solve_triangular(L, eye, lower=True).T
    return out[0] if kind == "tied" else out


def log_det_precision(P, kind, d):
    """``log det P`` per component (half the log-determinant of the precision)."""
    if kind == "full":
        return np.log(np.diagonal(P, axis1=1, axis2=2)).sum(1)
    if kind == "tied":
        return np.log(np.diag(P)).sum()
    if kind == "diag":
        return np.log(P).sum(1)
    return d * np.log(P)


def log_gaussian(X, means, P, kind):
    """``log N(x_i | mu_k, Sigma_k)`` as an (n, k) array."""
    n, d = X.shape
    k = means.shape[0]
    if kind == "full":
        # one BLAS call for every component: X @ [P_1 ... P_k]
        Pcat = P.transpose(1, 0, 2).reshape(d, k * d)
        Y = (X @ Pcat).reshape(n, k, d) - np.einsum("kd,kde->ke", means, P)[None]
        maha = np.einsum("nkd,nkd->nk", Y, Y)
    elif kind == "tied":
        Y = X @ P
        M = means @ P
        maha = (Y * Y).sum(1)[:, None] - 2.0 * Y @ M.T + (M * M).sum(1)[None]
    elif kind == "diag":
        prec = P * P
        maha = (X * X) @ prec.T - 2.0 * X @ (means * prec).T + (means**2 * prec).sum(1)
    else:
        prec = P * P
        maha = ((X * X).sum(1)[:, None] - 2.0 * X @ means.T + (means * means).sum(1)[None]) * prec[
            None
        ]
    return -0.5 * (d * np.log(2 * np.pi) + maha) + log_det_precision(P, kind, d)


def e_step(X, w, params, kind):
    """Responsibilities and the weighted mean log-likelihood of ``params``."""
    weights, means, _, P = params
    log_prob = log_gaussian(X, means, P, kind) + np.log(weights)
    ll = logsumexp(log_prob, axis=1)
    resp = np.exp(log_prob - ll[:, None])
    return resp, float(w @ ll / w.sum())


def m_step(X, w, resp, kind, reg_covar):
    """Maximise the expected complete-data log-likelihood, then add ``reg_covar * I``."""
    r = resp * w[:, None]
    nk = r.sum(0) + 10 * np.finfo(float).eps
    means = (r.T @ X) / nk[:, None]
    d = X.shape[1]
    if kind == "full":
        cov = np.empty((len(nk), d, d))
        for k in range(len(nk)):
            diff = X - means[k]
            cov[k] = (r[:, k, None] * diff).T @ diff / nk[k]
            cov[k].flat[:: d + 1] += reg_covar
    elif kind == "tied":
        cov = (X.T * w) @ X - (nk * means.T) @ means
        cov /= nk.sum()
        cov.flat[:: d + 1] += reg_covar
    else:
        cov = (r.T @ (X * X)) / nk[:, None] - 2.0 * means * (r.T @ X) / nk[:, None] + means**2
        cov += reg_covar
        if kind == "spherical":
            cov = cov.mean(1)
    weights = nk / nk.sum()
    return weights, means, cov, precision_cholesky(cov, kind, reg_covar)


def n_parameters(k, d, kind):
    """Free parameters: weights, means and covariances."""
    cov = {"full": k * d * (d + 1) / 2, "tied": d * (d + 1) / 2, "diag": k * d, "spherical": k}
    return int(cov[kind] + k * d + k - 1)


def covariance_from_precision(precisions, kind):
    """Covariances and precision Cholesky factors from user-given precisions."""
    precisions = np.asarray(precisions, dtype=float)
    if kind in ("diag", "spherical"):
        return 1.0 / precisions, np.sqrt(precisions)
    mats = precisions[None] if kind == "tied" else precisions
    cov, P = np.empty_like(mats), np.empty_like(mats)
    for k, Q in enumerate(mats):
        L = linalg.cholesky(Q, lower=True)
        P[k] = L
        cov[k] = linalg.inv(Q)
    return (cov[0], P[0]) if kind == "tied" else (cov, P)
