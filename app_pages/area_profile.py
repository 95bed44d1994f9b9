"""Area profile: every indicator for one area beside England and its region."""

import streamlit as st

from dashboard import charts, views

catalogue = views.catalogue()

st.header("Area profile")
views.find_your_area(catalogue)
view = views.controls("area_profile", catalogue)
views.postcode_found(view["area"])
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

views.show_table(charts.area_profile_table(catalogue, view["area"]))
st.caption(views.md(charts.area_source(catalogue, view["area"])))
