"""The Health inequalities page's charts: the map, the ranked areas with their recent trend, one
area's trend against its region and England; and a map of districts for any table of district
values."""

from __future__ import annotations

import pandas as pd

from dashboard import comparisons, stats
from dashboard.analysis import inequalities, sources
from dashboard.catalogue import Catalogue
from dashboard.charts.base import BOUNDARIES_SOURCE_ID, Chart, with_boundaries
from dashboard.figures import bars, lines, maps
from dashboard.geography import Boundaries
from dashboard.memo import shared

area_comparison = shared(inequalities.area_comparison)


@shared
def inequalities_source(catalogue: Catalogue, indicator_id: str, sex: str, period: str, level: str = "utla") -> str:
    table = area_comparison(catalogue, indicator_id, sex, period, level)
    return sources.source_line(catalogue, table["source_id"], period, catalogue.indicator(indicator_id)["polarity"])


@shared
def provenance(catalogue: Catalogue, indicator_id: str) -> str:
    return sources.provenance(catalogue, indicator_id)


@shared
def gap_sentence(catalogue: Catalogue, indicator_id: str, sex: str, period: str, level: str = "utla") -> str:
    table = area_comparison(catalogue, indicator_id, sex, period, level)
    return inequalities.gap_sentence(table, catalogue.indicator(indicator_id), sex, period)


@shared
def inequalities_map(catalogue: Catalogue, geo: Boundaries, indicator_id: str, sex: str, period: str,
                     level: str = "utla") -> Chart:
    indicator = catalogue.indicator(indicator_id)
    table = area_comparison(catalogue, indicator_id, sex, period, level)
    polygons = inequalities.map_rows(table)
    fig = maps.build_choropleth(
        geo.features(level), polygons, inequalities.map_title(table, indicator, sex, period),
        stats.UNIT_LABELS[indicator["unit"]], geo.bounds(),
        outlines=geo.features("utla") if level == "ltla" else None,
    )
    outlines = " Thicker lines are upper-tier areas." if level == "ltla" else ""
    return Chart(
        "inequalities-map", fig, polygons,
        summary="Darker areas have higher values; grey areas have no value for this selection." + outlines
        + _not_drawn(polygons, geo, level),
        source=with_boundaries(inequalities_source(catalogue, indicator_id, sex, period, level), geo),
        table_columns={"area_name": "Area", "text": "Value", "vs_england": "Compared with England"},
        extra_source_ids=(BOUNDARIES_SOURCE_ID,),
    )


def _not_drawn(rows: pd.DataFrame, geo: Boundaries, level: str) -> str:
    """Names of areas with a value but no outline on today's boundaries (a former county, in
    data published before its split), so the reader knows why they are in the table only."""
    missing = rows.loc[~rows["code"].isin(set(geo.codes(level))), "area_name"]
    return f" Not on the map (no current boundary; in the table): {', '.join(missing)}." if len(missing) else ""


def district_map(geo: Boundaries, table: pd.DataFrame, title: str, value_label: str, source: str,
                 key: str = "district-map") -> Chart:
    """Districts (lower-tier and unitary authorities) shaded by a value, upper-tier areas outlined.

    ``table``: one row per district with ``area_code``, ``area_name``, ``value``, ``text`` (the
    value as read) and ``source_id``; ``source`` is the data's source line.
    """
    rows = table.assign(code=table["area_code"], hover=table["area_name"] + ": " + table["text"])
    fig = maps.build_choropleth(
        geo.features("ltla"), rows, title, value_label, geo.bounds(), outlines=geo.features("utla"),
    )
    drawn = len(set(rows["code"]) & set(geo.codes("ltla")))
    return Chart(
        key, fig, rows,
        summary=(f"{drawn} of {len(geo.codes('ltla'))} districts have a value; darker districts have higher "
                 "values, grey ones none. Thicker lines are upper-tier areas." + _not_drawn(rows, geo, "ltla")),
        source=with_boundaries(source, geo),
        table_columns={"area_name": "District", "text": "Value"},
        extra_source_ids=(BOUNDARIES_SOURCE_ID,),
    )


@shared
def inequalities_ranked(catalogue: Catalogue, indicator_id: str, sex: str, period: str, level: str = "utla") -> Chart:
    indicator = catalogue.indicator(indicator_id)
    table = area_comparison(catalogue, indicator_id, sex, period, level)
    trends = comparisons.area_trends(catalogue, indicator_id, sex)
    table = table.assign(trend=[trends[c].short if c in trends else "Cannot be calculated" for c in table["area_code"]])
    benchmarks = inequalities.benchmark_values(catalogue, indicator_id, sex, period)
    fig = bars.build_ranked_bar(
        table, inequalities.finding_title(table, indicator, sex, period), stats.UNIT_LABELS[indicator["unit"]], benchmarks,
    )
    return Chart(
        "inequalities-ranked", fig, table,
        summary=inequalities.outcome_summary(table) + " " + _trend_summary(table),
        source=inequalities_source(catalogue, indicator_id, sex, period, level),
        table_columns={
            "area_name": "Area", "region_name": "Region", "text": "Value",
            "vs_england": "Compared with England (95%)", "vs_region": "Compared with region (95%)",
            "trend": "Recent trend",
        },
    )


def _trend_summary(table: pd.DataFrame) -> str:
    """'Recent trend (Fingertips' method, 5 latest annual points): 3 getting worse, 2 better, …'."""
    counts = table["trend"].value_counts()
    if counts.get("Cannot be calculated", 0) == len(table):
        return "Recent trend: cannot be calculated for this indicator (rolling periods, fewer than five points or no limits)."
    parts = [f"{n} {k.lower()}" for k, n in counts.items()]
    return "Recent trend over the 5 latest annual periods (significant at 99.8%): " + "; ".join(parts) + "."


@shared
def inequalities_trend(catalogue: Catalogue, indicator_id: str, sex: str, area: str) -> Chart:
    indicator = catalogue.indicator(indicator_id)
    trend = inequalities.trend(catalogue, indicator_id, area, sex)
    fig = lines.build_trend(trend, inequalities.trend_title(trend, indicator, area, sex), stats.UNIT_LABELS[indicator["unit"]])
    return Chart(
        "inequalities-trend", fig, trend,
        summary=inequalities.trend_sentence(trend, indicator, area),
        source=sources.source_line(
            catalogue, trend["source_id"], f"{trend['period'].iloc[0]} to {trend['period'].iloc[-1]}", indicator["polarity"]
        ) if not trend.empty else "Source: not available.",
        table_columns={"series": "Area", "period": "Period", "text": "Value"},
    )
