"""Area profile: every indicator for one area beside England and its region, with its recent
trend, national rank and place among similar areas."""

import streamlit as st

from dashboard import find_your_area, views
from dashboard.charts import area_profile as area_profile_charts
from dashboard.charts import compare as compare_charts
from dashboard.methods import similar_areas

catalogue = views.catalogue()
similar = views.similar_areas()

st.header("Area profile")
find_your_area.postcode_box(catalogue)
SIMILAR_CONTROLS = ("similar", "indicator", "period")
view = views.controls("area_profile", catalogue, similar, later=SIMILAR_CONTROLS)
find_your_area.postcode_found(view["area"])
area = catalogue.areas.loc[view["area"]]
table = area_profile_charts.area_profile(catalogue, view["area"])

st.subheader(area["area_name"])
context = area_profile_charts.area_context(catalogue, view["area"])
if context:
    st.markdown(views.md(context))
if area["notes"]:
    st.caption(views.md(area["notes"]))
if table.empty:
    st.info(f"The catalogue has no figures for {area['area_name']} yet: not available.")
    st.stop()

strengths, concerns = compare_charts.strengths_and_concerns(catalogue, similar, view["area"])
left, right = st.columns(2)
with left:
    st.markdown("**Clearest strengths** (significantly better than England at 95%, furthest first)")
    st.markdown("\n".join("- " + views.md(s) for s in strengths) or "None: no indicator is significantly better.")
with right:
    st.markdown("**Clearest concerns** (significantly worse than England at 95%, furthest first)")
    st.markdown("\n".join("- " + views.md(s) for s in concerns) or "None: no indicator is significantly worse.")

with st.expander("Every indicator in a sentence"):
    st.markdown("\n".join("- " + views.md(sentence) for sentence in table["summary"]))

spine = area_profile_charts.area_spine(catalogue, view["area"])
if spine is not None:
    views.chart_block(spine, catalogue)

shown, rows = compare_charts.profile_table(catalogue, similar, view["area"])
views.show_table(shown)
st.caption(views.md(area_profile_charts.area_source(catalogue, view["area"]) + " " + similar.source_line()
                    + " Recent trend: Fingertips' method over the 5 latest annual periods, significant at 99.8%."))
st.download_button("Download this table (CSV)", data=views.csv_with_sources(catalogue, rows),
                   file_name=f"area-profile-{view['area']}.csv", mime="text/csv", icon=":material/table_view:",
                   on_click="ignore", key="download-area-profile")


def link_areas(codes) -> None:
    for code in sorted(codes, key=catalogue.area_name):
        st.page_link("app_pages/area_profile.py", label=catalogue.area_name(code), query_params={"area": code})


st.subheader("Compared with similar areas")
name, is_county = area["area_name"], area["area_type"] == "utla" and view["area"].startswith("E10")
current = catalogue.areas[catalogue.areas["ended"] == ""]
if not similar.available:
    st.info(views.md(similar.source_line()))
elif not view["similar"]:
    if area["area_type"] == "icb":
        st.markdown(f"ONS publishes statistical nearest neighbours for local authorities, not for integrated care "
                    f"boards, so {views.md(name)} has none. Each of its upper-tier areas has its own:")
        link_areas(current.index[(current["icb_code"] == view["area"]) & (current["area_type"] == "utla")])
    else:
        st.markdown(f"ONS lists no nearest neighbours for {views.md(name)}: not available.")
else:
    count = len(similar_areas.neighbour_codes(similar, view["area"], view["similar"]))
    st.markdown(f"{views.md(name)} beside the local authorities ONS finds most like it (its {count} statistical "
                "nearest neighbours, on overall, economic or demographic characteristics), on one indicator.")
    views.later_controls("area_profile", view, SIMILAR_CONTROLS)
    indicator_id, _, sex = view["indicator"].partition(":")
    chart = (compare_charts.similar_areas_chart(catalogue, similar, view["area"], indicator_id, sex, view["period"],
                                                view["similar"]) if view["indicator"] else None)
    if chart is None:
        st.info(f"No indicator has a value for both {views.md(name)} and any of its nearest neighbours: not available.")
    else:
        views.chart_block(chart, catalogue)

cluster = compare_charts.cluster_words(catalogue, similar, view["area"])
if cluster:
    st.caption(views.md(cluster))
elif is_county and similar.available:
    st.caption("For a county, ONS's nearest neighbours are other counties and unitary authorities, as above; its local "
               "authority clusters cover only districts and unitary authorities. Each of its districts has its own "
               "nearest neighbours and cluster:")
    link_areas(current.index[(current["utla_code"] == view["area"]) & (current["area_type"] == "ltla")])
