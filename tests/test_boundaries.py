"""The committed data/boundaries/midlands.geojson and the build that makes it (pipeline.boundaries).

Checks on the committed file run anywhere; those that rebuild it need the official inputs in
``../shared/raw`` (or ``MIDLANDS_RAW_DIR``) and are skipped, with the reason, where they are absent.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import shape

from pipeline import boundaries as pb

REPO_ROOT = Path(__file__).resolve().parent.parent
GEOJSON = REPO_ROOT / "data" / "boundaries" / "midlands.geojson"
AREAS_CSV = REPO_ROOT / "data" / "areas.csv"
OFFICIAL_AREAS_CSV = REPO_ROOT / "data" / "official" / "areas.csv"  # written by python -m pipeline
RAW = Path(os.environ.get("MIDLANDS_RAW_DIR", REPO_ROOT.parent / "shared" / "raw"))
needs_raw = pytest.mark.skipif(not (RAW / pb.TOPOLOGY).exists(), reason=f"official inputs not at {RAW}")

# ONS Standard Area Measurements, land area ("area to mean high water excluding area of inland
# water"), km²: East Midlands 15,624, West Midlands 12,998, as quoted from ONS in
# https://en.wikipedia.org/wiki/East_Midlands and https://en.wikipedia.org/wiki/West_Midlands_(region)
# (infobox "Land"). ONS's own rounded figures agree: "The East Midlands covers 15,600 sq km"
# (ONS, Regional Profiles: Key Statistics - East Midlands, August 2012, http://webarchive.nationalarchives.gov.uk/20160106191604/http:/www.ons.gov.uk/ons/rel/regional-trends/region-and-country-profiles/key-statistics-and-profiles---august-2012/key-statistics---east-midlands--august-2012.html)
# and the West Midlands has "an area of 13,000 square km" (ONS, Regional Trends 2011, Portrait of
# the West Midlands). We did not reach ONS's SAM table itself.
ONS_LAND_AREA_KM2 = {"E12000004": 15_624.0, "E12000005": 12_998.0}
LAND_AREA_TOLERANCE = 0.02  # do not loosen: report a failure instead
TILING_TOLERANCE = 0.01

UTLA_CODES = {
    "E06000015", "E06000016", "E06000017", "E06000018", "E06000019", "E06000020", "E06000021", "E06000051",
    "E06000061", "E06000062", "E08000025", "E08000026", "E08000027", "E08000028", "E08000029", "E08000030",
    "E08000031", "E10000007", "E10000018", "E10000019", "E10000024", "E10000028", "E10000031", "E10000034",
}
ICB_CODES = {
    "E54000010", "E54000011", "E54000013", "E54000015", "E54000018", "E54000019",
    "E54000055", "E54000058", "E54000059", "E54000060", "E54000062",
}
REGION_CODES = {"E12000004", "E12000005"}
# Ended before 2025: the county and the seven districts North and West Northamptonshire replaced.
FORMER = {"E10000021", "E07000150", "E07000151", "E07000152", "E07000153", "E07000154", "E07000155", "E07000156"}
MAX_LEVEL_BYTES = 300_000


@pytest.fixture(scope="module")
def doc():
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def props(doc):
    """One row per feature, indexed by (level, code): a unitary authority is both an upper-tier
    area and a district, with one code."""
    return pd.DataFrame([f["properties"] for f in doc["features"]]).set_index(["level", "code"], drop=False)


@pytest.fixture(scope="module")
def km2(doc):
    """(level, code) → area in km², measured in British National Grid (EPSG:27700)."""
    to_bng = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)

    def area(geom):
        return shapely.transform(geom, lambda xy: np.column_stack(to_bng.transform(xy[:, 0], xy[:, 1]))).area / 1e6

    return {(f["properties"]["level"], f["properties"]["code"]): area(shape(f["geometry"])) for f in doc["features"]}


def codes(props, level):
    return set(props.loc[props["level"] == level, "code"])


# --- the committed file ------------------------------------------------------------------------


def test_every_code_once_with_a_valid_polygon(doc, props):
    assert not props.index.duplicated().any()
    assert props["level"].value_counts().to_dict() == {"ltla": 65, "utla": 24, "icb": 11, "region": 2}
    assert (codes(props, "utla"), codes(props, "icb"), codes(props, "region")) == (UTLA_CODES, ICB_CODES, REGION_CODES)
    for feature in doc["features"]:
        geom = shape(feature["geometry"])
        assert geom.geom_type in ("Polygon", "MultiPolygon") and geom.is_valid and not geom.is_empty, feature["properties"]
        assert list(feature["properties"]) == list(pb.PROPERTIES)


def test_north_and_west_northamptonshire_are_two_areas_and_no_former_area_is_left(doc, props, km2):
    assert not FORMER & set(props["code"])
    north, west = (shape(f["geometry"]) for f in doc["features"]
                    if f["properties"]["level"] == "utla" and f["properties"]["code"] in ("E06000061", "E06000062"))
    assert north.intersection(west).area < 1e-9 and north.touches(west)
    assert km2["utla", "E06000061"] > 900 and km2["utla", "E06000062"] > 1_300  # each a real share of the county
    assert props.loc[("utla", "E06000061"), "name"] == "North Northamptonshire"
    assert set(props.loc[props["utla_code"] == "E06000062", "code"]) == {"E06000062"}  # unitary: its own district


def test_levels_carry_their_parents(props):
    districts = props.loc["ltla"]
    assert set(districts["utla_code"]) == UTLA_CODES
    assert districts.loc["E07000130", ["name", "utla_code", "region_code", "icb_code"]].tolist() == [
        "Charnwood", "E10000018", "E12000004", "E54000015"]
    for code, row in districts.iterrows():
        upper = props.loc[("utla", row["utla_code"])]
        assert (row["region_code"], row["icb_code"]) == (upper["region_code"], upper["icb_code"]), code
    assert (props.loc["utla", "utla_code"] == props.loc["utla", "code"]).all()


def _tiles(props, km2, parts_level, parent_column, parents_level):
    for parent in codes(props, parents_level):
        parts = props.loc[(props["level"] == parts_level) & (props[parent_column] == parent), "code"]
        assert len(parts), parent
        total = sum(km2[parts_level, c] for c in parts)
        whole = km2[parents_level, parent]
        assert abs(total - whole) <= TILING_TOLERANCE * whole, (parent, total, whole)


def test_districts_tile_their_upper_tier_areas_and_both_tile_the_regions(props, km2):
    _tiles(props, km2, "ltla", "utla_code", "utla")
    _tiles(props, km2, "ltla", "region_code", "region")
    _tiles(props, km2, "utla", "region_code", "region")
    _tiles(props, km2, "icb", "region_code", "region")


def test_each_icb_is_exactly_its_curated_member_areas(props, km2):
    members, _ = pb.icb_membership(AREAS_CSV)
    assert "E10000021" not in members  # the former county is on no ICB's list, and not on the map
    for icb in ICB_CODES:
        expected = {utla for utla, its_icb in members.items() if its_icb == icb}
        drawn = set(props.loc[(props["level"] == "utla") & (props["icb_code"] == icb), "code"])
        assert drawn == expected, icb
        whole = km2["icb", icb]
        assert abs(sum(km2["utla", c] for c in drawn) - whole) <= TILING_TOLERANCE * whole, icb


def test_regions_within_two_percent_of_ons_land_area(km2):
    for code, ons in ONS_LAND_AREA_KM2.items():
        assert abs(km2["region", code] - ons) / ons <= LAND_AREA_TOLERANCE, (code, km2["region", code], ons)


def test_each_level_is_small_enough_for_the_web(doc):
    sizes = pb.level_sizes(doc)
    assert set(sizes) == set(pb.LEVELS)
    assert all(size <= MAX_LEVEL_BYTES for size in sizes.values()), sizes


def test_attribution_is_the_notice_ons_asks_for_with_the_boundaries_year(doc):
    assert doc["attribution"] == (
        "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
        "Contains OS data © Crown copyright and database right 2016."
    )


def test_areas_csv_boundary_codes_name_polygons_in_the_file(props):
    areas = pd.read_csv(OFFICIAL_AREAS_CSV, dtype=str, keep_default_na=False)
    areas = areas[areas["region_code"].isin(["E12000004", "E12000005"]) & areas["area_type"].isin(["utla", "ltla"])]
    drawn = areas[areas["boundary_code"] != ""]
    assert set(drawn["boundary_code"]) <= set(props["code"])
    assert (drawn["boundary_code"] == drawn["area_code"]).all()  # every area drawn by its own polygon
    assert UTLA_CODES <= set(drawn["area_code"])


# --- the pure pieces ---------------------------------------------------------------------------


def test_boundary_year_is_read_from_the_readme_or_refused():
    assert pb.boundary_year("- The base geometries used are [2016 super generalised boundaries](https://x)") == 2016
    with pytest.raises(pb.BoundaryBuildError, match="base geometries"):
        pb.boundary_year("no year here")


def test_current_keeps_areas_valid_in_the_year():
    frame = pd.DataFrame({"areacd": ["old", "new", "always", "future"], "start": [None, 2021, None, 2026],
                          "end": [2020, None, None, None]}).astype({"start": float, "end": float})
    assert list(pb.current(frame, 2025)["areacd"]) == ["new", "always"]


# --- the build ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built():
    return pb.build(RAW, AREAS_CSV)


@needs_raw
def test_build_is_deterministic_and_the_committed_file_is_its_output(built):
    assert pb.build(RAW, AREAS_CSV) == built  # byte for byte
    assert GEOJSON.read_text(encoding="utf-8") == built, "data/boundaries/midlands.geojson is stale: rebuild it"


@needs_raw
def test_the_other_ons_copy_gives_the_same_midlands(tmp_path):
    """els-topo.json (ONS Explore Local Statistics) has the same lines and Midlands codes."""
    members, names = pb.icb_membership(AREAS_CSV)
    year = pb.boundary_year((RAW / pb.TOPOLOGY_README).read_text(encoding="utf-8"))
    ours = pb.build_collection(RAW / pb.TOPOLOGY, members, names, boundary_data_year=year)
    theirs = pb.build_collection(RAW / "ons-geography" / "els-topo.json", members, names, boundary_data_year=year)
    assert ours["features"] == theirs["features"]


@needs_raw
def test_regions_match_ons_unsimplified_lines(km2):
    """Simplification and snapping move each region's area by less than 0.5%."""
    to_bng = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    source = pb.read_layer(RAW / pb.TOPOLOGY, "rgn").set_index("areacd")
    for code in REGION_CODES:
        geom = shapely.transform(source.geometry[code], lambda xy: np.column_stack(to_bng.transform(xy[:, 0], xy[:, 1])))
        assert abs(km2["region", code] - geom.area / 1e6) <= 0.005 * geom.area / 1e6, code


@needs_raw
def test_membership_must_cover_every_area_and_name_only_real_ones():
    members, names = pb.icb_membership(AREAS_CSV)
    topology = RAW / pb.TOPOLOGY
    without_derby = {k: v for k, v in members.items() if k != "E06000015"}
    with pytest.raises(pb.BoundaryBuildError, match="no ICB given for E06000015"):
        pb.build_collection(topology, without_derby, names, boundary_data_year=2016)
    with pytest.raises(pb.BoundaryBuildError, match="E09000001"):
        pb.build_collection(topology, {**members, "E09000001": "E54000055"}, names, boundary_data_year=2016)
    with pytest.raises(pb.BoundaryBuildError, match="no name given for ICB E54000013"):
        pb.build_collection(topology, members, {k: v for k, v in names.items() if k != "E54000013"},
                            boundary_data_year=2016)


def test_lookup_check_names_a_district_in_the_wrong_place():
    ltlas = pd.DataFrame({"areacd": ["E07000130"], "areanm": ["Charnwood"], "region_code": ["E12000005"],
                          "utla_code": ["E10000018"]})
    lookup = {"E07000130": {"rgncd": "E12000004", "ctycd": "E10000018"}}
    with pytest.raises(pb.BoundaryBuildError, match="E07000130 Charnwood: region E12000005, 2014 lookup says E12000004"):
        pb.check_against_lookup(ltlas, lookup, {"E10000018"})
