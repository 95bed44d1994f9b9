"""English Indices of Deprivation 2019 summaries for local authorities (MHCLG), as xlsx.

File 10 (lower-tier districts) and File 11 (upper-tier authorities) have one sheet per index
or domain (``IMD``, ``Income`` …). Row 1 is the header: the area's code and name
("Local Authority District code (2019)", "Upper Tier Local Authority District code (2019)")
then the measures ("IMD - Average score ", "IMD - Rank of average score " …, with a trailing
space in the publisher's file). Every row below is one area on **2019 boundaries**
(Northamptonshire E10000021 and its seven districts; codes are kept as published).

Returned in the shape the other readers give: ``line`` (the sheet's row number), ``areacd``,
``period`` (``2019``, the edition), ``observation``, ``lci_95``, ``uci_95`` (none published),
``note``.
"""

from __future__ import annotations

import math
import re
import warnings
import zipfile
from pathlib import Path

import pandas as pd

from pipeline.errors import InputError, InputProblem, fail
from pipeline.readers.sniff import refuse_html
from pipeline.readers.summaries import one_edition

EDITION = "2019"
_CODE_HEADER = re.compile(r"code \(2019\)$", re.IGNORECASE)
_AREA_CODE = re.compile(r"^E\d{8}$")


def read(path: Path, name: str, sheet: str, measure: str) -> pd.DataFrame:
    """One measure (a header, e.g. ``IMD - Average score``) of one sheet, one row per area."""
    refuse_html(path, name)
    import openpyxl  # build-time only (requirements-dev.txt); the app never reads xlsx

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the Notes sheet's drawing shapes are not data
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise fail(name, None, None, f"cannot be read as an xlsx workbook: {exc}") from None
    try:
        if sheet not in workbook.sheetnames:
            raise fail(name, None, None, f"has no sheet {sheet!r} (it has {', '.join(workbook.sheetnames)})")
        rows = list(workbook[sheet].iter_rows(values_only=True))
    finally:
        workbook.close()
    where = f"{name} [{sheet}]"
    if not rows:
        raise fail(where, None, None, "the sheet is empty")
    header = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
    if not header or not _CODE_HEADER.search(header[0]):
        raise fail(where, 1, "A", f"the first column should be the area code (2019), not {header[0]!r}")
    if measure not in header:
        raise fail(where, 1, measure, f"column is missing from the header (it has {', '.join(h for h in header if h)})")
    column = header.index(measure)
    problems, out = [], []
    for line, row in enumerate(rows[1:], start=2):
        if all(cell is None or str(cell).strip() == "" for cell in row):
            continue
        code = str(row[0]).strip() if row[0] is not None else ""
        if not _AREA_CODE.match(code):
            problems.append(InputProblem(where, line, header[0], f"{code!r} is not an English area code"))
            continue
        value = row[column] if column < len(row) else None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            problems.append(InputProblem(where, line, measure, f"{value!r} is not a number"))
            continue
        out.append((line, code, float(value)))
    if problems:
        raise InputError(problems[:50])
    frame = pd.DataFrame(out, columns=["line", "areacd", "observation"])
    return one_edition(frame, where, header[0], EDITION)
