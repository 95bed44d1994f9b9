"""NHS coverage: the Midlands' integrated care boards, their trusts and the scale of NHS provision."""

import streamlit as st

from dashboard import charts, views
from dashboard.catalogue import TRUST_TYPE_LABELS

catalogue = views.catalogue()
geo = views.boundaries()

st.header("NHS coverage")
view = views.controls("nhs", catalogue)
chosen = None if view["icb"] == "all" else view["icb"]
counts = charts.icb_trust_counts(catalogue)
icb_codes = frozenset(counts["area_code"])

left, right = st.columns([1, 1])
with left:
    views.chart_block(charts.nhs_map(catalogue, geo, view["icb"]), catalogue, select_into=("nhs.icb", icb_codes))
with right:
    views.chart_block(charts.nhs_trusts_per_icb(catalogue), catalogue, select_into=("nhs.icb", icb_codes))

st.subheader("Integrated care boards" if chosen is None else catalogue.area_name(chosen))
shown = counts if chosen is None else counts[counts["area_code"] == chosen]
columns = {"area_name": "ICB", "area_code": "Code", "region_name": "Region", "upper_tier_areas": "Upper-tier areas",
           "trusts": "Trusts", **{f"{t}_trusts": label for t, label in TRUST_TYPE_LABELS.items()}}
has_population = "population" in shown.columns
if has_population:
    columns |= {"population": "Population", "population_period": "Year"}
views.show_table(shown[list(columns)].assign(area_name=shown["area_name"].map(charts.short_icb)).rename(columns=columns))
st.caption(views.md(
    charts.nhs_trusts_per_icb(catalogue).source + " ICB membership: data/areas.csv."
    + ("" if has_population else " ICB populations are not available: no official extract could be sourced.")
))

facts = charts.headlines(catalogue, "nhs", ("midlands", "organisation"))
if not facts.empty:
    st.subheader("NHS scale as the Midlands partners state it")
    columns = st.columns(min(4, len(facts)))
    for i, row in enumerate(facts.itertuples()):
        views.kpi(columns[i % len(columns)], row.label, row.compact, row.caption)
