"""NHS coverage: the Midlands' integrated care boards, their trusts and the scale of NHS provision."""

import streamlit as st

from dashboard import analysis, views
from dashboard.catalogue import TRUST_TYPE_LABELS
from dashboard.figures import bars, maps

catalogue = views.catalogue()
geo = views.boundaries()

st.header("NHS coverage")
view = views.controls("nhs", catalogue)
chosen = None if view["icb"] == "all" else view["icb"]
counts = analysis.icb_trust_counts(catalogue)
trusts = analysis.trusts(catalogue, chosen)
trust_source = analysis.source_line(catalogue, catalogue.trusts["source_id"].unique())

left, right = st.columns([1, 1])
with left:
    polygons = counts.rename(columns={"area_code": "code"}).assign(value=lambda t: t["trusts"])
    polygons["hover"] = (
        polygons["area_name"] + ": " + polygons["trusts"].astype(str) + " trusts headquartered here — "
        + polygons["upper_tier_areas"]
    )
    most = polygons.loc[polygons["trusts"].idxmax()]
    fig = maps.build_choropleth(
        geo.features("icb"), polygons,
        f"{most['area_name'].replace(' Integrated Care Board', ' ICB')} has the most NHS trust headquarters "
        f"({most['trusts']}) of the {len(polygons)} Midlands ICBs",
        "trusts", geo.bounds(), highlight=[chosen] if chosen else None,
    )
    views.chart_block(
        fig, polygons, key="nhs-icb-map", catalogue=catalogue, select_into=("nhs.icb", frozenset(counts["area_code"])),
        summary=(
            f"{int(polygons['trusts'].sum())} trusts across {len(polygons)} ICBs; click an ICB to focus the page on it. "
            "Counts are of headquarters: ambulance and some mental-health trusts serve more than one ICB."
        ),
        source=trust_source + " Boundaries: Made with Natural Earth.",
        table_columns={"area_name": "ICB", "trusts": "Trusts", "acute_trusts": "Acute",
                       "upper_tier_areas": "Upper-tier areas"},
    )
with right:
    points = trusts.assign(category=trusts["trust_type"], hover=trusts["name"] + " (" + trusts["type"] + ")")
    located = int(points["located"].sum())
    where = catalogue.area_name(chosen) if chosen else "the Midlands"
    fig = maps.build_point_map(
        geo.features("icb"), points, f"{len(points)} NHS trusts in {where}, by type", geo.bounds(),
        TRUST_TYPE_LABELS, highlight=[chosen] if chosen else None,
    )
    views.chart_block(
        fig, points, key="nhs-trust-map", catalogue=catalogue,
        summary=(
            f"{located} of {len(points)} trusts are on the map at their headquarters; "
            f"{len(points) - located} have no sourced location and are listed in the table only."
        ),
        source=trust_source,
        table_columns={"name": "Trust", "ods_code": "ODS code", "type": "Type", "icb_name": "ICB", "city": "Town"},
    )

ranked = counts.assign(
    code=counts["area_code"], value=counts["trusts"], text=counts["trusts"].astype(str),
    label=counts["area_name"].str.replace(" Integrated Care Board", " ICB"),
).sort_values(["value", "label"], ascending=[False, True])
fig = bars.build_bar(
    ranked, f"Trust headquarters per ICB: from {ranked['value'].max()} down to {ranked['value'].min()}", "trusts",
)
views.chart_block(
    fig, ranked, key="nhs-trusts-per-icb", catalogue=catalogue, select_into=("nhs.icb", frozenset(counts["area_code"])),
    summary="Click a bar (or an ICB on the map) to focus the page on that ICB.",
    source=trust_source,
    table_columns={"label": "ICB", "value": "Trusts", "acute_trusts": "Acute"},
)

st.subheader("Integrated care boards" if chosen is None else catalogue.area_name(chosen))
shown = counts if chosen is None else counts[counts["area_code"] == chosen]
columns = {"area_name": "ICB", "area_code": "Code", "region_name": "Region", "upper_tier_areas": "Upper-tier areas",
           "trusts": "Trusts", **{f"{t}_trusts": label for t, label in TRUST_TYPE_LABELS.items()}}
has_population = "population" in shown.columns
if has_population:
    columns |= {"population": "Population", "population_period": "Year"}
views.show_table(shown[list(columns)].rename(columns=columns))
st.caption(views.md(
    trust_source + " ICB membership: data/areas.csv."
    + ("" if has_population else " ICB populations are not available: no official extract could be sourced.")
))

facts = analysis.headlines(catalogue, "nhs", area_types=("midlands", "organisation"))
if not facts.empty:
    st.subheader("NHS scale as the Midlands partners state it")
    columns = st.columns(min(4, len(facts)))
    for i, row in enumerate(facts.itertuples()):
        views.kpi(columns[i % len(columns)], row.label, row.compact, row.caption)
