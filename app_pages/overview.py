"""Overview: the headline figures of each theme and the Midlands' NHS geography."""

import streamlit as st

from dashboard import analysis, views
from dashboard.figures import bars, maps

catalogue = views.catalogue()
geo = views.boundaries()
views.ignore_url()

st.header("Overview")
columns = st.columns(4)
for i, (indicator_id, area_code, label) in enumerate(analysis.OVERVIEW_HEADLINES):
    item = analysis.headline(catalogue, indicator_id, area_code, label)
    views.kpi(columns[i % 4], item["label"], item["text"], item["caption"])

left, right = st.columns([1, 1])
with left:
    icbs = analysis.icb_table(catalogue).rename(columns={"area_code": "code", "area_name": "name"})
    icbs["hover"] = icbs["name"] + " — " + icbs["upper_tier_areas"]
    fig = maps.build_icb_region_map(
        geo.features("icb"), geo.features("region"), icbs,
        f"Two regions, {len(icbs)} integrated care boards, {len(geo.codes('utla'))} upper-tier areas on the map",
        geo.bounds(),
    )
    views.chart_block(
        fig, icbs, key="overview-map", catalogue=catalogue,
        summary="The East and West Midlands regions and the integrated care boards that cover them.",
        source="Boundaries: Made with Natural Earth (public domain). ICB membership: data/areas.csv.",
        table_columns={"name": "ICB", "region_name": "Region", "upper_tier_areas": "Upper-tier areas"},
    )
    st.page_link("app_pages/nhs.py", label="NHS coverage", icon=":material/arrow_forward:")
with right:
    jobs = analysis.cluster_metric(catalogue, "cluster_jobs")
    if not jobs.empty:
        fig = bars.build_bar(jobs, f"{jobs.iloc[0]['label']}: {jobs.iloc[0]['text']} jobs", "jobs")
        views.chart_block(
            fig, jobs, key="overview-cluster-jobs", catalogue=catalogue,
            summary="Jobs in each Midlands cluster as its report states them; clusters overlap, so they do not add up.",
            source=analysis.source_line(catalogue, jobs["source_id"], ", ".join(sorted(jobs["period"].unique()))),
            table_columns={"label": "Cluster", "text": "Jobs", "period": "Period"},
        )
    st.page_link("app_pages/clusters.py", label="Industry clusters", icon=":material/arrow_forward:")

left, right = st.columns([1, 1])
with left:
    counts = analysis.research_infrastructure(catalogue)
    if not counts.empty:
        fig = bars.build_bar(counts, "Research infrastructure stated by Midlands partners", "number")
        views.chart_block(
            fig, counts, key="overview-research", catalogue=catalogue,
            summary="; ".join(f"{r.label}: {r.text} ({r.area_name}, {r.period})" for r in counts.itertuples()) + ".",
            source=analysis.source_line(catalogue, counts["source_id"]),
            table_columns={"label": "Item", "text": "Number", "area_name": "Stated for", "period": "Period"},
        )
    st.page_link("app_pages/research.py", label="Research scale", icon=":material/arrow_forward:")
with right:
    gaps = analysis.gap_by_sex(catalogue, "life_expectancy_birth")
    if not gaps.empty:
        widest = gaps.loc[gaps["gap"].idxmax()]
        fig = bars.build_gap_chart(
            gaps,
            f"Life expectancy differs by {widest['gap']:.1f} years between {widest['low_name']} and "
            f"{widest['high_name']} ({widest['series'].lower()})",
            "years",
        )
        views.chart_block(
            fig, gaps, key="overview-life-expectancy-gap", catalogue=catalogue,
            summary=" ".join(
                f"{r.series}: {r.low_value:.1f} years in {r.low_name} to {r.high_value:.1f} in {r.high_name}; "
                f"England {r.england_value:.1f}." for r in gaps.itertuples()
            ),
            source=analysis.source_line(catalogue, gaps["source_id"], ", ".join(gaps["period"].unique()), "higher_is_better"),
            table_columns={"series": "Sex, period", "low_name": "Lowest area", "low_value": "Lowest",
                           "high_name": "Highest area", "high_value": "Highest", "england_value": "England"},
        )
    st.page_link("app_pages/inequalities.py", label="Health inequalities", icon=":material/arrow_forward:")
