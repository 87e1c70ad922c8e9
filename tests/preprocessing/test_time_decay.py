"""time_decay_weights: the formula, and a drifting series where it beats equal weights."""

import numpy as np
import pytest

from hackml.datasets import load_co2
from hackml.linear_model import Ridge
from hackml.preprocessing import RepeatingBasisFeatures, time_decay_weights


def test_weights_halve_every_half_life():
    w = time_decay_weights(np.array([10.0, 8.0, 6.0, 10.0]), half_life=2.0)
    np.testing.assert_allclose(w, [1.0, 0.5, 0.25, 1.0])
    np.testing.assert_allclose(time_decay_weights([0, 5], half_life=np.inf), [1, 1])
    np.testing.assert_allclose(time_decay_weights([0, 1], half_life=1.0, now=2.0), [0.25, 0.5])


def test_decay_beats_equal_weights_on_accelerating_co2():
    # CO2 grows faster and faster: a line through all the past is a poor forecaster of the
    # next two years, a line through the recent past (decay-weighted) a good one
    co2 = load_co2()
    t, y = co2.time, co2.data
    season = RepeatingBasisFeatures(period=1.0, n_centers=12).fit_transform((t % 1.0)[:, None])
    X = np.hstack([(t - t[0])[:, None], season])
    errors = {np.inf: [], 3.0: []}
    for origin in range(1980, 2000, 2):
        past, future = t < origin, (t >= origin) & (t < origin + 2)
        for half_life, errs in errors.items():
            w = time_decay_weights(t[past], half_life)
            model = Ridge(alpha=1e-8).fit(X[past], y[past], sample_weight=w)
            errs.append(np.sqrt(np.mean((model.predict(X[future]) - y[future]) ** 2)))
    assert np.mean(errors[3.0]) < 0.6 * np.mean(errors[np.inf])


def test_bad_input():
    with pytest.raises(ValueError, match="half_life must be > 0"):
        time_decay_weights([1, 2], half_life=0)
    with pytest.raises(TypeError, match="half_life must be a positive number"):
        time_decay_weights([1, 2], half_life="1d")
    with pytest.raises(ValueError, match="times must be 1-D"):
        time_decay_weights([[1, 2]], half_life=1)
    with pytest.raises(ValueError, match="NaN"):
        time_decay_weights([1, np.nan], half_life=1)
