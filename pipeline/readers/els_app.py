"""ONS Explore Local Statistics app files: one indicator as parallel arrays.

``{"id", "code", "areacd": [...], "value": [...], "lci": [...], "uci": [...], "xDomainNumb": [...]}``
where ``xDomainNumb`` is the first year of each value's period. Returned in the same shape as
:mod:`pipeline.readers.els_csv` reads (``line`` is the position in the arrays, from 1).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from pipeline.errors import InputError, InputProblem, fail
from pipeline.readers.sniff import read_json

ARRAYS = ("areacd", "value", "lci", "uci", "xDomainNumb")


def read(path: Path, name: str) -> pd.DataFrame:
    document = read_json(path, name)
    if not isinstance(document, dict):
        raise fail(name, None, None, "is not a JSON object with the arrays areacd, value, lci, uci, xDomainNumb")
    missing = [key for key in ARRAYS if not isinstance(document.get(key), list)]
    if missing:
        raise InputError([InputProblem(name, None, key, "array is missing") for key in missing])
    lengths = {key: len(document[key]) for key in ARRAYS}
    if len(set(lengths.values())) != 1:
        raise fail(name, None, "value", f"arrays differ in length: {lengths}")
    problems = []
    rows = []
    for index, (code, value, lower, upper, year) in enumerate(zip(*(document[k] for k in ARRAYS)), start=1):
        for column, number in (("value", value), ("lci", lower), ("uci", upper)):
            if number is not None and (isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number)):
                problems.append(InputProblem(name, index, column, f"{number!r} is not a number"))
        if isinstance(year, bool) or not isinstance(year, int):
            problems.append(InputProblem(name, index, "xDomainNumb", f"{year!r} is not a year"))
        if not isinstance(code, str) or not code:
            problems.append(InputProblem(name, index, "areacd", f"{code!r} is not an area code"))
        rows.append((index, code, year, value, lower, upper))
    if problems:
        raise InputError(problems[:50])
    frame = pd.DataFrame(rows, columns=["line", "areacd", "year", "observation", "lci_95", "uci_95"])
    for column in ("observation", "lci_95", "uci_95"):
        frame[column] = frame[column].astype(float)
    repeated = frame[frame.duplicated(["areacd", "year"], keep=False)]
    if not repeated.empty:
        raise InputError([
            InputProblem(name, int(row.line), "areacd", f"duplicate value for {row.areacd} in {row.year}")
            for row in repeated.itertuples()
        ][:50])
    return frame
