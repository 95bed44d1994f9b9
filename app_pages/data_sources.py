"""Data & sources: every indicator's definition and source, the whole catalogue as CSV, and the open-data files."""

import functools
from datetime import date

import streamlit as st

from dashboard import changelog, config, open_data, views
from dashboard.analysis import sources
from dashboard.charts import data_sources as data_sources_charts

catalogue = views.catalogue()
geo = views.boundaries()
views.ignore_url()

st.header("Data & sources")
st.markdown(
    f"The dashboard holds **{len(catalogue.values):,} figures** for the Midlands and their comparators "
    f"(**{len(catalogue.national_values):,}** for every English area, used for national comparisons) for "
    f"**{len(catalogue.indicators)} indicators** from **{len(catalogue.sources)} sources**. Every figure names its "
    "source; a figure that could not be sourced is left out and shown as not available. Official figures are "
    "rebuilt from the publishers' files by code (`python -m pipeline`); partner figures are quoted from their "
    "pages and reviewed by hand."
)

st.download_button(
    "Download the whole catalogue (CSV)",
    data=functools.partial(data_sources_charts.catalogue_csv, catalogue),
    file_name=f"midlands-health-catalogue-{date.today().isoformat()}.csv",
    mime="text/csv",
    icon=":material/download:",
    key="download-catalogue",
    on_click="ignore",
)

st.subheader("Use this data")
st.markdown(
    "The same figures at fixed addresses a script can fetch: CSV, with every column explained in "
    f"[CSV on the Web](https://www.w3.org/TR/tabular-data-primer/) metadata. {open_data.SCOPE}\n\n"
    + open_data.files_markdown(open_data.file_sizes(), len(catalogue.values))
)
st.markdown("In Python, with pandas:")
st.code(open_data.pandas_example(open_data.app_base(views.current_link(), "data-sources")), language=None,
        wrap_lines=True)
rebuilds = changelog.read(config.DATA_DIR / "CHANGELOG.md", latest=1)
st.markdown(open_data.licence_markdown())
st.markdown(open_data.changes_markdown(sources.release_date_words(rebuilds[0].date) if rebuilds else None))
st.markdown(f"**Spreadsheets.** {open_data.FORMULA_RULE}")

st.subheader("What's new")
views.whats_new(catalogue)

st.subheader("Indicators")
st.dataframe(
    data_sources_charts.indicator_definitions(catalogue),
    hide_index=True,
    width="stretch",
    column_config={"url": st.column_config.LinkColumn("Source link"), "publisher": "Source",
                   "released": "Released", "status": "Status"},
)

st.subheader("Known gaps")
if catalogue.known_gaps is not None and len(catalogue.known_gaps):
    st.markdown(
        "Figures a reader would expect here that none of the dashboard's inputs holds. They are shown as not "
        "available rather than estimated; each is published as below."
    )
    views.show_table(catalogue.known_gaps.rename(columns={
        "topic": "Not available", "why_it_matters": "Why it matters", "published_by": "Published by",
        "publication": "Publication", "note": "Note",
    }))

st.subheader("Sources")
st.dataframe(
    catalogue.sources[["publisher", "title", "url", "licence", "published", "accessed", "notes"]],
    hide_index=True,
    width="stretch",
    column_config={"url": st.column_config.LinkColumn("Address")},
)

st.subheader("Boundaries")
st.markdown(
    "Maps are drawn from our own boundary file, built from the Office for National Statistics' super "
    "generalised local authority boundaries as they stand in 2025: regions, upper-tier areas (North and West "
    "Northamptonshire as two areas since April 2021) and districts, with each integrated care board dissolved "
    "from its upper-tier areas. " + geo.attribution
)
