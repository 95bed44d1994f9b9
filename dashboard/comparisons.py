"""Comparisons that answer "so what": the methods in ``dashboard/methods`` applied to the catalogue.

Pure functions of the catalogue (and ONS's similar areas); what each page's tables need:

- ``glance``: every Midlands area × every indicator, each cell compared with England at 95%
  (or placed in its national quintile where no limits are published);
- ``profile_extras``: for one area, each indicator's recent trend, national rank and quintile,
  and place among its ONS nearest neighbours; ``strengths_and_concerns``;
- ``area_trends``: the recent trend of every Midlands area on one indicator;
- ``neighbour_rows``: an area beside its nearest neighbours on one indicator (``neighbour_comparison``
  adds limits, comparisons and trends; ``neighbour_choices``: what can be compared);
- ``gradient``: an indicator against IMD score across English areas.
"""

from __future__ import annotations

import pandas as pd

from dashboard import periods, stats
from dashboard.analysis import levels, profile
from dashboard.analysis.values import SIZE_UNITS, sex_word, value_row, values_for
from dashboard.catalogue import Catalogue
from dashboard.config import ENGLAND_CODE
from dashboard.memo import shared
from dashboard.methods import deprivation, national, similar_areas, trend
from dashboard.methods.similar_areas import SimilarAreas

# Sizes describe an area and ranks restate a score: neither is compared with England.
NOT_COMPARED_UNITS = (*SIZE_UNITS, "rank")
ALL_TOPICS = "all"


def topic_key(label_themes: tuple[str, tuple[str, ...]]) -> str:
    return label_themes[1][0]


TOPIC_KEYS = {topic_key(t): t for t in levels.TOPICS}


def level_of(catalogue: Catalogue, area_code: str) -> str | None:
    """The national level an area is ranked at: districts for a district, upper-tier otherwise."""
    area_type = catalogue.areas.at[area_code, "area_type"]
    return area_type if area_type in levels.LEVELS else None


# --- national positions ----------------------------------------------------------------------


@shared
def _national_at_level(catalogue: Catalogue, level: str) -> tuple[pd.DataFrame, dict[tuple[str, str, str], object]]:
    """Every English area's values at a level, and each (indicator, breakdown, period)'s row positions."""
    codes = national.level_codes(catalogue.national_areas.reset_index(drop=True), level)
    rows = catalogue.national_values
    rows = rows[rows["area_code"].isin(codes)][["indicator_id", "breakdown", "period", "area_code", "area_name", "value"]]
    return rows, rows.groupby(["indicator_id", "breakdown", "period"], sort=False).indices


def national_values(catalogue: Catalogue, indicator_id: str, breakdown: str, period: str, level: str) -> pd.DataFrame:
    rows, groups = _national_at_level(catalogue, level)
    found = groups.get((indicator_id, breakdown, period))
    return rows.iloc[found] if found is not None else pd.DataFrame(columns=["area_code", "area_name", "value"])


SERIES_KEYS = ["indicator_id", "breakdown", "period"]
POSITION_COLUMNS = ["value", "rank", "quintile", "of"]


@shared
def _positions_at_level(catalogue: Catalogue, level: str) -> tuple[pd.DataFrame, dict[tuple[str, str, str], object]]:
    """Every English area's rank and quintile at a level for every indicator, breakdown and period,
    in one grouped pass (indexed by area code), and each (indicator, breakdown, period)'s row positions."""
    codes = national.level_codes(catalogue.national_areas.reset_index(drop=True), level)
    rows = catalogue.national_values
    rows = rows[rows["area_code"].isin(codes)][[*SERIES_KEYS, "area_code", "value"]]
    placed = national.positions_by_group(
        rows.assign(polarity=rows["indicator_id"].map(catalogue.indicators["polarity"])), SERIES_KEYS)
    return placed.set_index("area_code"), placed.groupby(SERIES_KEYS, sort=False, observed=True).indices


@shared
def national_positions(catalogue: Catalogue, indicator_id: str, breakdown: str, period: str, level: str) -> pd.DataFrame:
    """Rank and quintile of every English area at the level, indexed by area code (``national.positions``)."""
    polarity = catalogue.indicator(indicator_id)["polarity"]
    placed, groups = _positions_at_level(catalogue, level)
    found = groups.get((indicator_id, breakdown, period))
    if found is None:  # no area has a value: the method's own empty answer
        rows = national_values(catalogue, indicator_id, breakdown, period, level)
        return national.positions(rows[["area_code", "value"]], polarity).set_index("area_code")
    return placed.iloc[found, placed.columns.get_indexer(POSITION_COLUMNS)]


def national_quintiles(catalogue: Catalogue, level: str) -> pd.Series:
    """Every English area's national quintile at the level, indexed by (indicator, breakdown, period, area)."""
    placed, _ = _positions_at_level(catalogue, level)
    return placed.set_index(SERIES_KEYS, append=True).reorder_levels([*SERIES_KEYS, "area_code"])["quintile"]


# --- recent trends ---------------------------------------------------------------------------


@shared
def area_trends(catalogue: Catalogue, indicator_id: str, breakdown: str) -> dict[str, trend.Trend]:
    """Recent trend of every area the catalogue holds (Midlands areas, regions, England)."""
    rows = values_for(catalogue, indicator_id, breakdown=breakdown)
    return trend.trends_by_area(rows, catalogue.indicator(indicator_id)["polarity"])


def trend_of(catalogue: Catalogue, indicator_id: str, breakdown: str, area_code: str) -> trend.Trend:
    return area_trends(catalogue, indicator_id, breakdown).get(area_code, trend.Trend(trend.CANNOT, trend.TOO_FEW))


# --- every indicator at a glance -------------------------------------------------------------


def _series_label(indicator: pd.Series, breakdown: str) -> str:
    sex = sex_word(breakdown)
    return f"{indicator['short_title']} ({sex})" if sex else indicator["short_title"]


def glance_status(vs_england: str, quintile_label: str) -> str:
    """The cell's word: Better/Similar/Worse (or Higher/Lower) at 95%; the national fifth where
    no limits are published; else 'Not compared'."""
    if vs_england != stats.NOT_COMPARED:
        return vs_england
    return quintile_label or stats.NOT_COMPARED


@shared
def glance(catalogue: Catalogue, level: str, topic: str) -> pd.DataFrame:
    """One row per Midlands area at the level and indicator series (indicator and sex), latest
    period for the level: the value, England, the comparison at 95%, national rank and quintile."""
    codes = levels.level_codes(catalogue, level)
    themes = levels.topic_themes() if topic == ALL_TOPICS else TOPIC_KEYS[topic][1]
    indicators = catalogue.indicators
    chosen = indicators.index[indicators["theme"].isin(list(themes)) & ~indicators["unit"].isin(NOT_COMPARED_UNITS)]
    values = catalogue.values
    mine = values[values["indicator_id"].isin(chosen) & values["area_code"].isin(codes)]
    order = levels.topic_order()
    out = []
    for (indicator_id, breakdown), group in mine.groupby(["indicator_id", "breakdown"], sort=False):
        period = periods.latest(group["period"].unique())
        rows = group[group["period"] == period]
        indicator = catalogue.indicator(indicator_id)
        england = value_row(catalogue, indicator_id, ENGLAND_CODE, breakdown, period)
        england_value = england["value"] if england is not None else float("nan")
        positions = national_positions(catalogue, indicator_id, breakdown, period, level)
        for row in rows.itertuples():
            vs = stats.compare(row.value, row.lower_ci, row.upper_ci, england_value, indicator["polarity"])
            placed = row.area_code in positions.index
            quintile = int(positions.at[row.area_code, "quintile"]) if placed else None
            label = national.quintile_label(quintile, indicator["polarity"]) if placed else ""
            out.append({
                "area_code": row.area_code, "area_name": row.area_name, "indicator_id": indicator_id,
                "series": _series_label(indicator, breakdown), "series_key": f"{indicator_id}:{breakdown}",
                "theme": indicator["theme"],
                "topic": levels.topic_label(indicator["theme"]), "topic_order": order.get(indicator["theme"], 99),
                "breakdown": breakdown, "period": period, "value": row.value, "lower_ci": row.lower_ci,
                "upper_ci": row.upper_ci, "polarity": indicator["polarity"],
                "text": stats.format_value(row.value, indicator["unit"], row.qualifier),
                "england_value": england_value, "vs_england": vs,
                "national_rank": int(positions.at[row.area_code, "rank"]) if placed else None,
                "national_of": int(positions.at[row.area_code, "of"]) if placed else None,
                "national_quintile": label,
                "status": glance_status(vs, label),
                "source_id": row.source_id,
            })
    table = pd.DataFrame(out)
    if table.empty:
        return table
    table["cell"] = table["text"] + " · " + table["status"]
    return table.sort_values(["topic_order", "series", "area_name"]).reset_index(drop=True)


SORTS = {"area": "area name (A to Z)", "worse": "most indicators worse than England first",
         "better": "most indicators better than England first"}


def glance_wide(table: pd.DataFrame, sort: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The grid as shown: one row per area, one column per indicator series (cells: value · word),
    and the same grid of status words (for colours). ``sort``: a key of SORTS or a ``series_key``
    (areas by that series' value, best first; highest first where neither is better)."""
    labels = dict(zip(table["series_key"], table["series"]))
    sort = labels.get(sort, sort)
    series_order = list(dict.fromkeys(table["series"]))
    cells = table.pivot_table(index="area_name", columns="series", values="cell", aggfunc="first")
    status = table.pivot_table(index="area_name", columns="series", values="status", aggfunc="first")
    cells, status = cells.reindex(columns=series_order), status.reindex(columns=series_order)
    if sort in series_order:
        mine = table[table["series"] == sort].set_index("area_name")
        ascending = mine["polarity"].iloc[0] == "lower_is_better"
        names = mine["value"].sort_values(ascending=ascending).index.tolist()
        names += sorted(set(cells.index) - set(names))
    elif sort in ("worse", "better"):
        word = stats.WORSE if sort == "worse" else stats.BETTER
        counts = (status == word).sum(axis=1)
        names = sorted(cells.index, key=lambda n: (-counts[n], n))
    else:
        names = sorted(cells.index)
    cells = cells.loc[names].fillna("not available")
    status = status.loc[names].fillna("")
    return cells.reset_index().rename(columns={"area_name": "Area"}), status.reset_index(drop=True)


def glance_summary(table: pd.DataFrame, level: str) -> str:
    if table.empty:
        return "No Midlands area has a value for these indicators."
    compared = table[table["vs_england"].isin([stats.BETTER, stats.WORSE, stats.SIMILAR])]
    worse = (compared["vs_england"] == stats.WORSE).sum()
    better = (compared["vs_england"] == stats.BETTER).sum()
    top = compared[compared["vs_england"] == stats.WORSE].groupby("area_name").size().sort_values(ascending=False)
    lead = f" {top.index[0]} is worse on the most ({top.iloc[0]})." if len(top) else ""
    return (f"Of {len(compared)} comparisons with England at the 95% level across {table['area_code'].nunique()} "
            f"Midlands {levels.LEVELS[level]}, {worse} are significantly worse and {better} better.{lead}")


# --- area profile additions ------------------------------------------------------------------


def _place_words(place: int | None, of: int, polarity: str) -> str:
    if place is None or of < 2:
        return "not available"
    word = "best" if polarity in ("higher_is_better", "lower_is_better") else "highest"
    return f"{national.ordinal(place)} {word} of {of}"


@shared
def _any_level_values(catalogue: Catalogue, indicator_id: str, breakdown: str, period: str) -> pd.DataFrame:
    """Neighbours may be upper-tier areas or districts: each current English area's value at either level."""
    found = pd.concat([national_values(catalogue, indicator_id, breakdown, period, level) for level in levels.LEVELS])
    return found.drop_duplicates("area_code").set_index("area_code", drop=False)


@shared
def _neighbour_codes(similar: SimilarAreas, area_code: str, kind: str) -> tuple[str, ...]:
    """``similar_areas.neighbour_codes``, found once per area and kind (a profile asks once per indicator)."""
    return tuple(similar_areas.neighbour_codes(similar, area_code, kind))


def neighbour_rows(catalogue: Catalogue, similar: SimilarAreas, area_code: str, indicator_id: str,
                   breakdown: str, period: str, kind: str = "global") -> tuple[pd.DataFrame, dict]:
    """The area beside its ONS nearest neighbours (of one kind) on one indicator, with names and
    place (1 = best, or highest where neither is better) among those with values."""
    polarity = catalogue.indicator(indicator_id)["polarity"]
    neighbours = list(_neighbour_codes(similar, area_code, kind))
    values = _any_level_values(catalogue, indicator_id, breakdown, period)
    rows, summary = similar_areas.compare_with_neighbours(values, area_code, neighbours)
    if polarity == "lower_is_better" and len(rows):
        rows["place"] = rows["value"].rank(method="min", ascending=True).astype(int)
        summary["place"] = int(rows.loc[rows["is_area"], "place"].iloc[0]) if rows["is_area"].any() else None
    summary["place_words"] = _place_words(summary["place"], summary["of"], polarity)
    summary["neighbours"] = len(neighbours)
    return rows, summary


def _local_authority_codes(catalogue: Catalogue) -> frozenset[str]:
    """Every current English upper-tier area and district: the areas a neighbour's value is read for."""
    return frozenset().union(*(national.level_codes(catalogue.national_areas.reset_index(drop=True), level)
                               for level in levels.LEVELS))


@shared
def neighbour_choices(catalogue: Catalogue, similar: SimilarAreas, area_code: str, kind: str) -> pd.DataFrame:
    """Each (indicator_id, breakdown, period) on which the area and at least one of its ONS nearest
    neighbours of this kind have a value; sizes and ranks left out, as in the profile's table."""
    columns = ["indicator_id", "breakdown", "period"]
    neighbours = similar_areas.neighbour_codes(similar, area_code, kind) if similar.available else []
    if not neighbours:
        return pd.DataFrame(columns=columns)
    wanted = _local_authority_codes(catalogue) & {area_code, *neighbours}
    compared = catalogue.indicators.index[~catalogue.indicators["unit"].isin(NOT_COMPARED_UNITS)]
    rows = catalogue.national_values
    rows = rows.loc[rows["area_code"].isin(wanted) & rows["value"].notna() & rows["indicator_id"].isin(compared),
                    [*columns, "area_code"]].astype(str)
    mine = rows.loc[rows["area_code"] == area_code, columns].drop_duplicates()
    theirs = rows.loc[rows["area_code"] != area_code, columns].drop_duplicates()
    return mine.merge(theirs, on=columns).reset_index(drop=True)


@shared
def neighbour_comparison(catalogue: Catalogue, similar: SimilarAreas, area_code: str, indicator_id: str,
                         breakdown: str, period: str, kind: str) -> tuple[pd.DataFrame, dict]:
    """``neighbour_rows`` with each row's 95% limits and source, its comparison with England and
    with the neighbours' median (95%, ``stats.compare``) and its recent trend (Fingertips' method
    over the area's own series). The summary adds ``england`` (England's value, or NaN)."""
    rows, summary = neighbour_rows(catalogue, similar, area_code, indicator_id, breakdown, period, kind)
    summary["england"] = float("nan")
    if rows.empty:
        return rows, summary
    polarity = catalogue.indicator(indicator_id)["polarity"]
    national_rows = catalogue.national_values
    series = national_rows[(national_rows["indicator_id"] == indicator_id) & (national_rows["breakdown"] == breakdown)
                           & national_rows["area_code"].isin(list(rows["area_code"]))]
    series = series[["area_code", "period", "value", "lower_ci", "upper_ci", "qualifier", "source_id"]].astype(
        {"area_code": str, "period": str, "qualifier": str, "source_id": str})
    at_period = series[series["period"] == period].drop_duplicates("area_code").set_index("area_code")
    rows = rows.assign(
        lower_ci=rows["area_code"].map(at_period["lower_ci"]),
        upper_ci=rows["area_code"].map(at_period["upper_ci"]),
        qualifier=rows["area_code"].map(at_period["qualifier"]).fillna(""),
        source_id=rows["area_code"].map(at_period["source_id"]),
    )
    england = value_row(catalogue, indicator_id, ENGLAND_CODE, breakdown, period)
    summary["england"] = float(england["value"]) if england is not None else float("nan")
    trends = trend.trends_by_area(series, polarity)
    missing = trend.Trend(trend.CANNOT, trend.TOO_FEW)
    return rows.assign(
        vs_england=[stats.compare(v, lo, hi, summary["england"], polarity)
                    for v, lo, hi in zip(rows["value"], rows["lower_ci"], rows["upper_ci"])],
        vs_median=[stats.compare(v, lo, hi, summary["median"], polarity)
                   for v, lo, hi in zip(rows["value"], rows["lower_ci"], rows["upper_ci"])],
        trend=[trends.get(code, missing).short for code in rows["area_code"]],
    ), summary


@shared
def profile_extras(catalogue: Catalogue, similar: SimilarAreas, area_code: str) -> pd.DataFrame:
    """``profile.profile`` with each indicator's recent trend, national rank and quintile, and
    place among the area's 20 nearest overall neighbours (with the neighbours' median)."""
    table = profile.profile(catalogue, area_code)
    if table.empty:
        return table
    level = level_of(catalogue, area_code)
    has_neighbours = bool(similar_areas.neighbour_codes(similar, area_code)) if similar.available else False
    extra = []
    for row in table.itertuples():
        indicator = catalogue.indicator(row.indicator_id)
        found = trend_of(catalogue, row.indicator_id, row.breakdown, area_code)
        rank_text = quintile_text = "not ranked (not a local authority)"
        rank = of = None
        quintile = ""
        if indicator["unit"] in NOT_COMPARED_UNITS:
            rank_text = quintile_text = "not ranked (a rank or a count)"
        elif level:
            positions = national_positions(catalogue, row.indicator_id, row.breakdown, row.period, level)
            if area_code in positions.index:
                rank, of = int(positions.at[area_code, "rank"]), int(positions.at[area_code, "of"])
                q = int(positions.at[area_code, "quintile"])
                rank_text = national.rank_words(rank, of, indicator["polarity"], level)
                quintile_text = national.quintile_words(q, indicator["polarity"], level,
                                                        stats.mid_sentence(indicator["short_title"]))
                quintile = national.quintile_label(q, indicator["polarity"])
            else:
                rank_text = quintile_text = "not available (no English ranking for this period)"
        similar_text, median = "not available", float("nan")
        if similar.available and has_neighbours and indicator["unit"] not in NOT_COMPARED_UNITS:
            _, summary = neighbour_rows(catalogue, similar, area_code, row.indicator_id, row.breakdown, row.period)
            if summary["with_value"]:
                median = summary["median"]
                similar_text = (f"{summary['place_words']} with its nearest neighbours; their median "
                                f"{stats.format_value(median, row.unit)}")
        extra.append({
            "trend": found.short, "trend_words": found.words, "trend_periods": found.span,
            "national_rank": rank, "national_of": of, "national_rank_words": rank_text,
            "national_quintile": quintile, "national_quintile_words": quintile_text,
            "similar_areas": similar_text, "neighbour_median": median,
        })
    return pd.concat([table, pd.DataFrame(extra, index=table.index)], axis=1)


def _distance_from_england(row) -> float:
    """How many standard errors the area is from England: (value − England) / SE, SE from the CI."""
    width = row["upper_ci"] - row["lower_ci"]
    if pd.isna(width) or width <= 0 or pd.isna(row["england_value"]):
        return float("nan")
    return abs(row["value"] - row["england_value"]) / (width / (2 * trend.Z_95))


def strengths_and_concerns(table: pd.DataFrame, n: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The clearest strengths and concerns: indicators significantly better (worse) than England at
    95%, ordered by distance from England in standard errors, largest first."""
    if table.empty:
        return table, table
    scored = table.assign(distance=[_distance_from_england(r) for _, r in table.iterrows()])
    strengths = scored[scored["vs_england"] == stats.BETTER].sort_values("distance", ascending=False).head(n)
    concerns = scored[scored["vs_england"] == stats.WORSE].sort_values("distance", ascending=False).head(n)
    return strengths, concerns


# --- deprivation gradient --------------------------------------------------------------------


@shared
def gradient(catalogue: Catalogue, indicator_id: str, breakdown: str, period: str, level: str):
    """The indicator against IMD average score across English areas at the level: (Gradient,
    points with ``midlands``), or None where it cannot be fitted."""
    imd_id = deprivation.IMD_BY_LEVEL[level]
    imd_period = periods.latest(catalogue.national_values.loc[
        catalogue.national_values["indicator_id"] == imd_id, "period"].unique())
    if imd_period is None or indicator_id == imd_id:
        return None
    scores = national_values(catalogue, imd_id, "All", imd_period, level)[["area_code", "value"]]
    rows = national_values(catalogue, indicator_id, breakdown, period, level)
    points = rows.merge(scores.rename(columns={"value": "imd_score"}), on="area_code")
    fitted = deprivation.fit(points)
    if fitted is None:
        return None
    found, points = fitted
    midlands = levels.level_codes(catalogue, level)
    points = points.assign(midlands=points["area_code"].isin(midlands))
    source_ids = catalogue.national_values.loc[
        catalogue.national_values["indicator_id"].isin([indicator_id, imd_id]), "source_id"].unique()
    return found, points, imd_period, tuple(source_ids)


def difference_text(unit: str):
    """A difference as read: percentage points for percentages (4.9 points, not 4.9%)."""
    if unit == "percent":
        return lambda v: f"{v:,.1f} percentage points"
    return lambda v: stats.format_value(v, unit, decimals=1)


def residual_sentence(found: deprivation.Gradient, points: pd.DataFrame, area_code: str, indicator: pd.Series) -> str:
    mine = points[points["area_code"] == area_code]
    if mine.empty:
        return ""
    row = mine.iloc[0]
    words = deprivation.residual_words(float(row["residual"]), found.residual_sd, indicator["polarity"])
    side = "above" if row["residual"] > 0 else "below"
    return (f"{row['area_name']} is {difference_text(indicator['unit'])(abs(row['residual']))} {side} "
            f"the line: {words}.")

