"""Validation helpers: messages name the argument, the value and what was expected."""

import numbers

import numpy as np
import pytest

from hackml._core.validation import check_choice, check_sample_weight, check_scalar


def test_sample_weight_defaults_and_scalars():
    np.testing.assert_array_equal(check_sample_weight(None, 3), np.ones(3))
    np.testing.assert_array_equal(check_sample_weight(2, 3), np.full(3, 2.0))


@pytest.mark.parametrize(
    "weights, match",
    [
        ([1.0, 2.0], r"sample_weight must have shape \(3,\).*got shape \(2,\)"),
        ([1.0, -2.0, 1.0], "sample_weight must be non-negative"),
        ([0.0, 0.0, 0.0], "sample_weight must have a positive sum"),
        ([1.0, np.nan, 1.0], "sample_weight"),
        ([[1.0, 1.0, 1.0]], r"sample_weight must have shape \(3,\)"),
    ],
)
def test_bad_sample_weight(weights, match):
    with pytest.raises(ValueError, match=match):
        check_sample_weight(weights, 3)


def test_check_scalar():
    assert check_scalar(5, "k", kind=numbers.Integral, low=1) == 5
    with pytest.raises(TypeError, match=r"k must be an integer \(Integral\); got float 5.0"):
        check_scalar(5.0, "k", kind=numbers.Integral)
    with pytest.raises(TypeError, match="got bool True"):
        check_scalar(True, "alpha")
    with pytest.raises(ValueError, match="alpha must be finite"):
        check_scalar(np.inf, "alpha")
    with pytest.raises(ValueError, match=r"l1_ratio must be <= 1; got 2"):
        check_scalar(2, "l1_ratio", high=1)


def test_check_choice():
    assert check_choice("a", "mode", ["a", "b"]) == "a"
    with pytest.raises(ValueError, match=r"mode must be one of \['a', 'b'\]; got 3"):
        check_choice(3, "mode", ["a", "b"])
