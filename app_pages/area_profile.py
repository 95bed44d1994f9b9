"""Area profile: every indicator for one area beside England and its region."""

import streamlit as st

from dashboard import analysis, views

catalogue = views.catalogue()

st.header("Area profile")
view = views.controls("area_profile", catalogue)
area = catalogue.areas.loc[view["area"]]
table = analysis.profile(catalogue, view["area"])

st.subheader(area["area_name"])
if area["notes"]:
    st.caption(views.md(area["notes"]))
if table.empty:
    st.info(f"The catalogue has no figures for {area['area_name']} yet: not available.")
    st.stop()

for sentence in table["summary"]:
    st.markdown("- " + views.md(sentence))

shown = table.assign(
    england=table["england_value"].map(lambda v: "not available" if v != v else f"{v:,.1f}"),
    region=table["region_value"].map(lambda v: "not available" if v != v else f"{v:,.1f}"),
)
st.dataframe(
    shown[["indicator", "breakdown", "period", "display", "region", "england", "vs_england"]].rename(
        columns={
            "indicator": "Indicator", "breakdown": "Sex", "period": "Period", "display": "Value",
            "region": "Region", "england": "England", "vs_england": "Compared with England",
        }
    ),
    hide_index=True,
    width="stretch",
)
st.caption(views.md(analysis.source_line(catalogue, table["source_id"])))
