"""Area profile: every indicator for one area beside England and its region, with its recent
trend, national rank and place among similar areas."""

import streamlit as st

from dashboard import views
from dashboard.charts import area_profile as area_profile_charts
from dashboard.charts import compare as compare_charts

catalogue = views.catalogue()
similar = views.similar_areas()

st.header("Area profile")
views.find_your_area(catalogue)
view = views.controls("area_profile", catalogue)
views.postcode_found(view["area"])
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

cluster = compare_charts.cluster_words(catalogue, similar, view["area"])
if cluster:
    st.caption(views.md(cluster))
elif area["area_type"] == "utla" and view["area"].startswith("E10"):
    districts = catalogue.areas[(catalogue.areas["utla_code"] == view["area"]) & (catalogue.areas["area_type"] == "ltla")]
    st.caption("ONS's local authority clusters cover districts and unitary authorities, not counties (its nearest "
               "neighbours for a county are other counties and unitaries, as in the table). Its districts:")
    for code, name in districts["area_name"].sort_values().items():
        st.page_link("app_pages/area_profile.py", label=name, query_params={"area": code})
