"""Similar areas: ONS's statistical nearest neighbours and local authority clusters (2026).

ONS publishes, for each local authority in the UK, its 20 nearest neighbours on three sets of
characteristics (``global``, ``economic``, ``demographic``), and a cluster letter on each for
districts and unitary authorities. Counties have neighbours (other counties and unitaries) but
no cluster. ``python -m pipeline`` copies them into ``data/official/similar_areas/``; the app
reads only that copy.

An area is compared with those of its neighbours that have a value for the same indicator,
breakdown and period. Neighbours in Wales, Scotland or Northern Ireland have no value in this
dashboard's English data, so they are counted and named as such, never filled in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.errors import DataFileError, DataProblem

FOLDER = Path("official") / "similar_areas"
KINDS = {"global": "overall", "economic": "economic", "demographic": "demographic"}
FILES = {
    "neighbours": ("neighbours.csv", ["area_code", "kind", "rank", "neighbour_code"]),
    "clusters": ("clusters.csv", ["area_code", "area_name", "kind", "cluster"]),
    "descriptions": ("cluster_descriptions.csv", ["kind", "cluster", "description"]),
    "sources": ("source.csv", ["file", "publisher", "title", "licence", "url", "copy"]),
}


@dataclass(frozen=True, eq=False)
class SimilarAreas:
    neighbours: pd.DataFrame
    clusters: pd.DataFrame
    descriptions: pd.DataFrame
    sources: pd.DataFrame

    @property
    def available(self) -> bool:
        return not self.neighbours.empty

    def source_line(self) -> str:
        if self.sources.empty:
            return "Similar areas: not available (data/official/similar_areas/ is missing)."
        first = self.sources.iloc[0]
        return (f"Similar areas: {first['publisher']}, statistical nearest neighbours and local authority "
                f"clusters, 2026 ({first['licence']}).")


def empty() -> SimilarAreas:
    return SimilarAreas(*(pd.DataFrame(columns=columns) for _, columns in FILES.values()))


def load(data_dir: Path) -> SimilarAreas:
    """The pipeline's copy; an empty set (``available`` false) where the folder is missing.
    A file without its columns raises DataFileError naming the file and column."""
    folder = Path(data_dir) / FOLDER
    if not folder.exists():
        return empty()
    frames, problems = {}, []
    for name, (file_name, columns) in FILES.items():
        path = folder / file_name
        shown = f"data/{(FOLDER / file_name).as_posix()}"
        if not path.exists():
            problems.append(DataProblem(shown, None, None, "is missing; run python -m pipeline"))
            continue
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        missing = [c for c in columns if c not in frame.columns]
        problems += [DataProblem(shown, 1, c, "column is missing from the header") for c in missing]
        frames[name] = frame
    if problems:
        raise DataFileError(problems)
    neighbours = frames["neighbours"]
    ranks = pd.to_numeric(neighbours["rank"], errors="coerce")
    if ranks.isna().any():
        row = int(ranks.isna().to_numpy().argmax()) + 2
        raise DataFileError([DataProblem(f"data/{(FOLDER / 'neighbours.csv').as_posix()}", row, "rank", "is not a number")])
    frames["neighbours"] = neighbours.assign(rank=ranks.astype(int))
    return SimilarAreas(**frames)


def neighbour_codes(similar: SimilarAreas, area_code: str, kind: str = "global") -> list[str]:
    """The area's nearest neighbours of one kind, nearest first (empty if ONS lists none)."""
    rows = similar.neighbours
    rows = rows[(rows["area_code"] == area_code) & (rows["kind"] == kind)]
    return list(rows.sort_values("rank")["neighbour_code"])


def cluster_of(similar: SimilarAreas, area_code: str, kind: str = "global") -> tuple[str, str] | None:
    """(cluster letter, ONS's description) for a district or unitary; None for a county."""
    rows = similar.clusters
    rows = rows[(rows["area_code"] == area_code) & (rows["kind"] == kind)]
    if rows.empty:
        return None
    letter = rows["cluster"].iloc[0]
    described = similar.descriptions
    text = described.loc[(described["kind"] == kind) & (described["cluster"] == letter), "description"]
    return letter, (text.iloc[0] if len(text) else "")


def compare_with_neighbours(values: pd.DataFrame, area_code: str, neighbours: list[str]) -> tuple[pd.DataFrame, dict]:
    """The area and its neighbours on one indicator (``values``: one row per English area for a
    single indicator, breakdown and period, with ``area_code, area_name, value``).

    Returns the rows (area first, then neighbours nearest first; ``is_area``, ``neighbour_rank``,
    ``place``: 1 = highest value among the area and its neighbours with values) and a summary:
    ``median`` of the neighbours with values, ``with_value``, ``without_value`` (codes), ``place``.
    """
    by_code = values if values.index.name == "area_code" and values.index.is_unique else (
        values.drop_duplicates("area_code").set_index("area_code", drop=False))
    order = [area_code, *neighbours]
    present = [code for code in order if code in by_code.index]
    rows = by_code.loc[present].copy()
    rows["is_area"] = rows["area_code"] == area_code
    rows["neighbour_rank"] = [0 if code == area_code else neighbours.index(code) + 1 for code in present]
    rows = rows.dropna(subset=["value"])
    rows["place"] = rows["value"].rank(method="min", ascending=False).astype(int)
    peers = rows[~rows["is_area"]]
    with_value = set(peers["area_code"])
    summary = {
        "median": float(peers["value"].median()) if len(peers) else float("nan"),
        "with_value": len(peers),
        "without_value": [code for code in neighbours if code not in with_value],
        "place": int(rows.loc[rows["is_area"], "place"].iloc[0]) if rows["is_area"].any() else None,
        "of": len(rows),
    }
    return rows.sort_values("neighbour_rank").reset_index(drop=True), summary
