"""Area profile: every indicator for one area beside England and its region."""

import streamlit as st

from dashboard import charts, views

catalogue = views.catalogue()

st.header("Area profile")
view = views.controls("area_profile", catalogue)
area = catalogue.areas.loc[view["area"]]
table = charts.area_profile(catalogue, view["area"])

st.subheader(area["area_name"])
context = charts.area_context(catalogue, view["area"])
if context:
    st.markdown(views.md(context))
if area["notes"]:
    st.caption(views.md(area["notes"]))
if table.empty:
    st.info(f"The catalogue has no figures for {area['area_name']} yet: not available.")
    st.stop()

st.markdown("\n".join("- " + views.md(sentence) for sentence in table["summary"]))

spine = charts.area_spine(catalogue, view["area"])
if spine is not None:
    views.chart_block(spine, catalogue)

shown = table.assign(
    england=table["england_value"].map(lambda v: "not available" if v != v else f"{v:,.1f}"),
    region=table["region_value"].map(lambda v: "not available" if v != v else f"{v:,.1f}"),
)
views.show_table(shown[["indicator", "breakdown", "period", "display", "region", "england", "vs_england"]].rename(
    columns={
        "indicator": "Indicator", "breakdown": "Sex", "period": "Period", "display": "Value",
        "region": "Region", "england": "England", "vs_england": "Compared with England",
    }
))
st.caption(views.md(charts.area_source(catalogue, view["area"])))
