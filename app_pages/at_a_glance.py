"""Every indicator at a glance: each Midlands area against England on every indicator of a topic."""

import streamlit as st

from dashboard import views
from dashboard.charts import compare as compare_charts
from dashboard.figures.grid import status_colour

catalogue = views.catalogue()

st.header("Every indicator at a glance")
st.markdown(
    "Each cell shows an area's latest value and how it compares with England **at the 95% level**: "
    "*Better*, *Similar* or *Worse* (*Higher* or *Lower* where neither is better). Where no confidence "
    "interval is published, the cell says which fifth of English areas the value falls in instead. "
    "Select a row to open that area's profile, or a column to open that indicator."
)
view = views.controls("at_a_glance", catalogue)
level, topic, sort = view["level"], view["topic"], view["sort"]
built = compare_charts.glance(catalogue, level, topic, sort)
if built is None:
    st.info("No Midlands area has values for this topic at this level: not available.")
    st.stop()
chart, cells, status = built


def _fills(column):
    """Each cell's fill from its status word (the word is in the cell too)."""
    if column.name == "Area":
        return [""] * len(column)
    return [f"background-color: {status_colour(s)}" for s in status[column.name]]


event = views.table_block(chart, catalogue, cells.style.apply(_fills), key="at-a-glance-grid", rows=len(cells))

selection = getattr(event, "selection", None)
chosen_rows = list(selection.rows) if selection else []
chosen_columns = [c for c in (selection.columns if selection else []) if c != "Area"]
if chosen_rows:
    name = cells.iloc[chosen_rows[0]]["Area"]
    code = chart.table.loc[chart.table["area_name"] == name, "area_code"].iloc[0]
    st.page_link("app_pages/area_profile.py", label=f"Open the profile of {name}", icon=":material/location_on:",
                 query_params={"area": code})
if chosen_columns:
    series = chart.table[chart.table["series"] == chosen_columns[0]].iloc[0]
    st.page_link("app_pages/inequalities.py", label=f"Open {chosen_columns[0]} on Health inequalities",
                 icon=":material/diversity_3:",
                 query_params={"indicator": series["indicator_id"], "level": level, "sex": series["breakdown"],
                               "period": series["period"]})
if not chosen_rows and not chosen_columns:
    st.caption("Nothing selected: select a row (an area) or a column (an indicator) in the table to open it.")
