"""Downloads: CSV that a spreadsheet cannot execute, and the whole catalogue as one table."""

from __future__ import annotations

import pandas as pd

from dashboard.catalogue import Catalogue

# A spreadsheet treats a cell starting with these as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell):
    """Prefix a text cell that a spreadsheet would run with an apostrophe; leave numbers alone."""
    if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
        return "'" + cell
    return cell


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    return safe_frame(frame).to_csv(index=False).encode("utf-8")


SOURCE_COLUMNS = ["source_publisher", "source_title", "source_url", "source_licence", "source_accessed"]


def with_sources(catalogue: Catalogue, rows: pd.DataFrame) -> pd.DataFrame:
    """Rows (having ``source_id``) with the source's publisher, title, address and licence beside them."""
    sources = catalogue.sources[["source_id", "publisher", "title", "url", "licence", "accessed"]]
    sources = sources.rename(
        columns={
            "publisher": "source_publisher",
            "title": "source_title",
            "url": "source_url",
            "licence": "source_licence",
            "accessed": "source_accessed",
        }
    )
    return rows.reset_index(drop=True).merge(sources.reset_index(drop=True), on="source_id", how="left")


def catalogue_table(catalogue: Catalogue) -> pd.DataFrame:
    """Every value with its indicator's title and unit and its source, for one CSV download."""
    indicators = catalogue.indicators[["indicator_id", "title", "theme", "unit", "polarity"]].rename(
        columns={"title": "indicator_title"}
    )
    values = catalogue.values.drop(columns=["period_start", "period_end"])
    table = values.merge(indicators.reset_index(drop=True), on="indicator_id", how="left")
    ordered = [
        "indicator_id", "indicator_title", "theme", "area_code", "area_name", "area_type", "period",
        "breakdown", "qualifier", "value", "lower_ci", "upper_ci", "unit", "polarity", "source_id", "note",
    ]
    return with_sources(catalogue, table[ordered]).sort_values(
        ["theme", "indicator_id", "area_type", "area_name", "period", "breakdown"]
    ).reset_index(drop=True)
