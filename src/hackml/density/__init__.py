"""Density estimation: kernel density with six kernels and a 1-D FFT fast path."""

from .kernel_density import KernelDensity, rule_of_thumb

__all__ = ["KernelDensity", "rule_of_thumb"]
