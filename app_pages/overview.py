"""Overview: the headline figures of each theme and the Midlands' NHS geography."""

import streamlit as st

from dashboard import find_your_area, views
from dashboard.charts import overview as overview_charts

catalogue = views.catalogue()
geo = views.boundaries()
views.ignore_url()

st.header("Overview")
find_your_area.postcode_box(catalogue)
columns = st.columns(4)
for i, item in enumerate(overview_charts.overview_headlines(catalogue)):
    views.kpi(columns[i % 4], item["label"], item["text"], item["caption"])

sections = [
    (overview_charts.overview_map(catalogue, geo), "app_pages/nhs.py", "NHS coverage"),
    (overview_charts.overview_cluster_jobs(catalogue), "app_pages/clusters.py", "Industry clusters"),
    (overview_charts.overview_research(catalogue), "app_pages/research.py", "Research scale"),
    (overview_charts.overview_life_expectancy_gap(catalogue), "app_pages/inequalities.py", "Health inequalities"),
]
for row_start in range(0, len(sections), 2):
    for column, (chart, page, label) in zip(st.columns([1, 1]), sections[row_start:row_start + 2]):
        with column:
            if chart is not None:
                views.chart_block(chart, catalogue)
            st.page_link(page, label=label, icon=":material/arrow_forward:")
