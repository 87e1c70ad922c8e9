"""Choosing k: the three criteria on data with a known number of groups, the plot."""

import matplotlib
import numpy as np
import pytest

from hackml.cluster import choose_k, plot_choose_k
from hackml.cluster.choosing_k import _elbow

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def four_groups():
    rng = np.random.default_rng(3)
    centres = np.array([[0, 0], [6, 0], [0, 6], [6, 6]])
    return np.concatenate([rng.normal(c, 0.6, (80, 2)) for c in centres])


@pytest.mark.parametrize("method", ["elbow", "silhouette", "bic"])
def test_every_criterion_finds_four_groups(four_groups, method):
    choice = choose_k(four_groups, range(2, 9), method=method)
    assert choice.best_k == 4
    assert len(choice.scores) == len(choice.models) == 7
    if method == "elbow":
        assert np.all(np.diff(choice.scores) < 0)  # inertia falls with k
    ax = plot_choose_k(choice)
    assert ax.get_title() == f"{method}: k = 4"
    matplotlib.pyplot.close("all")


def test_elbow_rule_on_a_known_curve():
    assert _elbow([1, 2, 3, 4, 5, 6], [100, 40, 10, 8, 7, 6]) == 3


def test_bad_input(four_groups):
    with pytest.raises(ValueError, match="k >= 2"):
        choose_k(four_groups, range(1, 4), method="silhouette")
    with pytest.raises(ValueError, match="method must be one of"):
        choose_k(four_groups, method="gap")
    with pytest.raises(ValueError, match="positive integers"):
        choose_k(four_groups, [0, 1])
