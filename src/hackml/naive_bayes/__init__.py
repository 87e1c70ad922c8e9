"""Bayes classifiers: Gaussian, multinomial and Bernoulli naive Bayes (with
``partial_fit``), and the full Gaussian Bayes classifier in its quadratic (one covariance
per class) and linear (shared covariance) forms. All predict in log space."""

from .bernoulli_nb import BernoulliNB
from .gaussian_bayes_classifier import GaussianBayesClassifier
from .gaussian_nb import GaussianNB
from .multinomial_nb import MultinomialNB

__all__ = ["BernoulliNB", "GaussianBayesClassifier", "GaussianNB", "MultinomialNB"]
