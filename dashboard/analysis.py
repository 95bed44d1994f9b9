"""Questions asked of the catalogue: the tables behind charts, with benchmarks and sentences.

Pure functions over a :class:`Catalogue`; every table keeps ``source_id`` so a chart's
caption and download can name where each number came from.
"""

from __future__ import annotations

import pandas as pd

from dashboard import periods, stats
from dashboard.memo import shared
from dashboard.catalogue import INSTITUTION_TYPE_LABELS, TRUST_TYPE_LABELS, Catalogue
from dashboard.config import ENGLAND_CODE, MIDLANDS_REGION_CODES


EVERYONE = ("All", "Persons")  # breakdowns that are not split by sex


def sex_word(breakdown: str) -> str:
    """'male' or 'female' for a sex breakdown, '' where the figure covers everyone."""
    return "" if breakdown in EVERYONE else breakdown.lower()


TOTAL = "All"  # the breakdown of a count of everyone (population), beside its Female and Male parts


def values_for(
    catalogue: Catalogue,
    indicator_id: str,
    *,
    breakdown: str | None = None,
    period: str | None = None,
    area_types: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    values = catalogue.values
    mask = values["indicator_id"] == indicator_id
    if breakdown is not None:
        mask &= values["breakdown"] == breakdown
    if period is not None:
        mask &= values["period"] == period
    if area_types is not None:
        mask &= values["area_type"].isin(area_types)
    return values[mask]


def value_row(catalogue: Catalogue, indicator_id: str, area_code: str, breakdown: str, period: str):
    rows = values_for(catalogue, indicator_id, breakdown=breakdown, period=period)
    rows = rows[rows["area_code"] == area_code]
    return None if rows.empty else rows.iloc[0]


def display_text(row, unit: str) -> str:
    text = stats.format_value(row["value"], unit, row.get("qualifier", ""))
    if pd.notna(row.get("lower_ci")) and pd.notna(row.get("upper_ci")):
        text += f" (95% CI {row['lower_ci']:,.1f} to {row['upper_ci']:,.1f})"
    return text


LEVELS = {"utla": "upper-tier areas", "ltla": "districts"}

# The Health inequalities page's topics, as Fingertips groups its profiles: each a label and the
# catalogue themes it gathers, in the order the indicator list shows them.
TOPICS = (
    ("Health outcomes", ("inequalities", "health_outcomes")),
    ("Risk factors", ("risk_factors",)),
    ("Children and young people", ("children",)),
    ("Wider determinants", ("wider_determinants",)),
    ("Deprivation", ("deprivation",)),
    ("Economy", ("economy",)),
    ("Population", ("population",)),
)


def topic_themes() -> tuple[str, ...]:
    return tuple(theme for _, themes in TOPICS for theme in themes)


def topic_order() -> dict[str, int]:
    return {theme: i for i, (_, themes) in enumerate(TOPICS) for theme in themes}


def topic_label(theme: str) -> str:
    return next((label for label, themes in TOPICS if theme in themes), theme.replace("_", " ").capitalize())


def level_codes(catalogue: Catalogue, level: str) -> frozenset[str]:
    """Midlands areas at a level: upper-tier areas (counties and unitaries), or districts (the
    districts of two-tier counties and the unitaries, which are both)."""
    return _level_codes(catalogue, level)


@shared
def _level_codes(catalogue: Catalogue, level: str) -> frozenset[str]:
    areas = catalogue.areas
    if level == "ltla":
        unitary = (areas["area_type"] == "utla") & ~areas["area_code"].str.startswith("E10")
        return frozenset(areas.index[(areas["area_type"] == "ltla") | unitary])
    return frozenset(areas.index[areas["area_type"] == level])


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


def latest_period(catalogue: Catalogue, indicator_id: str, breakdown: str | None = None) -> str | None:
    return periods.latest(values_for(catalogue, indicator_id, breakdown=breakdown)["period"].unique())


SIZE_UNITS = ("people", "count")


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


def release_date_words(text: str) -> str:
    """'2025-12-10' → '10 December 2025'; '2024-12' → 'December 2024'; a year stays as it is."""
    parts = text.split("-") if text else []
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
    if len(parts) == 3:
        return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return text


def provenance(catalogue: Catalogue, indicator_id: str) -> str:
    """'Published by Office for National Statistics, released 10 December 2025. Official statistics
    in development.' From the publisher's metadata where the pipeline read it."""
    indicator = catalogue.indicator(indicator_id)
    source = catalogue.source(indicator["source_id"])
    released = indicator.get("released") or source["published"]
    text = f"Published by {source['publisher']}"
    if isinstance(released, str) and released:
        text += f", released {release_date_words(released)}"
    text += "."
    if indicator.get("in_development") == "yes":
        text += " Official statistics in development: the publisher is still developing the method."
    return text


def source_line(catalogue: Catalogue, source_ids, period_text: str | None = None, polarity: str | None = None) -> str:
    """'Source: ONS, Life expectancy for local areas (2021-23). Higher is better.' — plain text.

    Many sources are summarised by publisher; each row's own source is in the CSV download.
    """
    ids = list(dict.fromkeys(source_ids))
    if not ids:
        line = "Source: not available"
    elif len(ids) <= 3:
        parts = [f"{catalogue.source(i)['publisher']}, {catalogue.source(i)['title']}" for i in ids]
        line = "Source: " + "; ".join(parts)
    else:
        publishers = list(dict.fromkeys(catalogue.source(i)["publisher"] for i in ids))
        named = "; ".join(publishers[:4]) + (f" and {len(publishers) - 4} more" if len(publishers) > 4 else "")
        line = f"Sources: {len(ids)} publications from {named}. Each row's source is in the table download"
    if period_text:
        line += f". Period: {period_text}"
    if polarity:
        line += f". Polarity: {stats.POLARITY_WORDS[polarity]}"
    return line + "."


HEADLINE_AREA_TYPES = ("midlands", "organisation", "region", "combined_authority")


def headlines(catalogue: Catalogue, theme: str, area_types=HEADLINE_AREA_TYPES) -> pd.DataFrame:
    """The latest figure of each of a theme's indicators stated for the Midlands or a partner."""
    indicators = catalogue.indicators[catalogue.indicators["theme"] == theme]
    values = catalogue.values[
        catalogue.values["indicator_id"].isin(indicators.index) & catalogue.values["area_type"].isin(area_types)
    ]
    if values.empty:
        return values.assign(label=[], text=[], unit=[], compact=[], caption=[])
    latest = values.sort_values(["period_end", "period_start"]).groupby(["indicator_id", "area_code"]).tail(1)
    latest = latest.assign(
        label=latest["indicator_id"].map(indicators["short_title"]),
        unit=latest["indicator_id"].map(indicators["unit"]),
    )
    latest["text"] = [stats.format_value(r.value, r.unit, r.qualifier) for r in latest.itertuples()]
    latest["compact"] = [stats.format_compact(r.value, r.unit, r.qualifier) for r in latest.itertuples()]
    latest["caption"] = [
        f"{r.text}; {r.area_name}, {r.period}. {source_line(catalogue, [r.source_id])}" for r in latest.itertuples()
    ]
    return latest.sort_values(["area_type", "label"]).reset_index(drop=True)


def cluster_metric(catalogue: Catalogue, indicator_id: str) -> pd.DataFrame:
    """One metric for every cluster that states it (latest period per cluster)."""
    rows = values_for(catalogue, indicator_id, area_types=("cluster",))
    rows = rows.sort_values(["period_end"]).groupby("area_code").tail(1)
    unit = catalogue.indicator(indicator_id)["unit"]
    rows = rows.assign(label=rows["area_name"])
    rows["text"] = [stats.format_value(r.value, unit, r.qualifier) for r in rows.itertuples()]
    return rows.sort_values("value", ascending=False).reset_index(drop=True)


def cluster_title(table: pd.DataFrame, indicator: pd.Series) -> str:
    top = table.iloc[0]
    if len(table) == 1:
        return f"{top['label']}: {stats.mid_sentence(indicator['short_title'])} {top['text']}"
    return f"{top['label']} has the highest {stats.mid_sentence(indicator['short_title'])}: {top['text']}"


def cluster_matrix(catalogue: Catalogue) -> pd.DataFrame:
    """Every cluster metric side by side: one row per metric, one column per cluster."""
    rows = catalogue.values[catalogue.values["area_type"] == "cluster"]
    if rows.empty:
        return pd.DataFrame()
    units = catalogue.indicators["unit"]
    cells = rows.assign(
        metric=rows["indicator_id"].map(catalogue.indicators["short_title"]),
        text=[
            f"{stats.format_value(r.value, units[r.indicator_id], r.qualifier)} ({r.period})" for r in rows.itertuples()
        ],
    )
    matrix = cells.pivot_table(index="metric", columns="area_name", values="text", aggfunc="last")
    return matrix.fillna("not available").reset_index()


def icb_table(catalogue: Catalogue) -> pd.DataFrame:
    """The Midlands ICBs with their upper-tier areas, region and latest population where held."""
    areas = catalogue.areas
    icbs = areas[areas["area_type"] == "icb"].copy()
    members = current_utlas(catalogue).groupby("icb_code")["area_name"].apply(lambda names: ", ".join(sorted(names)))
    icbs["upper_tier_areas"] = icbs["area_code"].map(members).fillna("")
    icbs["region_name"] = icbs["region_code"].map(areas["area_name"]).fillna("")
    population = values_for(catalogue, "population", breakdown=TOTAL, area_types=("icb",))
    if population.empty:
        population = icb_populations_from_areas(catalogue)
    if not population.empty:
        latest = population.sort_values("period_end").groupby("area_code").tail(1).set_index("area_code")
        icbs["population"] = icbs["area_code"].map(latest["value"])
        icbs["population_period"] = icbs["area_code"].map(latest["period"])
        icbs["population_source_id"] = icbs["area_code"].map(latest["source_id"])
    return icbs.sort_values("area_name").reset_index(drop=True)


def current_utlas(catalogue: Catalogue) -> pd.DataFrame:
    """Today's upper-tier areas in an ICB: those on today's boundaries (with a boundary_code).
    A former county kept for older statistics (Northamptonshire) has none, so it is not counted
    beside its successors."""
    areas = catalogue.areas
    return areas[(areas["area_type"] == "utla") & (areas["icb_code"] != "") & (areas["boundary_code"] != "")]


def icb_populations_from_areas(catalogue: Catalogue) -> pd.DataFrame:
    """Each ICB's population as the sum of its upper-tier areas' ONS estimates, for the latest
    period in which every one of them has a value.

    Exact, not an estimate of ours: every Midlands ICB is made of whole upper-tier areas (since
    the July 2022 boundary changes; data/areas.csv).
    """
    members = current_utlas(catalogue)
    rows = values_for(catalogue, "population", breakdown=TOTAL, area_types=("utla",))
    found = []
    for icb_code, group in members.groupby("icb_code"):
        mine = rows[rows["area_code"].isin(group.index)]
        complete = mine.groupby("period").filter(lambda p: set(p["area_code"]) == set(group.index))
        if complete.empty:
            continue
        latest = complete[complete["period_end"] == complete["period_end"].max()]
        found.append({
            "area_code": icb_code, "value": latest["value"].sum(), "period": latest["period"].iloc[0],
            "period_end": latest["period_end"].iloc[0], "source_id": latest["source_id"].iloc[0],
        })
    return pd.DataFrame(found, columns=["area_code", "value", "period", "period_end", "source_id"])


RESEARCH_INFRASTRUCTURE = ("partner_universities", "nihr_brcs_hosted", "nihr_crfs_hosted", "clinical_trials_units")

# (indicator, area, card label or None for the indicator's short title), in reading order.
OVERVIEW_HEADLINES = (
    ("health_research_income_pa", "MIH", None),
    ("nihr_brcs_hosted", "MIH", None),
    ("nihr_crfs_hosted", "MIH", None),
    ("clinical_trials_units", "MIDLANDS", None),
    ("cluster_gva", "CL-HLS", "Health & life sciences GVA"),
    ("cluster_gva", "CL-MEDTECH", "MedTech GVA"),
    ("life_sciences_jobs", "MIDLANDS", None),
    ("nhs_trusts", "MIDLANDS", None),
)


def headline(catalogue: Catalogue, indicator_id: str, area_code: str, label: str | None = None) -> dict:
    """The latest value of one headline, or 'not available' with no number."""
    title = label or (
        catalogue.indicators.loc[indicator_id, "short_title"]
        if indicator_id in catalogue.indicators.index
        else indicator_id
    )
    name = catalogue.area_name(area_code) if area_code in catalogue.areas.index else area_code
    rows = catalogue.values[(catalogue.values["indicator_id"] == indicator_id) & (catalogue.values["area_code"] == area_code)]
    if rows.empty:
        return {"label": title, "text": "n/a", "caption": f"{name}: not available (no sourced figure)"}
    row = rows.loc[rows["period_end"].idxmax()]
    unit = catalogue.indicators.loc[indicator_id, "unit"]
    return {
        "label": title,
        "text": stats.format_compact(row["value"], unit, row["qualifier"]),
        "caption": (
            f"{stats.format_value(row['value'], unit, row['qualifier'])}; {name}, {row['period']}. "
            f"{source_line(catalogue, [row['source_id']])}"
        ),
    }


def research_infrastructure(catalogue: Catalogue) -> pd.DataFrame:
    """Counts of universities, BRCs, CRFs and trials units, as the partners state them."""
    facts = headlines(catalogue, "research")
    rows = facts[facts["indicator_id"].isin(RESEARCH_INFRASTRUCTURE)]
    order = {indicator_id: i for i, indicator_id in enumerate(RESEARCH_INFRASTRUCTURE)}
    return rows.sort_values("indicator_id", key=lambda s: s.map(order)).reset_index(drop=True)


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


def trusts(catalogue: Catalogue, icb_code: str | None = None) -> pd.DataFrame:
    """NHS trusts with their ICB's name and type in words, optionally for one ICB."""
    rows = catalogue.trusts.copy()
    if icb_code:
        rows = rows[rows["icb_code"] == icb_code]
    rows["icb_name"] = rows["icb_code"].map(catalogue.areas["area_name"])
    rows["type"] = rows["trust_type"].map(TRUST_TYPE_LABELS)
    rows["located"] = rows["latitude"].notna()
    return rows.sort_values(["icb_name", "trust_type", "name"]).reset_index(drop=True)


def icb_trust_counts(catalogue: Catalogue) -> pd.DataFrame:
    """Per ICB: trusts headquartered there, in total and by type."""
    icbs = icb_table(catalogue)
    counts = pd.crosstab(catalogue.trusts["icb_code"], catalogue.trusts["trust_type"])
    icbs["trusts"] = icbs["area_code"].map(counts.sum(axis=1)).fillna(0).astype(int)
    for trust_type in TRUST_TYPE_LABELS:
        column = counts[trust_type] if trust_type in counts.columns else pd.Series(dtype=int)
        icbs[f"{trust_type}_trusts"] = icbs["area_code"].map(column).fillna(0).astype(int)
    icbs["source_id"] = catalogue.trusts["source_id"].mode().iloc[0] if len(catalogue.trusts) else ""
    return icbs


def institutions(catalogue: Catalogue, institution_type: str | None = None) -> pd.DataFrame:
    rows = catalogue.institutions.copy()
    if institution_type and institution_type != "all":
        rows = rows[rows["institution_type"] == institution_type]
    rows["type"] = rows["institution_type"].map(INSTITUTION_TYPE_LABELS)
    rows["located"] = rows["latitude"].notna()
    return rows.sort_values(["institution_type", "name"]).reset_index(drop=True)


UK_CODE = "K02000001"


def midlands_population_share(catalogue: Catalogue) -> dict | None:
    """The East and West Midlands' share of the UK population, computed from one ONS release.

    Returns None unless both regions and the UK have a population for the same period.
    """
    rows = values_for(catalogue, "population", breakdown=TOTAL, area_types=("region", "country"))
    for period in sorted(rows["period"].unique(), key=periods.sort_key, reverse=True):
        same = rows[rows["period"] == period].set_index("area_code")
        if all(code in same.index for code in (*MIDLANDS_REGION_CODES, UK_CODE)):
            midlands = sum(same.loc[code, "value"] for code in MIDLANDS_REGION_CODES)
            return {
                "share": 100 * midlands / same.loc[UK_CODE, "value"],
                "period": period,
                "source_ids": list(dict.fromkeys(same.loc[[*MIDLANDS_REGION_CODES, UK_CODE], "source_id"])),
            }
    return None


CLUSTER_SHARE_METRICS = (
    "cluster_jobs_uk_share",
    "cluster_businesses_uk_share",
    "cluster_high_growth_uk_share",
    "cluster_100m_uk_share",
    "cluster_innovate_uk_share",
    "cluster_fdi_capex_share",
    "cluster_ddi_capex_share",
)


def cluster_uk_shares(catalogue: Catalogue) -> pd.DataFrame:
    """Every 'share of UK' metric for every cluster, for one grouped comparison."""
    rows = catalogue.values[
        catalogue.values["indicator_id"].isin(CLUSTER_SHARE_METRICS) & (catalogue.values["area_type"] == "cluster")
    ].copy()
    order = {metric: i for i, metric in enumerate(CLUSTER_SHARE_METRICS)}
    rows["label"] = rows["indicator_id"].map(catalogue.indicators["short_title"])
    rows["series"] = rows["area_name"]
    rows["text"] = [stats.format_value(r.value, "percent", r.qualifier) for r in rows.itertuples()]
    rows["order"] = rows["indicator_id"].map(order)
    return rows.sort_values(["series", "order"]).reset_index(drop=True)
