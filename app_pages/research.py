"""Research scale: research spend and where the Midlands' research infrastructure is."""

import streamlit as st

from dashboard import analysis, views
from dashboard.catalogue import INSTITUTION_TYPE_LABELS
from dashboard.figures import bars, maps

catalogue = views.catalogue()
geo = views.boundaries()

st.header("Research scale")
view = views.controls("research", catalogue)
facts = analysis.headlines(catalogue, "research")

money_and_skills = facts[facts["unit"].isin(["gbp_million", "gbp_billion", "percent"])]
columns = st.columns(max(1, len(money_and_skills)))
for column, row in zip(columns, money_and_skills.itertuples()):
    views.kpi(column, row.label, row.compact, row.caption)

places = analysis.institutions(catalogue, view["type"])
chosen = "all types" if view["type"] == "all" else INSTITUTION_TYPE_LABELS[view["type"]]
place_source = analysis.source_line(catalogue, places["source_id"].unique())
left, right = st.columns([1, 1])
with left:
    points = places.assign(
        category=places["institution_type"],
        hover=places["name"] + " — " + places["type"] + places["host"].map(lambda h: f", hosted by {h}" if h else ""),
    )
    located = int(points["located"].sum())
    fig = maps.build_point_map(
        geo.features("region"), points,
        f"{len(points)} research institutions and facilities in the Midlands ({chosen})",
        geo.bounds(), INSTITUTION_TYPE_LABELS,
    )
    views.chart_block(
        fig, points, key="research-map", catalogue=catalogue,
        summary=(
            f"{located} of {len(points)} are on the map; units hosted by a hospital or university are drawn at "
            "their host's site. Those without a sourced location are listed in the table only."
        ),
        source=place_source + " Boundaries: Made with Natural Earth.",
        table_columns={"name": "Name", "type": "Type", "host": "Host", "city": "City"},
    )
with right:
    by_type = analysis.count_by(places.assign(label=places["type"]), "label")
    fig = bars.build_bar(by_type, f"{len(places)} institutions and facilities listed, by type", "number")
    views.chart_block(
        fig, by_type, key="research-by-type", catalogue=catalogue,
        summary="; ".join(f"{r.label}: {r.value}" for r in by_type.itertuples()) + ".",
        source=place_source, table_columns={"label": "Type", "value": "Number"},
    )
    by_city = analysis.count_by(places, "city")
    fig = bars.build_bar(
        by_city, f"{by_city.iloc[0]['label']} has the most ({by_city.iloc[0]['value']}) of those listed", "number"
    )
    views.chart_block(
        fig, by_city, key="research-by-city", catalogue=catalogue,
        summary="; ".join(f"{r.label}: {r.value}" for r in by_city.itertuples()) + ".",
        source=place_source, table_columns={"label": "City", "value": "Number"},
    )

infrastructure = analysis.research_infrastructure(catalogue)
if not infrastructure.empty:
    st.subheader("Research infrastructure as the partners count it")
    fig = bars.build_bar(
        infrastructure,
        "The partners state " + ", ".join(f"{r.text} {r.label}" for r in infrastructure.itertuples()),
        "number",
    )
    views.chart_block(
        fig, infrastructure, key="research-infrastructure", catalogue=catalogue,
        summary=(
            "These are the partners' own counts; the list above holds the units that could be individually "
            "verified, so the two can differ."
        ),
        source=analysis.source_line(
            catalogue, infrastructure["source_id"], ", ".join(sorted(infrastructure["period"].unique()))
        ),
        table_columns={"label": "Infrastructure", "text": "Number", "area_name": "Stated for", "period": "Period"},
    )

others = facts[~facts.index.isin(money_and_skills.index) & ~facts["indicator_id"].isin(infrastructure["indicator_id"])]
if not others.empty:
    st.subheader("Research commercialisation and networks")
    columns = st.columns(min(4, len(others)))
    for i, row in enumerate(others.itertuples()):
        views.kpi(columns[i % len(columns)], row.label, row.compact, row.caption)
