"""Linear models: every one an objective of a replaceable loss and penalty."""

from .linear_regression import LinearRegression

__all__ = ["LinearRegression"]
