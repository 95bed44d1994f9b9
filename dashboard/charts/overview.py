"""The Overview page's charts: the regions and ICBs on a map, one chart per theme, and the
headline cards."""

from __future__ import annotations

from dashboard.analysis import clusters, inequalities, nhs, research, sources
from dashboard.analysis import headlines as headline_figures
from dashboard.catalogue import Catalogue
from dashboard.charts.base import BOUNDARIES_SOURCE_ID, Chart, rows_source, with_boundaries
from dashboard.figures import bars, maps
from dashboard.geography import Boundaries
from dashboard.memo import shared


@shared
def overview_map(catalogue: Catalogue, geo: Boundaries) -> Chart:
    icbs = nhs.icb_table(catalogue).rename(columns={"area_code": "code", "area_name": "name"})
    icbs["hover"] = icbs["name"] + " — " + icbs["upper_tier_areas"]
    fig = maps.build_icb_region_map(
        geo.features("icb"), geo.features("region"), icbs,
        f"Two regions, {len(icbs)} integrated care boards, {len(geo.codes('utla'))} upper-tier areas on the map",
        geo.bounds(),
    )
    return Chart(
        "overview-map", fig, icbs,
        summary="The East and West Midlands regions and the integrated care boards that cover them.",
        source=with_boundaries("ICB membership: data/areas.csv.", geo),
        table_columns={"name": "ICB", "region_name": "Region", "upper_tier_areas": "Upper-tier areas"},
        extra_source_ids=(BOUNDARIES_SOURCE_ID,),
    )


@shared
def overview_cluster_jobs(catalogue: Catalogue) -> Chart | None:
    jobs = clusters.cluster_metric(catalogue, "cluster_jobs")
    if jobs.empty:
        return None
    fig = bars.build_bar(jobs, f"{jobs.iloc[0]['label']}: {jobs.iloc[0]['text']} jobs", "jobs")
    return Chart(
        "overview-cluster-jobs", fig, jobs,
        summary="Jobs in each Midlands cluster as its report states them; clusters overlap, so they do not add up.",
        source=rows_source(catalogue, jobs),
        table_columns={"label": "Cluster", "text": "Jobs", "period": "Period"},
    )


@shared
def overview_research(catalogue: Catalogue) -> Chart | None:
    counts = research.research_infrastructure(catalogue)
    if counts.empty:
        return None
    fig = bars.build_bar(counts, research.infrastructure_title(counts), "number")
    return Chart(
        "overview-research", fig, counts,
        summary="; ".join(f"{r.label}: {r.text} ({r.area_name}, {r.period})" for r in counts.itertuples()) + ".",
        source=sources.source_line(catalogue, counts["source_id"]),
        table_columns={"label": "Item", "text": "Number", "area_name": "Stated for", "period": "Period"},
    )


@shared
def overview_life_expectancy_gap(catalogue: Catalogue) -> Chart | None:
    gaps = inequalities.gap_by_sex(catalogue, "life_expectancy_birth")
    if gaps.empty:
        return None
    widest = gaps.loc[gaps["gap"].idxmax()]
    fig = bars.build_gap_chart(
        gaps,
        f"Life expectancy differs by {widest['gap']:.1f} years between {widest['low_name']} and "
        f"{widest['high_name']} ({widest['series'].lower()})",
        "years",
    )
    return Chart(
        "overview-life-expectancy-gap", fig, gaps,
        summary=" ".join(
            f"{r.series}: {r.low_value:.1f} years in {r.low_name} to {r.high_value:.1f} in {r.high_name}; "
            f"England {r.england_value:.1f}." for r in gaps.itertuples()
        ),
        source=sources.source_line(catalogue, gaps["source_id"], ", ".join(gaps["period"].unique()), "higher_is_better"),
        table_columns={"series": "Sex, period", "low_name": "Lowest area", "low_value": "Lowest",
                       "high_name": "Highest area", "high_value": "Highest", "england_value": "England"},
    )


@shared
def overview_headlines(catalogue: Catalogue) -> tuple[dict, ...]:
    return tuple(
        headline_figures.headline(catalogue, indicator_id, area_code, label)
        for indicator_id, area_code, label in headline_figures.OVERVIEW_HEADLINES
    )
