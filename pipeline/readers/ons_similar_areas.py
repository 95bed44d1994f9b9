"""ONS local authority clusters and statistical nearest neighbours (``ons-similar-areas/``).

From ONS's Explore Local Statistics application: three kinds of similarity (``global``,
``economic``, ``demographic``), each as

- ``<kind>-neighbours.csv``: ``AREACD`` then columns ``1`` … ``20``, the 20 nearest
  neighbours in order (fewer for a few combined authorities: the rest are empty);
- ``cluster-allocation.csv``: ``AREACD, AREANM, Global, Economic, Demographic``, one cluster
  letter per kind for each local authority (districts and unitaries; not counties), ``[x]``
  where ONS allocated none;
- ``cluster-descriptions.json``: ``{kind: {letter: description}}``.

Returned as tidy frames for ``data/official/similar_areas/``. Every problem names the file,
row and column.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pipeline.errors import InputError, InputProblem, fail
from pipeline.readers.sniff import read_json, refuse_html

KINDS = ("global", "economic", "demographic")
NEIGHBOURS = 20
_CODE = re.compile(r"^[ENSWK]\d{8}$")
_CLUSTER = re.compile(r"^[A-Za-z]$")
NOT_ALLOCATED = ("[x]",)  # e.g. the Isles of Scilly and the City of London in the global clusters


def neighbours_file(kind: str) -> str:
    return f"ons-similar-areas/{kind}-neighbours.csv"


ALLOCATION_FILE = "ons-similar-areas/cluster-allocation.csv"
DESCRIPTIONS_FILE = "ons-similar-areas/cluster-descriptions.json"


def _read_csv(path: Path, name: str) -> pd.DataFrame:
    refuse_html(path, name)
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise fail(name, None, None, f"cannot be read as CSV: {exc}") from None


def read_neighbours(path: Path, name: str, kind: str) -> pd.DataFrame:
    """``area_code, kind, rank, neighbour_code``: one row per (area, neighbour), rank 1 nearest."""
    frame = _read_csv(path, name)
    expected = ["AREACD", *(str(i) for i in range(1, NEIGHBOURS + 1))]
    missing = [c for c in expected if c not in frame.columns]
    if missing:
        raise InputError([InputProblem(name, 1, c, "column is missing from the header") for c in missing])
    problems, rows = [], []
    for line, record in zip(range(2, len(frame) + 2), frame[expected].itertuples(index=False)):
        area = record[0].strip()
        if not _CODE.match(area):
            problems.append(InputProblem(name, line, "AREACD", f"{area!r} is not a GSS area code"))
            continue
        for rank, code in enumerate(record[1:], start=1):
            code = code.strip()
            if not code:
                continue
            if not _CODE.match(code):
                problems.append(InputProblem(name, line, str(rank), f"{code!r} is not a GSS area code"))
                continue
            rows.append((area, kind, rank, code))
    if problems:
        raise InputError(problems)
    out = pd.DataFrame(rows, columns=["area_code", "kind", "rank", "neighbour_code"])
    duplicated = out.duplicated(["area_code", "rank"])
    if duplicated.any():
        raise fail(name, None, "AREACD", f"{out.loc[duplicated, 'area_code'].iloc[0]} is listed more than once")
    return out


def read_allocation(path: Path, name: str) -> pd.DataFrame:
    """``area_code, area_name, kind, cluster``: each authority's cluster letter (upper case) per kind."""
    frame = _read_csv(path, name)
    headers = {"global": "Global", "economic": "Economic", "demographic": "Demographic"}
    expected = ["AREACD", "AREANM", *headers.values()]
    missing = [c for c in expected if c not in frame.columns]
    if missing:
        raise InputError([InputProblem(name, 1, c, "column is missing from the header") for c in missing])
    problems, rows = [], []
    for line, record in zip(range(2, len(frame) + 2), frame.to_dict("records")):
        area = record["AREACD"].strip()
        if not _CODE.match(area):
            problems.append(InputProblem(name, line, "AREACD", f"{area!r} is not a GSS area code"))
            continue
        for kind, column in headers.items():
            letter = record[column].strip()
            if letter in NOT_ALLOCATED:  # ONS's mark for an authority it left out of that clustering
                continue
            if not _CLUSTER.match(letter):
                problems.append(InputProblem(name, line, column, f"{letter!r} is not a cluster letter"))
                continue
            rows.append((area, record["AREANM"].strip(), kind, letter.upper()))
    if problems:
        raise InputError(problems)
    return pd.DataFrame(rows, columns=["area_code", "area_name", "kind", "cluster"])


def read_descriptions(path: Path, name: str) -> pd.DataFrame:
    """``kind, cluster, description``: ONS's words for each cluster."""
    data = read_json(path, name)
    problems, rows = [], []
    for kind in KINDS:
        clusters = data.get(kind) if isinstance(data, dict) else None
        if not isinstance(clusters, dict) or not clusters:
            problems.append(InputProblem(name, None, kind, "has no cluster descriptions"))
            continue
        for letter, text in clusters.items():
            if not _CLUSTER.match(letter) or not isinstance(text, str) or not text.strip():
                problems.append(InputProblem(name, None, f"{kind}.{letter}", "is not a cluster letter with a description"))
                continue
            rows.append((kind, letter.upper(), " ".join(text.split())))
    if problems:
        raise InputError(problems)
    return pd.DataFrame(rows, columns=["kind", "cluster", "description"])


def check_clusters_described(allocation: pd.DataFrame, descriptions: pd.DataFrame) -> None:
    described = set(zip(descriptions["kind"], descriptions["cluster"]))
    unknown = sorted(set(zip(allocation["kind"], allocation["cluster"])) - described)
    if unknown:
        kind, cluster = unknown[0]
        raise fail(ALLOCATION_FILE, None, kind.capitalize(), f"cluster {cluster} has no description in {DESCRIPTIONS_FILE}")
