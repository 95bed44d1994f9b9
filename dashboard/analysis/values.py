"""Reading values out of the catalogue: one indicator's rows, one area's row, a value as text
with its 95% interval, the latest period, and the breakdowns that stand for everyone."""

from __future__ import annotations

import pandas as pd

from dashboard import periods, stats
from dashboard.catalogue import Catalogue

EVERYONE = ("All", "Persons")  # breakdowns that are not split by sex


def sex_word(breakdown: str) -> str:
    """'male' or 'female' for a sex breakdown, '' where the figure covers everyone."""
    return "" if breakdown in EVERYONE else breakdown.lower()


TOTAL = "All"  # the breakdown of a count of everyone (population), beside its Female and Male parts


def values_for(
    catalogue: Catalogue,
    indicator_id: str,
    *,
    breakdown: str | None = None,
    period: str | None = None,
    area_types: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    values = catalogue.values
    mask = values["indicator_id"] == indicator_id
    if breakdown is not None:
        mask &= values["breakdown"] == breakdown
    if period is not None:
        mask &= values["period"] == period
    if area_types is not None:
        mask &= values["area_type"].isin(area_types)
    return values[mask]


def value_row(catalogue: Catalogue, indicator_id: str, area_code: str, breakdown: str, period: str):
    rows = values_for(catalogue, indicator_id, breakdown=breakdown, period=period)
    rows = rows[rows["area_code"] == area_code]
    return None if rows.empty else rows.iloc[0]


def display_text(row, unit: str) -> str:
    text = stats.format_value(row["value"], unit, row.get("qualifier", ""))
    if pd.notna(row.get("lower_ci")) and pd.notna(row.get("upper_ci")):
        text += f" (95% CI {row['lower_ci']:,.1f} to {row['upper_ci']:,.1f})"
    return text


def latest_period(catalogue: Catalogue, indicator_id: str, breakdown: str | None = None) -> str | None:
    return periods.latest(values_for(catalogue, indicator_id, breakdown=breakdown)["period"].unique())


SIZE_UNITS = ("people", "count")
