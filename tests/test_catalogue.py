"""The loader accepts a valid catalogue and names file, row and column for each kind of fault."""

import shutil
from pathlib import Path

import pytest
import pandas as pd

from dashboard.catalogue import load_catalogue
from dashboard.errors import DataFileError

FIXTURE = Path(__file__).parent / "fixtures" / "catalogue"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture lacks {old!r}"
    path.write_text(text.replace(old, new, 1))


def load_error(data_dir: Path) -> DataFileError:
    with pytest.raises(DataFileError) as caught:
        load_catalogue(data_dir)
    return caught.value


def test_valid_catalogue_loads_with_period_order(data_dir):
    catalogue = load_catalogue(data_dir)
    assert len(catalogue.values) == 7
    derby = catalogue.values[catalogue.values["area_code"] == "E06000015"]
    assert sorted(derby["period_end"]) == [2019, 2022]
    assert catalogue.values["value"].dtype == float
    assert catalogue.area_name("E10000007") == "Derbyshire"


def test_missing_file_is_named(data_dir):
    (data_dir / "sources.csv").unlink()
    error = load_error(data_dir)
    assert error.first.file == "data/sources.csv"
    assert "missing" in error.first.message


def test_missing_column_is_named(data_dir):
    edit(data_dir / "indicators.csv", ",polarity,", ",polarity_typo,")
    error = load_error(data_dir)
    assert (error.first.file, error.first.column) == ("data/indicators.csv", "polarity")


def test_non_numeric_value_names_row_and_column(data_dir):
    edit(data_dir / "values" / "test_values.csv", "Derby,utla,2020-22,Male,77.0", "Derby,utla,2020-22,Male,seventy")
    error = load_error(data_dir)
    assert (error.first.file, error.first.row, error.first.column) == ("data/values/test_values.csv", 4, "value")
    assert "seventy" in str(error)


def test_unknown_area_code(data_dir):
    edit(data_dir / "values" / "test_values.csv", "E10000007,Derbyshire", "E99999999,Derbyshire")
    error = load_error(data_dir)
    assert (error.first.row, error.first.column) == (5, "area_code")
    assert "E99999999" in error.first.message


def test_value_without_known_source(data_dir):
    edit(data_dir / "values" / "test_values.csv", "more than,test_source", "more than,nowhere")
    error = load_error(data_dir)
    assert (error.first.row, error.first.column) == (8, "source_id")


def test_value_with_empty_source(data_dir):
    edit(data_dir / "values" / "test_values.csv", "more than,test_source", "more than,")
    error = load_error(data_dir)
    assert (error.first.row, error.first.column) == (8, "source_id")


def test_unknown_indicator(data_dir):
    edit(data_dir / "values" / "test_values.csv", "cluster_jobs,CL-MEDTECH", "cluster_staff,CL-MEDTECH")
    error = load_error(data_dir)
    assert (error.first.row, error.first.column) == (8, "indicator_id")


def test_duplicate_key_points_to_first_occurrence(data_dir):
    path = data_dir / "values" / "zz_extra.csv"
    path.write_text(
        "indicator_id,area_code,area_name,area_type,period,breakdown,value,lower_ci,upper_ci,qualifier,source_id,note\n"
        "life_expectancy_birth,E06000015,Derby,utla,2020-22,Male,77.0,76.5,77.5,,test_source,\n"
    )
    error = load_error(data_dir)
    assert error.first.file == "data/values/zz_extra.csv"
    assert error.first.row == 2
    assert "data/values/test_values.csv row 4" in error.first.message


def test_limits_must_bracket_value(data_dir):
    edit(data_dir / "values" / "test_values.csv", "77.0,76.5,77.5", "77.0,77.2,77.5")
    error = load_error(data_dir)
    assert (error.first.row, error.first.column) == (4, "lower_ci")


def test_only_one_limit_is_refused(data_dir):
    edit(data_dir / "values" / "test_values.csv", "77.0,76.5,77.5", "77.0,76.5,")
    error = load_error(data_dir)
    assert (error.first.row, error.first.column) == (4, "upper_ci")


def test_area_name_must_match_lookup(data_dir):
    edit(data_dir / "values" / "test_values.csv", "E06000015,Derby,utla,2020-22", "E06000015,Derby City,utla,2020-22")
    error = load_error(data_dir)
    assert (error.first.row, error.first.column) == (4, "area_name")


def test_bad_polarity_and_period_are_reported_together(data_dir):
    edit(data_dir / "indicators.csv", "years,higher_is_better", "years,up_is_good")
    error = load_error(data_dir)
    assert (error.first.file, error.first.row, error.first.column) == ("data/indicators.csv", 2, "polarity")


def test_bad_period_format(data_dir):
    edit(data_dir / "values" / "test_values.csv", "utla,2017-19", "utla,around 2018")
    error = load_error(data_dir)
    assert (error.first.row, error.first.column) == (7, "period")


def test_duplicate_area_code_in_lookup(data_dir):
    with (data_dir / "areas.csv").open("a") as handle:
        handle.write("E06000015,Derby again,utla,E12000004,E54000058,E06000015,\n")
    error = load_error(data_dir)
    assert (error.first.file, error.first.column) == ("data/areas.csv", "area_code")


def test_unreadable_csv(data_dir):
    (data_dir / "sources.csv").write_bytes(b"\xff\xfe\x00bad")
    error = load_error(data_dir)
    assert error.first.file == "data/sources.csv"


def test_every_problem_is_listed_not_just_the_first(data_dir):
    edit(data_dir / "values" / "test_values.csv", "77.0,76.5,77.5", "x,76.5,77.5")
    edit(data_dir / "values" / "test_values.csv", "79.0,78.7,79.3", "y,78.7,79.3")
    error = load_error(data_dir)
    assert [(p.row, p.column) for p in error.problems] == [(4, "value"), (5, "value")]


def test_trusts_and_institutions_load_with_numeric_locations(data_dir):
    catalogue = load_catalogue(data_dir)
    assert list(catalogue.trusts["ods_code"]) == ["RTG", "RXM"]
    assert catalogue.trusts["latitude"].dtype == float
    assert catalogue.institutions.loc[0, "institution_type"] == "university"


def test_location_outside_the_midlands_is_refused(data_dir):
    edit(data_dir / "trusts.csv", "52.91,-1.51", "25.91,-1.51")
    error = load_error(data_dir)
    assert (error.first.file, error.first.row, error.first.column) == ("data/trusts.csv", 2, "latitude")


def test_location_without_its_source_is_refused(data_dir):
    edit(data_dir / "institutions.csv", "52.93,-1.49,test_source,test_source", "52.93,-1.49,test_source,")
    error = load_error(data_dir)
    assert (error.first.file, error.first.row, error.first.column) == ("data/institutions.csv", 2, "location_source_id")


def test_trust_in_an_unknown_icb_is_refused(data_dir):
    edit(data_dir / "trusts.csv", "acute,E54000058", "acute,E54000999")
    error = load_error(data_dir)
    assert (error.first.row, error.first.column) == (2, "icb_code")


def test_unknown_trust_type_is_refused(data_dir):
    edit(data_dir / "trusts.csv", "acute,E54000058", "hospital,E54000058")
    error = load_error(data_dir)
    assert (error.first.row, error.first.column) == (2, "trust_type")


HEADER = (
    "indicator_id,area_code,area_name,area_type,period,breakdown,value,lower_ci,upper_ci,qualifier,source_id,note\n"
)


def test_values_files_checked_together_name_each_file_and_row(data_dir):
    edit(data_dir / "values" / "test_values.csv", "77.0,76.5,77.5", "x,76.5,77.5")
    (data_dir / "values" / "zz_extra.csv").write_text(
        HEADER + "life_expectancy_birth,E10000007,Derbyshire,utla,2017-19,Male,y,78.7,79.3,,test_source,\n"
    )
    error = load_error(data_dir)
    assert [(p.file, p.row, p.column) for p in error.problems] == [
        ("data/values/test_values.csv", 4, "value"),
        ("data/values/zz_extra.csv", 2, "value"),
    ]


def test_a_row_with_too_many_cells_names_its_line(data_dir):
    (data_dir / "values" / "zz_extra.csv").write_text(
        HEADER + "life_expectancy_birth,E10000007,Derbyshire,utla,2017-19,Male,79.0,78.7,79.3,,test_source,,extra\n"
    )
    error = load_error(data_dir)
    assert error.first.file == "data/values/zz_extra.csv"
    assert "line 2" in error.first.message


def test_a_row_with_fewer_cells_reads_its_missing_cells_as_empty(data_dir):
    (data_dir / "values" / "zz_extra.csv").write_text(
        HEADER + "life_expectancy_birth,E10000007,Derbyshire,utla,2017-19,Male,79.0,78.7,79.3,,test_source\n"
    )
    catalogue = load_catalogue(data_dir)
    assert len(catalogue.values) == 8


def test_invalid_utf8_inside_a_file_is_refused(data_dir):
    edit(data_dir / "values" / "test_values.csv", "MedTech sector", "MedTech sect\xe9r")
    path = data_dir / "values" / "test_values.csv"
    path.write_bytes(path.read_text().encode("latin-1"))
    error = load_error(data_dir)
    assert error.first.file == "data/values/test_values.csv"
    assert "cannot be read as CSV" in error.first.message


def test_only_the_row_that_misnames_an_area_is_reported(data_dir):
    edit(data_dir / "values" / "test_values.csv", "E06000015,Derby,utla,2017-19", "E06000015,Derby City,utla,2017-19")
    error = load_error(data_dir)
    assert [(p.row, p.column) for p in error.problems] == [(7, "area_name")]
    assert "'Derby'" in error.first.message


def test_a_validated_catalogue_is_read_back_from_the_columnar_cache(tmp_path, monkeypatch):
    import dashboard.catalogue as catalogue_module

    monkeypatch.setenv("MIDLANDS_CACHE_DIR", str(tmp_path / "cache"))
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURE, data_dir)
    first = load_catalogue(data_dir)
    assert len(list((tmp_path / "cache").iterdir())) == 1

    def no_parsing(_data_dir):
        raise AssertionError("the CSVs were parsed again")

    monkeypatch.setattr(catalogue_module, "_read_all", no_parsing)
    again = load_catalogue(data_dir)
    for name in ("sources", "indicators", "areas", "values", "national_values"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(again, name))


def test_a_changed_data_file_is_validated_again_not_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MIDLANDS_CACHE_DIR", str(tmp_path / "cache"))
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURE, data_dir)
    load_catalogue(data_dir)
    path = data_dir / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8") + "bad id,,,,,,,\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="sources.csv"):
        load_catalogue(data_dir)
