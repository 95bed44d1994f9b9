"""The Area profile page's charts and tables: the spine chart, every indicator beside the area's
region and England, and the area's population line."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import profile, sources
from dashboard.catalogue import Catalogue
from dashboard.charts.base import Chart, rows_source
from dashboard.figures import spine
from dashboard.memo import shared

area_profile = shared(profile.profile)
area_context = shared(profile.area_context)


@shared
def area_spine(catalogue: Catalogue, area_code: str) -> Chart | None:
    rows = profile.spine_rows(catalogue, area_code)
    if rows.empty:
        return None
    fig = spine.build_spine(rows, profile.spine_title(rows, catalogue.area_name(area_code)))
    return Chart(
        "area-profile-spine", fig, rows,
        summary=(
            "Each row is scaled on its own: England at the centre line, the Midlands area furthest from England "
            "at the edge, better (or higher, where neither is better) to the right."
        ),
        source=rows_source(catalogue, rows),
        table_columns={"label": "Indicator", "display": "Value", "england_value": "England",
                       "midlands_lowest": "Midlands lowest", "midlands_highest": "Midlands highest",
                       "outcome": "Compared with England"},
    )


@shared
def area_profile_table(catalogue: Catalogue, area_code: str) -> pd.DataFrame:
    """Every indicator for the area beside its region and England, headed for readers."""
    table = area_profile(catalogue, area_code)

    def shown(value) -> str:
        return "not available" if value != value else f"{value:,.1f}"

    area = catalogue.areas.loc[area_code]
    columns = ["indicator", "breakdown", "period", "display", "region", "england", "vs_england"]
    headings = {
        "indicator": "Indicator", "breakdown": "Sex", "period": "Period", "display": "Value",
        "region": "Region", "england": "England", "vs_england": "Compared with England",
    }
    table = table.assign(england=table["england_value"].map(shown), region=table["region_value"].map(shown))
    if profile.is_district(area) and area["utla_code"] in catalogue.areas.index:
        table["upper_tier"] = table["upper_tier_value"].map(shown)
        columns.insert(4, "upper_tier")
        headings["upper_tier"] = catalogue.area_name(area["utla_code"])
    return table[columns].rename(columns=headings)


@shared
def area_source(catalogue: Catalogue, area_code: str) -> str:
    return sources.source_line(catalogue, area_profile(catalogue, area_code)["source_id"])
