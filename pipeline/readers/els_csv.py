"""ONS Explore Local Statistics CSV files, in both the current and the earlier column names.

Current: ``areacd, areanm, geography, indicator, period, observation, measure, unit, lci_95,
uci_95, status, notes``. Earlier releases (``ons-els-history/``) use ``AREACD, AREANM,
Geography, Indicator, Period, Observation, …, Lower/Upper Confidence Interval (95%),
Observation Status``. Both are read to the current names. A row's observation is a number,
or empty with one of the statistical symbols the Government Statistical Service defines
for tables (``x`` not available, ``u`` low reliability …); anything else stops the build.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.errors import InputError, InputProblem, fail
from pipeline.readers.sniff import refuse_html

EARLIER_NAMES = {
    "AREACD": "areacd",
    "AREANM": "areanm",
    "Geography": "geography",
    "Indicator": "indicator",
    "Period": "period",
    "Observation": "observation",
    "Lower Confidence Interval (95%)": "lci_95",
    "Upper Confidence Interval (95%)": "uci_95",
    "Observation Status": "status",
    "Notes": "notes",
}
REQUIRED = ("areacd", "areanm", "geography", "indicator", "period", "observation", "lci_95", "uci_95", "status")
# GSS "Symbols in tables" (Analysis Function): the markers a publisher puts where a value is
# not shown. ELS writes them without brackets.
STATUS_SYMBOLS = {
    "x": "not available",
    "u": "low reliability",
    "c": "confidential",
    "z": "not applicable",
    "w": "no or few cases",
    "low": "rounds to zero",
}
_HEADER_LINES = 1


def read(path: Path, name: str) -> pd.DataFrame:
    """Rows with numeric ``observation``, ``lci_95``, ``uci_95`` and a ``line`` number.

    Rows without a value (status symbol only) are kept with NaN so callers can count them.
    """
    refuse_html(path, name)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise fail(name, None, None, f"cannot be read as CSV: {exc}") from None
    frame = frame.rename(columns=EARLIER_NAMES)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise InputError([InputProblem(name, 1, c, "column is missing from the header") for c in missing])
    if "notes" not in frame.columns:
        frame["notes"] = ""
    frame = frame[list(REQUIRED) + ["notes"]].copy()
    frame["line"] = frame.index + _HEADER_LINES + 1
    for column in ("areacd", "indicator", "period", "status"):
        frame[column] = frame[column].str.strip()
    problems = _numeric(frame, name)
    problems += _duplicates(frame, name)
    if problems:
        raise InputError(problems[:50])
    return frame


def _numeric(frame: pd.DataFrame, name: str) -> list[InputProblem]:
    problems = []
    status_is_symbol = frame["status"].str.lower().isin(STATUS_SYMBOLS)
    for column in ("observation", "lci_95", "uci_95"):
        text = frame[column].str.strip()
        numbers = pd.to_numeric(text, errors="coerce")
        bad = numbers.isna() & (text != "")
        # An empty observation needs a status symbol saying why it is empty.
        if column == "observation":
            bad |= (text == "") & ~status_is_symbol
        for row in frame[bad].itertuples():
            shown = getattr(row, column)
            if shown.strip():
                message = f"{shown!r} is not a number"
            else:
                message = f"is empty, and its status {row.status!r} is not a statistical symbol ({', '.join(STATUS_SYMBOLS)})"
            problems.append(InputProblem(name, int(row.line), column, message))
        frame[column] = numbers.astype(float)
    return problems


NO_CODE = ("", "na")  # areas the publisher gives without a code (Scottish city regions in the FDI file)


def _duplicates(frame: pd.DataFrame, name: str) -> list[InputProblem]:
    key = ["areacd", "indicator", "period"]
    coded = frame[~frame["areacd"].str.lower().isin(NO_CODE)]
    repeated = coded[coded.duplicated(key, keep=False)]
    problems = []
    for _, group in repeated.groupby(key, sort=False):
        first, *others = group["line"].tolist()
        for line in others:
            problems.append(InputProblem(name, int(line), "areacd", f"duplicate of row {first} (same area, indicator and period)"))
    return problems
