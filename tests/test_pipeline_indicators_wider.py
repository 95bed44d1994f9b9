"""Issue 12's indicators: every declared entry is complete, and built values match the raw files."""

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard import periods as dashboard_periods
from dashboard.catalogue import POLARITIES, THEMES, UNITS
from pipeline.indicators import INDICATORS
from pipeline.readers import iod2025

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT.parent / "shared" / "raw"
OFFICIAL = ROOT / "data" / "official"
needs_raw = pytest.mark.skipif(not (RAW / "MANIFEST.csv").exists(), reason="official inputs (../shared/raw) not present")
READERS = {"els_csv", "els_app", "iod2019_xlsx", "iod2025_rda", "iod2025_csv", "sdg_csv"}
# The SDG page and file give no release date (data/README.md says where it was looked for).
NO_RELEASE_DATE = {"pm25_attributable_mortality_old_method", "pm25_attributable_mortality_new_method"}
BIRMINGHAM, WEST_NORTHANTS, EAST_MIDLANDS = "E08000025", "E06000062", "E12000004"


def _manifest_files() -> set[str]:
    with (RAW / "MANIFEST.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row["file"] for row in csv.DictReader(handle)}


@needs_raw
@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.indicator_id)
def test_every_indicator_entry_is_complete(indicator):
    assert indicator.why_it_matters.strip() and indicator.title.strip() and indicator.short_title.strip()
    assert indicator.polarity in POLARITIES
    assert indicator.theme in THEMES
    assert indicator.unit in UNITS
    assert indicator.series, "an indicator needs at least one series"
    files = _manifest_files()
    for series in indicator.series:
        assert series.data_file in files, f"{series.data_file} is not in MANIFEST.csv"
        assert (series.reader or indicator.reader) in READERS
        assert series.breakdown in ("All", "Persons", "Male", "Female")
    if indicator.metadata is None:
        assert indicator.metadata_file in files, f"{indicator.metadata_file} is not in MANIFEST.csv"
    else:  # declared here because the file has no metadata beside it
        assert indicator.metadata_file == ""
        meta = indicator.metadata
        assert meta.publisher and meta.url.startswith("https://") and meta.definition
        assert meta.released or indicator.indicator_id in NO_RELEASE_DATE, "a release date, or say why there is none"


def test_ids_are_unique_and_the_built_catalogue_lists_each_once():
    ids = [i.indicator_id for i in INDICATORS]
    assert len(ids) == len(set(ids))
    built = pd.read_csv(OFFICIAL / "indicators.csv", dtype=str, keep_default_na=False)
    assert sorted(built["indicator_id"]) == sorted(ids)


def _official(indicator_id: str) -> pd.DataFrame:
    return pd.read_csv(OFFICIAL / "values" / f"{indicator_id}.csv", dtype=str, keep_default_na=False)


def _value(indicator_id: str, area: str, period: str, breakdown: str | None = None) -> pd.Series:
    rows = _official(indicator_id)
    rows = rows[(rows["area_code"] == area) & (rows["period"] == period)]
    if breakdown:
        rows = rows[rows["breakdown"] == breakdown]
    assert len(rows) == 1, (indicator_id, area, period)
    return rows.iloc[0]


# Spot checks: each reads the raw file here, without the pipeline, and compares ----------------------

@needs_raw
def test_adult_obesity_birmingham_latest_matches_the_els_file():
    raw = pd.read_csv(RAW / "ons-els/adult-obesity-prevalence/adult-obesity-prevalence.csv", dtype=str)
    row = raw[(raw["areacd"] == BIRMINGHAM) & (raw["period"] == "2024-11-16/P1Y")].iloc[0]
    built = _value("adult_obesity_prevalence", BIRMINGHAM, "2024/25")
    assert float(built["value"]) == float(row["observation"])
    assert (float(built["lower_ci"]), float(built["upper_ci"])) == (float(row["lci_95"]), float(row["uci_95"]))


@needs_raw
def test_child_obesity_year6_birmingham_2024_25_matches_the_app_json():
    raw = json.loads((RAW / "ons-els-app/obese-children-year-6.json").read_text(encoding="utf-8"))
    index = next(i for i, (a, y) in enumerate(zip(raw["areacd"], raw["xDomainNumb"])) if a == BIRMINGHAM and y == 2024)
    built = _value("child_obese_year6", BIRMINGHAM, "2024/25")
    assert float(built["value"]) == raw["value"][index]
    assert float(built["lower_ci"]) == raw["lci"][index] and float(built["upper_ci"]) == raw["uci"][index]


@needs_raw
def test_imd2019_birmingham_matches_file_11_and_northamptonshire_keeps_its_code():
    import openpyxl

    book = openpyxl.load_workbook(
        RAW / "mhclg-iod2019/File_11_-_IoD2019_Local_Authority_District_Summaries__upper-tier__.xlsx",
        read_only=True, data_only=True)
    rows = {r[0]: r for r in book["IMD"].iter_rows(values_only=True)}
    book.close()
    assert float(_value("imd2019_average_score", BIRMINGHAM, "2019")["value"]) == rows[BIRMINGHAM][4]
    assert float(_value("imd2019_rank_upper_tier", BIRMINGHAM, "2019")["value"]) == rows[BIRMINGHAM][5]
    county = _value("imd2019_average_score", "E10000021", "2019")
    assert county["area_name"] == "Northamptonshire" and float(county["value"]) == rows["E10000021"][4]
    assert WEST_NORTHANTS not in set(_official("imd2019_average_score")["area_code"])


@needs_raw
def test_imd2025_uses_v2_for_west_northamptonshire_and_icbs_are_kept():
    name = "mhclg-iod2025/imd2025_england_ltla24.rda"
    v2 = iod2025.read_rda(RAW / name, name, "imd2025_england_ltla24", "ltla24_code", "imd_average_score").set_index("areacd")
    assert float(_value("imd2025_average_score", WEST_NORTHANTS, "2025")["value"]) == v2.at[WEST_NORTHANTS, "observation"]
    icb = _value("imd2025_rank_icb", "E54000055", "2025")  # Birmingham and Solihull (curated ICB)
    assert icb["area_type"] == "icb" and float(icb["value"]) == 1


@needs_raw
def test_pm25_new_method_birmingham_2021_matches_the_sdg_file():
    raw = pd.read_csv(RAW / "ons-sdg/indicator_3-9-1.csv", dtype=str, keep_default_na=False)
    row = raw[(raw["GeoCode"] == BIRMINGHAM) & (raw["Year"] == "2021") & (raw["Deprivation decile"] == "")
              & raw["Series"].str.contains("new method")].iloc[0]
    assert float(_value("pm25_attributable_mortality_new_method", BIRMINGHAM, "2021")["value"]) == float(row["Value"])
    counties = _official("pm25_attributable_mortality_new_method")["area_code"].str.startswith("E10")
    assert not counties.any(), "no county values are published, and none may be derived"


@needs_raw
def test_gva_per_hour_east_midlands_is_the_itl1_row_under_the_region_code():
    raw = pd.read_csv(RAW / "ons-els/gross-value-added/gross-value-added.csv", dtype=str, keep_default_na=False)
    row = raw[(raw["areacd"] == "TLF") & (raw["indicator"] == "Gross value added per hour worked")
              & (raw["period"] == "2023-01-01/P1Y")].iloc[0]
    built = _value("gva_per_hour", EAST_MIDLANDS, "2023")
    assert float(built["value"]) == float(row["observation"])
    assert "ITL1 region TLF" in built["note"]


@needs_raw
def test_gdhi_birmingham_latest_matches_the_els_file():
    raw = pd.read_csv(RAW / "ons-els/gross-disposable-household-income-per-head/gross-disposable-household-income-per-head.csv",
                      dtype=str, keep_default_na=False)
    row = raw[(raw["areacd"] == BIRMINGHAM) & (raw["period"] == "2023-01-01/P1Y")].iloc[0]
    assert float(_value("gdhi_per_head", BIRMINGHAM, "2023")["value"]) == float(row["observation"])


# The "done when" -----------------------------------------------------------------------

def test_at_least_30_area_level_indicators_cover_the_midlands_at_their_latest_period():
    areas = pd.read_csv(OFFICIAL / "areas.csv", dtype=str, keep_default_na=False).set_index("area_code")
    midlands = set(areas.index[areas["region_code"].isin(["E12000004", "E12000005"])
                               & areas["area_type"].isin(["utla", "ltla"])])
    built = pd.read_csv(OFFICIAL / "indicators.csv", dtype=str, keep_default_na=False).set_index("indicator_id")
    sources = pd.read_csv(OFFICIAL / "sources.csv", dtype=str, keep_default_na=False).set_index("source_id")
    covered = []
    for indicator in INDICATORS:
        values = _official(indicator.indicator_id)
        latest = dashboard_periods.latest(values["period"])
        at_latest = set(values.loc[values["period"] == latest, "area_code"])
        if at_latest & midlands:
            row = built.loc[indicator.indicator_id]
            assert row["definition"] and row["polarity"] and row["source_id"] in sources.index
            if row["released"]:
                covered.append(indicator.indicator_id)
    assert len(covered) >= 30, covered
