"""Reading values out of the catalogue: one indicator's rows, one area's row, a value as text
with its 95% interval, the latest period, and the breakdowns that stand for everyone."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import periods, stats
from dashboard.catalogue import Catalogue
from dashboard.memo import shared

EVERYONE = ("All", "Persons")  # breakdowns that are not split by sex


def sex_word(breakdown: str) -> str:
    """'male' or 'female' for a sex breakdown, '' where the figure covers everyone."""
    return "" if breakdown in EVERYONE else breakdown.lower()


TOTAL = "All"  # the breakdown of a count of everyone (population), beside its Female and Male parts


@shared
def _rows_by_indicator(catalogue: Catalogue) -> dict[str, np.ndarray]:
    """Each indicator's row positions in ``catalogue.values``, found once: comparing every one of
    its rows' indicator ids on each call was most of the time of an area profile's first view."""
    return catalogue.values.groupby("indicator_id", sort=False).indices


def values_for(
    catalogue: Catalogue,
    indicator_id: str,
    *,
    breakdown: str | None = None,
    period: str | None = None,
    area_types: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    values = catalogue.values
    at = _rows_by_indicator(catalogue).get(indicator_id)
    values = values.iloc[at if at is not None else []]
    mask = pd.Series(True, index=values.index)
    if breakdown is not None:
        mask &= values["breakdown"] == breakdown
    if period is not None:
        mask &= values["period"] == period
    if area_types is not None:
        mask &= values["area_type"].isin(area_types)
    return values[mask]


@shared
def _first_row_of(catalogue: Catalogue) -> dict[tuple[str, str, str, str], int]:
    """The position of the first row of each (indicator, area, breakdown, period) in ``catalogue.values``."""
    columns = ("indicator_id", "area_code", "breakdown", "period")
    keys = list(zip(*(catalogue.values[column].tolist() for column in columns)))
    return dict(zip(reversed(keys), reversed(range(len(keys)))))  # from the last row back, so the first row wins


def value_row(catalogue: Catalogue, indicator_id: str, area_code: str, breakdown: str, period: str):
    """The area's row (the first, if given twice) for the indicator, breakdown and period; None if none."""
    at = _first_row_of(catalogue).get((indicator_id, area_code, breakdown, period))
    return None if at is None else catalogue.values.iloc[at]


def display_text(row, unit: str) -> str:
    text = stats.format_value(row["value"], unit, row.get("qualifier", ""))
    if pd.notna(row.get("lower_ci")) and pd.notna(row.get("upper_ci")):
        text += f" (95% CI {row['lower_ci']:,.1f} to {row['upper_ci']:,.1f})"
    return text


def latest_period(catalogue: Catalogue, indicator_id: str, breakdown: str | None = None) -> str | None:
    return periods.latest(values_for(catalogue, indicator_id, breakdown=breakdown)["period"].unique())


SIZE_UNITS = ("people", "count")
