"""The industry clusters: one metric across the clusters, every metric side by side, each
cluster's share of the UK, and the Midlands' share of the UK population that share is read against."""

from __future__ import annotations

import pandas as pd

from dashboard import periods, stats
from dashboard.analysis.values import TOTAL, values_for
from dashboard.catalogue import Catalogue
from dashboard.config import MIDLANDS_REGION_CODES


def cluster_metric(catalogue: Catalogue, indicator_id: str) -> pd.DataFrame:
    """One metric for every cluster that states it (latest period per cluster)."""
    rows = values_for(catalogue, indicator_id, area_types=("cluster",))
    rows = rows.sort_values(["period_end"]).groupby("area_code").tail(1)
    unit = catalogue.indicator(indicator_id)["unit"]
    rows = rows.assign(label=rows["area_name"])
    rows["text"] = [stats.format_value(r.value, unit, r.qualifier) for r in rows.itertuples()]
    return rows.sort_values("value", ascending=False).reset_index(drop=True)


def cluster_title(table: pd.DataFrame, indicator: pd.Series) -> str:
    top = table.iloc[0]
    if len(table) == 1:
        return f"{top['label']}: {stats.mid_sentence(indicator['short_title'])} {top['text']}"
    return f"{top['label']} has the highest {stats.mid_sentence(indicator['short_title'])}: {top['text']}"


def cluster_matrix(catalogue: Catalogue) -> pd.DataFrame:
    """Every cluster metric side by side: one row per metric, one column per cluster."""
    rows = catalogue.values[catalogue.values["area_type"] == "cluster"]
    if rows.empty:
        return pd.DataFrame()
    units = catalogue.indicators["unit"]
    cells = rows.assign(
        metric=rows["indicator_id"].map(catalogue.indicators["short_title"]),
        text=[
            f"{stats.format_value(r.value, units[r.indicator_id], r.qualifier)} ({r.period})" for r in rows.itertuples()
        ],
    )
    matrix = cells.pivot_table(index="metric", columns="area_name", values="text", aggfunc="last")
    return matrix.fillna("not available").reset_index()


UK_CODE = "K02000001"


def midlands_population_share(catalogue: Catalogue) -> dict | None:
    """The East and West Midlands' share of the UK population, computed from one ONS release.

    Returns None unless both regions and the UK have a population for the same period.
    """
    rows = values_for(catalogue, "population", breakdown=TOTAL, area_types=("region", "country"))
    for period in sorted(rows["period"].unique(), key=periods.sort_key, reverse=True):
        same = rows[rows["period"] == period].set_index("area_code")
        if all(code in same.index for code in (*MIDLANDS_REGION_CODES, UK_CODE)):
            midlands = sum(same.loc[code, "value"] for code in MIDLANDS_REGION_CODES)
            return {
                "share": 100 * midlands / same.loc[UK_CODE, "value"],
                "period": period,
                "source_ids": list(dict.fromkeys(same.loc[[*MIDLANDS_REGION_CODES, UK_CODE], "source_id"])),
            }
    return None


CLUSTER_SHARE_METRICS = (
    "cluster_jobs_uk_share",
    "cluster_businesses_uk_share",
    "cluster_high_growth_uk_share",
    "cluster_100m_uk_share",
    "cluster_innovate_uk_share",
    "cluster_fdi_capex_share",
    "cluster_ddi_capex_share",
)


def cluster_uk_shares(catalogue: Catalogue) -> pd.DataFrame:
    """Every 'share of UK' metric for every cluster, for one grouped comparison."""
    rows = catalogue.values[
        catalogue.values["indicator_id"].isin(CLUSTER_SHARE_METRICS) & (catalogue.values["area_type"] == "cluster")
    ].copy()
    order = {metric: i for i, metric in enumerate(CLUSTER_SHARE_METRICS)}
    rows["label"] = rows["indicator_id"].map(catalogue.indicators["short_title"])
    rows["series"] = rows["area_name"]
    rows["text"] = [stats.format_value(r.value, "percent", r.qualifier) for r in rows.itertuples()]
    rows["order"] = rows["indicator_id"].map(order)
    return rows.sort_values(["series", "order"]).reset_index(drop=True)


ABOVE, BELOW, NOT_KNOWN = "above", "below", "not known"


def against_reference(shares: pd.DataFrame, reference: float) -> pd.Series:
    """Whether each stated share is above or below a reference share (the Midlands' share of UK
    people). A share stated only as 'more than' or 'almost' a figure is placed only where that
    figure settles it ('more than 10%' against 16.2% does not); 'about' a figure is never placed."""
    def place(value: float, qualifier: str) -> str:
        if qualifier == "more than":
            return ABOVE if value >= reference else NOT_KNOWN
        if qualifier == "almost":
            return BELOW if value <= reference else NOT_KNOWN
        if qualifier or value == reference:
            return NOT_KNOWN
        return ABOVE if value > reference else BELOW
    return pd.Series([place(v, q) for v, q in zip(shares["value"], shares["qualifier"])], index=shares.index,
                     dtype=object)
