"""The area profile: every indicator for one area beside England, its region and (for a district)
its county, a plain-English sentence for each, and the spine chart's scaled rows."""

from __future__ import annotations

import pandas as pd

from dashboard import periods, stats
from dashboard.analysis.levels import level_codes
from dashboard.analysis.values import SIZE_UNITS, TOTAL, display_text, sex_word, value_row, values_for
from dashboard.catalogue import Catalogue
from dashboard.config import ENGLAND_CODE


def summary_sentence(row: pd.Series, indicator: pd.Series, england) -> str:
    """'Male life expectancy in Leicester, 76.8 years in 2020-22, is significantly lower than England's 78.9.'"""
    sex = sex_word(row["breakdown"])
    subject = stats.sentence_start(f"{sex} {stats.mid_sentence(indicator['short_title'])}") if sex else indicator["short_title"]
    value = stats.format_value(row["value"], indicator["unit"], row.get("qualifier", ""))
    head = f"{subject} in {row['area_name']}, {value} in {row['period']}"
    if england is None:
        return head + ", has no England benchmark for the same period."
    outcome = stats.compare(row["value"], row["lower_ci"], row["upper_ci"], england["value"], indicator["polarity"])
    same_precision = None if float(row["value"]).is_integer() and float(england["value"]).is_integer() else 1
    england_text = stats.format_value(england["value"], indicator["unit"], decimals=same_precision)
    if outcome == stats.NOT_COMPARED:
        return f"{head}, compares with England's {england_text} (no confidence interval is published to test the difference)."
    if outcome == stats.SIMILAR:
        return f"{head}, is not significantly different from England's {england_text}."
    direction = "higher" if row["value"] > england["value"] else "lower"
    verdict = {stats.BETTER: " (better)", stats.WORSE: " (worse)"}.get(outcome, "")
    return f"{head}, is significantly {direction} than England's {england_text}{verdict}."


def area_context(catalogue: Catalogue, area_code: str) -> str | None:
    """'Population 1,183,618 (mid-2024; Office for National Statistics).' where held."""
    rows = values_for(catalogue, "population", breakdown=TOTAL)
    rows = rows[rows["area_code"] == area_code]
    if rows.empty:
        return None
    row = rows.loc[rows["period_end"].idxmax()]
    publisher = catalogue.source(row["source_id"])["publisher"]
    return f"Population {stats.format_value(row['value'], 'people', row['qualifier'])} (mid-{row['period']}; {publisher})."


def is_district(area: pd.Series) -> bool:
    """A district of a two-tier county (its upper-tier area is the county, not itself)."""
    return area["area_type"] == "ltla"


def peer_codes(catalogue: Catalogue, area_code: str) -> frozenset[str]:
    """The Midlands areas an area is ranked among: districts for a district, otherwise areas of
    its own type (upper-tier areas, ICBs)."""
    area_type = catalogue.areas.at[area_code, "area_type"]
    return level_codes(catalogue, "ltla" if area_type == "ltla" else area_type)


def profile(catalogue: Catalogue, area_code: str) -> pd.DataFrame:
    """Every indicator with a value for the area, latest period, beside England, the area's region
    and, for a district, its county."""
    area = catalogue.areas.loc[area_code]
    county = area["utla_code"] if is_district(area) and area["utla_code"] in catalogue.areas.index else ""
    mine = catalogue.values[catalogue.values["area_code"] == area_code]
    # Sizes (population, counts) describe an area; comparing them with England's says nothing.
    comparable = catalogue.indicators.index[~catalogue.indicators["unit"].isin(SIZE_UNITS)]
    mine = mine[mine["indicator_id"].isin(comparable)]
    rows = []
    for (indicator_id, breakdown), group in mine.groupby(["indicator_id", "breakdown"], sort=False):
        period = periods.latest(group["period"])
        row = group[group["period"] == period].iloc[0]
        indicator = catalogue.indicator(indicator_id)
        england = value_row(catalogue, indicator_id, ENGLAND_CODE, breakdown, period)
        region = value_row(catalogue, indicator_id, area["region_code"], breakdown, period) if area["region_code"] else None
        upper = value_row(catalogue, indicator_id, county, breakdown, period) if county else None
        rows.append(
            {
                "indicator_id": indicator_id,
                "indicator": indicator["short_title"],
                "theme": indicator["theme"],
                "breakdown": breakdown,
                "period": period,
                "value": row["value"],
                "lower_ci": row["lower_ci"],
                "upper_ci": row["upper_ci"],
                "qualifier": row["qualifier"],
                "unit": indicator["unit"],
                "display": display_text(row, indicator["unit"]),
                "region_value": region["value"] if region is not None else float("nan"),
                "upper_tier_value": upper["value"] if upper is not None else float("nan"),
                "england_value": england["value"] if england is not None else float("nan"),
                "vs_england": stats.compare(
                    row["value"], row["lower_ci"], row["upper_ci"],
                    england["value"] if england is not None else None, indicator["polarity"],
                ),
                "summary": summary_sentence(row, indicator, england),
                "source_id": row["source_id"],
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    return table.sort_values(["theme", "indicator", "breakdown"]).reset_index(drop=True)


def spine_rows(catalogue: Catalogue, area_code: str) -> pd.DataFrame:
    """For each area-level indicator, the area against the spread of Midlands areas and England.

    Positions are scaled per indicator so England sits at 0.5 and the Midlands area furthest
    from England at 0 or 1; where lower is better the scale is flipped, so right is always
    better (or higher, where polarity is neither). The real values travel with each row.
    """
    rows = []
    for row in profile(catalogue, area_code).itertuples():
        indicator = catalogue.indicator(row.indicator_id)
        peers = values_for(catalogue, row.indicator_id, breakdown=row.breakdown, period=row.period)
        peers = peers[peers["area_code"].isin(peer_codes(catalogue, area_code))]
        england = row.england_value
        if len(peers) < 3 or pd.isna(england):
            continue
        spread = max(abs(peers["value"].max() - england), abs(peers["value"].min() - england)) or 1.0
        flip = -1 if indicator["polarity"] == "lower_is_better" else 1

        def position(x, spread=spread, flip=flip, england=england):
            return 0.5 + flip * (x - england) / spread / 2

        low, q1, q3, high = peers["value"].quantile([0, 0.25, 0.75, 1]).tolist()
        rows.append(
            {
                "label": f"{row.indicator} ({sex_word(row.breakdown)}, {row.period})"
                if sex_word(row.breakdown) else f"{row.indicator} ({row.period})",
                "indicator_id": row.indicator_id,
                "breakdown": row.breakdown,
                "period": row.period,
                "value": row.value,
                "display": row.display,
                "england_value": england,
                "midlands_lowest": low,
                "midlands_highest": high,
                "outcome": row.vs_england,
                "position": position(row.value),
                "range_start": min(position(low), position(high)),
                "range_end": max(position(low), position(high)),
                "iqr_start": min(position(q1), position(q3)),
                "iqr_end": max(position(q1), position(q3)),
                "source_id": row.source_id,
            }
        )
    return pd.DataFrame(rows)


def spine_title(table: pd.DataFrame, area_name: str) -> str:
    counts = table["outcome"].value_counts()
    worse, better = counts.get(stats.WORSE, 0), counts.get(stats.BETTER, 0)
    return (
        f"{area_name} is significantly worse than England on {worse} of {len(table)} measures "
        f"and better on {better}"
    )
