"""The registry finds estimators by itself and filters them."""

import pytest

from hackml import all_estimators
from hackml.linear_model import LinearRegression


def test_finds_linear_regression_without_registration():
    assert ("LinearRegression", LinearRegression) in all_estimators()
    assert ("LinearRegression", LinearRegression) in all_estimators("regressor")
    assert ("LinearRegression", LinearRegression) not in all_estimators("classifier")


def test_every_entry_is_public_and_sorted():
    names = [name for name, _ in all_estimators()]
    assert names == sorted(names)
    assert not any(name.startswith("_") for name in names)


def test_contract_models_are_kept_apart():
    sklearn_names = {n for n, _ in all_estimators()}
    for contract in ("recommender", "policy"):
        for name, cls in all_estimators(contract=contract):
            assert cls._hackml_contract == contract and name not in sklearn_names


def test_bad_type_filter():
    with pytest.raises(ValueError, match="type_filter must be one of"):
        all_estimators("regresor")
