"""Industry clusters: life sciences, MedTech and data-driven healthcare, side by side."""

import streamlit as st

from dashboard import analysis, stats, views
from dashboard.figures import bars

catalogue = views.catalogue()

st.header("Industry clusters")
st.caption(
    "The three clusters overlap (data-driven healthcare and MedTech firms are also part of the health and "
    "life sciences super cluster), so their figures do not add up. Each report defines its cluster itself."
)
view = views.controls("clusters", catalogue)
if not view["metric"]:
    st.info("No cluster figures are in the catalogue yet: not available.")
    st.stop()

indicator = catalogue.indicator(view["metric"])
table = analysis.cluster_metric(catalogue, view["metric"])
missing = sorted(set(catalogue.areas_of_type("cluster")["area_name"]) - set(table["label"]))
fig = bars.build_bar(table, analysis.cluster_title(table, indicator), stats.UNIT_LABELS[indicator["unit"]])
views.chart_block(
    fig, table, key="clusters-metric", catalogue=catalogue,
    summary=indicator["definition"] + (f" Not available for: {', '.join(missing)}." if missing else ""),
    source=analysis.source_line(catalogue, table["source_id"], ", ".join(sorted(table["period"].unique()))),
    table_columns={"label": "Cluster", "text": "Value", "period": "Period"},
)

left, right = st.columns([1, 1])
with left:
    shares = analysis.cluster_uk_shares(catalogue)
    population = analysis.midlands_population_share(catalogue)
    reference = (
        (f"Midlands share of UK population, mid-{population['period']} ({population['share']:.1f}%)", population["share"])
        if population else None
    )
    fig = bars.build_grouped_bar(shares, "The Midlands' share of each cluster's UK total", "% of UK", reference)
    views.chart_block(
        fig, shares, key="clusters-uk-share", catalogue=catalogue,
        extra_source_ids=tuple(population["source_ids"]) if population else (),
        summary=(
            f"A bar beyond the dashed line means the Midlands holds more of that cluster than its "
            f"{population['share']:.1f}% share of the UK's people (East plus West Midlands over the UK, "
            f"computed from ONS mid-{population['period']} estimates)."
            if population else
            "The Midlands' share of the UK population is not available (no sourced ONS estimate), so no "
            "reference line is drawn."
        ),
        source=analysis.source_line(
            catalogue, [*shares["source_id"], *(population["source_ids"] if population else [])]
        ),
        table_columns={"series": "Cluster", "label": "Metric", "text": "Share of UK", "period": "Period"},
    )
with right:
    growth = analysis.cluster_metric(catalogue, "cluster_business_growth_since_2013")
    if not growth.empty:
        top = growth.iloc[0]
        fig = bars.build_bar(
            growth, f"{top['label']}: business numbers up {top['text']} since 2013", "% growth since 2013",
            colour="#28A197",
        )
        views.chart_block(
            fig, growth, key="clusters-growth", catalogue=catalogue,
            summary=catalogue.indicator("cluster_business_growth_since_2013")["definition"],
            source=analysis.source_line(catalogue, growth["source_id"], ", ".join(sorted(growth["period"].unique()))),
            table_columns={"label": "Cluster", "text": "Growth since 2013", "period": "Period"},
        )

st.subheader("Every cluster metric side by side")
matrix = analysis.cluster_matrix(catalogue)
views.show_table(matrix)
st.caption(
    views.md(
        analysis.source_line(catalogue, catalogue.values.loc[catalogue.values["area_type"] == "cluster", "source_id"])
        + " Figures are as the cluster reports state them; 'not available' where a report gives no figure."
    )
)
