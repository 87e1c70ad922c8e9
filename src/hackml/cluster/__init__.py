"""Clustering: k-means with replaceable centres, soft and mini-batch k-means, hierarchy."""

from ._centers import (
    Center,
    FunctionCenter,
    MeanCenter,
    MedianCenter,
    MedoidCenter,
    SphericalCenter,
)
from .agglomerative_clustering import AgglomerativeClustering
from .hierarchy import cut, dendrogram, linkage
from .k_means import KMeans

__all__ = [
    "AgglomerativeClustering",
    "Center",
    "FunctionCenter",
    "KMeans",
    "MeanCenter",
    "MedianCenter",
    "MedoidCenter",
    "SphericalCenter",
    "cut",
    "dendrogram",
    "linkage",
]
