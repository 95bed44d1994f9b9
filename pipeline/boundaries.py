"""Midlands boundaries from ONS's own generalised geography: ``data/boundaries/midlands.geojson``.

    python -m pipeline.boundaries [--raw ../shared/raw] [--out data]

Input (read-only, in ``<raw>/ons-geography/``):

- ``uk-topojson-topo.json``: ONS Visual's UK TopoJSON (github.com/ONSvisual/uk-topojson,
  ``output/topo.json``), layers ``rgn``, ``utla``, ``ltla`` … with ``areacd``, ``areanm`` and
  optional ``start``/``end`` years. Its lines are ONS's super-generalised (BSC) local authority
  boundaries, with later mergers (North and West Northamptonshire, 2021) dissolved from them.
  Of the two copies in the raw folder this is the upstream one; ``els-topo.json`` (ONS Explore
  Local Statistics) has the same lines and, for the Midlands, the same codes and names.
- ``uk-topojson-README.md``: says which year's boundaries the lines are (for the OS notice).
- ``ltla14-lookup.csv``: ONS's 2014 district → county → region lookup, used only as a check.

ICB membership is not geography ONS puts in these files: it is a curated fact, passed in as a
mapping (upper-tier code → ICB code) so the caller decides which reviewed file it comes from.
By default it is read from ``data/icb_membership.csv`` (names from ``data/areas.csv``).

What is built (one GeoJSON FeatureCollection, WGS84, sorted, compact, no dates in it, so the
same inputs give the same bytes):

1. the districts (``ltla``) of every current upper-tier area (``utla``) of the two Midlands
   regions, "current" meaning valid in :data:`YEAR` by the file's start/end years;
2. the districts simplified together (``shapely.coverage_simplify``, so neighbours keep one
   shared border) and snapped to a grid;
3. upper-tier areas, ICBs and regions dissolved from those simplified districts, so every level
   lines up exactly with the one below.

Pure functions of their inputs; only :func:`write` and :func:`main` touch files. The app never
imports this package: it reads the file written here (``dashboard/geography.py``).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import mapping

YEAR = 2025  # areas valid in this year are kept; the file covers changes up to 2025
MIDLANDS_REGIONS = ("E12000004", "E12000005")
TOPOLOGY = Path("ons-geography") / "uk-topojson-topo.json"
TOPOLOGY_README = Path("ons-geography") / "uk-topojson-README.md"
LOOKUP_2014 = Path("ons-geography") / "ltla14-lookup.csv"
OUTPUT = Path("boundaries") / "midlands.geojson"

# The source lines are already generalised to about 200 m (ONS "super generalised"), so a
# tolerance of 0.001° (70-110 m here) only drops near-collinear points; the 0.0001° grid
# (7-11 m) is about the TopoJSON's own quantisation step (0.000145° by 0.000084°).
SIMPLIFY_TOLERANCE_DEG = 0.001
GRID_DEG = 0.0001
DECIMALS = 4

LEVELS = ("region", "icb", "utla", "ltla")  # the order features are written in
PROPERTIES = ("code", "name", "level", "region_code", "icb_code", "utla_code")

ONS_LICENCE_LINE = "Source: Office for National Statistics licensed under the Open Government Licence v.3.0"
OS_LINE = "Contains OS data © Crown copyright and database right {year}"


class BoundaryBuildError(ValueError):
    """The inputs do not give the boundaries we expect; the message says what and where."""


# --- reading -------------------------------------------------------------------------------


def read_layer(topology: Path, layer: str) -> gpd.GeoDataFrame:
    """One TopoJSON object as a frame (GDAL's TopoJSON driver, via pyogrio): areacd, areanm,
    start, end, geometry. Arcs are decoded and quantisation undone by GDAL."""
    frame = gpd.read_file(topology, layer=layer, engine="pyogrio")
    missing = {"areacd", "areanm"} - set(frame.columns)
    if missing:
        raise BoundaryBuildError(f"{topology} layer {layer!r}: no property {', '.join(sorted(missing))}")
    for column in ("start", "end"):
        if column not in frame.columns:
            frame[column] = np.nan
    return frame[["areacd", "areanm", "start", "end", "geometry"]]


def current(frame: gpd.GeoDataFrame, year: int = YEAR) -> gpd.GeoDataFrame:
    """Areas valid in ``year``: started by then (or always there) and not ended before it."""
    started = frame["start"].isna() | (frame["start"] <= year)
    not_ended = frame["end"].isna() | (frame["end"] >= year)
    return frame[started & not_ended]


def boundary_year(readme_text: str) -> int:
    """The year of the boundaries the lines come from, as the TopoJSON's README states it
    ("The base geometries used are [2016 super generalised boundaries]…")."""
    found = re.search(r"base geometries used are \[?(\d{4}) super generalised", readme_text)
    if not found:
        raise BoundaryBuildError(f"{TOPOLOGY_README}: no 'base geometries used are <year> super generalised' line")
    return int(found.group(1))


def attribution(year: int) -> str:
    """The notice ONS asks for with its boundaries (both sentences, one line)."""
    return f"{ONS_LICENCE_LINE}. {OS_LINE.format(year=year)}."


def icb_membership(areas_csv: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(upper-tier code → ICB code, ICB code → name) from the curated files: ICB names from
    ``data/areas.csv`` (rows of ``area_type`` icb), membership from ``data/icb_membership.csv``
    beside it (``area_code``, ``icb_code``)."""
    with open(areas_csv, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = {r["area_code"]: r["area_name"] for r in rows if r["area_type"] == "icb"}
    with open(Path(areas_csv).with_name("icb_membership.csv"), encoding="utf-8", newline="") as handle:
        members = {r["area_code"]: r["icb_code"] for r in csv.DictReader(handle) if r["icb_code"]}
    return members, names


def read_lookup_2014(path: Path) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {row["ltlacd"]: row for row in csv.DictReader(handle)}


# --- choosing the areas --------------------------------------------------------------------


def _inside(frame: gpd.GeoDataFrame, containers: gpd.GeoDataFrame) -> list[str | None]:
    """For each row of ``frame``, the code of the container its representative point lies in."""
    points = frame.geometry.representative_point()
    found = []
    for point in points:
        hits = [code for code, geom in zip(containers["areacd"], containers.geometry) if geom.contains(point)]
        if len(hits) > 1:
            raise BoundaryBuildError(f"a point lies in several areas: {', '.join(hits)}")
        found.append(hits[0] if hits else None)
    return found


def midlands_hierarchy(
    regions: gpd.GeoDataFrame, utlas: gpd.GeoDataFrame, ltlas: gpd.GeoDataFrame,
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The two regions, their current upper-tier areas (with ``region_code``) and those areas'
    current districts (with ``utla_code`` and ``region_code``), each sorted by code.

    Membership is by where an area's representative point lies, on ONS's own lines; the tests
    then check that districts tile their areas and areas tile their regions."""
    regions = regions[regions["areacd"].isin(MIDLANDS_REGIONS)].sort_values("areacd")
    if list(regions["areacd"]) != list(MIDLANDS_REGIONS):
        raise BoundaryBuildError(f"the region layer lacks {set(MIDLANDS_REGIONS) - set(regions['areacd'])}")
    utlas = utlas.assign(region_code=_inside(utlas, regions)).dropna(subset=["region_code"])
    ltlas = ltlas.assign(utla_code=_inside(ltlas, utlas)).dropna(subset=["utla_code"])
    ltlas = ltlas.assign(region_code=ltlas["utla_code"].map(dict(zip(utlas["areacd"], utlas["region_code"]))))
    for frame, name in ((utlas, "upper-tier"), (ltlas, "district")):
        repeated = frame["areacd"][frame["areacd"].duplicated()]
        if not repeated.empty:
            raise BoundaryBuildError(f"{name} codes appear more than once: {', '.join(sorted(repeated))}")
    empty = set(utlas["areacd"]) - set(ltlas["utla_code"])
    if empty:
        raise BoundaryBuildError(f"upper-tier areas with no district: {', '.join(sorted(empty))}")
    return (regions.reset_index(drop=True), utlas.sort_values("areacd").reset_index(drop=True),
            ltlas.sort_values("areacd").reset_index(drop=True))


def check_against_lookup(ltlas: gpd.GeoDataFrame, lookup: Mapping[str, Mapping[str, str]],
                         current_utla_codes: set[str]) -> None:
    """Every district that already existed in 2014 must sit in the region ONS's 2014 lookup
    gives, and in its 2014 county if that county still exists (else it is its own upper tier)."""
    problems = []
    for row in ltlas.itertuples():
        known = lookup.get(row.areacd)
        if known is None:
            continue  # created after 2014 (North and West Northamptonshire)
        if known["rgncd"] != row.region_code:
            problems.append(f"{row.areacd} {row.areanm}: region {row.region_code}, 2014 lookup says {known['rgncd']}")
        county = known["ctycd"] if known["ctycd"] in current_utla_codes else row.areacd
        if county != row.utla_code:
            problems.append(f"{row.areacd} {row.areanm}: upper tier {row.utla_code}, 2014 lookup says {county}")
    if problems:
        raise BoundaryBuildError("districts disagree with ONS's 2014 lookup: " + "; ".join(problems))


# --- geometry ------------------------------------------------------------------------------


def _polygonal(geom: shapely.Geometry, what: str) -> shapely.Geometry:
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    if geom.geom_type == "GeometryCollection":
        geom = shapely.union_all([g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")])
    if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise BoundaryBuildError(f"{what}: geometry collapsed to {geom.geom_type}")
    return shapely.orient_polygons(geom, exterior_cw=False)  # RFC 7946: outer rings anticlockwise


def simplify_coverage(codes: Sequence[str], geoms: Sequence[shapely.Geometry],
                      tolerance: float = SIMPLIFY_TOLERANCE_DEG, grid: float = GRID_DEG) -> dict[str, shapely.Geometry]:
    """Simplify areas that tile together (shared borders simplified once) and snap to ``grid``."""
    array = np.array(list(geoms), dtype=object)
    if not shapely.coverage_is_valid(array):
        raise BoundaryBuildError("the districts do not tile (overlaps or mismatched borders)")
    if tolerance > 0:
        array = shapely.coverage_simplify(array, tolerance)
    array = shapely.set_precision(array, grid)  # each vertex snapped alone: shared borders stay shared
    out = {code: _polygonal(geom, code) for code, geom in zip(codes, array)}
    if not shapely.coverage_is_valid(np.array(list(out.values()), dtype=object)):
        raise BoundaryBuildError("the simplified districts no longer tile; lower the tolerance")
    return out


def dissolve(parts: Sequence[shapely.Geometry], what: str, grid: float = GRID_DEG) -> shapely.Geometry:
    merged = shapely.coverage_union_all(np.array(list(parts), dtype=object))
    return _polygonal(shapely.set_precision(merged, grid), what)


def _rounded(coords: Any) -> Any:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), DECIMALS) + 0.0 for c in coords]  # + 0.0 turns -0.0 into 0.0
    return [_rounded(c) for c in coords]


def _feature(properties: dict[str, str], geom: shapely.Geometry) -> dict[str, Any]:
    shape = mapping(geom)
    return {"type": "Feature", "properties": {key: properties[key] for key in PROPERTIES},
            "geometry": {"type": shape["type"], "coordinates": _rounded(shape["coordinates"])}}


# --- the build -----------------------------------------------------------------------------


def build_collection(
    topology: Path,
    icb_of: Mapping[str, str],
    icb_names: Mapping[str, str],
    *,
    boundary_data_year: int,
    lookup_2014: Mapping[str, Mapping[str, str]] | None = None,
    year: int = YEAR,
) -> dict[str, Any]:
    """The FeatureCollection of the Midlands' regions, ICBs, upper-tier areas and districts.

    ``icb_of`` maps upper-tier codes to ICB codes. It must cover every current Midlands
    upper-tier area; codes of areas that ended before ``year`` (a former county) are ignored;
    any other code is an error. ``icb_names`` names each ICB used.
    """
    all_utlas = read_layer(topology, "utla")
    regions, utlas, ltlas = midlands_hierarchy(
        read_layer(topology, "rgn"), current(all_utlas, year), current(read_layer(topology, "ltla"), year),
    )
    if lookup_2014 is not None:
        check_against_lookup(ltlas, lookup_2014, set(utlas["areacd"]))

    current_codes = set(utlas["areacd"])
    ended = set(all_utlas["areacd"]) - set(current(all_utlas, year)["areacd"])
    unknown = set(icb_of) - current_codes - ended
    if unknown:
        raise BoundaryBuildError(f"ICB membership names areas that are not current Midlands upper-tier areas: "
                                 f"{', '.join(sorted(unknown))}")
    without = current_codes - set(icb_of)
    if without:
        raise BoundaryBuildError(f"no ICB given for {', '.join(sorted(without))}")
    membership = {code: icb_of[code] for code in sorted(current_codes)}
    unnamed = set(membership.values()) - set(icb_names)
    if unnamed:
        raise BoundaryBuildError(f"no name given for ICB {', '.join(sorted(unnamed))}")

    district_geoms = simplify_coverage(list(ltlas["areacd"]), list(ltlas.geometry))
    region_of = dict(zip(utlas["areacd"], utlas["region_code"]))
    icb_regions: dict[str, set[str]] = {}
    for utla, icb in membership.items():
        icb_regions.setdefault(icb, set()).add(region_of[utla])
    for icb, in_regions in icb_regions.items():
        if len(in_regions) != 1:
            raise BoundaryBuildError(f"ICB {icb} spans regions {', '.join(sorted(in_regions))}")

    def districts_where(predicate) -> list[shapely.Geometry]:
        return [district_geoms[r.areacd] for r in ltlas.itertuples() if predicate(r)]

    features = []
    for r in regions.itertuples():
        features.append(_feature(
            {"code": r.areacd, "name": r.areanm, "level": "region", "region_code": r.areacd, "icb_code": "",
             "utla_code": ""},
            dissolve(districts_where(lambda d: d.region_code == r.areacd), r.areacd)))
    for icb in sorted(icb_regions):
        features.append(_feature(
            {"code": icb, "name": icb_names[icb], "level": "icb", "region_code": next(iter(icb_regions[icb])),
             "icb_code": icb, "utla_code": ""},
            dissolve(districts_where(lambda d: membership[d.utla_code] == icb), icb)))
    for r in utlas.itertuples():
        features.append(_feature(
            {"code": r.areacd, "name": r.areanm, "level": "utla", "region_code": r.region_code,
             "icb_code": membership[r.areacd], "utla_code": r.areacd},
            dissolve(districts_where(lambda d: d.utla_code == r.areacd), r.areacd)))
    for r in ltlas.itertuples():
        features.append(_feature(
            {"code": r.areacd, "name": r.areanm, "level": "ltla", "region_code": r.region_code,
             "icb_code": membership[r.utla_code], "utla_code": r.utla_code},
            district_geoms[r.areacd]))

    return {
        "type": "FeatureCollection",
        "attribution": attribution(boundary_data_year),
        "source": {
            "data": ("ONS super generalised (BSC) local authority district boundaries, "
                     f"{boundary_data_year}, with later mergers applied, as ONS Visual's UK TopoJSON"),
            "file": TOPOLOGY.as_posix(),
            "sha256": hashlib.sha256(Path(topology).read_bytes()).hexdigest(),
            "repository": "https://github.com/ONSvisual/uk-topojson (output/topo.json)",
            "licence": "Open Government Licence v3.0; contains OS data",
            "areas_valid_in": year,
            "icb_membership": "curated (data/areas.csv by default), whole upper-tier areas",
            "processing": (f"districts simplified together with shapely.coverage_simplify (tolerance "
                           f"{SIMPLIFY_TOLERANCE_DEG} deg), snapped to {GRID_DEG} deg; upper-tier areas, ICBs "
                           "and regions dissolved from them (shapely.coverage_union_all)"),
            "crs": "WGS84 longitude/latitude (RFC 7946)",
            "build_command": "python -m pipeline.boundaries",
        },
        "features": features,
    }


def dumps(collection: Mapping[str, Any]) -> str:
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def level_sizes(collection: Mapping[str, Any]) -> dict[str, int]:
    """Bytes of each level's features as compact JSON: what a map of that level sends."""
    return {
        level: len(json.dumps([f for f in collection["features"] if f["properties"]["level"] == level],
                              ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        for level in LEVELS
    }


def build(raw: Path, areas_csv: Path, icb_of: Mapping[str, str] | None = None,
          icb_names: Mapping[str, str] | None = None) -> str:
    """The file's text from the raw folder; ICB membership from ``areas_csv`` unless given."""
    if icb_of is None or icb_names is None:
        read_members, read_names = icb_membership(areas_csv)
        icb_of = read_members if icb_of is None else icb_of
        icb_names = read_names if icb_names is None else icb_names
    collection = build_collection(
        raw / TOPOLOGY, icb_of, icb_names,
        boundary_data_year=boundary_year((raw / TOPOLOGY_README).read_text(encoding="utf-8")),
        lookup_2014=read_lookup_2014(raw / LOOKUP_2014),
    )
    return dumps(collection)


def write(raw: Path, out: Path, areas_csv: Path | None = None) -> Path:
    """Build and write ``<out>/boundaries/midlands.geojson`` (atomically)."""
    text = build(raw, areas_csv or out / "areas.csv")
    target = out / OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".geojson.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build data/boundaries/midlands.geojson from ONS's TopoJSON.")
    parser.add_argument("--raw", type=Path, default=Path("../shared/raw"), help="the raw files (default ../shared/raw)")
    parser.add_argument("--out", type=Path, default=Path("data"), help="the data folder (default data)")
    parser.add_argument("--areas", type=Path, default=None, help="curated ICB membership (default <out>/areas.csv)")
    args = parser.parse_args(argv)
    try:
        target = write(args.raw, args.out, args.areas)
    except (BoundaryBuildError, OSError) as error:
        print(f"boundaries not built: {error}", file=sys.stderr)
        return 1
    collection = json.loads(target.read_text(encoding="utf-8"))
    counts = {level: sum(f["properties"]["level"] == level for f in collection["features"]) for level in LEVELS}
    print(f"wrote {target} ({target.stat().st_size:,} bytes): {counts}; bytes per level {level_sizes(collection)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
