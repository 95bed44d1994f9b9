"""Industry clusters: life sciences, MedTech and data-driven healthcare, side by side."""

import streamlit as st

from dashboard import views
from dashboard.charts import clusters as clusters_charts

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

views.chart_block(clusters_charts.cluster_metric(catalogue, view["metric"]), catalogue)

left, right = st.columns([1, 1])
with left:
    views.chart_block(clusters_charts.cluster_uk_shares(catalogue), catalogue)
with right:
    growth = clusters_charts.cluster_growth(catalogue)
    if growth is not None:
        views.chart_block(growth, catalogue)

st.subheader("Every cluster metric side by side")
views.show_table(clusters_charts.cluster_matrix(catalogue))
st.caption(views.md(clusters_charts.cluster_matrix_source(catalogue)))

st.subheader("The regional economy: official statistics")
st.markdown(
    "The cluster figures above are stated by partner reports. Beside them, ONS's own regional figures place the "
    "East and West Midlands among England's nine regions: research and development spending, productivity, "
    "household income, pay and business demography."
)
if view["economy"]:
    views.chart_block(clusters_charts.regional_economy(catalogue, view["economy"]), catalogue)
    views.show_table(clusters_charts.regional_economy_table(catalogue).drop(columns=["indicator_id", "source_id"]))
    st.caption(views.md(clusters_charts.regional_economy_source(catalogue)))
else:
    st.info("No official regional economy figures are in the catalogue: not available.")
