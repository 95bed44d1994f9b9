"""English Indices of Deprivation 2025 summaries (MHCLG), in the two forms the inputs hold.

- ``.rda`` (R data) files built from MHCLG's corrected **v2** summaries by the humaniverse
  ``IMD`` R package: one data frame per file (``imd2025_england_ltla24`` with ``ltla24_code``,
  ``imd2025_england_icb24`` with ``icb24_code``) and one column per measure, snake-cased from
  MHCLG's headers (``imd_average_score``, ``income_rank_of_average_score`` …). v2 has the IMD
  and its seven domains, but not the two supplementary indices (IDACI, IDAOPI).
- The tidy CSV built by Trafford Data Lab from MHCLG's **first release** of File 10 (long
  format: ``area_code, area_name, area_type, deprivation_data_year, index_domain,
  average_rank, rank_average_rank, average_score, rank_average_score, …``), which has all ten.

Both return the other readers' shape: ``line``, ``areacd``, ``period`` (``2025``, the
edition), ``observation``, ``lci_95``/``uci_95`` (none published), ``note``.
"""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path

import pandas as pd

from pipeline.errors import InputError, InputProblem, fail
from pipeline.readers.sniff import refuse_html
from pipeline.readers.summaries import one_edition

EDITION = "2025"
CSV_COLUMNS = ("area_code", "area_name", "index_domain", "average_score", "rank_average_score")
_AREA_CODE = re.compile(r"^E\d{8}$")


def read_rda(path: Path, name: str, table: str, code_column: str, measure: str) -> pd.DataFrame:
    """One measure column of the data frame ``table`` in an R ``.rda`` file."""
    return rda_measure(rda_objects(path, name), name, table, code_column, measure)


def rda_objects(path: Path, name: str) -> dict:
    """Every object in an R ``.rda`` file, by name (read once, for as many measures as it holds)."""
    refuse_html(path, name)
    import rdata  # build-time only (requirements-dev.txt)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Missing constructor for R class tbl_df": read as a data.frame
            return rdata.read_rda(path)
    except Exception as exc:  # the rdata parser raises many types for a damaged file
        raise fail(name, None, None, f"cannot be read as an R data (.rda) file: {type(exc).__name__}: {exc}") from None


def rda_measure(objects: dict, name: str, table: str, code_column: str, measure: str) -> pd.DataFrame:
    """One measure column of the data frame ``table`` among an ``.rda`` file's ``objects``."""
    if table not in objects:
        raise fail(name, None, None, f"has no data frame {table!r} (it has {', '.join(map(str, objects)) or 'none'})")
    frame = objects[table]
    if not isinstance(frame, pd.DataFrame):
        raise fail(name, None, table, "is not a data frame")
    missing = [c for c in (code_column, measure) if c not in frame.columns]
    if missing:
        raise InputError([InputProblem(name, None, c, "column is missing") for c in missing])
    rows = pd.DataFrame({
        "line": range(1, len(frame) + 1),  # the data frame's row number, as R counts
        "areacd": frame[code_column].astype(object).to_numpy(),
        "raw": frame[measure].astype(object).to_numpy(),
    })
    return _finish(rows, name, code_column, measure)


def read_csv(path: Path, name: str, domain: str, measure: str) -> pd.DataFrame:
    """One measure (``average_score``, ``rank_average_score``) of one index or domain."""
    refuse_html(path, name)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise fail(name, None, None, f"cannot be read as CSV: {exc}") from None
    missing = [c for c in (*CSV_COLUMNS, measure) if c not in frame.columns]
    if missing:
        raise InputError([InputProblem(name, 1, c, "column is missing from the header") for c in dict.fromkeys(missing)])
    frame["line"] = frame.index + 2
    rows = frame[frame["index_domain"].str.strip() == domain]
    if rows.empty:
        found = ", ".join(sorted(frame["index_domain"].unique()))
        raise fail(name, None, "index_domain", f"no rows for {domain!r}; the file has: {found}")
    rows = pd.DataFrame({"line": rows["line"], "areacd": rows["area_code"].str.strip(), "raw": rows[measure].str.strip()})
    return _finish(rows.reset_index(drop=True), name, "area_code", measure)


def _finish(rows: pd.DataFrame, name: str, code_column: str, measure: str) -> pd.DataFrame:
    problems = []
    values = []
    for row in rows.itertuples():
        if not isinstance(row.areacd, str) or not _AREA_CODE.match(row.areacd):
            problems.append(InputProblem(name, int(row.line), code_column, f"{row.areacd!r} is not an English area code"))
        values.append(_number(row.raw))
        if values[-1] is None:
            problems.append(InputProblem(name, int(row.line), measure, f"{row.raw!r} is not a number"))
    if problems:
        raise InputError(problems[:50])
    rows = rows.drop(columns="raw")
    rows["observation"] = [float(v) for v in values]
    return one_edition(rows, name, code_column, EDITION)


def _number(raw) -> float | None:
    if isinstance(raw, bool) or raw is None:
        return None
    try:
        number = float(raw)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None
