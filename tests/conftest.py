"""Shared test configuration."""

import os

# Keep numba's compiled-function cache inside the checkout's ignored build area, and keep
# BLAS to one thread so the two test workers of a 2-core machine do not oversubscribe.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
