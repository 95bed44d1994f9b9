"""The Clusters page's charts: one metric across the clusters, each cluster's share of the UK,
business growth since 2013, every metric side by side, and the official regional economy figures
beside them."""

from __future__ import annotations

import pandas as pd

from dashboard import economy, stats
from dashboard.analysis import clusters, sources
from dashboard.catalogue import Catalogue
from dashboard.charts.base import Chart, rows_source
from dashboard.figures import bars
from dashboard.memo import shared


@shared
def cluster_metric(catalogue: Catalogue, metric: str) -> Chart:
    indicator = catalogue.indicator(metric)
    table = clusters.cluster_metric(catalogue, metric)
    missing = sorted(set(catalogue.areas_of_type("cluster")["area_name"]) - set(table["label"]))
    fig = bars.build_bar(table, clusters.cluster_title(table, indicator), stats.UNIT_LABELS[indicator["unit"]])
    return Chart(
        "clusters-metric", fig, table,
        summary=indicator["definition"] + (f" Not available for: {', '.join(missing)}." if missing else ""),
        source=rows_source(catalogue, table),
        table_columns={"label": "Cluster", "text": "Value", "period": "Period"},
    )


@shared
def regional_economy(catalogue: Catalogue, metric: str) -> Chart:
    """One official regional measure across England's nine regions, the Midlands highlighted."""
    indicator = catalogue.indicator(metric)
    table = economy.regional_ranking(catalogue, metric)
    table = table.assign(highlight=table["midlands"], region=table["midlands"].map({True: "Midlands", False: ""}))
    period = table["period"].iloc[0] if len(table) else None
    england = economy.england_value(catalogue, metric, period) if period else None
    fig = bars.build_bar(table, economy.ranking_title(table, indicator), stats.UNIT_LABELS[indicator["unit"]])
    england_words = (f" England's figure is {stats.format_value(england, indicator['unit'])}." if england is not None
                     else " The publisher gives no England figure in this release.")
    return Chart(
        "clusters-regional-economy", fig, table,
        summary=f"{indicator['definition']} The two Midlands regions are in colour, the other English regions in "
        f"grey.{england_words}",
        source=sources.source_line(catalogue, table["source_id"], period, indicator["polarity"]) + " Official statistics.",
        table_columns={"label": "Region", "text": "Value", "rank": "Rank of the regions", "region": "Midlands"},
    )


@shared
def regional_economy_table(catalogue: Catalogue) -> pd.DataFrame:
    return economy.summary_table(catalogue)


@shared
def regional_economy_source(catalogue: Catalogue) -> str:
    table = economy.summary_table(catalogue)
    return ("Each value with its rank among the nine English regions (1st = highest). "
            + sources.source_line(catalogue, table["source_id"] if len(table) else []))


def _listed(lead: str, shares: pd.DataFrame) -> str:
    """' Above it: <cluster>, <metric> <share>; ….' or nothing when no share is listed."""
    if shares.empty:
        return ""
    return lead + "; ".join(f"{row.series}, {stats.mid_sentence(row.label)} {row.text}" for row in shares.itertuples()) + "."


@shared
def cluster_uk_shares(catalogue: Catalogue) -> Chart:
    shares = clusters.cluster_uk_shares(catalogue)
    population = clusters.midlands_population_share(catalogue)
    reference = (
        (f"Midlands share of UK population, mid-{population['period']} ({population['share']:.1f}%)", population["share"])
        if population else None
    )
    title, placed = "The Midlands' share of each cluster's UK total", ""
    if population:
        where = clusters.against_reference(shares, population["share"])
        above = shares[where == clusters.ABOVE]
        unplaced = shares[where == clusters.NOT_KNOWN]
        title = (f"{len(above)} of the {len(shares)} cluster shares are above the Midlands' "
                 f"{population['share']:.1f}% share of the UK's people")
        placed = _listed(" Above it: ", above)
        if len(unplaced):
            title += (f"; 1 is given only as '{unplaced['text'].iloc[0]}'" if len(unplaced) == 1
                      else f"; {len(unplaced)} are given only as approximate figures")
            placed += _listed(" Cannot be placed against it: ", unplaced)
    fig = bars.build_grouped_bar(shares, title, "% of UK", reference)
    return Chart(
        "clusters-uk-share", fig, shares,
        extra_source_ids=tuple(population["source_ids"]) if population else (),
        summary=(
            f"A bar beyond the dashed line means the Midlands holds more of that cluster than its "
            f"{population['share']:.1f}% share of the UK's people (East plus West Midlands over the UK, "
            f"computed from ONS mid-{population['period']} estimates).{placed}"
            if population else
            "The Midlands' share of the UK population is not available (no sourced ONS estimate), so no "
            "reference line is drawn."
        ),
        source=sources.source_line(catalogue, [*shares["source_id"], *(population["source_ids"] if population else [])]),
        table_columns={"series": "Cluster", "label": "Metric", "text": "Share of UK", "period": "Period"},
    )


@shared
def cluster_growth(catalogue: Catalogue) -> Chart | None:
    growth = clusters.cluster_metric(catalogue, "cluster_business_growth_since_2013")
    if growth.empty:
        return None
    top = growth.iloc[0]
    fig = bars.build_bar(
        growth, f"{top['label']}: business numbers up {top['text']} since 2013", "% growth since 2013",
        colour="#28A197",
    )
    return Chart(
        "clusters-growth", fig, growth,
        summary=catalogue.indicator("cluster_business_growth_since_2013")["definition"],
        source=rows_source(catalogue, growth),
        table_columns={"label": "Cluster", "text": "Growth since 2013", "period": "Period"},
    )


cluster_matrix = shared(clusters.cluster_matrix)


@shared
def cluster_matrix_source(catalogue: Catalogue) -> str:
    rows = catalogue.values.loc[catalogue.values["area_type"] == "cluster", "source_id"]
    return sources.source_line(catalogue, rows) + (
        " Figures are as the cluster reports state them; 'not available' where a report gives no figure."
    )
