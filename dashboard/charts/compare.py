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
from dashboard.methods.national import ordinal
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
    """The area beside its ONS nearest neighbours of one kind on one indicator, with the neighbours'
    median and England as lines; each row compared with that median and with England at 95%, and
    its recent trend. None where the area or all its neighbours lack a value."""
    rows, summary = comparisons.neighbour_comparison(catalogue, similar, area, indicator_id, sex, period, kind)
    if rows.empty or not rows["is_area"].any() or summary["with_value"] == 0:
        return None
    indicator = catalogue.indicator(indicator_id)
    unit, polarity = indicator["unit"], indicator["polarity"]
    name = rows.loc[rows["is_area"], "area_name"].iloc[0]
    median_text = stats.format_value(summary["median"], unit, decimals=stats.benchmark_decimals(summary["median"]))
    ranked = rows.assign(
        label=[f"{n} (this area)" if a else n for n, a in zip(rows["area_name"], rows["is_area"])],
        text=[stats.format_value(v, unit, q) for v, q in zip(rows["value"], rows["qualifier"])],
        nearness=["this area" if a else f"{r} of {summary['neighbours']}"
                  for a, r in zip(rows["is_area"], rows["neighbour_rank"])],
        place_text=[f"{p} of {summary['of']}" for p in rows["place"]],
    ).sort_values("value", ascending=False, kind="stable")
    benchmarks = {f"Median of the {summary['with_value']} neighbours": summary["median"]}
    if pd.notna(summary["england"]):
        benchmarks["England"] = summary["england"]
    measure = _measure_words(indicator, sex)
    area_row = ranked[ranked["is_area"]].iloc[0]
    # On the chart the area's name is in bold on a dark bar: "(this area)" would wrap on a phone.
    drawn = ranked.assign(label=[f"<b>{n}</b>" if a else n for n, a in zip(ranked["area_name"], ranked["is_area"])])
    figure = bars.build_ranked_bar(
        drawn, similar_finding(name, measure, period, area_row["value"], ranked.loc[~ranked["is_area"], "value"],
                                summary["median"], kind),
        stats.UNIT_LABELS[unit], benchmarks, outcome="vs_median", compared_with="the neighbours' median",
        highlight=f"<b>{name}</b>",
    )
    median_row = {
        "label": f"Median of the {summary['with_value']} neighbours with a value (derived)",
        "area_name": f"Median of the {summary['with_value']} neighbours with a value (derived)",
        "value": summary["median"], "text": median_text, "source_id": indicator["source_id"],
        "nearness": "", "place_text": "", "vs_median": "", "vs_england": "", "trend": "",
    }
    table = pd.concat([ranked, pd.DataFrame([median_row])], ignore_index=True).assign(
        indicator_id=indicator_id, breakdown=sex, period=period,
        neighbours_kind=similar_methods.KINDS.get(kind, kind),
        neighbours_source=similar_source(similar, kind),
        compared_with_median=lambda t: [stats.outcome_phrase(o, "the neighbours' median") if o else ""
                                        for o in t["vs_median"]],
        compared_with_england=lambda t: [stats.outcome_phrase(o) if o else "" for o in t["vs_england"]],
    )
    columns = {"area_code": "area_code", "area_name": "area_name", "label": "label", "indicator_id": "indicator_id",
               "breakdown": "breakdown", "period": "period", "value": "value", "lower_ci": "lower_ci",
               "upper_ci": "upper_ci", "text": "text", "nearness": "nearness", "place_text": "place",
               "compared_with_median": "compared_with_neighbours_median",
               "compared_with_england": "compared_with_england", "trend": "recent_trend",
               "neighbours_kind": "neighbours_kind", "neighbours_source": "neighbours_source", "source_id": "source_id"}
    table = table[list(columns)].rename(columns=columns)
    return Chart(
        "similar-areas", figure, table,
        summary=similar_summary(name, area_row, summary, unit, kind, period),
        source=(sources.source_line(catalogue, table["source_id"], period, polarity) + " " + similar.source_line()
                + " Derived: the neighbours' median; compared at 95% from the published intervals; recent trend by "
                "Fingertips' method over the 5 latest annual periods (99.8%)."),
        table_columns={"label": "Area", "text": "Value", "compared_with_neighbours_median":
                       "Compared with the neighbours' median (95%)", "compared_with_england": "Compared with England (95%)",
                       "recent_trend": "Recent trend", "nearness": "Nearness (1 = nearest)",
                       "place": "Place (1 = " + ("best)" if polarity in ("higher_is_better", "lower_is_better")
                                                  else "highest)")},
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


# --- an area against its similar areas: words ------------------------------------------------

KIND_PHRASES = {"global": "overall", "economic": "on economic characteristics",
                "demographic": "on demographic characteristics"}


def _measure_words(indicator: pd.Series, sex: str) -> str:
    sex_words = f"{sex_word(sex)} " if sex_word(sex) else ""
    return f"{sex_words}{stats.mid_sentence(indicator['short_title'])}"


def _group_words(with_value: int, kind: str) -> str:
    noun = "nearest neighbour" if with_value == 1 else "nearest neighbours"
    return f"its {with_value} {noun} {KIND_PHRASES.get(kind, kind)} with a value"


def similar_finding(name: str, measure: str, period: str, area_value: float, peer_values, median: float,
                    kind: str) -> str:
    """The chart's title: where the area's value sits among its neighbours' (higher or lower; the
    markers and the summary say better or worse)."""
    peers = pd.Series(peer_values, dtype=float).dropna()
    group = _group_words(len(peers), kind)
    if area_value > peers.max():
        return f"{stats.possessive(name)} {measure} is higher than all {group} ({period})"
    if area_value < peers.min():
        return f"{stats.possessive(name)} {measure} is lower than all {group} ({period})"
    side = "above" if area_value > median else "below" if area_value < median else "equal to"
    place = int((peers > area_value).sum()) + 1
    return (f"{stats.possessive(name)} {measure} is {side} the median of {group} ({period}): "
            f"{ordinal(place)} highest of {len(peers) + 1}")


_AGAINST_MEDIAN = {
    stats.BETTER: "significantly better than it at 95%", stats.WORSE: "significantly worse than it at 95%",
    stats.HIGHER: "significantly higher than it at 95%", stats.LOWER: "significantly lower than it at 95%",
    stats.SIMILAR: "not significantly different at 95%",
    stats.NOT_COMPARED: "not tested (no confidence interval)",
}


def similar_summary(name: str, area_row: pd.Series, summary: dict, unit: str, kind: str, period: str) -> str:
    """One line: which neighbours (naming the kind), how many have a value, their median, the area
    against it and against England, and why any neighbour is missing."""
    median = summary["median"]
    decimals = stats.benchmark_decimals(median)
    difference = round(area_row["value"] - median, 6)
    side = "above" if difference > 0 else "below"
    shown_difference = (f"{abs(difference):,.{decimals}f} percentage points" if unit == "percent"
                        else stats.format_value(abs(difference), unit, decimals=decimals))
    against = f"{shown_difference} {side} it" if difference else "equal to it"
    england = (f"{stats.mid_sentence(stats.outcome_phrase(area_row['vs_england']))}"
               if area_row["vs_england"] != stats.NOT_COMPARED else "not compared with England (no confidence interval)")
    line = (f"Against its {summary['neighbours']} ONS nearest neighbours {KIND_PHRASES.get(kind, kind)} "
            f"(ONS's {kind} measure of similarity): {summary['with_value']} have a value for {period}, with a "
            f"median of {stats.format_value(median, unit, decimals=decimals)}. {stats.possessive(name)} "
            f"{stats.format_value(area_row['value'], unit, area_row['qualifier'])} is {against}, "
            f"{_AGAINST_MEDIAN.get(area_row['vs_median'], area_row['vs_median'])}; {england}.")
    missing = summary["without_value"]
    outside = [code for code in missing if not code.startswith("E")]
    english = len(missing) - len(outside)
    if outside:
        line += (f" {len(outside)} of the neighbours {'is' if len(outside) == 1 else 'are'} in Wales, Scotland or "
                 "Northern Ireland, outside this dashboard's English data.")
    if english:
        line += f" {english} English {'neighbour has' if english == 1 else 'neighbours have'} no value for {period}."
    return line


def similar_source(similar: SimilarAreas, kind: str) -> str:
    """The neighbours' own source for the CSV: ONS's file of this kind, its address and licence."""
    sources = similar.sources
    found = sources[sources["file"].str.contains(f"{kind}-neighbours", regex=False)]
    if found.empty:
        return "not available"
    row = found.iloc[0]
    return f"{row['publisher']}, {row['title']} ({row['licence']}): {row['url']}"
