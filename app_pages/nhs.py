"""NHS coverage: the Midlands' integrated care boards and the scale of NHS provision."""

import streamlit as st

from dashboard import analysis, views
from dashboard.figures import bars, maps

catalogue = views.catalogue()
geo = views.boundaries()

st.header("NHS coverage")
view = views.controls("nhs", catalogue)
icbs = analysis.icb_table(catalogue)
chosen = None if view["icb"] == "all" else view["icb"]

facts = analysis.headlines(catalogue, "nhs")
if not facts.empty:
    columns = st.columns(min(4, len(facts)))
    for i, row in enumerate(facts.itertuples()):
        views.kpi(columns[i % len(columns)], row.label, row.compact, row.caption)

left, right = st.columns([1, 1])
with left:
    map_rows = icbs.rename(columns={"area_code": "code", "area_name": "name"})
    map_rows["hover"] = map_rows["name"] + " — " + map_rows["upper_tier_areas"]
    title = (
        f"{catalogue.area_name(chosen)} is one of {len(icbs)} integrated care boards in the Midlands"
        if chosen else f"The Midlands is covered by {len(icbs)} integrated care boards"
    )
    fig = maps.build_icb_region_map(
        geo.features("icb"), geo.features("region"), map_rows, title, geo.bounds(), highlight=[chosen] if chosen else None
    )
    views.chart_block(
        fig, map_rows, key="nhs-icb-map", catalogue=catalogue,
        summary="Each ICB is coloured by its ONS region; hover for the upper-tier areas it covers.",
        source="Boundaries: Made with Natural Earth, dissolved from upper-tier areas. ICB membership: data/areas.csv.",
        table_columns={"name": "ICB", "region_name": "Region", "upper_tier_areas": "Upper-tier areas"},
    )
with right:
    shown = icbs if chosen is None else icbs[icbs["area_code"] == chosen]
    st.subheader("Integrated care boards" if chosen is None else catalogue.area_name(chosen))
    columns = {"area_name": "ICB", "area_code": "Code", "region_name": "Region", "upper_tier_areas": "Upper-tier areas"}
    if "population" in shown.columns:
        columns |= {"population": "Population", "population_period": "Year"}
    st.dataframe(shown[list(columns)].rename(columns=columns), hide_index=True, width="stretch")
    if "population" in icbs.columns and icbs["population"].notna().any():
        ranked = icbs.dropna(subset=["population"]).assign(label=lambda t: t["area_name"].str.replace(" Integrated Care Board", ""))
        ranked["text"] = ranked["population"].map(lambda v: f"{v:,.0f}")
        ranked["value"] = ranked["population"]
        ranked = ranked.sort_values("value", ascending=False)
        biggest = ranked.iloc[0]
        fig = bars.build_bar(ranked, f"{biggest['label']} serves the most people of the Midlands ICBs", "people")
        views.chart_block(
            fig, ranked, key="nhs-icb-population", catalogue=catalogue,
            summary=f"ICB populations range from {ranked['value'].min():,.0f} to {ranked['value'].max():,.0f}.",
            source=analysis.source_line(catalogue, ranked["source_id"], ", ".join(ranked["population_period"].unique())),
            table_columns={"label": "ICB", "text": "Population", "population_period": "Year"},
        )
