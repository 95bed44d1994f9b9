"""Research scale: research spend and where the Midlands' research infrastructure is."""

import streamlit as st

from dashboard import views
from dashboard.charts import research as research_charts

catalogue = views.catalogue()
geo = views.boundaries()

st.header("Research scale")
view = views.controls("research", catalogue)
facts = research_charts.headlines(catalogue, "research")

money_and_skills = facts[facts["unit"].isin(["gbp_million", "gbp_billion", "percent"])]
columns = st.columns(max(1, len(money_and_skills)))
for column, row in zip(columns, money_and_skills.itertuples()):
    views.kpi(column, row.label, row.compact, row.caption)

left, right = st.columns([1, 1])
with left:
    views.chart_block(research_charts.research_map(catalogue, geo, view["type"]), catalogue)
with right:
    counts = research_charts.research_by_city_and_type(catalogue, view["type"])
    if counts is not None:
        views.chart_block(counts, catalogue)

infrastructure = research_charts.research_infrastructure(catalogue)
if infrastructure is not None:
    st.subheader("Research infrastructure as the partners count it")
    views.chart_block(infrastructure, catalogue)

counted = set(infrastructure.table["indicator_id"]) if infrastructure is not None else set()
others = facts[~facts.index.isin(money_and_skills.index) & ~facts["indicator_id"].isin(counted)]
if not others.empty:
    st.subheader("Research commercialisation and networks")
    columns = st.columns(min(4, len(others)))
    for i, row in enumerate(others.itertuples()):
        views.kpi(columns[i % len(columns)], row.label, row.compact, row.caption)
