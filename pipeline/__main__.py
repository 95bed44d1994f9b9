"""``python -m pipeline``: rebuild ``data/official`` from ``../shared/raw``, or check it.

    python -m pipeline                 # build, swap in on success, print the change report
    python -m pipeline --check         # rebuild in a temporary folder; exit 1 if data/ differs

The build writes into a temporary folder beside the output and swaps it in only when every
input has passed its checks, so a failed build leaves ``data/`` exactly as it was. It then
writes the open-data files (``pipeline/open_data.py``) into ``static/data/`` beside ``data/``
from the catalogue as the app will load it, curated figures included.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import shutil
import sys
import tempfile
from pathlib import Path

from dashboard.errors import DataFileError
from pipeline import boundaries, open_data, report
from pipeline.build import build
from pipeline.errors import InputError
from pipeline.manifest import Manifest

OFFICIAL = "official"
CHANGELOG = "CHANGELOG.md"
OPEN_DATA = Path("static") / "data"  # beside data/: Streamlit serves it at app/static/data/


def _compare(expected: Path, actual: Path, label: str = "") -> list[str]:
    """Files that differ between two trees, as relative paths (after ``label``) with what is wrong."""
    differences = []
    expected_files = {p.relative_to(expected) for p in expected.rglob("*") if p.is_file()}
    actual_files = {p.relative_to(actual) for p in actual.rglob("*") if p.is_file()} if actual.exists() else set()
    for path in sorted(expected_files - actual_files):
        differences.append(f"missing from {label or 'data/'}: {label}{path}")
    for path in sorted(actual_files - expected_files):
        differences.append(f"not made by the pipeline: {label}{path}")
    for path in sorted(expected_files & actual_files):
        if not filecmp.cmp(expected / path, actual / path, shallow=False):
            differences.append(f"differs: {label}{path}")
    return differences


def _append_changelog(out: Path, lines: list[str], raw: Path) -> None:
    path = out / CHANGELOG
    header = "# Data changelog\n\nWritten by `python -m pipeline` after each rebuild that changed a value (newest first).\n"
    body = path.read_text(encoding="utf-8") if path.exists() else header
    if body.startswith(header):
        body = body[len(header):]
    entry = f"\n## {dt.date.today().isoformat()}: rebuilt from {raw}\n\n" + "\n".join(lines) + "\n"
    path.write_text(header + entry + body, encoding="utf-8")


def _boundaries_text(raw: Path, out: Path) -> str:
    """The Midlands boundary file's text, from manifest-checked ONS geography."""
    manifest = Manifest(raw)
    for relative in (boundaries.TOPOLOGY, boundaries.TOPOLOGY_README, boundaries.LOOKUP_2014):
        manifest.verified_path(relative.as_posix())
    return boundaries.build(raw, out / "areas.csv")


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def _replace_folder(target: Path, built: Path, retired: Path) -> None:
    """Put ``built`` where ``target`` is; a reader never sees a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.rename(retired)
    shutil.move(str(built), str(target))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=Path("../shared/raw"), help="official input files (read only)")
    parser.add_argument("--out", type=Path, default=Path("data"), help="the data folder the app reads")
    parser.add_argument("--check", action="store_true", help="rebuild into a temporary folder and compare")
    parser.add_argument("--values-only", action="store_true",
                        help="leave the boundary file and the open-data files out (quicker, for tests)")
    args = parser.parse_args(argv)
    out = args.out
    target = out / OFFICIAL
    open_target = out.resolve().parent / OPEN_DATA
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".pipeline-", dir=out) as scratch:
        built = Path(scratch) / OFFICIAL
        try:
            summary = build(args.raw, out, built)
            geometry = _boundaries_text(args.raw, out) if not args.values_only else None
            open_built = None
            if not args.values_only:
                open_built = Path(scratch) / "open-data"
                catalogue = open_data.catalogue_with(out, built, Path(scratch) / "catalogue")
                open_data.write(catalogue, open_built)
        except (InputError, boundaries.BoundaryBuildError, DataFileError) as exc:
            problems = getattr(exc, "problems", [exc])
            print(f"The pipeline stopped: {len(problems)} problem(s) with its inputs or data/. data/ is unchanged.",
                  file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
            return 2
        boundary_file = out / boundaries.OUTPUT
        changes = report.changes(target, built)
        if args.check:
            differences = _compare(built, target)
            if geometry is not None and (not boundary_file.exists() or boundary_file.read_text(encoding="utf-8") != geometry):
                differences.append(f"differs: {boundaries.OUTPUT.as_posix()}")
            if open_built is not None:
                differences += _compare(open_built, open_target, f"{OPEN_DATA.as_posix()}/")
            if differences:
                print(f"data/ or {OPEN_DATA.as_posix()}/ is not what the pipeline makes from {args.raw}:")
                for line in differences[:40]:
                    print(f"  {line}")
                for line in changes:
                    print(line)
                print("Run `python -m pipeline` and commit the result.")
                return 1
            checked = f"data/{OFFICIAL}, the boundary file and {OPEN_DATA.as_posix()}/" if open_built is not None else (
                f"data/{OFFICIAL} and the boundary file")
            print(f"{checked} are exactly what the pipeline makes from {args.raw}.")
            return 0
        if target.exists():
            retired = Path(scratch) / "previous"
            target.rename(retired)
        built.rename(target)
        if geometry is not None:
            _write_atomically(boundary_file, geometry)
        if open_built is not None:
            _replace_folder(open_target, open_built, Path(scratch) / "previous-open-data")
        made = " and the boundaries" if geometry is not None else ""
        made += f" and {OPEN_DATA.as_posix()}/" if open_built is not None else ""
        print(f"Built data/{OFFICIAL}{made} from {args.raw}.")
        print("\n".join(report.left_out(summary)))
        if changes:
            print("Changes:\n" + "\n".join(changes))
            _append_changelog(out, changes, args.raw)
        else:
            print("No value changed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
