"""Industry clusters: life sciences, MedTech and data-driven healthcare, side by side."""

import streamlit as st

from dashboard import analysis, stats, views
from dashboard.figures import bars

catalogue = views.catalogue()

st.header("Industry clusters")
view = views.controls("clusters", catalogue)
if not view["metric"]:
    st.info("No cluster figures are in the catalogue yet: not available.")
    st.stop()

indicator = catalogue.indicator(view["metric"])
table = analysis.cluster_metric(catalogue, view["metric"])
title = analysis.cluster_title(table, indicator)
fig = bars.build_bar(table, title, stats.UNIT_LABELS[indicator["unit"]])
views.chart_block(
    fig, table, key="clusters-metric", catalogue=catalogue,
    summary=f"{indicator['definition']}",
    source=analysis.source_line(catalogue, table["source_id"], ", ".join(sorted(table["period"].unique()))),
    table_columns={"label": "Cluster", "text": "Value", "period": "Period"},
)

st.subheader("Every cluster metric side by side")
matrix = analysis.cluster_matrix(catalogue)
st.dataframe(matrix, hide_index=True, width="stretch")
st.caption(
    views.md(
        analysis.source_line(catalogue, catalogue.values.loc[catalogue.values["area_type"] == "cluster", "source_id"])
        + " Figures are as the cluster reports state them; 'not available' where a report gives no figure."
    )
)
