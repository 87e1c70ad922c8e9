"""Classic time series from the data that ships with ``statsmodels``.

Each loader reads the CSV inside the installed statsmodels package (no import of
statsmodels, no download) and returns a Bunch with ``time`` (decimal years, float64)
and ``data`` (float64), both 1-D and of equal length. statsmodels' data sets are public
domain or freely usable (see each one's ``DESCR`` there).
"""

from __future__ import annotations

import numpy as np
from sklearn.utils import Bunch

from ._locate import data_file


def _csv(name: str) -> np.ndarray:
    path = data_file("statsmodels", "datasets", name, f"{name}.csv")
    return np.genfromtxt(path, delimiter=",", skip_header=1)


def load_sunspots() -> Bunch:
    """Yearly mean sunspot numbers, 1700-2008 (309 values; SIDC).

    Examples
    --------
    >>> from hackml.datasets import load_sunspots
    >>> s = load_sunspots()
    >>> s.data.shape, int(s.time[0]), float(s.data[0])
    ((309,), 1700, 5.0)
    """
    t = _csv("sunspots")
    return Bunch(time=t[:, 0], data=t[:, 1], DESCR=load_sunspots.__doc__)


def load_co2() -> Bunch:
    """Weekly atmospheric CO2 at Mauna Loa (ppm), March 1958 - December 2001.

    2,284 weeks; the 59 weeks with no measurement are dropped (``n_missing`` says how
    many), so ``time`` is irregular where data are missing.

    Examples
    --------
    >>> from hackml.datasets import load_co2
    >>> c = load_co2()
    >>> c.data.shape, c.n_missing
    ((2225,), 59)
    """
    t = _csv("co2")
    dates = t[:, 0].astype(np.int64)
    year, month, day = dates // 10000, dates // 100 % 100, dates % 100
    doy = np.array(
        [
            np.datetime64(f"{y:04d}-{m:02d}-{d:02d}") - np.datetime64(f"{y:04d}-01-01")
            for y, m, d in zip(year, month, day)
        ],
        dtype="timedelta64[D]",
    ).astype(float)
    time = year + doy / 365.25
    keep = np.isfinite(t[:, 1])
    return Bunch(
        time=time[keep], data=t[keep, 1], n_missing=int((~keep).sum()), DESCR=load_co2.__doc__
    )


def load_nile() -> Bunch:
    """Annual flow of the Nile at Aswan (10^8 m^3), 1871-1970 (100 values).

    Examples
    --------
    >>> from hackml.datasets import load_nile
    >>> n = load_nile()
    >>> n.data.shape, float(n.data[0])
    ((100,), 1120.0)
    """
    t = _csv("nile")
    return Bunch(time=t[:, 0], data=t[:, 1], DESCR=load_nile.__doc__)


def load_elnino() -> Bunch:
    """Monthly sea-surface temperature of the El Nino region (deg C), 1950-2010.

    732 months, flattened in time order; ``time`` is year + (month - 1) / 12.

    Examples
    --------
    >>> from hackml.datasets import load_elnino
    >>> e = load_elnino()
    >>> e.data.shape, float(e.data[0])
    ((732,), 23.11)
    """
    t = _csv("elnino")
    years, months = t[:, 0], t[:, 1:]
    time = (years[:, None] + np.arange(12)[None, :] / 12.0).ravel()
    return Bunch(time=time, data=months.ravel(), DESCR=load_elnino.__doc__)
