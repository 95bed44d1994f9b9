"""The register of English areas, from ONS's geography files, with the ICBs our curators assigned.

Every value the pipeline writes names an area in this register, under the code its source
used. Areas that no longer exist (Northamptonshire county, ended 2021; Barnsley's pre-2025
code) stay with their own code and a note on what replaced them: a value is never relabelled
as another area.

Inputs: ``ons-geography/els-geo-metadata.json`` (each area's name, level, parents and, for
ended areas, last year), ``ltla14-lookup.csv`` (regions of areas that ended before the
metadata's hierarchy was drawn), ``changes.csv`` (what replaced what), and the curated
``data/icb_membership.csv`` (which ICB each upper-tier area belongs to).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from pipeline.errors import InputError, InputProblem, fail
from pipeline.manifest import Manifest
from pipeline.readers.sniff import read_json, refuse_html

METADATA = "ons-geography/els-geo-metadata.json"
LOOKUP_2014 = "ons-geography/ltla14-lookup.csv"
CHANGES = "ons-geography/changes.csv"
MIDLANDS_REGIONS = ("E12000004", "E12000005")
UNITED_KINGDOM = "K02000001"
# Codes a publisher uses for two areas combined to protect small numbers. They are not areas
# in ONS's register; their values are left out (and counted in the build report).
PUBLISHER_COMBINED_AREAS = {
    "E67000001": "City of London and Hackney, combined by the publisher",
    "E67000002": "Isles of Scilly and Cornwall, combined by the publisher",
}
COLUMNS = ["area_code", "area_name", "area_type", "region_code", "icb_code", "utla_code", "boundary_code", "ended", "notes"]


def in_scope(code: str) -> bool:
    """England's areas, and the UK as a comparator."""
    return code.startswith("E") or code == UNITED_KINGDOM


# Areas some publishers give that the register does not hold, by the start of their code; their
# values are left out and counted in the build report (never re-assigned to another area).
NOT_IN_REGISTER = {
    "E11": "metropolitan counties (E11), not in the area register",
    "E13": "Inner and Outer London (E13), not in the area register",
    "TL": "ITL areas other than England's regions, not in the area register",
}


def not_kept(code: str) -> str:
    """Why a published area's values are left out, or "" if they are kept."""
    if code.strip().lower() in ("", "na"):
        return "no area code in the file (the publisher writes 'na')"
    if code.startswith("TL"):
        return NOT_IN_REGISTER["TL"]  # before in_scope: ITL codes do not start with E
    if not in_scope(code):
        return "outside England (Wales, Scotland, Northern Ireland, GB, England and Wales)"
    if code in PUBLISHER_COMBINED_AREAS:
        return "publisher's combined areas (E67…), not ONS areas"
    return NOT_IN_REGISTER.get(code[:3], "")


def _area_type(code: str, levels: list[str]) -> str | None:
    if "ctry" in levels:
        return "country"
    if "rgn" in levels:
        return "region"
    if "utla" in levels:
        return "utla"
    if "ltla" in levels:
        return "ltla"
    if "cauth" in levels:
        return "combined_authority"
    return None


def read_register(manifest: Manifest, icb_membership: pd.DataFrame) -> pd.DataFrame:
    """One row per English area (and the UK), indexed by code, in code order."""
    path = manifest.verified_path(METADATA)
    metadata = read_json(path, METADATA)
    region_2014 = _regions_2014(manifest)
    replaced = _replacements(manifest)

    rows = []
    for code, area in sorted(metadata.items()):
        if not in_scope(code):
            continue
        for key in ("areanm", "level", "parents"):
            if key not in area:
                raise fail(METADATA, None, f"{code}.{key}", "is missing")
        area_type = _area_type(code, area["level"])
        if area_type is None:
            continue  # metropolitan counties: no values are published for them
        parents = area["parents"]
        # ONS's 2014 lookup first: ELS lists an area under each region its combined authority
        # touches (Greater Lincolnshire puts North East Lincolnshire in the East Midlands).
        region = region_2014.get(code) or next((p for p in parents if p.startswith("E12")), "")
        upper = code if area_type == "utla" else next((p for p in parents if p.startswith("E10")), "")
        if area_type == "ltla" and not upper:
            upper = region_2014.get(("county", code), "")
        ended = str(area.get("end", ""))
        notes = ""
        if ended:
            successors = replaced.get(code, [])
            notes = f"Not a current area: ONS's geography lists it until {ended}."
            if successors:
                notes += " " + "; ".join(successors) + "."
        name = area["areanm"]
        if area_type == "combined_authority":
            name += " (combined authority)"  # ONS names some after their region ("West Midlands")
        rows.append({
            "area_code": code,
            "area_name": name,
            "area_type": area_type,
            "region_code": region if area_type not in ("country", "region") else "",
            "icb_code": "",
            "utla_code": upper if area_type in ("utla", "ltla") else "",
            "boundary_code": "" if ended else code,
            "ended": ended,
            "notes": notes,
        })
    register = pd.DataFrame(rows, columns=COLUMNS).set_index("area_code", drop=False)
    _attach_icbs(register, icb_membership)
    return register


def _attach_icbs(register: pd.DataFrame, membership: pd.DataFrame) -> None:
    """Each current Midlands upper-tier area's ICB, and its districts' through it."""
    problems = []
    for row in membership.itertuples():
        if row.area_code not in register.index or register.at[row.area_code, "area_type"] != "utla":
            problems.append(InputProblem(row.file, row.line, "area_code", f"{row.area_code!r} is not an upper-tier area in {METADATA}"))
            continue
        register.loc[register["utla_code"] == row.area_code, "icb_code"] = row.icb_code
    current_midlands = register[
        (register["area_type"] == "utla") & register["region_code"].isin(MIDLANDS_REGIONS) & (register["ended"] == "")
    ]
    for code in current_midlands.index.difference(membership["area_code"]):
        problems.append(InputProblem("data/icb_membership.csv", None, "area_code", f"current Midlands area {code} has no ICB"))
    if problems:
        raise InputError(problems)


def _regions_2014(manifest: Manifest) -> dict:
    """Region of each 2014 district and county, and each district's county, for ended areas."""
    path = manifest.verified_path(LOOKUP_2014)
    refuse_html(path, LOOKUP_2014)
    lookup: dict = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ("ltlacd", "ctycd", "rgncd") if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError([InputProblem(LOOKUP_2014, 1, c, "column is missing from the header") for c in missing])
        for row in reader:
            lookup[row["ltlacd"]] = row["rgncd"]
            if row["ctycd"]:
                lookup[row["ctycd"]] = row["rgncd"]
                lookup[("county", row["ltlacd"])] = row["ctycd"]
    return lookup


def _replacements(manifest: Manifest) -> dict[str, list[str]]:
    path = manifest.verified_path(CHANGES)
    refuse_html(path, CHANGES)
    found: dict[str, list[str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ("oldcd", "newcd", "newnm", "type", "start") if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError([InputProblem(CHANGES, 1, c, "column is missing from the header") for c in missing])
        for row in reader:
            if row["type"] == "new_geo":
                continue  # a new combined authority made of the area, not a replacement
            if row["newcd"]:
                text = f"From {row['start']} it is part of {row['newnm']} ({row['newcd']})"
                if row["type"] == "new_code":
                    text = f"From {row['start']} the same area has the code {row['newcd']}"
            else:
                text = f"Abolished in {row['start']} ({row['type']})"
            found.setdefault(row["oldcd"], []).append(text)
    return found


def read_icb_membership(path: Path) -> pd.DataFrame:
    """The curated ``data/icb_membership.csv``: ``area_code, icb_code, note``, every row sourced."""
    name = "data/icb_membership.csv"
    frame = _read_curated(path, name, ("area_code", "icb_code", "source_id"))
    frame["file"] = name
    frame["line"] = frame.index + 2
    bad = frame[~frame["icb_code"].str.match(r"^E54\d{6}$")]
    if not bad.empty:
        raise InputError([InputProblem(name, int(r.line), "icb_code", f"{r.icb_code!r} is not an ICB code (E54…)") for r in bad.itertuples()])
    return frame


FINGERTIPS_AREAS = "dhsc-fingertips/areas.csv"
FINGERTIPS_ICB_TYPE = "NHS Integrated Care Boards"
_FINGERTIPS_ICB_NAME = re.compile(r"^(?P<name>.+ Integrated Care Board) - (?P<ods>[A-Z0-9]{3})$")


def read_icbs(manifest: Manifest, curated_areas: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """England's ICBs from FingertipsNext's area list, as ``(register rows, curated rows)``.

    The 11 Midlands ICBs are defined by the curated ``data/areas.csv`` (with their regions and
    boundaries) and the app refuses a code given in both tables, so they are returned apart:
    the build names their values as the curated file does and writes only the other ICBs
    into the register. FingertipsNext lists each ICB as "NHS … Integrated Care Board - QHL"
    (its ODS code), on the codes in use when the list was made.
    """
    path = manifest.verified_path(FINGERTIPS_AREAS)
    refuse_html(path, FINGERTIPS_AREAS)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise fail(FINGERTIPS_AREAS, None, None, f"cannot be read as CSV: {exc}") from None
    missing = [c for c in ("AreaCode", "AreaName", "Level", "AreaType") if c not in frame.columns]
    if missing:
        raise InputError([InputProblem(FINGERTIPS_AREAS, 1, c, "column is missing from the header") for c in missing])
    frame["line"] = frame.index + 2
    icbs = frame[frame["AreaType"] == FINGERTIPS_ICB_TYPE]
    if icbs.empty:
        raise fail(FINGERTIPS_AREAS, None, "AreaType", f"no rows of type {FINGERTIPS_ICB_TYPE!r}")
    curated = _curated_areas(curated_areas)
    problems, rows = [], []
    for row in icbs.itertuples():
        name = _FINGERTIPS_ICB_NAME.match(row.AreaName.strip())
        if not re.match(r"^E54\d{6}$", row.AreaCode):
            problems.append(InputProblem(FINGERTIPS_AREAS, row.line, "AreaCode", f"{row.AreaCode!r} is not an ICB code (E54…)"))
        elif not name:
            problems.append(InputProblem(FINGERTIPS_AREAS, row.line, "AreaName", f"{row.AreaName!r} is not 'NHS … Integrated Care Board - <ODS code>'"))
        elif row.AreaCode in curated.index and curated.at[row.AreaCode, "area_type"] != "icb":
            problems.append(InputProblem("data/areas.csv", None, "area_type", f"{row.AreaCode} is an ICB in {FINGERTIPS_AREAS}"))
        elif row.AreaCode not in curated.index:
            rows.append({
                "area_code": row.AreaCode, "area_name": name.group("name"), "area_type": "icb",
                "region_code": "", "icb_code": "", "utla_code": "", "boundary_code": "", "ended": "",
                "notes": f"ODS code {name.group('ods')}. From DHSC FingertipsNext's list of NHS Integrated Care Boards.",
            })
    if problems:
        raise InputError(problems)
    register = pd.DataFrame(rows, columns=COLUMNS).set_index("area_code", drop=False)
    curated_icbs = curated[curated["area_type"] == "icb"]
    return register, curated_icbs


def _curated_areas(path: Path) -> pd.DataFrame:
    return _read_curated(path, "data/areas.csv", ("area_code", "area_name", "area_type")).set_index("area_code", drop=False)


def _read_curated(path: Path, name: str, required: tuple[str, ...]) -> pd.DataFrame:
    """A curated CSV the pipeline joins, as text, after checking it exists and has its columns."""
    if not path.exists():
        raise fail(name, None, None, "file is missing")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise InputError([InputProblem(name, 1, c, "column is missing from the header") for c in missing])
    return frame
