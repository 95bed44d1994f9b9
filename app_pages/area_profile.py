"""Area profile: every indicator for one area beside England and its region."""

import streamlit as st

from dashboard import analysis, views
from dashboard.figures.spine import build_spine

catalogue = views.catalogue()

st.header("Area profile")
view = views.controls("area_profile", catalogue)
area = catalogue.areas.loc[view["area"]]
table = analysis.profile(catalogue, view["area"])

st.subheader(area["area_name"])
context = analysis.area_context(catalogue, view["area"])
if context:
    st.markdown(views.md(context))
if area["notes"]:
    st.caption(views.md(area["notes"]))
if table.empty:
    st.info(f"The catalogue has no figures for {area['area_name']} yet: not available.")
    st.stop()

for sentence in table["summary"]:
    st.markdown("- " + views.md(sentence))

spine = analysis.spine_rows(catalogue, view["area"])
if not spine.empty:
    fig = build_spine(spine, analysis.spine_title(spine, area["area_name"]))
    views.chart_block(
        fig, spine, key="area-profile-spine", catalogue=catalogue,
        summary=(
            "Each row is scaled on its own: England at the centre line, the Midlands area furthest from England "
            "at the edge, better (or higher, where neither is better) to the right."
        ),
        source=analysis.source_line(catalogue, spine["source_id"], ", ".join(sorted(spine["period"].unique()))),
        table_columns={"label": "Indicator", "display": "Value", "england_value": "England",
                       "midlands_lowest": "Midlands lowest", "midlands_highest": "Midlands highest",
                       "outcome": "Compared with England"},
    )

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
st.caption(views.md(analysis.source_line(catalogue, table["source_id"])))
