"""Research scale: research spend and the clinical research infrastructure of the Midlands."""

import streamlit as st

from dashboard import analysis, views
from dashboard.figures import bars

catalogue = views.catalogue()
views.ignore_url()

st.header("Research scale")
facts = analysis.headlines(catalogue, "research")
if facts.empty:
    st.info("No research figures are in the catalogue yet: not available.")
    st.stop()

infrastructure = analysis.research_infrastructure(catalogue)
money_and_skills = facts[facts["unit"].isin(["gbp_million", "gbp_billion", "percent"])]
columns = st.columns(max(1, len(money_and_skills)))
for column, row in zip(columns, money_and_skills.itertuples()):
    views.kpi(column, row.label, row.compact, row.caption)

if not infrastructure.empty:
    fig = bars.build_bar(
        infrastructure,
        "The Midlands hosts " + ", ".join(f"{r.text} {r.label}" for r in infrastructure.itertuples()),
        "number",
    )
    views.chart_block(
        fig, infrastructure, key="research-infrastructure", catalogue=catalogue,
        summary="Counts of research infrastructure as the Midlands partners state them.",
        source=analysis.source_line(catalogue, infrastructure["source_id"], ", ".join(sorted(infrastructure["period"].unique()))),
        table_columns={"label": "Infrastructure", "text": "Number", "area_name": "Stated for", "period": "Period"},
    )

others = facts[~facts.index.isin(money_and_skills.index) & ~facts["indicator_id"].isin(infrastructure["indicator_id"])]
if not others.empty:
    st.subheader("Research commercialisation and networks")
    columns = st.columns(min(4, len(others)))
    for i, row in enumerate(others.itertuples()):
        views.kpi(columns[i % len(columns)], row.label, row.compact, row.caption)
