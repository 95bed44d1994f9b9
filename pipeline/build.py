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

import pandas as pd

from pipeline import areas as area_register
from pipeline import periods
from pipeline.errors import InputError, InputProblem
from pipeline.indicators import INDICATORS, Indicator
from pipeline.manifest import Manifest
from pipeline.readers import els_app, els_csv, els_metadata

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
    summary = BuildSummary()
    values, indicator_rows, sources = [], [], {}
    for indicator in INDICATORS if indicators is None else indicators:
        frame, metadata = _indicator_values(indicator, manifest, register, summary)
        values.append(frame)
        indicator_rows.append(_indicator_row(indicator, metadata))
        _add_source(sources, indicator, metadata, manifest)
    out_dir = Path(out_dir)
    (out_dir / "values").mkdir(parents=True, exist_ok=True)
    _write(out_dir / "areas.csv", register[area_register.COLUMNS], area_register.COLUMNS)
    _write(out_dir / "indicators.csv", pd.DataFrame(indicator_rows), INDICATOR_COLUMNS)
    _write(out_dir / "sources.csv", pd.DataFrame(sorted(sources.values(), key=lambda s: s["source_id"])), SOURCE_COLUMNS)
    for frame in values:
        indicator_id = frame["indicator_id"].iloc[0]
        _write(out_dir / "values" / f"{indicator_id}.csv", frame, VALUE_COLUMNS)
    return summary


def _indicator_values(indicator: Indicator, manifest: Manifest, register: pd.DataFrame, summary: BuildSummary):
    frames = []
    metadata = None
    for series in indicator.series:
        meta = els_metadata.read(
            manifest.verified_path(indicator.metadata_file), indicator.metadata_file, series.metadata_block
        )
        metadata = metadata or meta
        path = manifest.verified_path(series.data_file)
        if indicator.reader == "els_csv":
            rows = _csv_series(els_csv.read(path, series.data_file), series, indicator)
        else:
            rows = _app_series(els_app.read(path, series.data_file), indicator)
        rows["file"] = series.data_file
        rows["breakdown"] = series.breakdown
        frames.append(rows)
    rows = pd.concat(frames, ignore_index=True)
    rows = _in_register(rows, register, indicator, summary)
    missing = rows["observation"].isna()
    summary.skip(indicator.indicator_id, "no value published (status symbol)", int(missing.sum()))
    rows = rows[~missing]
    _check_limits(rows)
    out = pd.DataFrame({
        "indicator_id": indicator.indicator_id,
        "area_code": rows["areacd"],
        "area_name": rows["areacd"].map(register["area_name"]),
        "area_type": rows["areacd"].map(register["area_type"]),
        "period": rows["period_label"],
        "breakdown": rows["breakdown"],
        "value": rows["observation"].map(_number),
        "lower_ci": rows["lci_95"].map(_number),
        "upper_ci": rows["uci_95"].map(_number),
        "qualifier": "",
        "source_id": indicator.source_id,
        "note": rows["note"],
    })
    from dashboard.periods import sort_key  # the app's own period order, so both agree

    out["_order"] = out["period"].map(sort_key)
    out = out.sort_values(["area_code", "breakdown", "_order", "period"], kind="stable").drop(columns="_order")
    return out.reset_index(drop=True), metadata


def _csv_series(frame: pd.DataFrame, series, indicator: Indicator) -> pd.DataFrame:
    rows = frame[frame["indicator"] == series.els_indicator].copy()
    if rows.empty:
        found = ", ".join(repr(n) for n in sorted(frame["indicator"].unique())[:10])
        raise InputError([InputProblem(
            series.data_file, None, "indicator",
            f"no rows for indicator {series.els_indicator!r} (declared for {indicator.indicator_id}); "
            f"the file has: {found}. Was it renamed? Update pipeline/indicators.py after checking the release.",
        )])
    problems = []
    labels = []
    for row in rows.itertuples():
        try:
            labels.append(periods.label(row.period))
        except ValueError as exc:
            labels.append("")
            problems.append(InputProblem(series.data_file, int(row.line), "period", str(exc)))
    if problems:
        raise InputError(problems[:50])
    rows["period_label"] = labels
    status = rows["status"].where(~rows["status"].str.lower().isin(els_csv.STATUS_SYMBOLS), "")
    rows["note"] = [
        "; ".join(part for part in (s, n) if part) for s, n in zip(status, rows["notes"].str.strip())
    ]
    return rows


def _app_series(frame: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    if indicator.year_style == "calendar":
        frame["period_label"] = frame["year"].map(str)
    else:
        frame["period_label"] = frame["year"].map(periods.split_year)
    frame["note"] = ""
    return frame


def _in_register(rows: pd.DataFrame, register: pd.DataFrame, indicator: Indicator, summary: BuildSummary) -> pd.DataFrame:
    in_scope = rows["areacd"].map(area_register.in_scope)
    summary.skip(indicator.indicator_id, "outside England (Wales, Scotland, Northern Ireland, GB)", int((~in_scope).sum()))
    rows = rows[in_scope]
    combined = rows["areacd"].isin(area_register.PUBLISHER_COMBINED_AREAS)
    summary.skip(indicator.indicator_id, "publisher's combined areas (E67…), not ONS areas", int(combined.sum()))
    rows = rows[~combined]
    unknown = rows[~rows["areacd"].isin(register.index)]
    if not unknown.empty:
        raise InputError([
            InputProblem(row.file, int(row.line), "areacd", f"{row.areacd!r} is not an area in ONS's geography register ({area_register.METADATA})")
            for row in unknown.itertuples()
        ][:50])
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
    files = sorted({s.data_file for s in indicator.series} | {indicator.metadata_file})
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
