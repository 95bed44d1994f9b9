"""Build the official part of ``data/`` from the raw inputs: the pipeline's one writer.

``build(raw_dir, curated_dir, out_dir)`` writes into ``out_dir`` (a fresh folder) the tables
``areas.csv``, ``indicators.csv``, ``sources.csv`` and ``values/<indicator_id>.csv``. Output
is deterministic: rows are sorted, numbers written in their shortest exact form, files with
``\\n`` line ends, so a second run gives byte-identical files.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline import areas as area_register
from pipeline import periods, trust_locations
from pipeline.errors import InputError, InputProblem
from pipeline.indicators import INDICATORS, Indicator
from pipeline.manifest import Manifest
from pipeline.readers import els_app, els_csv, els_metadata, iod2019_xlsx, iod2025, ons_similar_areas, sdg_csv

VALUE_COLUMNS = [
    "indicator_id", "area_code", "area_name", "area_type", "period", "breakdown",
    "value", "lower_ci", "upper_ci", "qualifier", "source_id", "note",
]
INDICATOR_COLUMNS = [
    "indicator_id", "title", "short_title", "theme", "unit", "polarity", "definition", "why_it_matters",
    "caveats", "source_id", "released", "decimal_places", "in_development",
]
SOURCE_COLUMNS = ["source_id", "publisher", "title", "url", "licence", "published", "accessed", "notes"]


@dataclass
class BuildSummary:
    """What the build left out, and why: printed with the change report."""

    left_out: dict = field(default_factory=dict)  # (indicator_id, reason) -> count

    def skip(self, indicator_id: str, reason: str, count: int) -> None:
        if count:
            key = (indicator_id, reason)
            self.left_out[key] = self.left_out.get(key, 0) + count


def build(raw_dir: Path, curated_dir: Path, out_dir: Path, indicators: tuple[Indicator, ...] | None = None) -> BuildSummary:
    manifest = Manifest(raw_dir)
    membership = area_register.read_icb_membership(Path(curated_dir) / "icb_membership.csv")
    register = area_register.read_register(manifest, membership)
    icbs, curated_icbs = area_register.read_icbs(manifest, Path(curated_dir) / "areas.csv")
    register = pd.concat([register, icbs]).sort_index()
    # Values name the curated Midlands ICBs as data/areas.csv does; only the register is written.
    known_areas = pd.concat([register, curated_icbs.reindex(columns=area_register.COLUMNS).astype(object).fillna("")])
    summary = BuildSummary()
    values, indicator_rows, sources = [], [], {}
    parsed: dict[str, object] = {}  # each ELS CSV and .rda file read once per build, however many series it holds
    for indicator in INDICATORS if indicators is None else indicators:
        frame, metadata = _indicator_values(indicator, manifest, known_areas, summary, parsed)
        values.append(frame)
        indicator_rows.append(_indicator_row(indicator, metadata))
        _add_source(sources, indicator, metadata, manifest)
    locations, unlocated = trust_locations.build(manifest, curated_dir)
    for reason in unlocated:
        summary.skip(trust_locations.OUTPUT, reason, 1)
    sources[trust_locations.SOURCE_ID] = trust_locations.SOURCE
    out_dir = Path(out_dir)
    (out_dir / "values").mkdir(parents=True, exist_ok=True)
    _write(out_dir / trust_locations.OUTPUT, locations, trust_locations.COLUMNS)
    _write(out_dir / "areas.csv", register[area_register.COLUMNS], area_register.COLUMNS)
    _write(out_dir / "indicators.csv", pd.DataFrame(indicator_rows), INDICATOR_COLUMNS)
    _write(out_dir / "sources.csv", pd.DataFrame(sorted(sources.values(), key=lambda s: s["source_id"])), SOURCE_COLUMNS)
    for frame in values:
        indicator_id = frame["indicator_id"].iloc[0]
        _write(out_dir / "values" / f"{indicator_id}.csv", frame, VALUE_COLUMNS)
    _write_similar_areas(manifest, out_dir / SIMILAR_AREAS_DIR)
    return summary


SIMILAR_AREAS_DIR = "similar_areas"
SIMILAR_AREAS_COLUMNS = {
    "neighbours.csv": ["area_code", "kind", "rank", "neighbour_code"],
    "clusters.csv": ["area_code", "area_name", "kind", "cluster"],
    "cluster_descriptions.csv": ["kind", "cluster", "description"],
    "source.csv": ["file", "publisher", "title", "licence", "url", "copy"],
}


def _write_similar_areas(manifest: Manifest, folder: Path) -> None:
    """ONS's statistical nearest neighbours and clusters, tidy, for the app's similar-areas
    comparisons (the app never reads ``../shared/raw``); with each input's provenance."""
    readers = ons_similar_areas
    files = [readers.neighbours_file(kind) for kind in readers.KINDS]
    neighbours = pd.concat(
        [readers.read_neighbours(manifest.verified_path(f), f, kind) for f, kind in zip(files, readers.KINDS)],
        ignore_index=True,
    ).sort_values(["area_code", "kind", "rank"])
    allocation = readers.read_allocation(manifest.verified_path(readers.ALLOCATION_FILE), readers.ALLOCATION_FILE)
    descriptions = readers.read_descriptions(manifest.verified_path(readers.DESCRIPTIONS_FILE), readers.DESCRIPTIONS_FILE)
    readers.check_clusters_described(allocation, descriptions)
    entries = [manifest.entry(f) for f in [*files, readers.ALLOCATION_FILE, readers.DESCRIPTIONS_FILE]]
    source = pd.DataFrame([
        {"file": e.file, "publisher": e.publisher, "title": e.title, "licence": e.licence,
         "url": f"https://github.com/{e.copy_repository}/blob/{e.copy_commit}/{e.copy_path}",
         "copy": f"{e.copy_repository}@{e.copy_commit[:12]}, sha256 {e.sha256[:12]}…"}
        for e in entries
    ])
    folder.mkdir(parents=True, exist_ok=True)
    frames = {
        "neighbours.csv": neighbours,
        "clusters.csv": allocation.sort_values(["area_code", "kind"]),
        "cluster_descriptions.csv": descriptions.sort_values(["kind", "cluster"]),
        "source.csv": source,
    }
    for name, frame in frames.items():
        _write(folder / name, frame, SIMILAR_AREAS_COLUMNS[name])


def _indicator_values(indicator: Indicator, manifest: Manifest, register: pd.DataFrame, summary: BuildSummary,
                      parsed: dict[str, object]):
    frames = []
    metadata = indicator.metadata
    for series in indicator.series:
        if indicator.metadata is None:
            meta = els_metadata.read(
                manifest.verified_path(indicator.metadata_file), indicator.metadata_file, series.metadata_block
            )
            metadata = metadata or meta
        rows = _read_series(indicator, series, manifest, parsed)
        rows["file"] = series.data_file
        rows["breakdown"] = series.breakdown
        frames.append(rows)
    rows = pd.concat(frames, ignore_index=True)
    rows = _in_register(rows, register, indicator, summary)
    missing = rows["observation"].isna()
    summary.skip(indicator.indicator_id, "no value published (status symbol or empty cell)", int(missing.sum()))
    rows = rows[~missing]
    rows = _given_once(rows, indicator, summary)
    _check_limits(rows)
    out = pd.DataFrame({
        "indicator_id": indicator.indicator_id,
        "area_code": rows["areacd"],
        "area_name": rows["areacd"].map(register["area_name"]),
        "area_type": rows["areacd"].map(register["area_type"]),
        "period": rows["period_label"],
        "breakdown": rows["breakdown"],
        "value": _numbers(rows["observation"]),
        "lower_ci": _numbers(rows["lci_95"]),
        "upper_ci": _numbers(rows["uci_95"]),
        "qualifier": "",
        "source_id": indicator.source_id,
        "note": rows["note"],
    })
    from dashboard.periods import sort_key  # the app's own period order, so both agree

    out["_order"] = out["period"].map(sort_key)
    out = out.sort_values(["area_code", "breakdown", "_order", "period"], kind="stable").drop(columns="_order")
    return out.reset_index(drop=True), metadata


def _read_series(indicator: Indicator, series, manifest: Manifest, parsed: dict[str, object]) -> pd.DataFrame:
    """The series' rows in one shape: line, areacd, period_label, observation, lci_95, uci_95, note.
    ``parsed``: the ELS CSV and .rda files read so far in this build, by name (neither is changed here)."""
    path = manifest.verified_path(series.data_file)
    reader = series.reader or indicator.reader
    if reader == "els_csv":
        if series.data_file not in parsed:
            parsed[series.data_file] = els_csv.read(path, series.data_file)
        return _csv_series(parsed[series.data_file], series, indicator)
    if reader == "iod2025_rda":
        if series.data_file not in parsed:
            parsed[series.data_file] = iod2025.rda_objects(path, series.data_file)
        rows = iod2025.rda_measure(parsed[series.data_file], series.data_file, *series.measure)
        return rows.rename(columns={"period": "period_label"})
    if reader == "els_app":
        return _app_series(els_app.read(path, series.data_file), indicator)
    readers = {
        "iod2019_xlsx": iod2019_xlsx.read,
        "iod2025_csv": iod2025.read_csv,
        "sdg_csv": sdg_csv.read,
    }
    if reader not in readers:
        raise ValueError(f"{indicator.indicator_id}: no reader {reader!r}")
    rows = readers[reader](path, series.data_file, *series.measure)
    return rows.rename(columns={"period": "period_label"})


def _given_once(rows: pd.DataFrame, indicator: Indicator, summary: BuildSummary) -> pd.DataFrame:
    """One row per area, period and breakdown.

    An area may be given twice: by two files (a unitary authority is in both IoD 2019's
    district and upper-tier summaries) or twice in one file (a region as itself and as its
    ITL1 region). The same value (and limits) is kept once; different values stop the build.
    """
    key = ["areacd", "period_label", "breakdown"]
    repeated = rows[rows.duplicated(key, keep=False)]
    if repeated.empty:
        return rows
    if "from_itl1" in rows.columns:  # keep the row published under the region's own code
        rows = rows.sort_values("from_itl1", kind="stable")
        repeated = rows[rows.duplicated(key, keep=False)]
    # Only groups where a row differs from its group's first row can give a problem: find them
    # column-wise, then word their problems row by row.
    grouped = repeated.groupby(key, sort=False)
    number = grouped.ngroup().to_numpy()
    leading = repeated[(grouped.cumcount() == 0).to_numpy()]  # the first row of group 0, 1, 2 …
    differs = np.zeros(len(repeated), dtype=bool)
    for column in ("observation", "lci_95", "uci_95"):
        first, mine = leading[column].to_numpy()[number], repeated[column].to_numpy()
        differs |= ~((pd.isna(first) & pd.isna(mine)) | (first == mine))
    problems = []
    for _, group in repeated[np.isin(number, number[differs])].groupby(key, sort=False):
        first = group.iloc[0]
        for other in group.iloc[1:].itertuples():
            same = all(
                (pd.isna(first[c]) and pd.isna(getattr(other, c))) or first[c] == getattr(other, c)
                for c in ("observation", "lci_95", "uci_95")
            )
            if not same:
                problems.append(InputProblem(
                    other.file, int(other.line), "observation",
                    f"{other.areacd} {other.period_label} is {other.observation}, but {first['file']} row "
                    f"{int(first['line'])} gives {first['observation']} for the same area and period",
                ))
    if problems:
        raise InputError(problems[:50])
    duplicated = rows.duplicated(key, keep="first")
    summary.skip(indicator.indicator_id, "given twice with the same value (kept once)", int(duplicated.sum()))
    return rows[~duplicated]


def _csv_series(frame: pd.DataFrame, series, indicator: Indicator) -> pd.DataFrame:
    rows = frame[frame["indicator"] == series.els_indicator].copy()
    if rows.empty:
        found = ", ".join(repr(n) for n in sorted(frame["indicator"].unique())[:10])
        raise InputError([InputProblem(
            series.data_file, None, "indicator",
            f"no rows for indicator {series.els_indicator!r} (declared for {indicator.indicator_id}); "
            f"the file has: {found}. Was it renamed? Update pipeline/indicators.py after checking the release.",
        )])
    labels, refused = {}, {}  # each distinct notation read once: a file repeats a few periods for every area
    for text in rows["period"].unique():
        try:
            labels[text] = periods.label(
                text, mid_month_years=indicator.mid_month_years, snapshot_dates=indicator.snapshot_dates
            )
        except ValueError as exc:
            refused[text] = str(exc)
    if refused:
        bad = rows[rows["period"].isin(list(refused))]
        raise InputError([InputProblem(series.data_file, int(line), "period", refused[text])
                          for line, text in zip(bad["line"], bad["period"])][:50])
    rows["period_label"] = rows["period"].map(labels)
    status = rows["status"].where(~rows["status"].str.lower().isin(els_csv.STATUS_SYMBOLS), "")
    rows["note"] = _joined(status, rows["notes"].str.strip())
    return rows


def _joined(status: pd.Series, notes: pd.Series) -> pd.Series:
    """Each row's "status; notes", or whichever of the two is given, or ""."""
    return status.where(status != "", notes).where((status == "") | (notes == ""), status + "; " + notes)


def _app_series(frame: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    if indicator.year_style == "calendar":
        frame["period_label"] = frame["year"].map(str)
    else:
        frame["period_label"] = frame["year"].map(periods.split_year)
    frame["note"] = ""
    return frame


def _in_register(rows: pd.DataFrame, register: pd.DataFrame, indicator: Indicator, summary: BuildSummary) -> pd.DataFrame:
    rows = _itl1_as_regions(rows, register)
    codes = rows["areacd"]
    reasons = codes.map({code: area_register.not_kept(code) for code in codes.unique()})
    for reason, count in reasons[reasons != ""].value_counts().items():
        summary.skip(indicator.indicator_id, reason, int(count))
    rows = rows[reasons == ""]
    absent = ~rows["areacd"].isin(register.index)
    if indicator.absent_areas_reason:
        summary.skip(indicator.indicator_id, indicator.absent_areas_reason, int(absent.sum()))
        rows = rows[~absent]
    unknown = rows[~rows["areacd"].isin(register.index)]
    if not unknown.empty:
        raise InputError([
            InputProblem(row.file, int(row.line), "areacd", f"{row.areacd!r} is not an area in ONS's geography register ({area_register.METADATA}) or the ICB list ({area_register.FINGERTIPS_AREAS})")
            for row in unknown.itertuples()
        ][:50])
    return rows


def _itl1_as_regions(rows: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """ITL1 rows of England's regions, under the region's code, noted as such.

    ONS publishes some regional accounts (GVA, GDHI, FDI) for ITL1 regions, whose English
    members are the nine regions and England itself under other codes (``TLF`` East Midlands).
    A row is matched by its published name to the one region (or England) of that name in the
    register; the note says it was published for the ITL1 code. Other ITL codes are left as
    they are (and left out).
    """
    if "areanm" not in rows.columns:
        return rows
    itl1 = rows["areacd"].str.match(r"^TL[A-Z]$")
    if not itl1.any():
        return rows
    names = register[register["area_type"].isin(["region", "country"])]
    by_name = {name.strip(): code for code, name in names["area_name"].items() if code.startswith("E")}
    rows = rows.copy()
    rows["from_itl1"] = False
    for index in rows.index[itl1]:
        published = str(rows.at[index, "areanm"]).strip()
        name = published.removesuffix(" (England)")
        code = by_name.get(name)
        if code is None:
            continue  # Wales, Scotland, Northern Ireland: left out as ITL areas
        note = f"Published for the ITL1 region {rows.at[index, 'areacd']} ({published}), the same area."
        rows.at[index, "note"] = "; ".join(p for p in (rows.at[index, "note"], note) if p)
        rows.at[index, "areacd"] = code
        rows.at[index, "from_itl1"] = True
    return rows


def _check_limits(rows: pd.DataFrame) -> None:
    problems = []
    one = rows["lci_95"].isna() != rows["uci_95"].isna()
    for row in rows[one].itertuples():
        problems.append(InputProblem(row.file, int(row.line), "uci_95", "gives one confidence limit without the other"))
    both = rows["lci_95"].notna() & rows["uci_95"].notna()
    outside = both & ((rows["lci_95"] > rows["observation"]) | (rows["uci_95"] < rows["observation"]))
    for row in rows[outside].itertuples():
        problems.append(InputProblem(row.file, int(row.line), "observation",
                                     f"{row.observation} lies outside its limits {row.lci_95} to {row.uci_95}"))
    if problems:
        raise InputError(problems[:50])


def _numbers(column: pd.Series) -> pd.Series:
    """``_number`` of each value, worked out once per distinct value (a column repeats many)."""
    codes, distinct = pd.factorize(column)  # a missing value has code -1: the last text, ""
    texts = np.array([_number(value) for value in distinct] + [""], dtype=object)
    return pd.Series(texts[codes], index=column.index, dtype="str")


def _number(value: float) -> str:
    """Shortest text that reads back as the same float; whole numbers without '.0'."""
    if pd.isna(value):
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _indicator_row(indicator: Indicator, metadata) -> dict:
    places = metadata.decimal_places if metadata.decimal_places is not None else indicator.decimal_places
    development = metadata.in_development if metadata.in_development is not None else indicator.in_development
    caveats = "\n\n".join(part for part in (metadata.caveats, indicator.our_caveats) if part)
    return {
        "indicator_id": indicator.indicator_id,
        "title": indicator.title,
        "short_title": indicator.short_title,
        "theme": indicator.theme,
        "unit": indicator.unit,
        "polarity": indicator.polarity,
        "definition": metadata.definition or indicator.title,
        "why_it_matters": indicator.why_it_matters,
        "caveats": caveats,
        "source_id": indicator.source_id,
        "released": metadata.released,
        "decimal_places": "" if places is None else str(places),
        "in_development": {True: "yes", False: "no", None: ""}[development],
    }


def _add_source(sources: dict, indicator: Indicator, metadata, manifest: Manifest) -> None:
    files = sorted({s.data_file for s in indicator.series} | ({indicator.metadata_file} - {""}))
    entries = [manifest.entry(f) for f in files]
    copies = "; ".join(f"{e.copy_path} ({e.copy_repository}@{e.copy_commit[:12]}, sha256 {e.sha256[:12]}…)" for e in entries)
    source = sources.setdefault(indicator.source_id, {
        "source_id": indicator.source_id,
        "publisher": metadata.publisher,
        "title": indicator.source_title,
        "url": metadata.url,
        "licence": entries[0].licence,
        "published": metadata.released,
        "accessed": "",
        "notes": "",
    })
    known = source["notes"].removeprefix("Read by the pipeline from ").rstrip(".")
    parts = [p for p in known.split("; ") if p] if known else []
    for part in copies.split("; "):
        if part not in parts:
            parts.append(part)
    source["notes"] = "Read by the pipeline from " + "; ".join(parts) + "."


def _write(path: Path, frame: pd.DataFrame, columns: list[str]) -> None:
    frame = frame.reindex(columns=columns).fillna("")
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
