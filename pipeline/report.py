"""The change report: what a rebuild adds, changes and removes, per indicator."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

KEY = ["area_code", "period", "breakdown"]
SHOWN = 5


def _path(folder: Path, indicator_id: str) -> Path:
    return folder / "values" / f"{indicator_id}.csv"


def _same_file(old: Path, new: Path, indicator_id: str) -> bool:
    """Both files exist with the same bytes: nothing to report, without reading them as tables."""
    before, after = _path(old, indicator_id), _path(new, indicator_id)
    return before.exists() and after.exists() and before.read_bytes() == after.read_bytes()


def _values(folder: Path, indicator_id: str) -> pd.DataFrame:
    path = _path(folder, indicator_id)
    if not path.exists():
        return pd.DataFrame(columns=[*KEY, "value"])
    return pd.read_csv(path, dtype=str, keep_default_na=False, usecols=[*KEY, "value"])


def _indicator_ids(folder: Path) -> set[str]:
    return {p.stem for p in (folder / "values").glob("*.csv")} if (folder / "values").exists() else set()


def changes(old: Path, new: Path) -> list[str]:
    """Markdown lines describing the differences; empty when nothing changed."""
    lines = []
    for indicator_id in sorted(_indicator_ids(old) | _indicator_ids(new)):
        if _same_file(old, new, indicator_id):
            continue
        before, after = _values(old, indicator_id), _values(new, indicator_id)
        merged = before.merge(after, on=KEY, how="outer", suffixes=("_old", "_new"), indicator=True)
        added = merged[merged["_merge"] == "right_only"]
        removed = merged[merged["_merge"] == "left_only"]
        both = merged[merged["_merge"] == "both"]
        changed = both[both["value_old"] != both["value_new"]]
        new_periods = sorted(set(after["period"]) - set(before["period"]))
        if added.empty and removed.empty and changed.empty:
            continue
        parts = [f"{len(added):,} added", f"{len(changed):,} changed", f"{len(removed):,} removed"]
        line = f"- **{indicator_id}**: " + ", ".join(parts)
        if new_periods:
            line += f"; new periods: {', '.join(new_periods[:8])}{' …' if len(new_periods) > 8 else ''}"
        lines.append(line)
        for row in changed.head(SHOWN).itertuples():
            lines.append(f"  - {row.area_code} {row.period} {row.breakdown}: {row.value_old} → {row.value_new}")
    return lines


def left_out(summary) -> list[str]:
    return [
        f"- {indicator_id}: {count:,} rows left out ({reason})"
        for (indicator_id, reason), count in sorted(summary.left_out.items())
    ]
