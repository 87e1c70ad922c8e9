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
from .choosing_k import KChoice, choose_k, plot_choose_k
from .hierarchy import cut, dendrogram, linkage
from .k_means import KMeans
from .mini_batch_k_means import MiniBatchKMeans
from .soft_k_means import SoftKMeans

__all__ = [
    "AgglomerativeClustering",
    "Center",
    "FunctionCenter",
    "KChoice",
    "KMeans",
    "MeanCenter",
    "MedianCenter",
    "MedoidCenter",
    "MiniBatchKMeans",
    "SoftKMeans",
    "SphericalCenter",
    "choose_k",
    "cut",
    "dendrogram",
    "linkage",
    "plot_choose_k",
]
