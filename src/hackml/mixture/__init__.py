"""Mixture models fitted by EM on the ``_core`` EM template."""

from .gaussian_mixture import GaussianMixture

__all__ = ["GaussianMixture"]
