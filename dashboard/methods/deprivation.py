"""The deprivation gradient: an indicator against the Index of Multiple Deprivation, across England.

Across English areas of one level, each area's value is set against its IMD average score
(higher score = more deprived): upper-tier areas against IMD 2019 (MHCLG's upper-tier summaries
are on 2019 boundaries), districts against IMD 2025 (2024 boundaries). Areas whose boundaries
changed since (a new unitary has no IMD 2019 score) have no point.

- The line is an ordinary least-squares fit of value on score (numpy's ``polyfit``).
- The gap compares the mean value of the most deprived fifth of areas (highest scores) with
  that of the least deprived fifth.
- An area's distance from the line (its residual) says whether it does better or worse than
  areas with similar deprivation; within half the residuals' standard deviation it is "close to
  the line".

This is an association across areas, not a cause: deprivation travels with age, rurality and
much else, and an area's average hides the people within it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

# The IMD average-score indicator for each level, and its words.
IMD_BY_LEVEL = {"utla": "imd2019_average_score", "ltla": "imd2025_average_score"}
IMD_WORDS = {"utla": "IMD 2019 average score", "ltla": "IMD 2025 average score"}
CLOSE = 0.5  # residuals within this many standard deviations of the line are "close to the line"


@dataclass(frozen=True)
class Gradient:
    slope: float  # change in the indicator per point of IMD score
    intercept: float
    r_squared: float
    n: int
    most_deprived_mean: float  # mean value in the most deprived fifth of areas
    least_deprived_mean: float
    residual_sd: float

    @property
    def gap(self) -> float:
        """Most deprived fifth minus least deprived fifth."""
        return self.most_deprived_mean - self.least_deprived_mean

    def fitted(self, score: float) -> float:
        return self.intercept + self.slope * score


def fit(points: pd.DataFrame) -> tuple[Gradient, pd.DataFrame] | None:
    """Fit ``value`` on ``imd_score`` (one row per area). Returns the gradient and the points with
    ``fitted``, ``residual`` and ``deprivation_fifth`` (5 = most deprived); None with fewer than
    five areas or no spread in scores."""
    points = points.dropna(subset=["value", "imd_score"])
    if len(points) < 5 or points["imd_score"].nunique() < 2:
        return None
    x, y = points["imd_score"].to_numpy(float), points["value"].to_numpy(float)
    slope, intercept = np.polyfit(x, y, 1)
    fitted = intercept + slope * x
    residual = y - fitted
    total = ((y - y.mean()) ** 2).sum()
    r_squared = 1 - (residual**2).sum() / total if total > 0 else float("nan")
    from_least = points["imd_score"].rank(method="min", ascending=True).astype(int)
    fifth = ((from_least - 1) * 5 // len(points) + 1).astype(int)
    out = points.assign(fitted=fitted, residual=residual, deprivation_fifth=fifth)
    gradient = Gradient(
        slope=float(slope), intercept=float(intercept), r_squared=float(r_squared), n=len(points),
        most_deprived_mean=float(out.loc[out["deprivation_fifth"] == 5, "value"].mean()),
        least_deprived_mean=float(out.loc[out["deprivation_fifth"] == 1, "value"].mean()),
        residual_sd=float(residual.std(ddof=2)) if len(points) > 2 else float("nan"),
    )
    return gradient, out


def residual_words(residual: float, residual_sd: float, polarity: str) -> str:
    """'better than areas with similar deprivation', 'worse than …', 'higher than …' (no polarity),
    or 'close to areas with similar deprivation'."""
    if math.isnan(residual):
        return "not available"
    if not math.isnan(residual_sd) and abs(residual) <= CLOSE * residual_sd:
        return "close to areas with similar deprivation"
    higher = residual > 0
    if polarity == "higher_is_better":
        return ("better" if higher else "worse") + " than areas with similar deprivation"
    if polarity == "lower_is_better":
        return ("worse" if higher else "better") + " than areas with similar deprivation"
    return ("higher" if higher else "lower") + " than areas with similar deprivation"


def gap_words(gradient: Gradient, measure: str, unit_format, level_words: str, difference_format=None) -> str:
    """'Across 151 English upper-tier areas, life expectancy averages 79.1 years in the most
    deprived fifth and 83.4 years in the least deprived fifth: a gap of 4.3 years.'"""
    most, least = gradient.most_deprived_mean, gradient.least_deprived_mean
    direction = "higher" if most > least else "lower"
    difference_format = difference_format or unit_format
    return (
        f"Across {gradient.n} English {level_words}, {measure} averages {unit_format(most)} in the most deprived "
        f"fifth and {unit_format(least)} in the least deprived fifth: {difference_format(abs(gradient.gap))} {direction} "
        f"where deprivation is highest. An association across areas, not a cause."
    )
