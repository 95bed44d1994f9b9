"""NHS coverage: the Midlands' integrated care boards, their trusts and the scale of NHS provision."""

import streamlit as st

from dashboard import views
from dashboard.charts import nhs as nhs_charts

catalogue = views.catalogue()
geo = views.boundaries()

st.header("NHS coverage")
view = views.controls("nhs", catalogue)
chosen = None if view["icb"] == "all" else view["icb"]
counts = nhs_charts.icb_trust_counts(catalogue)
icb_codes = frozenset(counts["area_code"])

left, right = st.columns([1, 1])
with left:
    views.chart_block(nhs_charts.nhs_map(catalogue, geo, view["icb"], view["shade"]), catalogue,
                      select_into=("nhs.icb", icb_codes))
with right:
    views.chart_block(nhs_charts.nhs_trusts_per_icb(catalogue), catalogue, select_into=("nhs.icb", icb_codes))

st.subheader("Integrated care boards" if chosen is None else catalogue.area_name(chosen))
icb_rows, icb_caption = nhs_charts.icb_summary(catalogue, view["icb"])
views.show_table(icb_rows)
st.caption(views.md(icb_caption))

facts = nhs_charts.headlines(catalogue, "nhs", ("midlands", "organisation"))
if not facts.empty:
    st.subheader("NHS scale as the Midlands partners state it")
    columns = st.columns(min(4, len(facts)))
    for i, row in enumerate(facts.itertuples()):
        views.kpi(columns[i % len(columns)], row.label, row.compact, row.caption)
