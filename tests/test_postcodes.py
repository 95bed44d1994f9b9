"""Find your area by postcode: normalising, the format check, the lookup and the resolver.

Postcodes used here were checked in the built table (ONSPD November 2025): B15 2TT
Birmingham, LE15 6RB Rutland, LE16 7AA Harborough (Leicestershire), EH1 1YZ City of Edinburgh.
"""

import json

import numpy as np
import pandas as pd
import pytest

from dashboard import config, postcodes, state
from dashboard.catalogue import load_catalogue
from dashboard.postcodes import Status

FOLDER = config.REPO_ROOT / "data" / "postcodes"


@pytest.fixture(scope="module")
def table():
    return postcodes.load_table(FOLDER / "postcode_district.npy.xz")


@pytest.fixture(scope="module")
def districts():
    return postcodes.load_districts(FOLDER / "districts.csv")


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(config.REPO_ROOT / "data")


@pytest.fixture(scope="module")
def profile_codes(catalogue):
    return frozenset(state.page_params("area_profile", catalogue)[0].options_given({}))


# --- normalise and format ------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["B15 2TT", "b152tt", " b15  2tt ", "B15\u00a02TT", "b 1 5 2 t t", "B15\t2TT\n"])
def test_normalise_accepts_any_common_spelling(typed):
    assert postcodes.normalise(typed) == "B152TT"


@pytest.mark.parametrize("typed", [None, "", "   "])
def test_normalise_of_nothing_is_empty(typed):
    assert postcodes.normalise(typed) == ""


@pytest.mark.parametrize("good", ["B152TT", "B11AA", "LE156RB", "EH11YZ", "SW1A1AA", "W1A0AX", "EC1A1BB", "CR26XH", "M11AE"])
def test_standard_pattern_accepts_every_shape_of_postcode(good):
    assert postcodes.is_valid_format(good)


@pytest.mark.parametrize(
    "bad",
    ["", "B15", "B152T", "B152TTT", "1B52TT", "QB152TT", "B15CTT", "B152CI", "BB152TTX", "<SCRIPT>", "B15-2TT", "B152TT1"],
)
def test_standard_pattern_rejects_what_is_not_a_postcode(bad):
    assert not postcodes.is_valid_format(bad)


def test_display_puts_the_space_before_the_inward_code():
    assert postcodes.display("B152TT") == "B15 2TT"
    assert postcodes.display("B11AA") == "B1 1AA"
    assert postcodes.display("SW1A1AA") == "SW1A 1AA"


# --- the built table -----------------------------------------------------------------------


def test_table_is_sorted_unique_and_every_postcode_fits_the_pattern(table):
    keys = table.postcodes
    assert len(keys) > 2_500_000
    assert np.all(keys[1:] > keys[:-1]), "sorted and unique: binary search depends on it"
    assert all(postcodes.is_valid_format(k.decode()) for k in keys[:: 997])
    assert len(table.district_codes) == int(table.district_index.max()) + 1


def test_every_district_in_the_table_has_a_name_upper_tier_and_region(table, districts):
    assert set(table.district_codes) == set(districts.index)
    assert (districts[["district_name", "upper_tier_code", "region_code", "region_name"]] != "").all().all()


def test_source_record_matches_the_table(table):
    source = json.loads((FOLDER / "source.json").read_text())
    assert source["postcodes_kept"] == len(table.postcodes)
    assert "Open Government Licence" in source["licence"]


def test_regions_follow_ons_lookup_not_the_combined_authority(districts):
    # ELS's hierarchy files North Lincolnshire under the East Midlands via Greater Lincolnshire.
    assert districts.loc["E06000013", "region_code"] == "E12000003"
    assert districts.loc["E07000131", "upper_tier_code"] == "E10000018"  # Harborough → Leicestershire


@pytest.mark.parametrize(
    "postcode, district",
    [("B152TT", "E08000025"), ("LE156RB", "E06000017"), ("EH11YZ", "S12000036"), ("LE167AA", "E07000131")],
)
def test_district_of_known_postcodes(table, postcode, district):
    assert table.district_of(postcode) == district


@pytest.mark.parametrize("postcode", ["B999ZZ", "ZZ99ZZ", "AA11AA", "", "B15"])
def test_district_of_an_absent_postcode_is_none(table, postcode):
    assert table.district_of(postcode) is None


# --- lookup with today's catalogue ------------------------------------------------------------


def run(text, table, catalogue, districts, profile_codes):
    return postcodes.lookup(text, table, catalogue.areas, districts, profile_codes)


def test_birmingham_opens_birmingham(table, catalogue, districts, profile_codes):
    result = run("b15 2tt", table, catalogue, districts, profile_codes)
    assert result.status is Status.FOUND_MIDLANDS
    assert result.postcode == "B152TT"
    assert result.place.open_code == "E08000025"
    assert result.place.icb_code == "E54000055"
    assert postcodes.sentence(result) == (
        "B15 2TT is in Birmingham, NHS Birmingham and Solihull Integrated Care Board, West Midlands."
    )


def test_rutland_opens_rutland_in_its_icb_and_region(table, catalogue, districts, profile_codes):
    result = run("LE156RB", table, catalogue, districts, profile_codes)
    assert result.status is Status.FOUND_MIDLANDS
    assert result.place.open_code == "E06000017"
    assert result.place.region_code == "E12000004"
    assert result.place.icb_code == "E54000015"
    assert postcodes.sentence(result).startswith("LE15 6RB is in Rutland, NHS Leicester, Leicestershire and Rutland")


def test_two_tier_district_opens_its_own_profile(table, catalogue, districts, profile_codes):
    result = run("LE16 7AA", table, catalogue, districts, profile_codes)
    assert result.status is Status.FOUND_MIDLANDS
    assert "E07000131" in profile_codes
    assert result.place.open_code == "E07000131"
    assert postcodes.place_names(result.place)[:2] == ["Harborough", "Leicestershire"]


def test_scottish_postcode_names_its_authority_and_opens_nothing(table, catalogue, districts, profile_codes):
    result = run("eh1 1yz", table, catalogue, districts, profile_codes)
    assert result.status is Status.FOUND_ELSEWHERE
    assert result.place.open_code is None
    assert result.place.district_name == "City of Edinburgh"
    text = postcodes.sentence(result)
    assert "City of Edinburgh, Scotland" in text and "East and West Midlands" in text


def test_unknown_postcode_says_so(table, catalogue, districts, profile_codes):
    result = run("B99 9ZZ", table, catalogue, districts, profile_codes)
    assert result.status is Status.UNKNOWN_OR_TERMINATED
    assert result.place is None
    assert "B99 9ZZ is not in the ONS Postcode Directory" in postcodes.sentence(result)


@pytest.mark.parametrize(
    "typed",
    ["", None, "   ", "B15", "hello", "<script>alert(1)</script>", "B15 2TT<img src=x>", "'; DROP TABLE--",
     "B" * 10_000, "B15 2TT " * 50, "\u0000\u202e", "B15 2TT\u0000", "𝐁𝟏𝟓 𝟐𝐓𝐓"],
)
def test_malformed_and_hostile_input_never_raises_and_never_echoes(typed, table, catalogue, districts, profile_codes):
    result = run(typed, table, catalogue, districts, profile_codes)
    assert result.status is Status.MALFORMED
    assert result.postcode == ""
    text = postcodes.sentence(result)
    assert "B15 2TT" in text and "<" not in text and "script" not in text


# --- resolve with a small hand-made catalogue (after districts join the catalogue) ----------

AREAS_WITH_DISTRICTS = pd.DataFrame(
    [
        ("E12000004", "East Midlands", "region", "", "", ""),
        ("E54000015", "LLR ICB", "icb", "E12000004", "", ""),
        ("E10000018", "Leicestershire", "utla", "E12000004", "E54000015", "E10000018"),
        ("E07000131", "Harborough", "ltla", "E12000004", "E54000015", "E10000018"),
        ("E06000017", "Rutland", "utla", "E12000004", "E54000015", "E06000017"),
    ],
    columns=["area_code", "area_name", "area_type", "region_code", "icb_code", "utla_code"],
).set_index("area_code")

HAND_DISTRICTS = pd.DataFrame(
    [
        ("E07000131", "Harborough (ONS)", "E10000018", "Leicestershire (ONS)", "E12000004", "East Midlands"),
        ("E06000017", "Rutland", "E06000017", "Rutland", "E12000004", "East Midlands"),
        ("E07000132", "Hinckley and Bosworth", "E10000018", "Leicestershire", "E12000004", "East Midlands"),
        ("S12000036", "City of Edinburgh", "S12000036", "City of Edinburgh", "S92000003", "Scotland"),
    ],
    columns=["district_code", "district_name", "upper_tier_code", "upper_tier_name", "region_code", "region_name"],
).set_index("district_code")


def test_resolve_opens_the_district_when_the_profile_offers_it():
    place = postcodes.resolve("E07000131", AREAS_WITH_DISTRICTS, HAND_DISTRICTS, {"E07000131", "E10000018"})
    assert place.open_code == "E07000131"
    assert (place.district_name, place.upper_tier_name, place.icb_name) == ("Harborough", "Leicestershire", "LLR ICB")
    assert place.in_midlands


def test_resolve_falls_back_to_the_upper_tier_when_the_district_is_not_offered():
    place = postcodes.resolve("E07000131", AREAS_WITH_DISTRICTS, HAND_DISTRICTS, {"E10000018"})
    assert place.open_code == "E10000018"


def test_resolve_prefers_the_catalogues_utla_code_over_ons():
    areas = AREAS_WITH_DISTRICTS.copy()
    areas.loc["E07000131", "utla_code"] = "E06000017"  # a curated change wins over the ONS file
    place = postcodes.resolve("E07000131", areas, HAND_DISTRICTS, {"E06000017", "E10000018"})
    assert place.upper_tier_code == "E06000017" and place.open_code == "E06000017"


def test_resolve_works_without_a_utla_column_and_without_district_rows():
    areas = AREAS_WITH_DISTRICTS.drop(columns="utla_code").drop(index="E07000131")
    place = postcodes.resolve("E07000132", areas, HAND_DISTRICTS, {"E10000018"})
    assert place.district_name == "Hinckley and Bosworth"  # named from ONS when not catalogued
    assert place.open_code == "E10000018" and place.icb_code == "E54000015"


def test_resolve_outside_the_midlands_opens_nothing():
    place = postcodes.resolve("S12000036", AREAS_WITH_DISTRICTS, HAND_DISTRICTS, {"S12000036"})
    assert not place.in_midlands and place.open_code is None and place.icb_code is None
    assert postcodes.place_names(place) == ["City of Edinburgh", "Scotland"]


def test_resolve_of_an_unknown_district_is_none():
    assert postcodes.resolve("E99999999", AREAS_WITH_DISTRICTS, HAND_DISTRICTS, {"E10000018"}) is None
