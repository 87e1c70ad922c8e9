"""RepeatingBasisFeatures: periodicity, and a seasonal series fitted by a linear model."""

import numpy as np
import pytest
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures

from hackml.datasets import load_co2
from hackml.linear_model import LinearRegression, LogisticRegression
from hackml.preprocessing import RepeatingBasisFeatures


def test_features_repeat_with_the_period_and_wrap_around():
    rbf = RepeatingBasisFeatures(period=365.25, n_centers=12).fit([[0.0], [100.0]])
    days = np.array([[3.0], [3.0 + 365.25], [3.0 - 2 * 365.25]])
    out = rbf.transform(days)
    np.testing.assert_allclose(out[0], out[1])
    np.testing.assert_allclose(out[0], out[2])
    # 31 December is as close to the first centre (1 January) as 2 January is
    near_end, near_start = rbf.transform([[364.25], [1.0]])
    assert near_end[0] == pytest.approx(near_start[0])
    assert rbf.get_feature_names_out().tolist()[:2] == ["x0_rbf0", "x0_rbf1"]


def test_seasonal_co2_beats_a_plain_trend_line():
    co2 = load_co2()
    t, y = co2.time, co2.data
    season = RepeatingBasisFeatures(period=1.0, n_centers=12).fit_transform((t % 1.0)[:, None])
    trend = (t - t[0])[:, None]
    train, test = t < 1995, t >= 1995
    plain = LinearRegression().fit(trend[train], y[train])
    Xs = np.hstack([trend, season])
    seasonal = LinearRegression().fit(Xs[train], y[train])

    def rmse(model, X):
        return float(np.sqrt(np.mean((model.predict(X[test]) - y[test]) ** 2)))

    assert rmse(seasonal, Xs) < 0.9 * rmse(plain, trend)
    # in-sample the seasonal shape halves the squared error of the line
    res_plain = y[train] - plain.predict(trend[train])
    res_seas = y[train] - seasonal.predict(Xs[train])
    assert np.mean(res_seas**2) < 0.5 * np.mean(res_plain**2)


def test_xor_needs_an_interaction_feature():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]] * 10, dtype=float)
    y = np.logical_xor(X[:, 0], X[:, 1]).astype(int)
    plain = LogisticRegression(alpha=1e-4).fit(X, y)
    crossed = make_pipeline(
        PolynomialFeatures(degree=2, interaction_only=True), LogisticRegression(alpha=1e-4)
    ).fit(X, y)
    assert plain.score(X, y) <= 0.75  # no line separates XOR
    assert crossed.score(X, y) == 1.0


def test_bad_parameters():
    with pytest.raises(ValueError, match="period must be > 0"):
        RepeatingBasisFeatures(period=0).fit([[1.0]])
    with pytest.raises(TypeError, match="n_centers must be an integer"):
        RepeatingBasisFeatures(n_centers=2.5).fit([[1.0]])
    with pytest.raises(ValueError, match="NaN"):
        RepeatingBasisFeatures().fit([[np.nan]])
