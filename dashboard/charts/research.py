"""The Research scale page's charts: the map of research institutions, their counts by city and
type, and the research infrastructure the partners state."""

from __future__ import annotations

from dashboard.analysis import headlines as headline_figures
from dashboard.analysis import research, sources
from dashboard.catalogue import INSTITUTION_TYPE_LABELS, Catalogue
from dashboard.charts.base import BOUNDARIES_SOURCE_ID, Chart, rows_source, with_boundaries
from dashboard.figures import bars, maps
from dashboard.geography import Boundaries
from dashboard.memo import shared

institutions = shared(research.institutions)


def _type_words(institution_type: str) -> str:
    return "all types" if institution_type == "all" else INSTITUTION_TYPE_LABELS[institution_type]


@shared
def research_map(catalogue: Catalogue, geo: Boundaries, institution_type: str) -> Chart:
    places = institutions(catalogue, institution_type)
    points = places.assign(
        category=places["institution_type"],
        hover=places["name"] + " — " + places["type"] + places["host"].map(lambda h: f", hosted by {h}" if h else ""),
    )
    located = int(points["located"].sum())
    fig = maps.build_point_map(
        geo.features("region"), points,
        f"{len(points)} research institutions and facilities in the Midlands ({_type_words(institution_type)})",
        geo.bounds(), INSTITUTION_TYPE_LABELS,
    )
    return Chart(
        "research-map", fig, points,
        summary=(
            f"{located} of {len(points)} are on the map; units hosted by a hospital or university are drawn at "
            "their host's site, and markers sharing a site are fanned out around it so each shows. Those without "
            "a sourced location are listed in the table only."
        ),
        source=with_boundaries(sources.source_line(catalogue, places["source_id"].unique()), geo),
        table_columns={"name": "Name", "type": "Type", "host": "Host", "city": "City"},
        extra_source_ids=(BOUNDARIES_SOURCE_ID,),
    )


@shared
def research_by_city_and_type(catalogue: Catalogue, institution_type: str) -> Chart | None:
    places = institutions(catalogue, institution_type)
    if places.empty:
        return None
    counts = (
        places.groupby(["city", "institution_type"], as_index=False)
        .agg(value=("name", "size"), source_id=("source_id", "first"))
        .rename(columns={"city": "label", "institution_type": "category"})
    )
    counts["type"] = counts["category"].map(INSTITUTION_TYPE_LABELS)
    by_city = counts.groupby("label")["value"].sum().sort_values(ascending=False, kind="stable")
    by_type = counts.groupby("type")["value"].sum().sort_values(ascending=False, kind="stable")
    most = int(by_city.iloc[0])
    leaders = [str(city) for city, n in by_city.items() if n == most]
    lead = (
        f"{leaders[0]} has the most ({most})" if len(leaders) == 1
        else f"{', '.join(leaders[:-1])} and {leaders[-1]} have {most} each"
    )
    fig = bars.build_stacked_bar(
        counts, f"{lead} of the {len(places)} listed ({_type_words(institution_type)})", "number", INSTITUTION_TYPE_LABELS,
    )
    return Chart(
        "research-by-city-and-type", fig, counts.sort_values(["label", "type"]),
        summary=(
            "By city: " + "; ".join(f"{city} {n}" for city, n in by_city.items()) + ". "
            "By type: " + "; ".join(f"{kind} {n}" for kind, n in by_type.items()) + "."
        ),
        source=sources.source_line(catalogue, places["source_id"].unique()),
        table_columns={"label": "City", "type": "Type", "value": "Number"},
    )


@shared
def research_infrastructure(catalogue: Catalogue) -> Chart | None:
    infrastructure = research.research_infrastructure(catalogue)
    if infrastructure.empty:
        return None
    fig = bars.build_bar(
        infrastructure,
        research.infrastructure_title(infrastructure),
        "number",
    )
    return Chart(
        "research-infrastructure", fig, infrastructure,
        summary=(
            "These are the partners' own counts; the list above holds the units that could be individually "
            "verified, so the two can differ."
        ),
        source=rows_source(catalogue, infrastructure),
        table_columns={"label": "Infrastructure", "text": "Number", "area_name": "Stated for", "period": "Period"},
    )


headlines = shared(headline_figures.headlines)  # the research figures the partners state
