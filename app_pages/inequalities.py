"""Health inequalities: how each Midlands area compares with England and its region."""

import streamlit as st

from dashboard import analysis, stats, views
from dashboard.figures import bars, lines, maps

catalogue = views.catalogue()
geo = views.boundaries()

st.header("Health inequalities")
view = views.controls("inequalities", catalogue)
if not view["indicator"]:
    st.info("No indicator in the catalogue has values for Midlands upper-tier areas yet: not available.")
    st.stop()

indicator = catalogue.indicator(view["indicator"])
sex, period = view["sex"], view["period"]
table = analysis.area_comparison(catalogue, view["indicator"], sex, period)
unit_label = stats.UNIT_LABELS[indicator["unit"]]
source = analysis.source_line(catalogue, table["source_id"], period, indicator["polarity"])
st.markdown(views.md(analysis.gap_sentence(table, indicator, sex, period)))

left, right = st.columns([1, 1])
with left:
    polygons, shared = analysis.map_rows(table, geo.names("utla"))
    fig = maps.build_choropleth(
        geo.features("utla"), polygons, analysis.map_title(table, indicator, sex, period), unit_label,
        geo.bounds(), grey_hover=shared,
    )
    views.chart_block(
        fig, polygons, key="inequalities-map", catalogue=catalogue,
        summary=(
            "Northamptonshire is drawn as one county (Natural Earth predates its 2021 split) and left grey: "
            "North and West Northamptonshire each have their own value, shown in its hover label and the chart."
            if shared else "Darker areas have higher values."
        ),
        source=source + " Map: Made with Natural Earth.",
        table_columns={"area_name": "Area", "text": "Value", "vs_england": "Compared with England"},
    )
with right:
    benchmarks = analysis.benchmark_values(catalogue, view["indicator"], sex, period)
    fig = bars.build_ranked_bar(table, analysis.finding_title(table, indicator, sex, period), unit_label, benchmarks)
    views.chart_block(
        fig, table, key="inequalities-ranked", catalogue=catalogue,
        summary=analysis.outcome_summary(table), source=source,
        table_columns={
            "area_name": "Area", "region_name": "Region", "text": "Value",
            "vs_england": "Compared with England", "vs_region": "Compared with region",
        },
    )

trend = analysis.trend(catalogue, view["indicator"], view["area"], sex)
fig = lines.build_trend(trend, analysis.trend_title(trend, indicator, view["area"], sex), unit_label)
views.chart_block(
    fig, trend, key="inequalities-trend", catalogue=catalogue,
    summary=analysis.trend_sentence(trend, indicator, view["area"]),
    source=analysis.source_line(
        catalogue, trend["source_id"], f"{trend['period'].iloc[0]} to {trend['period'].iloc[-1]}", indicator["polarity"]
    ) if not trend.empty else "Source: not available.",
    table_columns={"series": "Area", "period": "Period", "text": "Value"},
)

views.indicator_notes(indicator)
