"""Every chart a page shows: its figure, the rows behind it, its summary and its source line.

Each function is a pure function of the loaded data and a few of the view's values, so its
result is shared by every session that asks for the same view (``memo.shared``): a rerun
for a view someone has already seen costs no pandas or Plotly work. Pages decide where a
chart goes; these functions decide what it says. Results are shared: treat them as read-only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import json

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard import analysis, comparisons, economy, exports, stats
from dashboard.catalogue import INSTITUTION_TYPE_LABELS, TRUST_TYPE_LABELS, Catalogue
from dashboard.figures import bars, lines, maps, spine
from dashboard.geography import Boundaries
from dashboard.memo import shared
from dashboard.tables import SMALL_TABLE_ROWS, markdown_table

# The boundary file's entry in data/sources.csv, listed with every map's sources (briefing deck).
BOUNDARIES_SOURCE_ID = "ons_uk_topojson_boundaries"


def with_boundaries(source: str, geo: Boundaries) -> str:
    """A map's source line: its data's sources, then the notice the boundaries' publisher asks
    for, word for word (it is drawn under the map, in image footers and on briefing slides)."""
    return f"{source} {geo.attribution}"


def _rows_source(catalogue: Catalogue, rows: pd.DataFrame) -> str:
    """The source line of a chart's rows, with every period they cover."""
    return analysis.source_line(catalogue, rows["source_id"], ", ".join(sorted(rows["period"].unique())))


class SharedFigure(go.Figure):
    """A finished figure that many sessions show: turned into plain data and JSON text once.

    Encoding a figure (a deep copy, numpy arrays encoded, then Plotly's JSON encoder) was about
    half the server's time for a page of charts when it happened on every rerun. This figure
    does it once: ``to_dict`` for images and slides, ``to_json_text`` for the page. It is never
    changed after it is built, and nothing downstream changes what it hands out.
    """

    def to_dict(self) -> dict:
        plain = self.__dict__.get("_plain")
        if plain is None:
            plain = json.loads(pio.to_json(go.Figure.to_dict(self), validate=False))
            self.__dict__["_plain"] = plain
        return plain

    def to_json_text(self) -> str:
        text = self.__dict__.get("_json_text")
        if text is None:
            text = json.dumps(self.to_dict(), separators=(",", ":"))
            self.__dict__["_json_text"] = text
        return text


@dataclass(frozen=True)
class Chart:
    key: str
    figure: go.Figure
    table: pd.DataFrame  # the rows drawn, each with its source_id where it has one
    summary: str  # one line a reader can take away without the chart
    source: str  # the caption under the chart: source, period, polarity
    table_columns: dict[str, str] | None = None  # column → heading, for the table alternative
    extra_source_ids: tuple[str, ...] = field(default=())  # sources used beyond the rows' own
    # Derived once, when the chart is built, rather than on every rerun that shows it:
    shown: pd.DataFrame = field(init=False, repr=False)  # the table alternative, headed for readers
    shown_markdown: str | None = field(init=False, repr=False)  # it as Markdown, if small enough
    source_ids: tuple[str, ...] = field(init=False, repr=False)  # every source the chart uses
    title: str = field(init=False, repr=False)  # the figure's title on one line

    def __post_init__(self) -> None:
        if not isinstance(self.figure, SharedFigure):
            object.__setattr__(self, "figure", SharedFigure(self.figure))
        shown = self.table[list(self.table_columns)].rename(columns=self.table_columns) if self.table_columns else self.table
        shown = shown.reset_index(drop=True)
        rows = list(self.table["source_id"]) if "source_id" in self.table.columns else []
        object.__setattr__(self, "shown", shown)
        object.__setattr__(self, "shown_markdown", markdown_table(shown) if len(shown) <= SMALL_TABLE_ROWS else None)
        object.__setattr__(self, "source_ids", tuple(dict.fromkeys([*rows, *self.extra_source_ids])))
        object.__setattr__(self, "title", (self.figure.layout.title.text or "").replace("<br>", " "))


# --- overview ---------------------------------------------------------------------------


@shared
def overview_map(catalogue: Catalogue, geo: Boundaries) -> Chart:
    icbs = analysis.icb_table(catalogue).rename(columns={"area_code": "code", "area_name": "name"})
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
    jobs = analysis.cluster_metric(catalogue, "cluster_jobs")
    if jobs.empty:
        return None
    fig = bars.build_bar(jobs, f"{jobs.iloc[0]['label']}: {jobs.iloc[0]['text']} jobs", "jobs")
    return Chart(
        "overview-cluster-jobs", fig, jobs,
        summary="Jobs in each Midlands cluster as its report states them; clusters overlap, so they do not add up.",
        source=_rows_source(catalogue, jobs),
        table_columns={"label": "Cluster", "text": "Jobs", "period": "Period"},
    )


@shared
def overview_research(catalogue: Catalogue) -> Chart | None:
    counts = analysis.research_infrastructure(catalogue)
    if counts.empty:
        return None
    fig = bars.build_bar(counts, "Research infrastructure stated by Midlands partners", "number")
    return Chart(
        "overview-research", fig, counts,
        summary="; ".join(f"{r.label}: {r.text} ({r.area_name}, {r.period})" for r in counts.itertuples()) + ".",
        source=analysis.source_line(catalogue, counts["source_id"]),
        table_columns={"label": "Item", "text": "Number", "area_name": "Stated for", "period": "Period"},
    )


@shared
def overview_life_expectancy_gap(catalogue: Catalogue) -> Chart | None:
    gaps = analysis.gap_by_sex(catalogue, "life_expectancy_birth")
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
        source=analysis.source_line(catalogue, gaps["source_id"], ", ".join(gaps["period"].unique()), "higher_is_better"),
        table_columns={"series": "Sex, period", "low_name": "Lowest area", "low_value": "Lowest",
                       "high_name": "Highest area", "high_value": "Highest", "england_value": "England"},
    )


@shared
def overview_headlines(catalogue: Catalogue) -> tuple[dict, ...]:
    return tuple(
        analysis.headline(catalogue, indicator_id, area_code, label)
        for indicator_id, area_code, label in analysis.OVERVIEW_HEADLINES
    )


# --- clusters ---------------------------------------------------------------------------


@shared
def cluster_metric(catalogue: Catalogue, metric: str) -> Chart:
    indicator = catalogue.indicator(metric)
    table = analysis.cluster_metric(catalogue, metric)
    missing = sorted(set(catalogue.areas_of_type("cluster")["area_name"]) - set(table["label"]))
    fig = bars.build_bar(table, analysis.cluster_title(table, indicator), stats.UNIT_LABELS[indicator["unit"]])
    return Chart(
        "clusters-metric", fig, table,
        summary=indicator["definition"] + (f" Not available for: {', '.join(missing)}." if missing else ""),
        source=_rows_source(catalogue, table),
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
        source=analysis.source_line(catalogue, table["source_id"], period, indicator["polarity"]) + " Official statistics.",
        table_columns={"label": "Region", "text": "Value", "rank": "Rank of the regions", "region": "Midlands"},
    )


@shared
def regional_economy_table(catalogue: Catalogue) -> pd.DataFrame:
    return economy.summary_table(catalogue)


@shared
def regional_economy_source(catalogue: Catalogue) -> str:
    table = economy.summary_table(catalogue)
    return ("Each value with its rank among the nine English regions (1st = highest). "
            + analysis.source_line(catalogue, table["source_id"] if len(table) else []))


@shared
def cluster_uk_shares(catalogue: Catalogue) -> Chart:
    shares = analysis.cluster_uk_shares(catalogue)
    population = analysis.midlands_population_share(catalogue)
    reference = (
        (f"Midlands share of UK population, mid-{population['period']} ({population['share']:.1f}%)", population["share"])
        if population else None
    )
    fig = bars.build_grouped_bar(shares, "The Midlands' share of each cluster's UK total", "% of UK", reference)
    return Chart(
        "clusters-uk-share", fig, shares,
        extra_source_ids=tuple(population["source_ids"]) if population else (),
        summary=(
            f"A bar beyond the dashed line means the Midlands holds more of that cluster than its "
            f"{population['share']:.1f}% share of the UK's people (East plus West Midlands over the UK, "
            f"computed from ONS mid-{population['period']} estimates)."
            if population else
            "The Midlands' share of the UK population is not available (no sourced ONS estimate), so no "
            "reference line is drawn."
        ),
        source=analysis.source_line(catalogue, [*shares["source_id"], *(population["source_ids"] if population else [])]),
        table_columns={"series": "Cluster", "label": "Metric", "text": "Share of UK", "period": "Period"},
    )


@shared
def cluster_growth(catalogue: Catalogue) -> Chart | None:
    growth = analysis.cluster_metric(catalogue, "cluster_business_growth_since_2013")
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
        source=_rows_source(catalogue, growth),
        table_columns={"label": "Cluster", "text": "Growth since 2013", "period": "Period"},
    )


cluster_matrix = shared(analysis.cluster_matrix)


@shared
def cluster_matrix_source(catalogue: Catalogue) -> str:
    rows = catalogue.values.loc[catalogue.values["area_type"] == "cluster", "source_id"]
    return analysis.source_line(catalogue, rows) + (
        " Figures are as the cluster reports state them; 'not available' where a report gives no figure."
    )


# --- research scale ---------------------------------------------------------------------


institutions = shared(analysis.institutions)


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
            "their host's site, and dots sharing a site are fanned out around it so each shows. Those without "
            "a sourced location are listed in the table only."
        ),
        source=with_boundaries(analysis.source_line(catalogue, places["source_id"].unique()), geo),
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
        source=analysis.source_line(catalogue, places["source_id"].unique()),
        table_columns={"label": "City", "type": "Type", "value": "Number"},
    )


@shared
def research_infrastructure(catalogue: Catalogue) -> Chart | None:
    infrastructure = analysis.research_infrastructure(catalogue)
    if infrastructure.empty:
        return None
    fig = bars.build_bar(
        infrastructure,
        "The partners state " + ", ".join(f"{r.text} {r.label}" for r in infrastructure.itertuples()),
        "number",
    )
    return Chart(
        "research-infrastructure", fig, infrastructure,
        summary=(
            "These are the partners' own counts; the list above holds the units that could be individually "
            "verified, so the two can differ."
        ),
        source=_rows_source(catalogue, infrastructure),
        table_columns={"label": "Infrastructure", "text": "Number", "area_name": "Stated for", "period": "Period"},
    )


headlines = shared(analysis.headlines)


# --- NHS coverage -----------------------------------------------------------------------


def short_icb(name: str) -> str:
    return name.replace(" Integrated Care Board", " ICB")


icb_trust_counts = shared(analysis.icb_trust_counts)


def _icb_shading(counts: pd.DataFrame, shade: str) -> pd.DataFrame:
    """Per ICB: the value the map shades by, its label and hover text."""
    polygons = counts.rename(columns={"area_code": "code"})
    if shade == "trusts" or "population" not in polygons.columns:
        return polygons.assign(
            value=polygons["trusts"],
            hover=polygons["area_name"] + ": " + polygons["trusts"].astype(str) + " trusts headquartered here — "
            + polygons["upper_tier_areas"],
        )
    if shade == "population":
        value = polygons["population"]
        hover = [f"{name}: {v:,.0f} people (mid-{p})" for name, v, p in
                 zip(polygons["area_name"], value, polygons["population_period"])]
    else:
        value = polygons["population"] / polygons["acute_trusts"].where(polygons["acute_trusts"] > 0)
        hover = [f"{name}: {v:,.0f} people per acute trust ({a} acute)" if a else f"{name}: no acute trust"
                 for name, v, a in zip(polygons["area_name"], value, polygons["acute_trusts"])]
    return polygons.assign(value=value, hover=hover).dropna(subset=["value"])


@shared
def nhs_map(catalogue: Catalogue, geo: Boundaries, icb: str, shade: str = "trusts") -> Chart:
    """ICBs shaded by trust headquarters, population or people per acute trust, with the trusts
    on top as points by type."""
    chosen = None if icb == "all" else icb
    counts = icb_trust_counts(catalogue)
    polygons = _icb_shading(counts, shade)
    trusts = analysis.trusts(catalogue, chosen)
    points = trusts.assign(category=trusts["trust_type"], hover=trusts["name"] + " (" + trusts["type"] + ")")
    located = int(points["located"].sum())
    top = polygons.loc[polygons["value"].idxmax()]
    if chosen:
        title = f"{len(points)} NHS trusts are headquartered in {short_icb(catalogue.area_name(chosen))}"
    elif shade == "population":
        title = f"{short_icb(top['area_name'])} serves the most people ({top['value']:,.0f}) of the {len(polygons)} Midlands ICBs"
    elif shade == "per_acute_trust":
        title = (f"{short_icb(top['area_name'])} has the most people per acute trust ({top['value']:,.0f}) "
                 f"of the {len(polygons)} Midlands ICBs")
    else:
        title = (f"{short_icb(top['area_name'])} has the most NHS trust headquarters ({top['trusts']}) "
                 f"of the {len(polygons)} Midlands ICBs")
    shading_words = {"trusts": "the trusts headquartered in each ICB", "population": "each ICB's population",
                     "per_acute_trust": "each ICB's population per acute trust headquartered there"}
    source = analysis.source_line(catalogue, catalogue.trusts["source_id"].unique())
    if shade != "trusts" and "population_source_id" in polygons.columns:
        source = analysis.source_line(
            catalogue, [*catalogue.trusts["source_id"].unique(), *polygons["population_source_id"].dropna().unique()]
        ) + " Population: the sum of each ICB's upper-tier areas."
    fig = maps.build_choropleth(
        geo.features("icb"), polygons, title, {"trusts": "trusts", "population": "people",
                                               "per_acute_trust": "people per acute trust"}[shade], geo.bounds(),
        highlight=[chosen] if chosen else None, points=points, point_categories=TRUST_TYPE_LABELS,
    )
    return Chart(
        "nhs-map", fig, points,
        summary=(
            f"{int(counts['trusts'].sum())} trusts across {len(counts)} ICBs; shading shows {shading_words[shade]}, "
            f"and dots are the trusts{' of the chosen ICB' if chosen else ''} by type. "
            f"{located} of {len(points)} trusts have a sourced location; the rest are in the table only. "
            "Ambulance and some mental-health trusts serve more than one ICB. Click an ICB to focus the page on it."
        ),
        source=with_boundaries(source, geo),
        table_columns={"name": "Trust", "ods_code": "ODS code", "type": "Type", "icb_name": "ICB", "city": "Town"},
        extra_source_ids=(BOUNDARIES_SOURCE_ID,),
    )


@shared
def nhs_trusts_per_icb(catalogue: Catalogue) -> Chart:
    counts = icb_trust_counts(catalogue)
    ranked = counts.assign(
        code=counts["area_code"], value=counts["trusts"], text=counts["trusts"].astype(str),
        label=counts["area_name"].map(short_icb),
    ).sort_values(["value", "label"], ascending=[False, True])
    fig = bars.build_bar(
        ranked, f"Trust headquarters per ICB: from {ranked['value'].max()} down to {ranked['value'].min()}", "trusts",
    )
    return Chart(
        "nhs-trusts-per-icb", fig, ranked,
        summary="Click a bar (or an ICB on the map) to focus the page on that ICB.",
        source=analysis.source_line(catalogue, catalogue.trusts["source_id"].unique()),
        table_columns={"label": "ICB", "value": "Trusts", "acute_trusts": "Acute"},
    )


@shared
def icb_summary(catalogue: Catalogue, icb: str) -> tuple[pd.DataFrame, str]:
    """The ICB table (all, or the chosen one) as readers see it, and its caption."""
    counts = icb_trust_counts(catalogue)
    shown = counts if icb == "all" else counts[counts["area_code"] == icb]
    columns = {"area_name": "ICB", "area_code": "Code", "upper_tier_areas": "Upper-tier areas",
               "trusts": "Trusts", **{f"{t}_trusts": label for t, label in TRUST_TYPE_LABELS.items()}}
    caption = nhs_trusts_per_icb(catalogue).source + " ICB membership: data/areas.csv."
    if "population" in shown.columns:
        shown = shown.assign(
            per_acute=[f"{p / a:,.0f}" if a else "no acute trust" for p, a in zip(shown["population"], shown["acute_trusts"])],
            population=shown["population"].map(lambda v: f"{v:,.0f}"),
        )
        columns |= {"population": f"Population (mid-{shown['population_period'].iloc[0]})",
                    "per_acute": "People per acute trust"}
        ons = catalogue.source(counts["population_source_id"].dropna().iloc[0])
        caption += (
            f" Population: the sum of the {ons['publisher']} estimates ({ons['title']}) for each ICB's upper-tier "
            "areas, since every Midlands ICB is made of whole upper-tier areas. People per acute trust divides it "
            "by the acute trusts headquartered in the ICB."
        )
    else:
        caption += " ICB populations are not available: no official extract could be sourced."
    return shown[list(columns)].assign(area_name=shown["area_name"].map(short_icb)).rename(columns=columns), caption


# --- health inequalities ----------------------------------------------------------------


area_comparison = shared(analysis.area_comparison)


@shared
def inequalities_source(catalogue: Catalogue, indicator_id: str, sex: str, period: str, level: str = "utla") -> str:
    table = area_comparison(catalogue, indicator_id, sex, period, level)
    return analysis.source_line(catalogue, table["source_id"], period, catalogue.indicator(indicator_id)["polarity"])


@shared
def provenance(catalogue: Catalogue, indicator_id: str) -> str:
    return analysis.provenance(catalogue, indicator_id)


@shared
def gap_sentence(catalogue: Catalogue, indicator_id: str, sex: str, period: str, level: str = "utla") -> str:
    table = area_comparison(catalogue, indicator_id, sex, period, level)
    return analysis.gap_sentence(table, catalogue.indicator(indicator_id), sex, period)


@shared
def inequalities_map(catalogue: Catalogue, geo: Boundaries, indicator_id: str, sex: str, period: str,
                     level: str = "utla") -> Chart:
    indicator = catalogue.indicator(indicator_id)
    table = area_comparison(catalogue, indicator_id, sex, period, level)
    polygons = analysis.map_rows(table)
    fig = maps.build_choropleth(
        geo.features(level), polygons, analysis.map_title(table, indicator, sex, period),
        stats.UNIT_LABELS[indicator["unit"]], geo.bounds(),
        outlines=geo.features("utla") if level == "ltla" else None,
    )
    outlines = " Thicker lines are upper-tier areas." if level == "ltla" else ""
    return Chart(
        "inequalities-map", fig, polygons,
        summary="Darker areas have higher values; grey areas have no value for this selection." + outlines
        + _not_drawn(polygons, geo, level),
        source=with_boundaries(inequalities_source(catalogue, indicator_id, sex, period, level), geo),
        table_columns={"area_name": "Area", "text": "Value", "vs_england": "Compared with England"},
        extra_source_ids=(BOUNDARIES_SOURCE_ID,),
    )


def _not_drawn(rows: pd.DataFrame, geo: Boundaries, level: str) -> str:
    """Names of areas with a value but no outline on today's boundaries (a former county, in
    data published before its split), so the reader knows why they are in the table only."""
    missing = rows.loc[~rows["code"].isin(set(geo.codes(level))), "area_name"]
    return f" Not on the map (no current boundary; in the table): {', '.join(missing)}." if len(missing) else ""


def district_map(geo: Boundaries, table: pd.DataFrame, title: str, value_label: str, source: str,
                 key: str = "district-map") -> Chart:
    """Districts (lower-tier and unitary authorities) shaded by a value, upper-tier areas outlined.

    ``table``: one row per district with ``area_code``, ``area_name``, ``value``, ``text`` (the
    value as read) and ``source_id``; ``source`` is the data's source line.
    """
    rows = table.assign(code=table["area_code"], hover=table["area_name"] + ": " + table["text"])
    fig = maps.build_choropleth(
        geo.features("ltla"), rows, title, value_label, geo.bounds(), outlines=geo.features("utla"),
    )
    drawn = len(set(rows["code"]) & set(geo.codes("ltla")))
    return Chart(
        key, fig, rows,
        summary=(f"{drawn} of {len(geo.codes('ltla'))} districts have a value; darker districts have higher "
                 "values, grey ones none. Thicker lines are upper-tier areas." + _not_drawn(rows, geo, "ltla")),
        source=with_boundaries(source, geo),
        table_columns={"area_name": "District", "text": "Value"},
        extra_source_ids=(BOUNDARIES_SOURCE_ID,),
    )


@shared
def inequalities_ranked(catalogue: Catalogue, indicator_id: str, sex: str, period: str, level: str = "utla") -> Chart:
    indicator = catalogue.indicator(indicator_id)
    table = area_comparison(catalogue, indicator_id, sex, period, level)
    trends = comparisons.area_trends(catalogue, indicator_id, sex)
    table = table.assign(trend=[trends[c].short if c in trends else "Cannot be calculated" for c in table["area_code"]])
    benchmarks = analysis.benchmark_values(catalogue, indicator_id, sex, period)
    fig = bars.build_ranked_bar(
        table, analysis.finding_title(table, indicator, sex, period), stats.UNIT_LABELS[indicator["unit"]], benchmarks,
    )
    return Chart(
        "inequalities-ranked", fig, table,
        summary=analysis.outcome_summary(table) + " " + _trend_summary(table),
        source=inequalities_source(catalogue, indicator_id, sex, period, level),
        table_columns={
            "area_name": "Area", "region_name": "Region", "text": "Value",
            "vs_england": "Compared with England (95%)", "vs_region": "Compared with region (95%)",
            "trend": "Recent trend",
        },
    )


def _trend_summary(table: pd.DataFrame) -> str:
    """'Recent trend (Fingertips' method, 5 latest annual points): 3 getting worse, 2 better, …'."""
    counts = table["trend"].value_counts()
    if counts.get("Cannot be calculated", 0) == len(table):
        return "Recent trend: cannot be calculated for this indicator (rolling periods, fewer than five points or no limits)."
    parts = [f"{n} {k.lower()}" for k, n in counts.items()]
    return "Recent trend over the 5 latest annual periods (significant at 99.8%): " + "; ".join(parts) + "."


@shared
def inequalities_trend(catalogue: Catalogue, indicator_id: str, sex: str, area: str) -> Chart:
    indicator = catalogue.indicator(indicator_id)
    trend = analysis.trend(catalogue, indicator_id, area, sex)
    fig = lines.build_trend(trend, analysis.trend_title(trend, indicator, area, sex), stats.UNIT_LABELS[indicator["unit"]])
    return Chart(
        "inequalities-trend", fig, trend,
        summary=analysis.trend_sentence(trend, indicator, area),
        source=analysis.source_line(
            catalogue, trend["source_id"], f"{trend['period'].iloc[0]} to {trend['period'].iloc[-1]}", indicator["polarity"]
        ) if not trend.empty else "Source: not available.",
        table_columns={"series": "Area", "period": "Period", "text": "Value"},
    )


# --- area profile -----------------------------------------------------------------------


area_profile = shared(analysis.profile)
area_context = shared(analysis.area_context)


@shared
def area_spine(catalogue: Catalogue, area_code: str) -> Chart | None:
    rows = analysis.spine_rows(catalogue, area_code)
    if rows.empty:
        return None
    fig = spine.build_spine(rows, analysis.spine_title(rows, catalogue.area_name(area_code)))
    return Chart(
        "area-profile-spine", fig, rows,
        summary=(
            "Each row is scaled on its own: England at the centre line, the Midlands area furthest from England "
            "at the edge, better (or higher, where neither is better) to the right."
        ),
        source=_rows_source(catalogue, rows),
        table_columns={"label": "Indicator", "display": "Value", "england_value": "England",
                       "midlands_lowest": "Midlands lowest", "midlands_highest": "Midlands highest",
                       "outcome": "Compared with England"},
    )


@shared
def area_profile_table(catalogue: Catalogue, area_code: str) -> pd.DataFrame:
    """Every indicator for the area beside its region and England, headed for readers."""
    table = area_profile(catalogue, area_code)

    def shown(value) -> str:
        return "not available" if value != value else f"{value:,.1f}"

    area = catalogue.areas.loc[area_code]
    columns = ["indicator", "breakdown", "period", "display", "region", "england", "vs_england"]
    headings = {
        "indicator": "Indicator", "breakdown": "Sex", "period": "Period", "display": "Value",
        "region": "Region", "england": "England", "vs_england": "Compared with England",
    }
    table = table.assign(england=table["england_value"].map(shown), region=table["region_value"].map(shown))
    if analysis.is_district(area) and area["utla_code"] in catalogue.areas.index:
        table["upper_tier"] = table["upper_tier_value"].map(shown)
        columns.insert(4, "upper_tier")
        headings["upper_tier"] = catalogue.area_name(area["utla_code"])
    return table[columns].rename(columns=headings)


@shared
def area_source(catalogue: Catalogue, area_code: str) -> str:
    return analysis.source_line(catalogue, area_profile(catalogue, area_code)["source_id"])


# --- data and sources -------------------------------------------------------------------


@shared
def catalogue_csv(catalogue: Catalogue) -> bytes:
    """Every value with its indicator and source, as one spreadsheet-safe CSV."""
    return exports.to_csv_bytes(exports.catalogue_table(catalogue))


@shared
def indicator_definitions(catalogue: Catalogue) -> pd.DataFrame:
    indicators = catalogue.indicators.merge(
        catalogue.sources[["source_id", "publisher", "url", "published"]].reset_index(drop=True), on="source_id", how="left"
    )
    released = indicators["released"] if "released" in indicators.columns else pd.Series("", index=indicators.index)
    indicators["released"] = released.fillna("").where(released.fillna("") != "", indicators["published"])
    development = indicators.get("in_development", pd.Series("", index=indicators.index)).fillna("")
    indicators["status"] = development.map({"yes": "Official statistics in development", "no": "Official statistics"}).fillna("")
    return indicators[["title", "theme", "unit", "polarity", "definition", "why_it_matters", "caveats", "publisher",
                       "released", "status", "url"]]
