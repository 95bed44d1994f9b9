"""The open-data files (pipeline/open_data.py): columns, formula safety, numbers, determinism, CSVW,
that they say what the app's pages say, and that ``python -m pipeline`` writes and checks them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from csvw import CSVW

import pipeline.build
from dashboard import comparisons
from dashboard import open_data as dashboard_open_data
from dashboard.analysis import inequalities, levels
from dashboard.analysis.values import latest_period
from dashboard.catalogue import load_catalogue
from dashboard.methods import national
from pipeline import boundaries, open_data
from pipeline.__main__ import main
from tests.test_pipeline import GEOGRAPHY, RAW, REPO, TEST_INDICATOR, needs_raw, rewrite_dataset, write_manifest

FIXTURE = Path(__file__).parent / "fixtures" / "catalogue"
STATIC = REPO / "static" / "data"
ISSUE_COLUMNS = [
    "indicator_id", "indicator_title", "area_code", "area_name", "area_type", "period", "breakdown", "value",
    "lower_ci", "upper_ci", "unit", "compared_with_england", "compared_with_region", "recent_trend",
    "national_quintile", "source_id", "published",
]
HOSTILE_TITLE = "=HYPERLINK(\"https://example.org\",\"x\") annual measure"


def _append(path: Path, lines: list[str]) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


@pytest.fixture
def data(tmp_path) -> Path:
    """The test catalogue with an annual indicator (five years with limits, a negative value, a
    title a spreadsheet would run)."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    _append(folder / "indicators.csv", [
        f'annual_measure,"{HOSTILE_TITLE.replace(chr(34), chr(34) * 2)}",Annual,inequalities,score,higher_is_better,'
        "A made-up annual score,For tests,,test_source",
    ])
    rows = ["indicator_id,area_code,area_name,area_type,period,breakdown,value,lower_ci,upper_ci,qualifier,source_id,note"]
    for i, year in enumerate(range(2016, 2021)):
        rows.append(f"annual_measure,E06000015,Derby,utla,{year},Persons,{10 + i},{9.9 + i},{10.1 + i},,test_source,")
        rows.append(f"annual_measure,E10000007,Derbyshire,utla,{year},Persons,{-2.5 + i},{-2.7 + i},{-2.3 + i},,test_source,")
        rows.append(f"annual_measure,E92000001,England,country,{year},Persons,{5 + i},{4.9 + i},{5.1 + i},,test_source,")
        rows.append(f"annual_measure,E12000004,East Midlands,region,{year},Persons,{12 + i},,,,test_source,")
    (folder / "values" / "annual.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def written(data, tmp_path) -> Path:
    out = tmp_path / "open"
    open_data.write(load_catalogue(data), out)
    return out


def read_values(folder: Path, **options) -> pd.DataFrame:
    return pd.read_csv(folder / open_data.VALUES_FILE, **options)


def test_values_have_exactly_the_issue_columns(written):
    assert list(read_values(written, nrows=0).columns) == ISSUE_COLUMNS
    assert open_data._names(open_data.VALUE_COLUMNS) == ISSUE_COLUMNS


def test_every_value_of_the_catalogue_once(data, written):
    catalogue = load_catalogue(data)
    table = read_values(written, dtype=str, keep_default_na=False)
    assert len(table) == len(catalogue.values)
    assert not table.duplicated(["indicator_id", "area_code", "period", "breakdown"]).any()


def test_comparisons_are_those_the_app_makes(data, written):
    table = read_values(written, dtype=str, keep_default_na=False).set_index(
        ["indicator_id", "area_code", "period"]).sort_index()
    catalogue = load_catalogue(data)
    app = inequalities.area_comparison(catalogue, "life_expectancy_birth", "Male", "2020-22").set_index("area_code")
    for code in ("E06000015", "E10000007"):
        row = table.loc[("life_expectancy_birth", code, "2020-22")]
        assert row["compared_with_england"] == app.at[code, "vs_england"]
        assert row["compared_with_region"] == app.at[code, "vs_region"]
    assert table.loc[("life_expectancy_birth", "E06000015", "2020-22"), "compared_with_england"] == "Worse"
    # England is not compared with itself; a count is not compared; a region without limits cannot be.
    assert table.loc[("life_expectancy_birth", "E92000001", "2020-22"), "compared_with_england"] == ""
    assert table.loc[("annual_measure", "E12000004", "2020"), "compared_with_england"] == ""
    assert (table.loc["cluster_jobs", "compared_with_england"] == "").all()


def test_recent_trend_is_on_the_last_period_it_uses(data, written):
    table = read_values(written, dtype=str, keep_default_na=False)
    derby = table[(table["indicator_id"] == "annual_measure") & (table["area_code"] == "E06000015")]
    expected = comparisons.trend_of(load_catalogue(data), "annual_measure", "Persons", "E06000015")
    assert expected.short == "Increasing and getting better"
    assert derby.set_index("period")["recent_trend"].to_dict() == {
        "2016": "", "2017": "", "2018": "", "2019": "", "2020": "Increasing and getting better",
    }
    # Three-year periods overlap: no trend can be calculated, so the cells are empty.
    assert (table.loc[table["indicator_id"] == "life_expectancy_birth", "recent_trend"] == "").all()


def test_national_quintile_is_the_apps_fifth(data, written):
    table = read_values(written, dtype=str, keep_default_na=False).set_index(["indicator_id", "area_code", "period"])
    catalogue = load_catalogue(data)
    positions = national.positions(
        pd.DataFrame({"area_code": ["E06000015", "E10000007"], "value": [14.0, 1.5]}), "higher_is_better"
    ).set_index("area_code")
    assert table.loc[("annual_measure", "E06000015", "2020"), "national_quintile"] == str(positions.at["E06000015", "quintile"])
    assert table.loc[("annual_measure", "E10000007", "2020"), "national_quintile"] == "1"
    assert table.loc[("annual_measure", "E92000001", "2020"), "national_quintile"] == ""
    assert set(table.loc[table["national_quintile"] != ""].index.get_level_values("area_code")) <= set(
        levels.level_codes(catalogue, "utla") | levels.level_codes(catalogue, "ltla"))


def test_text_cells_are_formula_safe_and_numbers_stay_numbers(written):
    text = (written / open_data.VALUES_FILE).read_text(encoding="utf-8")
    table = read_values(written)
    titles = set(table.loc[table["indicator_id"] == "annual_measure", "indicator_title"])
    assert titles == {"'" + HOSTILE_TITLE}
    for column in ("value", "lower_ci", "upper_ci"):
        assert pd.api.types.is_float_dtype(table[column]), column
    assert pd.api.types.is_integer_dtype(read_values(written, dtype={"national_quintile": "Int64"})["national_quintile"])
    assert ",-2.5,-2.7,-2.3," in text  # a negative number is written as a number, without an apostrophe
    assert "'-" not in text
    indicators = pd.read_csv(written / open_data.INDICATORS_FILE)
    assert indicators.set_index("indicator_id").at["annual_measure", "title"] == "'" + HOSTILE_TITLE


def test_the_same_catalogue_gives_the_same_bytes(data, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    open_data.write(load_catalogue(data), first)
    open_data.write(load_catalogue(data), second)
    for name in (open_data.VALUES_FILE, open_data.INDICATORS_FILE, open_data.SOURCES_FILE, open_data.METADATA_FILE):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert b"\r\n" not in (first / open_data.VALUES_FILE).read_bytes()


def test_indicators_and_sources_tables(written):
    indicators = pd.read_csv(written / open_data.INDICATORS_FILE, dtype=str, keep_default_na=False)
    for column in ("definition", "unit", "polarity", "caveats", "source_id", "source_publisher", "released"):
        assert column in indicators.columns
    life = indicators.set_index("indicator_id").loc["life_expectancy_birth"]
    assert (life["source_publisher"], life["released"]) == ("Test Publisher", "2024-01")
    sources = pd.read_csv(written / open_data.SOURCES_FILE, dtype=str, keep_default_na=False)
    assert list(sources.columns) == ["source_id", "publisher", "title", "url", "licence", "published", "accessed", "notes"]


def test_csvw_metadata_is_valid_json_and_a_csvw_processor_accepts_the_files(written):
    metadata = json.loads((written / open_data.METADATA_FILE).read_text(encoding="utf-8"))
    assert metadata["dc:license"] == {"@id": open_data.LICENCE_URL}
    values = metadata["tables"][0]
    assert [c["titles"] for c in values["tableSchema"]["columns"]] == ISSUE_COLUMNS
    assert "Midlands" in metadata["dc:description"]
    checked = CSVW(str(written / open_data.METADATA_FILE), validate=True)
    assert checked.is_valid, [str(w.message) for w in checked.warnings]


def test_a_csvw_processor_refuses_a_file_that_does_not_match(written):
    path = written / open_data.VALUES_FILE
    table = read_values(written, dtype=str, keep_default_na=False)
    table.loc[0, "national_quintile"] = "second"
    path.write_text(table.to_csv(index=False), encoding="utf-8")
    with pytest.raises(ValueError, match="national_quintile"):
        assert not CSVW(str(written / open_data.METADATA_FILE), validate=True).is_valid


# --- the committed files ---------------------------------------------------------------------


def test_committed_files_say_what_the_pages_say():
    """Spot checks of static/data/values.csv (``--check`` proves it is what the pipeline makes)
    against the app's own functions on the committed catalogue."""
    catalogue = load_catalogue(REPO / "data")
    table = pd.read_csv(STATIC / open_data.VALUES_FILE, dtype=str, keep_default_na=False)
    assert list(table.columns) == ISSUE_COLUMNS
    assert len(table) == len(catalogue.values)
    table = table.set_index(["indicator_id", "area_code", "breakdown", "period"])
    period = latest_period(catalogue, "life_expectancy_birth", "Female")
    app = inequalities.area_comparison(catalogue, "life_expectancy_birth", "Female", period)
    assert len(app) > 10
    for row in app.itertuples():
        ours = table.loc[("life_expectancy_birth", row.area_code, "Female", period)]
        assert (ours["compared_with_england"] or "Not compared") == row.vs_england
        assert (ours["compared_with_region"] or "Not compared") == row.vs_region
    trends = comparisons.area_trends(catalogue, "smoking_prevalence_adults_aps", "Persons")
    shown = [t for t in trends.values() if t.marker != "Cannot be calculated"]
    assert shown
    for code, found in trends.items():
        if found.marker != "Cannot be calculated":
            assert table.loc[("smoking_prevalence_adults_aps", code, "Persons", found.periods[-1]), "recent_trend"] == found.short
    birmingham = comparisons.national_positions(catalogue, "life_expectancy_birth", "Female", period, "utla")
    assert table.loc[("life_expectancy_birth", "E08000025", "Female", period), "national_quintile"] == str(
        birmingham.at["E08000025", "quintile"])


def test_committed_metadata_is_valid_json_naming_the_scope():
    metadata = json.loads((STATIC / open_data.METADATA_FILE).read_text(encoding="utf-8"))
    assert metadata["dc:description"].startswith(open_data.SCOPE)
    assert [t["url"] for t in metadata["tables"]] == ["values.csv", "indicators.csv", "sources.csv"]


# --- python -m pipeline writes and checks them ----------------------------------------------------


@pytest.fixture
def raw_and_data(tmp_path, monkeypatch):
    """The small raw folder of tests/test_pipeline.py with the boundary inputs, and a data folder with
    the repository's curated files."""
    if not RAW.exists():
        pytest.skip(f"the ONS inputs are not at {RAW}")
    from tests.test_pipeline import DATASET, GOOD_ROWS, HEADER, META, METADATA

    raw = tmp_path / "raw"
    for relative in (*GEOGRAPHY, boundaries.TOPOLOGY.as_posix(), boundaries.TOPOLOGY_README.as_posix()):
        (raw / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(RAW / relative, raw / relative)
    (raw / DATASET).parent.mkdir(parents=True)
    (raw / METADATA).write_text(json.dumps(META), encoding="utf-8")
    rewrite_dataset(raw, "\n".join([HEADER, *GOOD_ROWS]) + "\n")
    write_manifest(raw)
    data = tmp_path / "repo" / "data"
    data.mkdir(parents=True)
    for name in ("areas.csv", "icb_membership.csv", "sources.csv", "indicators.csv", "trusts.csv", "institutions.csv",
                 "known_gaps.csv", "values"):
        source = REPO / "data" / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, data / name)
    # Curated rows of official indicators (the UK's population) need the full official build.
    for path in (data / "values").glob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join(line for line in lines if not line.startswith("population,")) + "\n", encoding="utf-8")
    monkeypatch.setattr(pipeline.build, "INDICATORS", (TEST_INDICATOR,))
    return raw, data


@needs_raw
def test_the_pipeline_writes_the_open_data_beside_data_and_check_compares_them(raw_and_data, capsys):
    raw, data = raw_and_data
    assert main(["--raw", str(raw), "--out", str(data)]) == 0
    static = data.parent / "static" / "data"
    table = pd.read_csv(static / open_data.VALUES_FILE, dtype=str, keep_default_na=False)
    assert list(table.columns) == ISSUE_COLUMNS
    birmingham = table[(table["indicator_id"] == "test_measure") & (table["area_code"] == "E08000025")]
    assert birmingham.set_index("period")["compared_with_england"].to_dict() == {"2021-23": "Worse", "2022-24": "Worse"}
    assert "mha_about" in set(table["source_id"]), "curated partner figures are included"
    assert not list(data.glob(".pipeline-*")), "the scratch folder is gone"
    capsys.readouterr()
    assert main(["--raw", str(raw), "--out", str(data), "--check"]) == 0
    assert "static/data/ are exactly what the pipeline makes" in capsys.readouterr().out

    values = static / open_data.VALUES_FILE
    values.write_text(values.read_text(encoding="utf-8").replace("Worse", "Better"), encoding="utf-8")
    (static / "extra.csv").write_text("x\n", encoding="utf-8")
    assert main(["--raw", str(raw), "--out", str(data), "--check"]) == 1
    out = capsys.readouterr().out
    assert "differs: static/data/values.csv" in out and "not made by the pipeline: static/data/extra.csv" in out
    assert main(["--raw", str(raw), "--out", str(data)]) == 0
    assert not (static / "extra.csv").exists() and "Worse" in values.read_text(encoding="utf-8")


@needs_raw
def test_a_curated_file_the_app_would_refuse_stops_the_pipeline_and_changes_nothing(raw_and_data, capsys):
    raw, data = raw_and_data
    assert main(["--raw", str(raw), "--out", str(data)]) == 0
    static = data.parent / "static" / "data"
    before = {p.name: p.read_bytes() for p in static.iterdir()}
    _append(data / "values" / "partner_headlines.csv", ["nihr_brcs_hosted,NOWHERE,Nowhere,region,2024,All,1,,,,mha_about,"])
    assert main(["--raw", str(raw), "--out", str(data)]) == 2
    err = capsys.readouterr().err
    assert "data/values/partner_headlines.csv" in err and "area_code" in err
    assert {p.name: p.read_bytes() for p in static.iterdir()} == before
    assert (data / "sources.csv").is_file() and (data / "official" / "values").is_dir(), "links removed, not their targets"
    assert not list(data.glob(".pipeline-*"))


# --- what Data & sources says (dashboard/open_data.py) ---------------------------------------------


@pytest.mark.parametrize("page_url, base", [
    ("http://localhost:8501/data-sources", "http://localhost:8501/"),
    ("https://dash.example.org/data-sources?x=1#top", "https://dash.example.org/"),
    ("https://example.org/midlands/data-sources/", "https://example.org/midlands/"),  # served under a path prefix
    ("http://localhost:8501/", "http://localhost:8501/"),
    ("", ""),  # no address (AppTest): the page shows the path on "this app's address"
    ("javascript:alert(1)//data-sources", ""),
    ("/data-sources", ""),
])
def test_the_apps_own_address_from_a_pages_address(page_url, base):
    assert dashboard_open_data.app_base(page_url, "data-sources") == base


def test_pandas_example_is_two_lines_reading_values():
    example = dashboard_open_data.pandas_example("http://localhost:8501/")
    assert example.splitlines() == [
        "import pandas as pd", 'values = pd.read_csv("http://localhost:8501/app/static/data/values.csv")',
    ]
    assert "<this app's address>/app/static/data/values.csv" in dashboard_open_data.pandas_example("")


def test_files_are_listed_as_relative_links_with_sizes():
    text = dashboard_open_data.files_markdown({"values.csv": 13_345_067, "indicators.csv": 146_033}, 64_022)
    assert "- [values.csv](app/static/data/values.csv) (13.3 MB): " in text and text.splitlines()[0].endswith("64,022 rows")
    assert "[indicators.csv](app/static/data/indicators.csv) (146 kB)" in text
    assert "[sources.csv](app/static/data/sources.csv) (not available)" in text
    assert "http" not in text


def test_licence_and_when_the_files_change():
    assert f"[Open Government Licence v3.0]({dashboard_open_data.LICENCE_URL})" in dashboard_open_data.licence_markdown()
    assert dashboard_open_data.changes_markdown("1 December 2026").endswith("last rebuilt on 1 December 2026.")
    assert "python -m pipeline" in dashboard_open_data.changes_markdown(None)


def test_committed_files_are_all_listed_and_present():
    assert {item.name for item in dashboard_open_data.FILES} == {p.name for p in STATIC.iterdir()}
    assert all(size for size in dashboard_open_data.file_sizes().values())


def test_data_and_sources_page_has_use_this_data():
    from streamlit.testing.v1 import AppTest

    from tests.test_app import ENTRY, PAGES

    app = AppTest.from_file(ENTRY, default_timeout=60)
    app.run()
    app.switch_page(PAGES["data_sources"])
    app.run()
    assert not app.exception
    assert "Use this data" in [h.value for h in app.subheader]
    text = "\n".join(m.value for m in app.markdown)
    assert "[values.csv](app/static/data/values.csv)" in text and "Open Government Licence v3.0" in text
    assert "When they change." in text and "last rebuilt on" in text
    assert any("read_csv" in c.value for c in app.code)
