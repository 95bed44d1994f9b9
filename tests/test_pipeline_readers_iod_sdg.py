"""The IoD 2019 (xlsx), IoD 2025 (.rda and tidy CSV) and ONS SDG CSV readers, on small files and the real inputs."""

from pathlib import Path

import openpyxl
import pytest

from pipeline import periods
from pipeline.errors import InputError
from pipeline.readers import els_metadata, iod2019_xlsx, iod2025, sdg_csv

RAW = Path(__file__).resolve().parents[1].parent / "shared" / "raw"
needs_raw = pytest.mark.skipif(not (RAW / "MANIFEST.csv").exists(), reason="official inputs (../shared/raw) not present")
HTML = "<!DOCTYPE html><html><head><title>404</title></head><body>Not found</body></html>"
IOD19_HEADER = ["Local Authority District code (2019)", "Local Authority District name (2019)",
                "IMD - Average score ", "IMD - Rank of average score "]


def _xlsx(path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    sheet = book.create_sheet("IMD")
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _problem(exc: pytest.ExceptionInfo) -> str:
    return str(exc.value)


# IoD 2019 xlsx ----------------------------------------------------------------------------------

def test_iod2019_reads_one_measure_per_area(tmp_path):
    path = _xlsx(tmp_path / "f10.xlsx", [IOD19_HEADER, ["E08000025", "Birmingham", 38.067, 7], ["E07000150", "Corby", 25.706, 76]])
    rows = iod2019_xlsx.read(path, "f10.xlsx", "IMD", "IMD - Average score")
    assert rows[["line", "areacd", "observation", "period"]].values.tolist() == [
        [2, "E08000025", 38.067, "2019"], [3, "E07000150", 25.706, "2019"],
    ]
    assert rows["lci_95"].isna().all()


def test_iod2019_names_a_missing_column_and_a_missing_sheet(tmp_path):
    path = _xlsx(tmp_path / "f10.xlsx", [IOD19_HEADER[:3], ["E08000025", "Birmingham", 38.067]])
    with pytest.raises(InputError) as exc:
        iod2019_xlsx.read(path, "f10.xlsx", "IMD", "IMD - Rank of average score")
    assert "f10.xlsx [IMD], row 1, column 'IMD - Rank of average score': column is missing" in _problem(exc)
    with pytest.raises(InputError, match="has no sheet 'Income'"):
        iod2019_xlsx.read(path, "f10.xlsx", "Income", "Income - Average score")


def test_iod2019_names_the_row_and_column_of_a_value_that_is_not_a_number(tmp_path):
    path = _xlsx(tmp_path / "f10.xlsx", [IOD19_HEADER, ["E08000025", "Birmingham", 38.067, 7], ["E07000150", "Corby", "n/a", 76]])
    with pytest.raises(InputError) as exc:
        iod2019_xlsx.read(path, "f10.xlsx", "IMD", "IMD - Average score")
    assert "f10.xlsx [IMD], row 3, column 'IMD - Average score': 'n/a' is not a number" in _problem(exc)


def test_iod2019_refuses_an_html_page_and_a_file_that_is_not_a_workbook(tmp_path):
    page = tmp_path / "f10.xlsx"
    page.write_text(HTML)
    with pytest.raises(InputError, match="HTML or XML page"):
        iod2019_xlsx.read(page, "f10.xlsx", "IMD", "IMD - Average score")
    page.write_bytes(b"area,score\nE08000025,38\n")
    with pytest.raises(InputError, match="cannot be read as an xlsx workbook"):
        iod2019_xlsx.read(page, "f10.xlsx", "IMD", "IMD - Average score")


@needs_raw
def test_iod2019_real_file_11_keeps_northamptonshire_under_its_2019_code():
    name = "mhclg-iod2019/File_11_-_IoD2019_Local_Authority_District_Summaries__upper-tier__.xlsx"
    rows = iod2019_xlsx.read(RAW / name, name, "IMD", "IMD - Average score").set_index("areacd")
    assert len(rows) == 151
    assert rows.at["E08000025", "observation"] == 38.067  # Birmingham
    assert rows.at["E10000021", "observation"] == 18.605  # Northamptonshire (county until 2021)
    assert "E06000062" not in rows.index  # West Northamptonshire did not exist in 2019


# IoD 2025 ---------------------------------------------------------------------------------------

CSV_HEADER = "area_code,area_name,area_type,deprivation_data_year,index_domain,average_rank,rank_average_rank,average_score,rank_average_score\n"


def test_iod2025_csv_reads_one_domain(tmp_path):
    path = tmp_path / "iod.csv"
    path.write_text(CSV_HEADER
                    + "E08000025,Birmingham,LAD,2025,Income Deprivation Affecting Children,27051.44,4,0.617,3\n"
                    + "E08000025,Birmingham,LAD,2025,Crime,23735.33,18,0.551,22\n")
    rows = iod2025.read_csv(path, "iod.csv", "Income Deprivation Affecting Children", "average_score")
    assert rows[["line", "areacd", "observation", "period"]].values.tolist() == [[2, "E08000025", 0.617, "2025"]]


def test_iod2025_csv_names_missing_columns_bad_numbers_and_html(tmp_path):
    path = tmp_path / "iod.csv"
    path.write_text("area_code,area_name,index_domain,average_score\nE08000025,Birmingham,Crime,0.5\n")
    with pytest.raises(InputError) as exc:
        iod2025.read_csv(path, "iod.csv", "Crime", "rank_average_score")
    assert "iod.csv, row 1, column 'rank_average_score': column is missing from the header" in _problem(exc)
    path.write_text(CSV_HEADER + "E08000025,Birmingham,LAD,2025,Crime,23735.33,18,high,22\n")
    with pytest.raises(InputError) as exc:
        iod2025.read_csv(path, "iod.csv", "Crime", "average_score")
    assert "iod.csv, row 2, column 'average_score': 'high' is not a number" in _problem(exc)
    path.write_text(HTML)
    with pytest.raises(InputError, match="HTML or XML page"):
        iod2025.read_csv(path, "iod.csv", "Crime", "average_score")


def test_iod2025_rda_refuses_html_and_a_file_that_is_not_r_data(tmp_path):
    path = tmp_path / "imd.rda"
    path.write_text(HTML)
    with pytest.raises(InputError, match="HTML or XML page"):
        iod2025.read_rda(path, "imd.rda", "imd2025_england_ltla24", "ltla24_code", "imd_average_score")
    path.write_bytes(b"\x00\x01not R data at all")
    with pytest.raises(InputError, match="cannot be read as an R data"):
        iod2025.read_rda(path, "imd.rda", "imd2025_england_ltla24", "ltla24_code", "imd_average_score")


@needs_raw
def test_iod2025_real_v2_files_and_a_missing_measure():
    name = "mhclg-iod2025/imd2025_england_ltla24.rda"
    rows = iod2025.read_rda(RAW / name, name, "imd2025_england_ltla24", "ltla24_code", "imd_average_score").set_index("areacd")
    assert len(rows) == 296
    assert rows.at["E08000025", "observation"] == pytest.approx(38.115)  # Birmingham
    with pytest.raises(InputError, match="column 'idaci_average_score': column is missing"):
        iod2025.read_rda(RAW / name, name, "imd2025_england_ltla24", "ltla24_code", "idaci_average_score")
    icb = "mhclg-iod2025/imd2025_england_icb24.rda"
    icbs = iod2025.read_rda(RAW / icb, icb, "imd2025_england_icb24", "icb24_code", "imd_rank_of_average_score")
    assert len(icbs) == 42 and sorted(icbs["observation"]) == list(range(1, 43))


@needs_raw
def test_iod2025_v2_corrects_west_northamptonshire_against_the_first_release():
    csv_name, rda_name = "mhclg-iod2025/indices_of_deprivation_2025_lad.csv", "mhclg-iod2025/imd2025_england_ltla24.rda"
    first = iod2025.read_csv(RAW / csv_name, csv_name, "Index of Multiple Deprivation", "average_score").set_index("areacd")
    v2 = iod2025.read_rda(RAW / rda_name, rda_name, "imd2025_england_ltla24", "ltla24_code", "imd_average_score").set_index("areacd")
    assert first.at["E06000062", "observation"] != v2.at["E06000062", "observation"]
    assert first.at["E08000025", "observation"] == v2.at["E08000025", "observation"]


# ONS SDG CSV ------------------------------------------------------------------------------------

SDG_HEADER = "Year,Series,Region,Local authority,Deprivation decile,Observation status,Units,GeoCode,Value\n"
SERIES = "Fraction of mortality attributable to particulate air pollution (new method)"


def test_sdg_reads_area_rows_and_leaves_out_other_breakdowns(tmp_path):
    path = tmp_path / "sdg.csv"
    path.write_text(
        SDG_HEADER
        + f"2021,{SERIES},,,Decile 1 (least deprived),Normal value,Percentage (%),E92000001,4.1\n"
        + f"2021,{SERIES},,,,Normal value,Percentage (%),E92000001,5.8\n"
        + f"2021,{SERIES},,Birmingham,,Normal value,Percentage (%),E08000025,6.18\n"
        + f"2021,{SERIES},,Buckinghamshire UA,,Value for Bucks County applied to Bucks UA,Percentage (%),E06000060,5.6\n"
        + f"2018,{SERIES},,East Suffolk,,Normal value,Percentage (%),E07000244,\n"
    )
    rows = sdg_csv.read(path, "sdg.csv", SERIES)
    assert rows["areacd"].tolist() == ["E92000001", "E08000025", "E06000060", "E07000244"]
    assert rows.loc[1, "observation"] == 6.18 and rows.loc[1, "line"] == 4
    assert rows.loc[2, "note"] == "Publisher's note: Value for Bucks County applied to Bucks UA"
    assert rows["observation"].isna().tolist() == [False, False, False, True]  # empty: no value


def test_sdg_names_missing_columns_bad_values_unknown_series_and_html(tmp_path):
    path = tmp_path / "sdg.csv"
    path.write_text("Year,Series,GeoCode,Value\n2021,x,E08000025,6\n")
    with pytest.raises(InputError) as exc:
        sdg_csv.read(path, "sdg.csv", SERIES)
    assert "sdg.csv, row 1, column 'Observation status': column is missing from the header" in _problem(exc)
    path.write_text(SDG_HEADER + f"2021,{SERIES},,Birmingham,,Normal value,Percentage (%),E08000025,six\n")
    with pytest.raises(InputError) as exc:
        sdg_csv.read(path, "sdg.csv", SERIES)
    assert "sdg.csv, row 2, column 'Value': 'six' is not a number" in _problem(exc)
    with pytest.raises(InputError, match="no rows for series 'other'"):
        sdg_csv.read(path, "sdg.csv", "other")
    path.write_text(HTML)
    with pytest.raises(InputError, match="HTML or XML page"):
        sdg_csv.read(path, "sdg.csv", SERIES)


@needs_raw
def test_sdg_real_file_has_districts_regions_and_england_but_no_counties():
    name = "ons-sdg/indicator_3-9-1.csv"
    rows = sdg_csv.read(RAW / name, name, "Fraction of mortality attributable to particulate air pollution (old method)")
    assert set(rows["period"]) == {str(y) for y in range(2010, 2020)}
    codes = set(rows["areacd"])
    assert {"E92000001", "E12000004", "E12000005", "E08000025"} <= codes
    assert not any(code.startswith("E10") for code in codes)  # no county values are published


# Notations and metadata the new files brought ---------------------------------------------------

def test_periods_mid_month_survey_years_and_snapshot_dates_only_where_declared():
    assert periods.label("2015-11-16/P1Y", mid_month_years=True) == "2015/16"
    assert periods.label("2008-04-16", snapshot_dates=True) == "2008"
    with pytest.raises(ValueError, match="day 16 of month 11"):
        periods.label("2015-11-16/P1Y")
    with pytest.raises(ValueError, match="is a date, not a period"):
        periods.label("2008-04-16")
    with pytest.raises(ValueError):
        periods.label("2015-10-16/P1Y", mid_month_years=True)  # only the Active Lives year is known
    with pytest.raises(ValueError):
        periods.label("2015-11-16/P2Y", mid_month_years=True)


def test_metadata_with_two_publishers_takes_the_first_and_text_decimal_places(tmp_path):
    path = tmp_path / "meta.json"
    path.write_text('{"ess-beta-metadata": {"sourceOrg": "ONS|NISRA", "sourceURL": "https://a.example|https://b.example",'
                    ' "sourceDate": "23/10/2025|24/10/2025", "decimalPlaces": "1", "caveats": "None"}}')
    meta = els_metadata.read(path, "meta.json")
    assert (meta.publisher, meta.url, meta.released, meta.decimal_places, meta.caveats) == (
        "ONS and NISRA", "https://a.example", "2025-10-23", 1, "")
    path.write_text('{"ess-beta-metadata": {"sourceOrg": "ONS|NISRA", "sourceURL": "https://a.example", "sourceDate": "23/10/2025"}}')
    with pytest.raises(InputError, match="they must pair up"):
        els_metadata.read(path, "meta.json")
