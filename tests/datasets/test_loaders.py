"""Dataset loaders return the real data and name the package when it is missing."""

import importlib.util

import numpy as np
import pytest

from hackml import datasets


def test_movielens_100k():
    ml = datasets.load_movielens_100k()
    assert ml.rating.shape == ml.user.shape == ml.item.shape == (100_000,)
    assert set(np.unique(ml.rating)) == {1.0, 2.0, 3.0, 4.0, 5.0}
    assert ml.rating.mean() == pytest.approx(3.52986, abs=1e-5)


def test_penn_treebank_sizes():
    train = datasets.load_penn_treebank("train")
    tokens = [t for s in train for t in s]
    assert len(tokens) == 887_521
    assert len(set(tokens)) == 9_999  # Mikolov's 10k vocabulary, less the end-of-sentence mark
    with pytest.raises(ValueError, match="split must be one of"):
        datasets.load_penn_treebank("dev")


def test_word_sets():
    assert len(datasets.load_word_analogies().questions) == 19_544
    simlex = datasets.load_word_similarity("simlex999")
    assert len(simlex.pairs) == 999 and simlex.score.max() <= 10
    with pytest.raises(ValueError, match="name must be one of"):
        datasets.load_word_similarity("men")


def test_orl_faces():
    faces = datasets.load_orl_faces()
    assert faces.images.shape == (400, 112, 92) and faces.images.dtype == np.uint8
    assert np.bincount(faces.target).tolist() == [10] * 40
    assert 0.0 <= faces.data.min() and faces.data.max() <= 1.0


@pytest.mark.parametrize(
    "loader, n, first",
    [
        ("load_sunspots", 309, 5.0),
        ("load_nile", 100, 1120.0),
        ("load_elnino", 732, 23.11),
        ("load_co2", 2225, 316.1),
    ],
)
def test_series(loader, n, first):
    s = getattr(datasets, loader)()
    assert s.data.shape == s.time.shape == (n,)
    assert s.data[0] == pytest.approx(first)
    assert np.all(np.diff(s.time) > 0) and np.all(np.isfinite(s.data))


def test_missing_package_names_the_install_command(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "recbole" else real(name, *a)
    )
    with pytest.raises(ImportError, match=r"pip install --no-deps recbole==1.2.1"):
        datasets.load_movielens_100k()


def test_available_lists_every_source():
    rows = datasets.available()
    assert len(rows) == len(datasets.SOURCES)
    assert all(hasattr(datasets, name) for name, *_ in rows)
