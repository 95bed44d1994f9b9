"""The official regional economy beside the partner-stated cluster figures, for investor briefings.

Every figure here is ONS's, for the nine English regions, from the pipeline's national table:
the Midlands are placed among all regions rather than shown alone, and England's own value is
given where the publisher gives one. Totals (R&D spending, FDI) are ranked as published; they
are not divided by anything of ours.
"""

from __future__ import annotations

import pandas as pd

from dashboard import periods, stats
from dashboard.catalogue import Catalogue
from dashboard.config import ENGLAND_CODE, MIDLANDS_REGION_CODES

# The regional figures an investor asks for first, in the order the page offers them.
REGIONAL_METRICS = (
    "rd_business_expenditure",
    "rd_public_expenditure",
    "gva_per_hour",
    "gdhi_per_head",
    "median_weekly_pay",
    "business_births_pct",
    "business_high_growth_pct",
    "business_survival_3yr_pct",
    "fdi_inward_position",
)


def available_metrics(catalogue: Catalogue) -> list[str]:
    """The regional metrics the catalogue has for both Midlands regions."""
    values = catalogue.values
    present = values[values["area_code"].isin(MIDLANDS_REGION_CODES) & values["indicator_id"].isin(REGIONAL_METRICS)]
    found = present.groupby("indicator_id")["area_code"].nunique()
    return [m for m in REGIONAL_METRICS if found.get(m, 0) == len(MIDLANDS_REGION_CODES)]


def _regions(catalogue: Catalogue, indicator_id: str) -> pd.DataFrame:
    values = catalogue.national_values if catalogue.national_values is not None else catalogue.values
    rows = values[(values["indicator_id"] == indicator_id) & (values["area_type"] == "region")]
    return rows[rows["area_code"].str.startswith("E12")]


def latest_regional_period(catalogue: Catalogue, indicator_id: str) -> str | None:
    """The latest period for which both Midlands regions have a value."""
    rows = _regions(catalogue, indicator_id)
    both = rows.groupby("period")["area_code"].apply(lambda codes: set(MIDLANDS_REGION_CODES) <= set(codes))
    return periods.latest(both.index[both]) if both.any() else None


def regional_ranking(catalogue: Catalogue, indicator_id: str) -> pd.DataFrame:
    """Every English region's value in the latest period both Midlands regions have, highest first."""
    period = latest_regional_period(catalogue, indicator_id)
    columns = ["area_code", "label", "value", "text", "period", "rank", "midlands", "source_id"]
    if period is None:
        return pd.DataFrame(columns=columns)
    unit = catalogue.indicator(indicator_id)["unit"]
    rows = _regions(catalogue, indicator_id)
    rows = rows[(rows["period"] == period) & (rows["breakdown"].isin(["All", "Persons"]))]
    rows = rows.sort_values("value", ascending=False).reset_index(drop=True)
    rows = rows.assign(
        label=rows["area_name"],
        text=[stats.format_value(v, unit) for v in rows["value"]],
        rank=rows["value"].rank(ascending=False, method="min").astype(int),
        midlands=rows["area_code"].isin(MIDLANDS_REGION_CODES),
    )
    return rows[columns]


def england_value(catalogue: Catalogue, indicator_id: str, period: str) -> float | None:
    values = catalogue.values
    row = values[(values["indicator_id"] == indicator_id) & (values["area_code"] == ENGLAND_CODE)
                 & (values["period"] == period) & (values["breakdown"].isin(["All", "Persons"]))]
    return None if row.empty else float(row["value"].iloc[0])


def ranking_title(table: pd.DataFrame, indicator: pd.Series) -> str:
    """'East Midlands ranks 7th and West Midlands 5th of 9 English regions on …'."""
    if table.empty:
        return f"{indicator['short_title']}: no regional figures for both Midlands regions"
    count = len(table)
    parts = [f"{r.label} {'ranks ' if i == 0 else ''}{ordinal(r.rank)}" for i, r in
             enumerate(table[table["midlands"]].sort_values("area_code").itertuples())]
    return f"{' and '.join(parts)} of {count} English regions on {stats.mid_sentence(indicator['short_title'])} ({table['period'].iloc[0]})"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def summary_table(catalogue: Catalogue) -> pd.DataFrame:
    """One row per regional metric: both Midlands regions, England and each region's rank of nine."""
    rows = []
    for indicator_id in available_metrics(catalogue):
        indicator = catalogue.indicator(indicator_id)
        table = regional_ranking(catalogue, indicator_id)
        if table.empty:
            continue
        period = table["period"].iloc[0]
        by_code = table.set_index("area_code")
        england = england_value(catalogue, indicator_id, period)
        row = {"indicator_id": indicator_id, "Measure": indicator["short_title"], "Period": period}
        for code in MIDLANDS_REGION_CODES:
            name = by_code.at[code, "label"]
            row[name] = f"{by_code.at[code, 'text']} ({ordinal(int(by_code.at[code, 'rank']))} of {len(table)})"
        row["England"] = stats.format_value(england, indicator["unit"]) if england is not None else "not published"
        row["source_id"] = table["source_id"].iloc[0]
        rows.append(row)
    return pd.DataFrame(rows)
