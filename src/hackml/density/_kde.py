"""Kernel density pieces: kernel profiles, their normalising constants, exact sums, FFT path.

A kernel is a radial profile ``K(u)`` of ``u = ||x - x_i|| / h``:

============= ====================== =======
kernel        K(u)                   support
============= ====================== =======
gaussian      exp(-u^2 / 2)          all u
tophat        1                      u < 1
epanechnikov  1 - u^2                u < 1
exponential   exp(-u)                all u
linear        1 - u                  u < 1
cosine        cos(pi u / 2)          u < 1
============= ====================== =======

and ``p(x) = C(h, d) * sum_i w_i K(||x - x_i|| / h) / sum_i w_i`` with ``C`` making each
kernel integrate to one over R^d (:func:`log_kernel_norm`).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit
from scipy.integrate import quad
from scipy.special import gammaln

KERNELS = ("gaussian", "tophat", "epanechnikov", "exponential", "linear", "cosine")


def _log_unit_ball(d):
    """log volume of the unit ball in R^d."""
    return 0.5 * d * math.log(math.pi) - gammaln(0.5 * d + 1)


def _log_sphere_area(d):
    """log surface area of the unit sphere in R^d (d - 1 dimensional)."""
    return math.log(d) + _log_unit_ball(d)


def _radial_integral(kernel, d):
    """``int_0^R K(r) r^(d-1) dr`` in closed form (R = 1 for compact kernels)."""
    if kernel == "gaussian":
        return math.exp(gammaln(d / 2) + (d / 2 - 1) * math.log(2))
    if kernel == "tophat":
        return 1.0 / d
    if kernel == "epanechnikov":
        return 1.0 / d - 1.0 / (d + 2)
    if kernel == "exponential":
        return math.exp(gammaln(d))
    if kernel == "linear":
        return 1.0 / d - 1.0 / (d + 1)
    # cosine: int_0^1 cos(pi r / 2) r^(d-1) dr, a smooth integral on [0, 1] (quad: ~1e-15)
    value, _ = quad(
        lambda r: math.cos(0.5 * math.pi * r) * r ** (d - 1), 0.0, 1.0, epsabs=0, epsrel=1e-13
    )
    return value


def log_kernel_norm(kernel, h, d):
    """``log C(h, d)``: minus the log of ``h^d * area(S^(d-1)) * int K(r) r^(d-1) dr``."""
    return -(d * math.log(h) + _log_sphere_area(d) + math.log(_radial_integral(kernel, d)))


KERNEL_ID = {name: i for i, name in enumerate(KERNELS)}


@njit(cache=True)
def log_sums(Q, X, w, h, kernel_id):
    """``log sum_i w_i K(||q - x_i|| / h)`` for every row q of Q (exact, O(m n d)).

    Infinite-support kernels are summed in log space (running maximum), so far queries
    keep a finite log density instead of underflowing. One thread: on the shared
    machine numba's busy-waiting thread pool cost more than it saved.
    """
    m, d = Q.shape
    n = X.shape[0]
    out = np.empty(m)
    inv_h = 1.0 / h
    for q in range(m):
        if kernel_id == 0 or kernel_id == 3:
            top = -np.inf
            s = 0.0
            for i in range(n):
                d2 = 0.0
                for f in range(d):
                    diff = Q[q, f] - X[i, f]
                    d2 += diff * diff
                if kernel_id == 0:
                    a = -0.5 * d2 * inv_h * inv_h
                else:
                    a = -np.sqrt(d2) * inv_h
                if a > top:
                    s = s * np.exp(top - a) + w[i]
                    top = a
                else:
                    s += w[i] * np.exp(a - top)
            out[q] = np.log(s) + top if s > 0 else -np.inf
        else:
            s = 0.0
            for i in range(n):
                d2 = 0.0
                for f in range(d):
                    diff = Q[q, f] - X[i, f]
                    d2 += diff * diff
                u = np.sqrt(d2) * inv_h
                if u >= 1.0:
                    continue
                if kernel_id == 1:
                    s += w[i]
                elif kernel_id == 2:
                    s += w[i] * (1.0 - u * u)
                elif kernel_id == 4:
                    s += w[i] * (1.0 - u)
                else:
                    s += w[i] * np.cos(0.5 * np.pi * u)
            out[q] = np.log(s) if s > 0 else -np.inf
    return out


def profile(kernel, u):
    """``K(u)`` (vectorised)."""
    u = np.abs(u)
    inside = u < 1
    if kernel == "gaussian":
        return np.exp(-0.5 * u * u)
    if kernel == "exponential":
        return np.exp(-u)
    if kernel == "tophat":
        return inside.astype(float)
    if kernel == "epanechnikov":
        return np.where(inside, 1 - u * u, 0.0)
    if kernel == "linear":
        return np.where(inside, 1 - u, 0.0)
    return np.where(inside, np.cos(0.5 * np.pi * np.minimum(u, 1)), 0.0)


def fft_density_1d(x, w, queries, h, kernel, grid_step_per_h=None, max_grid=2**21):
    """Density of 1-D data at ``queries`` by linear binning and an FFT convolution.

    The data and queries are binned on a regular grid of step ``h / grid_step_per_h`` (at
    most ``max_grid`` nodes), the binned weights are convolved with the kernel sampled on
    the grid (zero-padded: no wrap-around), and the density is interpolated linearly at
    the queries. Returns densities (not logs), already normalised. The step is h/64 by
    default (binning error falls as the step squared for these kernels). The tophat, whose
    discontinuity binning handles badly, is instead counted exactly: sorted data and
    cumulative weights give the weight inside ``(q - h, q + h)`` in O(log n) per query.
    """
    if kernel == "tophat":
        order = np.argsort(x, kind="stable")
        xs, cum = x[order], np.concatenate([[0.0], np.cumsum(w[order])])
        inside = cum[np.searchsorted(xs, queries + h, "left")]
        inside = inside - cum[np.searchsorted(xs, queries - h, "right")]
        return np.maximum(inside, 0.0) * math.exp(log_kernel_norm(kernel, h, 1)) / w.sum()
    grid_step_per_h = grid_step_per_h or 64
    lo = min(x.min(), queries.min())
    hi = max(x.max(), queries.max())
    span = hi - lo
    G = int(min(max_grid, max(1024, math.ceil(span / h * grid_step_per_h) + 1)))
    step = span / (G - 1) if span > 0 else h / grid_step_per_h
    pos = (x - lo) / step
    left = np.clip(np.floor(pos).astype(np.int64), 0, G - 2)
    frac = pos - left
    counts = np.bincount(left, weights=w * (1 - frac), minlength=G)
    counts += np.bincount(left + 1, weights=w * frac, minlength=G)
    counts = counts[:G]
    reach = G - 1
    if kernel in ("tophat", "epanechnikov", "linear", "cosine"):
        reach = min(G - 1, math.ceil(h / step) + 1)
    offsets = np.arange(-reach, reach + 1) * step
    kern = profile(kernel, offsets / h)
    size = 1 << math.ceil(math.log2(G + 2 * reach + 1))
    conv = np.fft.irfft(np.fft.rfft(counts, size) * np.fft.rfft(kern, size), size)
    grid_density = conv[reach : reach + G]
    grid_density = np.maximum(grid_density, 0.0) * math.exp(log_kernel_norm(kernel, h, 1))
    grid_density /= w.sum()
    return np.interp(queries, lo + step * np.arange(G), grid_density)


def radial_quantiles(kernel, d, size=4097):
    """Radii ``r`` (in units of h) and their CDF under ``r^(d-1) K(r)``, for sampling."""
    r_max = 1.0 if kernel in ("tophat", "epanechnikov", "linear", "cosine") else 40.0
    r = np.linspace(0.0, r_max, size)
    dens = r ** (d - 1) * profile(kernel, r) if d > 1 else profile(kernel, r)
    cdf = np.concatenate([[0.0], np.cumsum((dens[1:] + dens[:-1]) / 2 * np.diff(r))])
    return r, cdf / cdf[-1]
