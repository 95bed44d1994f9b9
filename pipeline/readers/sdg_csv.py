"""ONS UK Sustainable Development Goals data files (``ONSdigital/sdg-data``, ``indicator_x-y-z.csv``).

Tidy CSV: ``Year, Series, Units, GeoCode, Value, Observation status`` and one column per
breakdown (for 3.9.1: ``Region``, ``Local authority``, ``Deprivation decile``). A row belongs to
an area (England, a region or a local authority, named by ``GeoCode``) when every breakdown
other than the area's own name columns is empty; rows broken down further (England by
deprivation decile) are not area values and are left out here.

An empty ``Value`` is no value: the file marks some ``Missing value`` and leaves others
``Normal value`` (areas in a year before or after they existed, e.g. East Suffolk in 2018);
both are returned as NaN for the build to count. ``Observation status`` is ``Normal value``,
``Missing value`` or the publisher's
words for a value it applied from elsewhere ("Value for Bucks County applied to Bucks UA"),
which is kept as the row's note. Returned in the other readers' shape.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pipeline.errors import InputError, InputProblem, fail
from pipeline.readers.sniff import refuse_html

REQUIRED = ("Year", "Series", "Units", "GeoCode", "Value", "Observation status")
AREA_NAME_COLUMNS = ("Region", "Local authority")  # name the area GeoCode codes; not breakdowns
NORMAL, MISSING = "Normal value", "Missing value"
_YEAR = re.compile(r"^\d{4}$")


def read(path: Path, name: str, series: str) -> pd.DataFrame:
    refuse_html(path, name)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise fail(name, None, None, f"cannot be read as CSV: {exc}") from None
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise InputError([InputProblem(name, 1, c, "column is missing from the header") for c in missing])
    frame["line"] = frame.index + 2
    rows = frame[frame["Series"].str.strip() == series]
    if rows.empty:
        found = ", ".join(repr(s) for s in sorted(frame["Series"].unique()))
        raise fail(name, None, "Series", f"no rows for series {series!r}; the file has: {found}")
    breakdowns = [c for c in frame.columns if c not in (*REQUIRED, *AREA_NAME_COLUMNS, "line")]
    area_rows = rows[(rows[breakdowns].apply(lambda c: c.str.strip()) == "").all(axis=1)] if breakdowns else rows
    status_at = list(area_rows.columns).index("Observation status")  # a name with a space: read by position
    problems, out = [], []
    for row in area_rows.itertuples(index=False):
        line = int(row.line)
        year, code, text = row.Year.strip(), row.GeoCode.strip(), row.Value.strip()
        status = row[status_at].strip()
        if not _YEAR.match(year):
            problems.append(InputProblem(name, line, "Year", f"{year!r} is not a year"))
        if not code:
            problems.append(InputProblem(name, line, "GeoCode", "is empty on a row with no other breakdown"))
        value = pd.to_numeric(text, errors="coerce") if text else float("nan")
        if text and pd.isna(value):
            problems.append(InputProblem(name, line, "Value", f"{text!r} is not a number"))
        note = "" if status in (NORMAL, MISSING) else f"Publisher's note: {status}"
        out.append((line, code, year, float(value), note))
    if problems:
        raise InputError(problems[:50])
    result = pd.DataFrame(out, columns=["line", "areacd", "period", "observation", "note"])
    repeated = result[result.duplicated(["areacd", "period"], keep=False)]
    if not repeated.empty:
        raise InputError([
            InputProblem(name, int(r.line), "GeoCode", f"{r.areacd} appears more than once for {r.period}")
            for r in repeated.itertuples()
        ][:50])
    result["lci_95"] = float("nan")
    result["uci_95"] = float("nan")
    return result
