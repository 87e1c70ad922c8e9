"""Small real data sets shared by the linear-model tests (loaded once per session)."""

import numpy as np
import pytest
from sklearn.preprocessing import StandardScaler

from hackml.datasets import load_breast_cancer, load_diabetes, load_digits, load_wine


def _scaled(loader):
    X, y = loader(return_X_y=True)
    return StandardScaler().fit_transform(X), y


@pytest.fixture(scope="session")
def diabetes():
    return load_diabetes(return_X_y=True)


@pytest.fixture(scope="session")
def cancer():
    return _scaled(load_breast_cancer)


@pytest.fixture(scope="session")
def wine():
    return _scaled(load_wine)


@pytest.fixture(scope="session")
def digits():
    return _scaled(load_digits)


def _rel_err(a, b):
    """Largest absolute difference relative to the largest reference entry."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


@pytest.fixture(scope="session")
def rel_err():
    return _rel_err
