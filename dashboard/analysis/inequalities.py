"""The Health inequalities page's tables and words: each area against England and its region,
the map's rows, the gap between the highest and lowest area, titles that state the finding, and one
area's trend against its region and England."""

from __future__ import annotations

import pandas as pd

from dashboard import stats
from dashboard.analysis.levels import level_codes
from dashboard.analysis.values import display_text, latest_period, sex_word, value_row, values_for
from dashboard.catalogue import Catalogue
from dashboard.config import ENGLAND_CODE, MIDLANDS_REGION_CODES


def area_comparison(catalogue: Catalogue, indicator_id: str, breakdown: str, period: str,
                    level: str = "utla") -> pd.DataFrame:
    """Each Midlands area's value at a level, compared with England and with its own region."""
    indicator = catalogue.indicator(indicator_id)
    rows = values_for(catalogue, indicator_id, breakdown=breakdown, period=period)
    rows = rows[rows["area_code"].isin(level_codes(catalogue, level))].copy()
    england = value_row(catalogue, indicator_id, ENGLAND_CODE, breakdown, period)
    rows["region_code"] = rows["area_code"].map(catalogue.areas["region_code"])
    rows["region_name"] = rows["region_code"].map(catalogue.areas["area_name"])
    region_values = {
        code: value_row(catalogue, indicator_id, code, breakdown, period)
        for code in rows["region_code"].dropna().unique()
    }
    rows["region_value"] = rows["region_code"].map(
        lambda c: region_values[c]["value"] if region_values.get(c) is not None else float("nan")
    )
    rows["england_value"] = england["value"] if england is not None else float("nan")
    polarity = indicator["polarity"]
    rows["vs_england"] = [
        stats.compare(r.value, r.lower_ci, r.upper_ci, r.england_value, polarity) for r in rows.itertuples()
    ]
    rows["vs_region"] = [
        stats.compare(r.value, r.lower_ci, r.upper_ci, r.region_value, polarity) for r in rows.itertuples()
    ]
    rows["label"] = rows["area_name"]
    rows["text"] = [display_text(r, indicator["unit"]) for _, r in rows.iterrows()]
    return rows.sort_values("value", ascending=False).reset_index(drop=True)


def map_rows(table: pd.DataFrame) -> pd.DataFrame:
    """One row per area, each drawn by its own polygon: ``code``, ``value``, ``hover``, and the
    area's name, value text, comparison and source for the table beside the map."""
    rows = pd.DataFrame(
        {
            "code": table["area_code"],
            "value": table["value"],
            "hover": table["area_name"] + ": " + table["text"] + " — " + table["vs_england"].map(stats.outcome_phrase),
            "area_name": table["area_name"],
            "text": table["text"],
            "vs_england": table["vs_england"],
            "source_id": table["source_id"],
        }
    )
    return rows.reset_index(drop=True)


def gap_sentence(table: pd.DataFrame, indicator: pd.Series, breakdown: str, period: str) -> str:
    """The spread between the highest and lowest area, in one sentence."""
    if table.empty:
        return "No Midlands area has a value for this selection."
    high = table.loc[table["value"].idxmax()]
    low = table.loc[table["value"].idxmin()]
    unit = indicator["unit"]
    gap = high["value"] - low["value"]
    who = f" ({sex_word(breakdown)})" if sex_word(breakdown) else ""
    return (
        f"In {period}, {stats.mid_sentence(indicator['short_title'])}{who} ranged from "
        f"{stats.format_value(low['value'], unit)} in {low['area_name']} to "
        f"{stats.format_value(high['value'], unit)} in {high['area_name']}: "
        f"a gap of {stats.format_value(gap, unit, decimals=1)}."
    )


def benchmark_values(catalogue: Catalogue, indicator_id: str, breakdown: str, period: str) -> dict[str, float]:
    """England's and each Midlands region's value for the same selection, where published."""
    found = {}
    for code in (ENGLAND_CODE, *MIDLANDS_REGION_CODES):
        row = value_row(catalogue, indicator_id, code, breakdown, period)
        if row is not None:
            found[catalogue.area_name(code)] = row["value"]
    return found


def outcome_summary(table: pd.DataFrame, column: str = "vs_england") -> str:
    counts = outcome_counts(table, column)
    if not counts:
        return "No areas to compare."
    parts = [f"{n} {stats.mid_sentence(stats.outcome_phrase(k))}" for k, n in counts.items()]
    return "Of the Midlands areas: " + "; ".join(parts) + "."


def map_title(table: pd.DataFrame, indicator: pd.Series, breakdown: str, period: str) -> str:
    """'Life expectancy (male, 2022-24) is lowest in Nottingham and highest in Rutland'."""
    if table.empty:
        return f"{indicator['short_title']}: no Midlands values for {period}"
    low = table.loc[table["value"].idxmin(), "area_name"]
    high = table.loc[table["value"].idxmax(), "area_name"]
    who = f"{sex_word(breakdown)}, " if sex_word(breakdown) else ""
    return f"{indicator['short_title']} ({who}{period}) is lowest in {low} and highest in {high}"


def outcome_counts(table: pd.DataFrame, column: str = "vs_england") -> dict[str, int]:
    return table[column].value_counts().to_dict()


def finding_title(table: pd.DataFrame, indicator: pd.Series, breakdown: str, period: str) -> str:
    """A chart title that states what the chart shows."""
    if table.empty:
        return f"{indicator['short_title']}: no Midlands values for {period}"
    counts = outcome_counts(table)
    total = len(table)
    who = f"{sex_word(breakdown)} " if sex_word(breakdown) else ""
    worse = counts.get(stats.WORSE, 0)
    better = counts.get(stats.BETTER, 0)
    lower = counts.get(stats.LOWER, 0)
    higher = counts.get(stats.HIGHER, 0)
    if worse or better:
        return (
            f"{worse} of {total} Midlands areas are significantly worse than England on "
            f"{who}{stats.mid_sentence(indicator['short_title'])} ({period}); {better} are better"
        )
    if lower or higher:
        return (
            f"{higher} of {total} Midlands areas are significantly higher than England on "
            f"{who}{stats.mid_sentence(indicator['short_title'])} ({period}); {lower} are lower"
        )
    top = table.iloc[0]
    return f"{top['area_name']} has the highest {who}{stats.mid_sentence(indicator['short_title'])} in the Midlands ({period})"


def gap_by_sex(catalogue: Catalogue, indicator_id: str) -> pd.DataFrame:
    """For each sex, the lowest and highest Midlands area and England, in the latest period."""
    rows = []
    for breakdown in ("Female", "Male", "Persons"):
        period = latest_period(catalogue, indicator_id, breakdown)
        if period is None:
            continue
        table = area_comparison(catalogue, indicator_id, breakdown, period)
        if table.empty:
            continue
        low, high = table.loc[table["value"].idxmin()], table.loc[table["value"].idxmax()]
        england = value_row(catalogue, indicator_id, ENGLAND_CODE, breakdown, period)
        rows.append(
            {
                "series": f"{breakdown}, {period}",
                "low_name": low["area_name"], "low_value": low["value"],
                "high_name": high["area_name"], "high_value": high["value"],
                "england_value": england["value"] if england is not None else float("nan"),
                "gap": high["value"] - low["value"],
                "source_id": low["source_id"],
                "period": period,
            }
        )
    return pd.DataFrame(rows)


def trend(catalogue: Catalogue, indicator_id: str, area_code: str, breakdown: str) -> pd.DataFrame:
    """The area, its region and England over every period, ordered in time."""
    area = catalogue.areas.loc[area_code]
    codes = [area_code, area["region_code"], ENGLAND_CODE]
    rows = values_for(catalogue, indicator_id, breakdown=breakdown)
    rows = rows[rows["area_code"].isin([c for c in codes if c])].copy()
    unit = catalogue.indicator(indicator_id)["unit"]
    rows["series"] = rows["area_name"]
    rows["text"] = [display_text(r, unit) for _, r in rows.iterrows()]
    order = {code: i for i, code in enumerate(codes)}
    return rows.sort_values(
        ["area_code", "period_end"], key=lambda s: s.map(order) if s.name == "area_code" else s
    ).reset_index(drop=True)


def trend_sentence(table: pd.DataFrame, indicator: pd.Series, area_code: str) -> str:
    """'In Derby, male life expectancy fell from 78.0 years in 2017-19 to 77.0 years in 2020-22;
    England's went from 79.8 years to 78.9 over the same periods.'

    Directions are read from the values as shown, so a change that rounds away is "unchanged"
    rather than a rise from 81.8 to 81.8; England is compared over the area's own periods.
    """
    mine = table[table["area_code"] == area_code]
    if len(mine) < 2:
        return "Only one period is published for this area, so no trend can be shown."
    first, last = mine.iloc[0], mine.iloc[-1]
    unit = indicator["unit"]
    shown_first, shown_last = stats.format_value(first["value"], unit), stats.format_value(last["value"], unit)
    subject = f"In {first['area_name']}, {stats.mid_sentence(indicator['short_title'])}"
    if shown_first == shown_last:
        sentence = f"{subject} was {shown_last} in both {first['period']} and {last['period']}"
    else:
        direction = "rose" if last["value"] > first["value"] else "fell"
        sentence = f"{subject} {direction} from {shown_first} in {first['period']} to {shown_last} in {last['period']}"
    england = table[table["area_code"] == ENGLAND_CODE].set_index("period")["value"]
    if first["period"] in england.index and last["period"] in england.index:
        e_first = stats.format_value(england[first["period"]], unit)
        e_last = stats.format_value(england[last["period"]], unit)
        sentence += (f"; England's was {e_last} in both" if e_first == e_last
                     else f"; England's went from {e_first} to {e_last} over the same periods")
    return sentence + "."


def trend_title(table: pd.DataFrame, indicator: pd.Series, area_code: str, breakdown: str) -> str:
    mine = table[table["area_code"] == area_code]
    if mine.empty:
        return f"{indicator['short_title']}: no values for this area"
    first, last = mine.iloc[0], mine.iloc[-1]
    who = f"{sex_word(breakdown)} " if sex_word(breakdown) else ""
    subject = stats.sentence_start(f"{who}{stats.mid_sentence(indicator['short_title'])}") + f" in {last['area_name']}"
    if len(mine) < 2:
        return f"{subject} has one published period"
    change = last["value"] - first["value"]
    verb = "has risen" if change > 0 else "has fallen" if change < 0 else "is unchanged"
    return f"{subject} {verb} since {first['period']} ({change:+.1f})"
