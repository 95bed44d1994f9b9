"""Health inequalities: how each Midlands area compares with England and its region."""

import streamlit as st

from dashboard import views
from dashboard.charts import compare as compare_charts
from dashboard.charts import inequalities as inequalities_charts

catalogue = views.catalogue()
geo = views.boundaries()

st.header("Health inequalities")
view = views.controls("inequalities", catalogue)
if not view["indicator"]:
    st.info("No indicator in the catalogue has values for Midlands upper-tier areas yet: not available.")
    st.stop()

indicator_id, sex, period, level = view["indicator"], view["sex"], view["period"], view["level"]
st.markdown(views.md(inequalities_charts.gap_sentence(catalogue, indicator_id, sex, period, level)))
st.caption(views.md(inequalities_charts.provenance(catalogue, indicator_id)))

left, right = st.columns([1, 1])
with left:
    views.chart_block(inequalities_charts.inequalities_map(catalogue, geo, indicator_id, sex, period, level), catalogue)
with right:
    views.chart_block(inequalities_charts.inequalities_ranked(catalogue, indicator_id, sex, period, level), catalogue)

views.chart_block(inequalities_charts.inequalities_trend(catalogue, indicator_id, sex, view["area"]), catalogue)

st.subheader("Deprivation gradient")
gradient = compare_charts.deprivation_gradient(catalogue, indicator_id, sex, period, level, view["area"])
if gradient is None:
    st.info("The deprivation gradient is not available for this selection (too few English areas with both a value "
            "and an IMD score, or the indicator is the IMD itself).")
else:
    views.chart_block(gradient, catalogue)

views.indicator_notes(catalogue.indicator(indicator_id))
