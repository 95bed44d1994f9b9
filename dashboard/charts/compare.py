"""Charts and tables of the comparisons (``dashboard.comparisons``): the at-a-glance grid, the
deprivation gradient, an area against its similar areas. Shared by every session (``memo``)."""

from __future__ import annotations

import pandas as pd

from dashboard import comparisons, stats
from dashboard.analysis import levels, profile, sources
from dashboard.analysis.values import sex_word
from dashboard.catalogue import Catalogue
from dashboard.charts.base import Chart
from dashboard.figures import bars, grid, scatter
from dashboard.memo import shared
from dashboard.methods import deprivation
from dashboard.methods import similar_areas as similar_methods
from dashboard.methods.similar_areas import SimilarAreas

AT_95 = "Compared with England at the 95% level"


@shared
def glance(catalogue: Catalogue, level: str, topic: str, sort: str) -> tuple[Chart, pd.DataFrame, pd.DataFrame] | None:
    """The grid as shown (cells and status words) and a Chart holding it for downloads and slides:
    its rows are the long table (one row per cell, with the comparison, rank and quintile)."""
    table = comparisons.glance(catalogue, level, topic)
    if table.empty:
        return None
    cells, status = comparisons.glance_wide(table, sort)
    summary = comparisons.glance_summary(table, level)
    title = (f"Every indicator at a glance: {len(cells)} Midlands {levels.LEVELS[level]}, "
             f"{len(cells.columns) - 1} indicators")
    figure = grid.build_status_grid(cells, status, title)
    rows = table.assign(
        compared=table["vs_england"].map(stats.outcome_phrase),
        rank=[f"{int(r)} of {int(o)}" if pd.notna(r) else "not available" for r, o in zip(table["national_rank"],
                                                                                          table["national_of"])],
    )
    chart = Chart(
        "at-a-glance", figure, rows, summary=summary,
        source=sources.source_line(catalogue, rows["source_id"]) + f" {AT_95}; national rank 1 = best "
        "(highest where neither is better).",
        table_columns={"area_name": "Area", "series": "Indicator", "period": "Period", "text": "Value",
                       "vs_england": AT_95, "national_rank": "National rank", "national_of": "Of",
                       "national_quintile": "National fifth", "status": "Cell shows"},
    )
    return chart, cells, status


@shared
def deprivation_gradient(catalogue: Catalogue, indicator_id: str, sex: str, period: str, level: str,
                         area: str) -> Chart | None:
    found = comparisons.gradient(catalogue, indicator_id, sex, period, level)
    if found is None:
        return None
    fit, points, imd_period, source_ids = found
    indicator = catalogue.indicator(indicator_id)
    unit = indicator["unit"]
    points = points.assign(
        text=[stats.format_value(v, unit) for v in points["value"]],
        hover=[f"{n}: {stats.format_value(v, unit)}; IMD score {s:.1f}" for n, v, s in
               zip(points["area_name"], points["value"], points["imd_score"])],
        fitted_text=[stats.format_value(v, unit, decimals=1) for v in points["fitted"]],
        compared=[deprivation.residual_words(r, fit.residual_sd, indicator["polarity"]) for r in points["residual"]],
        source_id=catalogue.indicator(indicator_id)["source_id"],
    )
    x0, x1 = float(points["imd_score"].min()), float(points["imd_score"].max())
    sex_words = f"{sex_word(sex)} " if sex_word(sex) else ""
    measure = f"{sex_words}{stats.mid_sentence(indicator['short_title'])}"
    direction = "falls" if fit.slope < 0 else "rises"
    title = (f"{stats.sentence_start(measure)} {direction} with deprivation across English "
             f"{levels.LEVELS[level]} ({period})")
    figure = scatter.build_gradient(
        points, (x0, x1), (fit.fitted(x0), fit.fitted(x1)), title,
        f"{deprivation.IMD_WORDS[level]} (higher = more deprived)", stats.UNIT_LABELS[unit], highlight=area,
    )
    summary = deprivation.gap_words(fit, measure, lambda v: stats.format_value(v, unit, decimals=1),
                                    levels.LEVELS[level], comparisons.difference_text(unit))
    residual = comparisons.residual_sentence(fit, points, area, indicator)
    if residual:
        summary += " " + residual
    shown = points[points["midlands"]].sort_values("residual", ascending=indicator["polarity"] == "lower_is_better")
    return Chart(
        "deprivation-gradient", figure, shown,
        summary=summary,
        source=(sources.source_line(catalogue, source_ids, f"{period}; IMD {imd_period}", indicator["polarity"])
                + f" Derived: least-squares line over {fit.n} areas (R² {fit.r_squared:.2f}); Midlands areas in the "
                "table."),
        table_columns={"area_name": "Area", "text": "Value", "imd_score": "IMD score",
                       "fitted_text": "Line's value at that score", "compared": "Against the line"},
        extra_source_ids=tuple(source_ids),
    )


@shared
def similar_areas_chart(catalogue: Catalogue, similar: SimilarAreas, area: str, indicator_id: str, sex: str,
                        period: str, kind: str = "global") -> Chart | None:
    rows, summary = comparisons.neighbour_rows(catalogue, similar, area, indicator_id, sex, period, kind)
    if rows.empty or not rows["is_area"].any() or summary["with_value"] == 0:
        return None
    indicator = catalogue.indicator(indicator_id)
    unit = indicator["unit"]
    ranked = rows.assign(
        label=[f"{n} (this area)" if a else n for n, a in zip(rows["area_name"], rows["is_area"])],
        text=[stats.format_value(v, unit) for v in rows["value"]],
        code=rows["area_code"],
        source_id=indicator["source_id"],
        neighbour=["this area" if a else f"{r}" for a, r in zip(rows["is_area"], rows["neighbour_rank"])],
    ).sort_values("value", ascending=indicator["polarity"] == "lower_is_better")
    name = catalogue.national_areas.at[area, "area_name"] if area in catalogue.national_areas.index else area
    median = stats.format_value(summary["median"], unit, decimals=1)
    figure = bars.build_bar(ranked, f"{name} is {summary['place_words']} among its ONS nearest neighbours with a "
                            f"value ({period}); their median is {median}", stats.UNIT_LABELS[unit])
    outside = len(summary["without_value"])
    return Chart(
        "similar-areas", figure, ranked,
        summary=(f"ONS's 20 nearest neighbours on overall similarity: {summary['with_value']} have a value for "
                 f"this period; their median is {median}."
                 + (f" {outside} have none here (areas in Wales, Scotland or Northern Ireland, or no value for "
                    "this period)." if outside else "")),
        source=sources.source_line(catalogue, ranked["source_id"], period, indicator["polarity"]) + " "
        + similar.source_line(),
        table_columns={"label": "Area", "text": "Value", "neighbour": "Nearness (1 = nearest)", "place": "Place"},
    )


PROFILE_COLUMNS = {
    "indicator": "Indicator", "breakdown": "Sex", "period": "Period", "display": "Value",
    "england": "England", "vs_england": "Compared with England (95%)", "trend": "Recent trend",
    "national_rank_words": "National rank", "national_quintile": "National fifth",
    "similar_areas": "Among ONS nearest neighbours",
}


@shared
def profile_table(catalogue: Catalogue, similar: SimilarAreas, area_code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The profile's table as shown (with trend, national rank and fifth, place among similar
    areas) and the same rows with their source_id for the CSV."""
    table = comparisons.profile_extras(catalogue, similar, area_code)
    if table.empty:
        return table, table
    def shown_value(values) -> list[str]:
        return [stats.format_value(v, u, decimals=1) for v, u in zip(values, table["unit"])]

    table = table.assign(england=shown_value(table["england_value"]), region=shown_value(table["region_value"]))
    columns = dict(PROFILE_COLUMNS)
    area = catalogue.areas.loc[area_code]
    if profile.is_district(area) and area["utla_code"] in catalogue.areas.index:
        table["upper_tier"] = shown_value(table["upper_tier_value"])
        columns = {**{k: columns[k] for k in ("indicator", "breakdown", "period", "display")},
                   "upper_tier": catalogue.area_name(area["utla_code"]),
                   **{k: v for k, v in columns.items() if k not in ("indicator", "breakdown", "period", "display")}}
    ordered = list(columns)
    ordered.insert(ordered.index("england"), "region")
    columns["region"] = "Region"
    shown = table[ordered].rename(columns=columns)
    return shown, table


@shared
def strengths_and_concerns(catalogue: Catalogue, similar: SimilarAreas, area_code: str) -> tuple[list[str], list[str]]:
    """Sentences for the three clearest strengths and concerns (significant at 95%, furthest from
    England in standard errors)."""
    table = comparisons.profile_extras(catalogue, similar, area_code)
    strengths, concerns = comparisons.strengths_and_concerns(table)

    def sentence(row) -> str:
        sex = sex_word(row["breakdown"])
        who = f" ({sex})" if sex else ""
        return (f"{row['indicator']}{who}: {row['display']} in {row['period']}, against England's "
                f"{stats.format_value(row['england_value'], row['unit'], decimals=1)}; trend: {row['trend'].lower()}")

    return [sentence(r) for _, r in strengths.iterrows()], [sentence(r) for _, r in concerns.iterrows()]


def cluster_words(catalogue: Catalogue, similar: SimilarAreas, area_code: str) -> str:
    found = similar_areas_cluster(similar, area_code)
    if found is None:
        return ""
    letter, description = found
    return f"ONS places this area in its overall cluster {letter}: {description}"


def similar_areas_cluster(similar: SimilarAreas, area_code: str):
    return similar_methods.cluster_of(similar, area_code) if similar.available else None
