"""The open-data files: the dashboard's own figures at fixed addresses, for scripts.

``python -m pipeline`` writes, after the official build, into ``static/data/`` (served by
Streamlit's static file serving at ``app/static/data/``):

- ``values.csv``: one row per value the dashboard holds (``Catalogue.values``: the Midlands
  areas, their regions, England, the UK, the ICBs and the curated partner figures), with the
  comparisons the app shows, computed by the app's own functions;
- ``indicators.csv`` and ``sources.csv``: every indicator's definition and every source;
- ``csv-metadata.json``: W3C CSV on the Web (CSVW) metadata describing the three tables, their
  columns, datatypes and licence. ``csv-metadata.json`` is the name a CSVW processor looks for
  beside any CSV in the folder, so one file describes all three.

The catalogue is loaded exactly as the app loads it (``dashboard.catalogue.load_catalogue``) and
compared with ``dashboard.stats.compare``, ``dashboard.comparisons.area_trends`` and
``dashboard.comparisons.national_quintiles`` (the fifths ``national_positions`` gives the pages):
these files say what the pages say.

Text cells are made formula-safe as the app's downloads are (``dashboard.exports.safe_frame``:
a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
apostrophe); numeric columns are written as plain numbers, so a negative value stays a number.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import comparisons, stats
from dashboard.analysis import levels
from dashboard.catalogue import Catalogue, load_catalogue
from dashboard.config import ENGLAND_CODE
from dashboard.exports import safe_frame
from dashboard.methods import trend
from dashboard.open_data import (
    FORMULA_RULE, INDICATORS_FILE, LICENCE_TEXT, LICENCE_URL, METADATA_FILE, SCOPE, SOURCES_FILE, VALUES_FILE,
)

# (name, CSVW datatype, description). The order is the file's column order.
VALUE_COLUMNS = (
    ("indicator_id", "string", "The indicator's identifier (indicators.csv)."),
    ("indicator_title", "string", "The indicator's title."),
    ("area_code", "string", "ONS or NHS code of the area; an upper-case name for a curated area."),
    ("area_name", "string", "The area's name."),
    ("area_type", "string", "utla (county or unitary), ltla (district), icb, region, country, combined_authority, "
     "midlands, cluster or organisation."),
    ("period", "string", "The period as the publisher gives it: 2023, 2021/22 (financial or academic year), "
     "2020-22 (three years pooled), 2017-2021."),
    ("breakdown", "string", "Persons, Male, Female, or All."),
    ("value", "double", "The value, in the unit given."),
    ("lower_ci", "double", "Lower 95% confidence limit, where the publisher gives one."),
    ("upper_ci", "double", "Upper 95% confidence limit, where the publisher gives one."),
    ("unit", "string", "The unit of value and its limits (indicators.csv)."),
    ("compared_with_england", "string", "Better, Similar or Worse than England (Higher, Similar, Lower where "
     "higher is neither better nor worse): England's value for the same period and breakdown against this "
     "value's 95% confidence interval. Empty for England and the UK, for counts, sizes and ranks, and where "
     "either has no value or this value has no interval."),
    ("compared_with_region", "string", "The same comparison with the area's own region (East or West Midlands). "
     "Empty for areas that are not within a region and where it cannot be made."),
    ("recent_trend", "string", "The Fingertips recent trend over the five most recent annual periods with "
     "confidence limits (Increasing, Decreasing or No significant change, and whether that is getting better "
     "or worse), given on the row of the last period it uses. Empty on other rows and where it cannot be "
     "calculated (rolling periods, fewer than five periods with limits)."),
    ("national_quintile", "integer", "The fifth of English areas of the same level (upper-tier areas, or "
     "districts for a district) this value falls in for the same period and breakdown: 1 = the fifth with the "
     "lowest values, 5 = the highest (read with the indicator's polarity). Empty for other areas, for counts, "
     "sizes and ranks, and for areas that have since ended."),
    ("source_id", "string", "The source of this value (sources.csv)."),
    ("published", "string", "The source's release date (YYYY-MM-DD, YYYY-MM or YYYY); empty where the publisher "
     "gives none."),
)
INDICATOR_COLUMNS = (
    ("indicator_id", "string", "The indicator's identifier."),
    ("title", "string", "Title."),
    ("short_title", "string", "Short title, as the dashboard's tables show it."),
    ("theme", "string", "The dashboard's theme."),
    ("unit", "string", "Unit of its values."),
    ("polarity", "string", "higher_is_better, lower_is_better or neither."),
    ("definition", "string", "The publisher's definition."),
    ("why_it_matters", "string", "Why the dashboard shows it."),
    ("caveats", "string", "The publisher's caveats."),
    ("in_development", "string", "yes where the publisher calls it official statistics in development."),
    ("source_id", "string", "Its source (sources.csv)."),
    ("source_publisher", "string", "The publisher."),
    ("released", "string", "The source's release date, where given."),
)
SOURCE_COLUMNS = (
    ("source_id", "string", "The source's identifier."),
    ("publisher", "string", "Who publishes it."),
    ("title", "string", "Title of the publication or page."),
    ("url", "anyURI", "Its address."),
    ("licence", "string", "The licence it is published under, or how partner figures are quoted."),
    ("published", "string", "Release date (YYYY-MM-DD, YYYY-MM or YYYY), where given."),
    ("accessed", "string", "When a curator read a web page (YYYY-MM-DD); empty for files the pipeline reads."),
    ("notes", "string", "How the figure was found and read."),
)


def _names(columns) -> list[str]:
    return [name for name, _, _ in columns]


def _outcome(value, lower_ci, upper_ci, benchmark, polarity) -> str:
    found = stats.compare(value, lower_ci, upper_ci, benchmark, polarity)
    return "" if found == stats.NOT_COMPARED else found


def _benchmark(values: pd.DataFrame, keys: pd.DataFrame) -> np.ndarray:
    """Each row's benchmark value: the row of ``values`` at the same indicator, breakdown, period
    and the area code in ``keys['benchmark_code']``; NaN where none."""
    lookup = values.set_index(["indicator_id", "breakdown", "period", "area_code"])["value"]
    index = pd.MultiIndex.from_frame(keys[["indicator_id", "breakdown", "period", "benchmark_code"]])
    return lookup.reindex(index).to_numpy()


def _trends(catalogue: Catalogue, values: pd.DataFrame) -> pd.Series:
    """Each series' recent trend on the row of the last period it uses, as the app computes it."""
    found = pd.Series("", index=values.index, dtype=object)
    row_of = pd.Series(values.index, index=pd.MultiIndex.from_frame(
        values[["indicator_id", "breakdown", "area_code", "period"]]))
    for indicator_id, breakdown in values[["indicator_id", "breakdown"]].drop_duplicates().itertuples(index=False):
        for area_code, result in comparisons.area_trends(catalogue, indicator_id, breakdown).items():
            if result.marker != trend.CANNOT:
                found.at[row_of[(indicator_id, breakdown, area_code, result.periods[-1])]] = result.short
    return found


def _quintiles(catalogue: Catalogue, values: pd.DataFrame, ranked: pd.Series) -> pd.Series:
    """Each ranked row's national fifth (1-5) among English areas of its level, as the app computes it."""
    found = np.full(len(values), np.nan)
    for level in levels.LEVELS:
        rows = values[ranked & (values["area_type"] == level)]
        keys = pd.MultiIndex.from_frame(rows[[*comparisons.SERIES_KEYS, "area_code"]])
        quintiles = comparisons.national_quintiles(catalogue, level)
        found[rows.index.to_numpy()] = quintiles.reindex(keys).to_numpy(dtype=float)
    return pd.Series(found, index=values.index).astype("Int64")


def values_table(catalogue: Catalogue) -> pd.DataFrame:
    """One row per value the dashboard holds, with the columns of ``VALUE_COLUMNS``."""
    indicators = catalogue.indicators
    values = catalogue.values.sort_values(
        ["indicator_id", "area_type", "area_code", "breakdown", "period_end", "period_start", "period"]
    ).reset_index(drop=True)
    polarity = values["indicator_id"].map(indicators["polarity"])
    unit = values["indicator_id"].map(indicators["unit"])
    compared = ~unit.isin(comparisons.NOT_COMPARED_UNITS)

    england = _benchmark(values, values.assign(benchmark_code=ENGLAND_CODE))
    region_code = values["area_code"].map(catalogue.areas["region_code"]).fillna("")
    region = _benchmark(values, values.assign(benchmark_code=region_code))
    in_england = compared & (values["area_type"] != "country")
    in_region = compared & (region_code != "")
    rows = zip(values["value"], values["lower_ci"], values["upper_ci"], england, region, polarity, in_england, in_region)
    vs_england, vs_region = [], []
    for value, lower, upper, england_value, region_value, direction, with_england, with_region in rows:
        vs_england.append(_outcome(value, lower, upper, england_value, direction) if with_england else "")
        vs_region.append(_outcome(value, lower, upper, region_value, direction) if with_region else "")

    # Ranked as the area profile ranks: upper-tier areas among upper-tier areas, districts among districts.
    ranked = compared & values["area_type"].isin(list(levels.LEVELS))
    table = pd.DataFrame({
        "indicator_id": values["indicator_id"],
        "indicator_title": values["indicator_id"].map(indicators["title"]),
        "area_code": values["area_code"],
        "area_name": values["area_name"],
        "area_type": values["area_type"],
        "period": values["period"],
        "breakdown": values["breakdown"],
        "value": values["value"],
        "lower_ci": values["lower_ci"],
        "upper_ci": values["upper_ci"],
        "unit": unit,
        "compared_with_england": vs_england,
        "compared_with_region": vs_region,
        "recent_trend": _trends(catalogue, values),
        "national_quintile": _quintiles(catalogue, values, ranked),
        "source_id": values["source_id"],
        "published": values["source_id"].map(catalogue.sources["published"]).fillna(""),
    })
    return table[_names(VALUE_COLUMNS)]


def indicators_table(catalogue: Catalogue) -> pd.DataFrame:
    """Every indicator's definition, unit, polarity, caveats and source, and the release date:
    the publisher's, as the pipeline read it, or else the source's."""
    indicators = catalogue.indicators.reset_index(drop=True).sort_values("indicator_id")
    sources = catalogue.sources
    # Curated-only catalogues have neither column: the pipeline adds them to official indicators.
    released = indicators.get("released", pd.Series("", index=indicators.index)).fillna("")
    released = released.where(released != "", indicators["source_id"].map(sources["published"]))
    table = indicators.assign(
        source_publisher=indicators["source_id"].map(sources["publisher"]),
        released=released.fillna(""),
        in_development=indicators.get("in_development", pd.Series("", index=indicators.index)).fillna(""),
    )
    return table[_names(INDICATOR_COLUMNS)].reset_index(drop=True)


def sources_table(catalogue: Catalogue) -> pd.DataFrame:
    return catalogue.sources.reset_index(drop=True).sort_values("source_id")[_names(SOURCE_COLUMNS)].reset_index(drop=True)


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV with text cells formula-safe and numbers as numbers; the same bytes every run."""
    return safe_frame(frame).to_csv(index=False, lineterminator="\n")


def _schema(columns) -> dict:
    return {
        "columns": [
            {"name": name, "titles": name, "datatype": datatype, "dc:description": description}
            for name, datatype, description in columns
        ],
    }


def metadata(rows: int) -> dict:
    """CSVW metadata (https://www.w3.org/TR/tabular-metadata/) for the three tables."""
    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "dc:title": "Midlands Health & Life Sciences Dashboard: open data",
        "dc:description": SCOPE + " Comparisons, trends and national fifths are those the dashboard shows.",
        "dc:license": {"@id": LICENCE_URL},
        "dc:rights": LICENCE_TEXT,
        "dialect": {"header": True, "encoding": "utf-8"},
        "tables": [
            {
                "url": VALUES_FILE,
                "dc:title": "Values",
                "dc:description": f"{rows:,} values. {FORMULA_RULE}",
                "tableSchema": {
                    **_schema(VALUE_COLUMNS),
                    "primaryKey": ["indicator_id", "area_code", "period", "breakdown"],
                    "foreignKeys": [
                        {"columnReference": "indicator_id",
                         "reference": {"resource": INDICATORS_FILE, "columnReference": "indicator_id"}},
                        {"columnReference": "source_id",
                         "reference": {"resource": SOURCES_FILE, "columnReference": "source_id"}},
                    ],
                },
            },
            {
                "url": INDICATORS_FILE,
                "dc:title": "Indicators",
                "tableSchema": {**_schema(INDICATOR_COLUMNS), "primaryKey": "indicator_id"},
            },
            {
                "url": SOURCES_FILE,
                "dc:title": "Sources",
                "tableSchema": {**_schema(SOURCE_COLUMNS), "primaryKey": "source_id"},
            },
        ],
    }


def files(catalogue: Catalogue) -> dict[str, str]:
    """Each open-data file's name and text."""
    values = values_table(catalogue)
    return {
        VALUES_FILE: csv_text(values),
        INDICATORS_FILE: csv_text(indicators_table(catalogue)),
        SOURCES_FILE: csv_text(sources_table(catalogue)),
        METADATA_FILE: json.dumps(metadata(len(values)), indent=2, ensure_ascii=False) + "\n",
    }


def write(catalogue: Catalogue, folder: Path) -> dict[str, int]:
    """Write every file into ``folder``; the number of bytes of each."""
    folder.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, text in files(catalogue).items():
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        sizes[name] = len(data)
    return sizes


def catalogue_with(data_dir: Path, official: Path, view: Path) -> Catalogue:
    """The catalogue the app would load from ``data_dir`` once ``official`` replaces its official
    folder: ``view`` is made of links to both, so nothing in ``data_dir`` is touched."""
    view.mkdir(parents=True)
    for entry in sorted(data_dir.iterdir()):
        if entry.name != official.name and not entry.name.startswith("."):
            (view / entry.name).symlink_to(entry.resolve(), target_is_directory=entry.is_dir())
    (view / official.name).symlink_to(official.resolve(), target_is_directory=True)
    return load_catalogue(view, cache=False)  # a one-off scratch folder: nothing to reuse
