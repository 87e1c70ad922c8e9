"""Clustering: k-means with replaceable centres, soft and mini-batch k-means, hierarchy."""

from ._centers import (
    Center,
    FunctionCenter,
    MeanCenter,
    MedianCenter,
    MedoidCenter,
    SphericalCenter,
)
from .k_means import KMeans

__all__ = [
    "Center",
    "FunctionCenter",
    "KMeans",
    "MeanCenter",
    "MedianCenter",
    "MedoidCenter",
    "SphericalCenter",
]
