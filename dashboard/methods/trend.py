"""Recent trend, by the method Fingertips uses for its trend markers.

For an indicator with annual, non-overlapping periods and published 95% confidence limits:

1. take the five most recent periods that have a value and both limits, oldest first, and
   number them x = 1 … 5 (Fingertips numbers the points, it does not use the years);
2. give each point the standard error SE = (upper − lower) / 3.92 and the weight w = 1 / SE²;
3. fit the weighted least-squares line y = a + b·x. With S1 = Σw, S3 = Σw·x, S4 = Σw·y,
   S5 = Σw·x², S2 = Σw·x·y and D = S1·S5 − S3², the slope is b = (S1·S2 − S3·S4) / D and its
   standard error is √(S1 / D) (the points' own variances, not the scatter about the line);
4. the trend is significant when (b / SE(b))² exceeds 9.5495 (the χ² value with one degree of
   freedom at the 99.8% level) **and** the slope keeps its sign when the line is refitted with
   each of the five points left out in turn (one point alone must not make the trend).

Written out with numpy rather than a regression library: the slope's standard error here comes
from the published confidence limits, where a general WLS routine (statsmodels' included) would
rescale it by the residual scatter, and the whole method is ten lines of arithmetic.

Reference: FingertipsNext's trend-analysis ``TrendMarkerCalculator`` (DHSC), and the Fingertips
technical guidance on recent trends.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from dashboard import periods

POINTS = 5
CHI_SQUARE_998 = 9.54953570608324  # χ²(1 df) at 99.8%, as Fingertips uses
Z_95 = 1.96

INCREASING, DECREASING, NO_CHANGE, CANNOT = (
    "Increasing", "Decreasing", "No significant change", "Cannot be calculated",
)

# Why a trend cannot be calculated, in words a reader can act on.
ROLLING = "the periods are rolling or multi-year averages, which overlap"
TOO_FEW = "fewer than five periods are published"
NO_LIMITS = "no confidence limits are published"
TOO_FEW_LIMITS = "fewer than five periods have confidence limits"
ZERO_WIDTH = "a confidence interval has zero width"


@dataclass(frozen=True)
class Trend:
    marker: str  # INCREASING, DECREASING, NO_CHANGE or CANNOT
    reason: str = ""  # why it cannot be calculated
    direction: str = ""  # "getting better" / "getting worse" where the indicator has a polarity
    slope: float = math.nan  # change per period, in the indicator's unit
    chi_square: float = math.nan
    periods: tuple[str, ...] = ()  # the periods used, oldest first

    @property
    def words(self) -> str:
        """'Increasing and getting better', 'No significant change', 'Cannot be calculated: …'."""
        if self.marker == CANNOT:
            return f"{CANNOT}: {self.reason}"
        if self.direction:
            return f"{self.marker} and {self.direction}"
        return self.marker

    @property
    def short(self) -> str:
        """For a table cell: the marker and direction without the reason."""
        return CANNOT if self.marker == CANNOT else self.words

    @property
    def span(self) -> str:
        return f"{self.periods[0]} to {self.periods[-1]}" if self.periods else ""


def is_annual(period: str) -> bool:
    """One calendar, financial or academic year: '2023', '2023/24'. Not '2021-23' or '2019-2023'."""
    start, end = periods.period_bounds(period)
    if start == end:
        return True
    return "/" in period and end == start + 1


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """Weighted least-squares slope and its standard error from the points' known variances."""
    s1, s2, s3, s4, s5 = w.sum(), (w * x * y).sum(), (w * x).sum(), (w * y).sum(), (w * x * x).sum()
    determinant = s1 * s5 - s3 * s3
    return (s1 * s2 - s3 * s4) / determinant, math.sqrt(s1 / determinant)


def recent_trend(period_labels, values, lower, upper, polarity: str) -> Trend:
    """The recent trend of one series (any order; a row without a value is ignored)."""
    points = [
        (p, float(v), None if _missing(lo) else float(lo), None if _missing(hi) else float(hi))
        for p, v, lo, hi in zip(period_labels, values, lower, upper)
        if not _missing(v)
    ]
    points.sort(key=lambda point: periods.sort_key(point[0]))
    if any(not is_annual(p) for p, *_ in points):
        return Trend(CANNOT, ROLLING)
    if len(points) < POINTS:
        return Trend(CANNOT, TOO_FEW)
    limited = [point for point in points if point[2] is not None and point[3] is not None]
    if not limited:
        return Trend(CANNOT, NO_LIMITS)
    if len(limited) < POINTS:
        return Trend(CANNOT, TOO_FEW_LIMITS)
    used = limited[-POINTS:]
    y = np.array([v for _, v, _, _ in used])
    standard_errors = np.array([(hi - lo) / (2 * Z_95) for _, _, lo, hi in used])
    if (standard_errors <= 0).any():
        return Trend(CANNOT, ZERO_WIDTH)
    w = 1 / standard_errors**2
    x = np.arange(1, POINTS + 1, dtype=float)
    slope, slope_error = _fit(x, y, w)
    chi_square = (slope / slope_error) ** 2
    # Fingertips counts a zero slope as positive when it compares signs.
    signs = {slope < 0} | {_fit(np.delete(x, i), np.delete(y, i), np.delete(w, i))[0] < 0 for i in range(POINTS)}
    used_periods = tuple(p for p, *_ in used)
    if chi_square <= CHI_SQUARE_998 or len(signs) > 1 or slope == 0:
        return Trend(NO_CHANGE, slope=slope, chi_square=chi_square, periods=used_periods)
    marker = INCREASING if slope > 0 else DECREASING
    direction = ""
    if polarity in ("higher_is_better", "lower_is_better"):
        better = (slope > 0) == (polarity == "higher_is_better")
        direction = "getting better" if better else "getting worse"
    return Trend(marker, direction=direction, slope=slope, chi_square=chi_square, periods=used_periods)


def trends_by_area(rows, polarity: str) -> dict[str, Trend]:
    """Each area's recent trend from one indicator and breakdown's rows (every period):
    ``area_code, period, value, lower_ci, upper_ci``."""
    # Plain lists picked by each area's row positions: the same values as the group's columns,
    # without building four Series for every area (most of the time of a profile's first view).
    columns = [rows[name].tolist() for name in ("period", "value", "lower_ci", "upper_ci")]
    by_area = rows.groupby("area_code", sort=False, observed=True).indices
    found = {}
    for area_code, at in sorted(by_area.items(), key=lambda item: item[1][0]):  # areas in order of appearance
        found[area_code] = recent_trend(*([column[i] for i in at] for column in columns), polarity)
    return found
