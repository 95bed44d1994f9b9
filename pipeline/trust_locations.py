"""Every curated NHS trust's headquarters, located at its postcode in the ONS Postcode Directory.

``data/trusts.csv`` (curated) lists the Midlands trusts; ODS's ``nhs-ods/etr.csv`` gives each
one's headquarters postcode (no header row: column 0 the ODS code, column 9 the postcode); the
ONS Postcode Directory (November 2025, ``pipeline/onspd.py``) gives that postcode's Ordnance
Survey grid reference, which pyproj turns into latitude and longitude (EPSG:27700 → EPSG:4326).
The result, ``data/official/trust_hq_locations.csv``, is where the app draws a trust that has no
curated location. A trust whose code or postcode is not found gets no row and the build says why.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd
from pyproj import Transformer

from dashboard.postcodes import normalise
from pipeline import onspd
from pipeline.errors import InputError, InputProblem, fail

ETR = "nhs-ods/etr.csv"
OUTPUT = "trust_hq_locations.csv"
COLUMNS = ["ods_code", "postcode", "easting", "northing", "latitude", "longitude", "source_id"]
SOURCE_ID = "ons_onspd_nov2025"
DECIMAL_PLACES = 6  # 0.1 m at these latitudes: finer than the grid reference's 1 m
_CODE_COLUMN, _POSTCODE_COLUMN = 0, 9
_TO_WGS84 = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)

SOURCE = {
    "source_id": SOURCE_ID,
    "publisher": "Office for National Statistics",
    "title": "ONS Postcode Directory (November 2025): postcode grid references",
    "url": onspd.PRODUCT_PAGE,
    "licence": "Open Government Licence v3.0",
    "published": "",  # the edition is November 2025; its release date is not in the package
    "accessed": "",
    "notes": (
        f"Read by the pipeline from the PyPI package {onspd.PACKAGE} {onspd.PACKAGE_VERSION} (Social Finance's "
        f"redistribution of {onspd.EDITION}; data files sha256 {onspd.EXPECTED_DATA_SHA256[:12]}…): each trust's "
        f"headquarters postcode (ODS {ETR}, column 10) → its OS grid reference (oseast1m, osnrth1m; 1 m) → latitude and "
        "longitude with pyproj (EPSG:27700 to EPSG:4326). A postcode's grid reference is a point within the postcode "
        "(ONSPD user guide), not the headquarters building. Contains OS data © Crown copyright and database right "
        "2025; contains Royal Mail data © Royal Mail copyright and database right 2025; source: Office for National "
        "Statistics licensed under the Open Government Licence v3.0."
    ),
}


def curated_codes(path: Path) -> list[str]:
    """The ODS codes in the curated ``trusts.csv``, in its order."""
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if "ods_code" not in (reader.fieldnames or []):
            raise fail(Path(path).name, 1, "ods_code", "column is missing from the header")
        return [row["ods_code"].strip() for row in reader]


def hq_postcodes(path: Path, relative: str, codes: Iterable[str]) -> dict[str, str]:
    """Each wanted trust's headquarters postcode from ODS's etr.csv (no header row)."""
    wanted = set(codes)
    found: dict[str, str] = {}
    problems = []
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.reader(handle), start=1):
            if not row or row[0].strip() not in wanted:
                continue
            code = row[_CODE_COLUMN].strip()
            if len(row) <= _POSTCODE_COLUMN:
                problems.append(InputProblem(relative, number, f"column {_POSTCODE_COLUMN + 1} (postcode)",
                                             f"the row for {code} has {len(row)} columns, too few for a postcode"))
            elif code in found:
                problems.append(InputProblem(relative, number, f"column {_CODE_COLUMN + 1} (ODS code)",
                                             f"{code} is listed twice"))
            else:
                found[code] = " ".join(row[_POSTCODE_COLUMN].split()).upper()
    if problems:
        raise InputError(problems)
    return {code: postcode for code, postcode in found.items() if postcode}


def to_wgs84(eastings, northings) -> tuple[list[float], list[float]]:
    """OS National Grid (EPSG:27700) eastings and northings → (latitudes, longitudes), WGS84 degrees
    rounded to 6 places."""
    longitudes, latitudes = _TO_WGS84.transform(list(eastings), list(northings))
    return ([round(float(v), DECIMAL_PLACES) for v in latitudes], [round(float(v), DECIMAL_PLACES) for v in longitudes])


def locate(codes: list[str], postcodes: Mapping[str, str], grid: Mapping[str, tuple[int, int]]) -> tuple[pd.DataFrame, list[str]]:
    """The located trusts (one row each, sorted by code) and, for each one left out, why."""
    rows, left_out = [], []
    for code in codes:
        postcode = postcodes.get(code)
        if postcode is None:
            left_out.append(f"{code}: no headquarters postcode in {ETR}")
        elif normalise(postcode) not in grid:
            left_out.append(f"{code}: headquarters postcode {postcode} has no grid reference in {onspd.EDITION}")
        else:
            easting, northing = grid[normalise(postcode)]
            rows.append({"ods_code": code, "postcode": postcode, "easting": easting, "northing": northing})
    frame = pd.DataFrame(rows, columns=["ods_code", "postcode", "easting", "northing"]).sort_values("ods_code")
    frame["latitude"], frame["longitude"] = to_wgs84(frame["easting"], frame["northing"]) if len(frame) else ([], [])
    frame["source_id"] = SOURCE_ID
    return frame[COLUMNS].reset_index(drop=True), left_out


def build(manifest, curated_dir: Path) -> tuple[pd.DataFrame, list[str]]:
    """The table to write and the trusts left out, from the manifest-checked etr.csv and ONSPD."""
    codes = curated_codes(Path(curated_dir) / "trusts.csv")
    postcodes = hq_postcodes(manifest.verified_path(ETR), ETR, codes)
    try:
        grid = onspd.grid_references(postcodes.values())
    except onspd.PackageError as exc:
        raise fail(onspd.PACKAGE, None, None, str(exc)) from exc
    return locate(codes, postcodes, grid)
