"""Headline figures: the latest value of a theme's indicators as the Midlands or a partner states
it, and the Overview's headline cards ('not available' where no figure is sourced)."""

from __future__ import annotations

import pandas as pd

from dashboard import stats
from dashboard.analysis.sources import source_line
from dashboard.catalogue import Catalogue

HEADLINE_AREA_TYPES = ("midlands", "organisation", "region", "combined_authority")


def headlines(catalogue: Catalogue, theme: str, area_types=HEADLINE_AREA_TYPES) -> pd.DataFrame:
    """The latest figure of each of a theme's indicators stated for the Midlands or a partner."""
    indicators = catalogue.indicators[catalogue.indicators["theme"] == theme]
    values = catalogue.values[
        catalogue.values["indicator_id"].isin(indicators.index) & catalogue.values["area_type"].isin(area_types)
    ]
    if values.empty:
        return values.assign(label=[], text=[], unit=[], compact=[], caption=[])
    latest = values.sort_values(["period_end", "period_start"]).groupby(["indicator_id", "area_code"]).tail(1)
    latest = latest.assign(
        label=latest["indicator_id"].map(indicators["short_title"]),
        unit=latest["indicator_id"].map(indicators["unit"]),
    )
    latest["text"] = [stats.format_value(r.value, r.unit, r.qualifier) for r in latest.itertuples()]
    latest["compact"] = [stats.format_compact(r.value, r.unit, r.qualifier) for r in latest.itertuples()]
    latest["caption"] = [
        f"{r.text}; {r.area_name}, {r.period}. {source_line(catalogue, [r.source_id])}" for r in latest.itertuples()
    ]
    return latest.sort_values(["area_type", "label"]).reset_index(drop=True)


# (indicator, area, card label or None for the indicator's short title), in reading order.
OVERVIEW_HEADLINES = (
    ("health_research_income_pa", "MIH", None),
    ("nihr_brcs_hosted", "MIH", None),
    ("nihr_crfs_hosted", "MIH", None),
    ("clinical_trials_units", "MIDLANDS", None),
    ("cluster_gva", "CL-HLS", "Health & life sciences GVA"),
    ("cluster_gva", "CL-MEDTECH", "MedTech GVA"),
    ("life_sciences_jobs", "MIDLANDS", None),
    ("nhs_trusts", "MIDLANDS", None),
)


def headline(catalogue: Catalogue, indicator_id: str, area_code: str, label: str | None = None) -> dict:
    """The latest value of one headline, or 'not available' with no number."""
    title = label or (
        catalogue.indicators.loc[indicator_id, "short_title"]
        if indicator_id in catalogue.indicators.index
        else indicator_id
    )
    name = catalogue.area_name(area_code) if area_code in catalogue.areas.index else area_code
    rows = catalogue.values[(catalogue.values["indicator_id"] == indicator_id) & (catalogue.values["area_code"] == area_code)]
    if rows.empty:
        return {"label": title, "text": "n/a", "caption": f"{name}: not available (no sourced figure)"}
    row = rows.loc[rows["period_end"].idxmax()]
    unit = catalogue.indicators.loc[indicator_id, "unit"]
    return {
        "label": title,
        "text": stats.format_compact(row["value"], unit, row["qualifier"]),
        "caption": (
            f"{stats.format_value(row['value'], unit, row['qualifier'])}; {name}, {row['period']}. "
            f"{source_line(catalogue, [row['source_id']])}"
        ),
    }
