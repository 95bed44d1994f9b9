"""The pipeline: deterministic output, --check, the change report, and every kind of bad input.

Bad-input tests build a small raw folder of their own (real ONS geography files, one made-up
ELS dataset) so each case changes exactly one thing and runs in a fraction of a second.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import pipeline.build
from pipeline import periods
from pipeline.__main__ import main
from pipeline.indicators import Indicator, Series

REPO = Path(__file__).resolve().parents[1]
RAW = REPO.parent / "shared" / "raw"
GEOGRAPHY = ("ons-geography/els-geo-metadata.json", "ons-geography/ltla14-lookup.csv", "ons-geography/changes.csv",
             "dhsc-fingertips/areas.csv",
             # ONS's similar areas, which every build copies into data/official/similar_areas/
             *(f"ons-similar-areas/{kind}-neighbours.csv" for kind in ("global", "economic", "demographic")),
             "ons-similar-areas/cluster-allocation.csv", "ons-similar-areas/cluster-descriptions.json",
             # ODS's trusts, whose headquarters postcodes every build locates (trust_hq_locations.csv)
             "nhs-ods/etr.csv")
DATASET = "ons-els/test-measure/test-measure.csv"
METADATA = "ons-els/test-measure/test-measure.json"
HEADER = "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes"
GOOD_ROWS = [
    "E92000001,England,Nation,Test measure,2022-01-01/P3Y,80.1,Years,yrs,80.0,80.2,,",
    "E92000001,England,Nation,Test measure,2021-01-01/P3Y,80.4,Years,yrs,80.3,80.5,,",
    "E08000025,Birmingham,County or Unitary Authority,Test measure,2022-01-01/P3Y,77.1,Years,yrs,76.9,77.3,,",
    "E08000025,Birmingham,County or Unitary Authority,Test measure,2021-01-01/P3Y,77.0,Years,yrs,76.8,77.2,,",
    "E06000017,Rutland,County or Unitary Authority,Test measure,2022-01-01/P3Y,,Years,yrs,,,x,",
    "W06000001,Isle of Anglesey,County or Unitary Authority,Test measure,2022-01-01/P3Y,79.0,Years,yrs,78.0,80.0,,",
]
TEST_INDICATOR = Indicator(
    indicator_id="test_measure", title="Test measure", short_title="Test", theme="inequalities", unit="years",
    polarity="higher_is_better", why_it_matters="For tests.", source_id="test_source", source_title="Test release",
    reader="els_csv", metadata_file=METADATA, series=(Series(DATASET, "Persons", "Test measure"),),
)
META = {"ess-beta-metadata": {
    "label": "Test measure", "subtitle": "A measure for tests", "decimalPlaces": 1, "experimentalStatistic": "T",
    "sourceDate": "04/11/2025", "sourceURL": "https://www.ons.gov.uk/test", "sourceOrg": "Office for National Statistics",
    "caveats": "Made up.",
}}

needs_raw = pytest.mark.skipif(
    not RAW.exists() and not os.environ.get("CI"), reason=f"the official inputs are not at {RAW} on this machine"
)


def write_manifest(raw: Path) -> None:
    with (raw / "MANIFEST.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "bytes", "sha256", "publisher", "title", "licence", "copy_repository", "copy_commit", "copy_path", "note"])
        for path in sorted(p for p in raw.rglob("*") if p.is_file() and p.name != "MANIFEST.csv"):
            data = path.read_bytes()
            relative = path.relative_to(raw).as_posix()
            writer.writerow([relative, len(data), hashlib.sha256(data).hexdigest(), "ONS", relative, "Open Government Licence v3.0",
                             "example/repo", "0" * 40, relative, ""])


@pytest.fixture
def small_raw(tmp_path, monkeypatch):
    """A raw folder with real geography and one made-up dataset; a data folder with the curated ICBs."""
    if not RAW.exists():
        pytest.skip(f"the ONS geography inputs are not at {RAW}")
    raw = tmp_path / "raw"
    for relative in GEOGRAPHY:
        (raw / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(RAW / relative, raw / relative)
    (raw / DATASET).parent.mkdir(parents=True)
    (raw / DATASET).write_text("\n".join([HEADER, *GOOD_ROWS]) + "\n", encoding="utf-8")
    (raw / METADATA).write_text(json.dumps(META), encoding="utf-8")
    write_manifest(raw)
    data = tmp_path / "data"
    data.mkdir()
    for curated in ("icb_membership.csv", "areas.csv", "trusts.csv"):
        shutil.copy(REPO / "data" / curated, data / curated)
    monkeypatch.setattr(pipeline.build, "INDICATORS", (TEST_INDICATOR,))
    return raw, data


def run(raw: Path, data: Path, *extra: str) -> int:
    return main(["--raw", str(raw), "--out", str(data), "--values-only", *extra])


def rewrite_dataset(raw: Path, text: str, *, update_manifest: bool = True) -> None:
    (raw / DATASET).write_text(text, encoding="utf-8")
    if update_manifest:
        write_manifest(raw)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_builds_values_from_the_made_up_dataset(small_raw):
    raw, data = small_raw
    assert run(raw, data) == 0
    rows = list(csv.DictReader((data / "official" / "values" / "test_measure.csv").open(encoding="utf-8")))
    birmingham = [r for r in rows if r["area_code"] == "E08000025"]
    assert [(r["period"], r["value"], r["lower_ci"], r["upper_ci"]) for r in birmingham] == [
        ("2021-23", "77", "76.8", "77.2"), ("2022-24", "77.1", "76.9", "77.3"),
    ]
    assert {r["area_code"] for r in rows} == {"E92000001", "E08000025"}, "Wales left out; Rutland's 'x' is no value"
    indicator = next(csv.DictReader((data / "official" / "indicators.csv").open(encoding="utf-8")))
    assert (indicator["released"], indicator["decimal_places"], indicator["in_development"]) == ("2025-11-04", "1", "yes")
    assert indicator["definition"] == "A measure for tests." and indicator["caveats"] == "Made up."


def test_a_second_run_writes_identical_files_and_check_passes(small_raw, capsys):
    raw, data = small_raw
    assert run(raw, data) == 0
    first = snapshot(data / "official")
    assert run(raw, data) == 0
    assert snapshot(data / "official") == first
    assert run(raw, data, "--check") == 0
    assert "exactly what the pipeline makes" in capsys.readouterr().out


def test_check_fails_listing_the_file_when_data_was_edited(small_raw, capsys):
    raw, data = small_raw
    run(raw, data)
    values = data / "official" / "values" / "test_measure.csv"
    values.write_text(values.read_text(encoding="utf-8").replace("77.1", "77.9"), encoding="utf-8")
    capsys.readouterr()
    assert run(raw, data, "--check") == 1
    out = capsys.readouterr().out
    assert "differs: values/test_measure.csv" in out and "E08000025 2022-24 Persons: 77.9 → 77.1" in out


def test_change_report_and_changelog_name_old_and_new_values_and_new_periods(small_raw, capsys):
    raw, data = small_raw
    run(raw, data)
    changelog = (data / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "**test_measure**: 4 added" in changelog
    newer = [*GOOD_ROWS, "E08000025,Birmingham,County or Unitary Authority,Test measure,2023-01-01/P3Y,76.5,Years,yrs,76.3,76.7,,"]
    rewrite_dataset(raw, "\n".join([HEADER, *(r.replace("77.1,", "77.2,") for r in newer)]) + "\n")
    capsys.readouterr()
    assert run(raw, data) == 0
    out = capsys.readouterr().out
    assert "**test_measure**: 1 added, 1 changed, 0 removed; new periods: 2023-25" in out
    assert "E08000025 2022-24 Persons: 77.1 → 77.2" in out
    assert (data / "CHANGELOG.md").read_text(encoding="utf-8").count("## ") == 2
    capsys.readouterr()
    assert run(raw, data) == 0
    assert "No value changed." in capsys.readouterr().out
    assert (data / "CHANGELOG.md").read_text(encoding="utf-8").count("## ") == 2, "no entry without a change"


BAD_INPUTS = {
    "wrong hash": (lambda text: text.replace("77.1", "77.2"), False, ["test-measure.csv", "sha256", "does not match"]),
    "missing column": (lambda text: text.replace(",lci_95,", ",lower,", 1), True, ["test-measure.csv, row 1, column 'lci_95'", "missing"]),
    "renamed indicator": (lambda text: text.replace("Test measure", "Test measure (revised)"), True,
                          ["column 'indicator'", "no rows for indicator 'Test measure'", "'Test measure (revised)'"]),
    "unknown area code": (lambda text: text.replace("E08000025", "E08999999", 1), True,
                          ["test-measure.csv, row 4, column 'areacd'", "'E08999999' is not an area"]),
    "html error page": (lambda text: "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>", True,
                        ["test-measure.csv, row 1", "HTML"]),
    "duplicate rows": (lambda text: text + GOOD_ROWS[2] + "\n", True,
                       ["test-measure.csv, row 8, column 'areacd'", "duplicate of row 4"]),
    "non-numeric value": (lambda text: text.replace(",77.1,", ",n/a,"), True,
                          ["test-measure.csv, row 4, column 'observation'", "'n/a' is not a number"]),
    "empty value without a status symbol": (lambda text: text.replace(",,x,", ",,see notes,"), True,
                                            ["row 6, column 'observation'", "not a statistical symbol"]),
    "unknown period notation": (lambda text: text.replace("2022-01-01/P3Y", "2022 to 2024", 1), True,
                                ["row 2, column 'period'", "'2022 to 2024'"]),
    "value outside its limits": (lambda text: text.replace(",77.1,Years,yrs,76.9,", ",79.1,Years,yrs,76.9,"), True,
                                 ["row 4, column 'observation'", "outside its limits"]),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_names_file_row_and_column_and_leaves_data_intact(small_raw, capsys, case):
    raw, data = small_raw
    assert run(raw, data) == 0
    before = snapshot(data)
    change, update_manifest, expected = BAD_INPUTS[case]
    rewrite_dataset(raw, change((raw / DATASET).read_text(encoding="utf-8")), update_manifest=update_manifest)
    capsys.readouterr()
    assert run(raw, data) == 2
    message = capsys.readouterr().err
    assert "data/ is unchanged" in message
    for text in expected:
        assert text in message, (text, message)
    assert snapshot(data) == before
    assert [p.name for p in data.iterdir() if p.name.startswith(".pipeline-")] == [], "no scratch folder left"


def test_metadata_without_a_release_date_is_refused(small_raw, capsys):
    raw, data = small_raw
    broken = {"ess-beta-metadata": {**META["ess-beta-metadata"], "sourceDate": "soon"}}
    (raw / METADATA).write_text(json.dumps(broken), encoding="utf-8")
    write_manifest(raw)
    assert run(raw, data) == 2
    assert "test-measure.json, column 'sourceDate': 'soon' is not a date" in capsys.readouterr().err


@pytest.mark.parametrize("text, label", [
    ("2022-01-01/P3Y", "2022-24"), ("2023-01-01/P1Y", "2023"), ("2019-01-01/P5Y", "2019-23"),
    ("2021-04-01/P1Y", "2021/22"), ("2023-09-01/P1Y", "2023/24"), ("2004", "2004"),
    ("1999-01-01T00:00:00/P3Y", "1999-01"),
])
def test_period_labels(text, label):
    assert periods.label(text) == label


@pytest.mark.parametrize("text", ["2022-2024", "2022-06-01/P3Y", "2022-01-01/P0Y", "22/23", ""])
def test_period_notations_we_do_not_know_are_refused(text):
    with pytest.raises(ValueError):
        periods.label(text)


@needs_raw
def test_committed_official_data_is_what_the_pipeline_makes(capsys):
    """CI's guarantee that data/official was not edited by hand and is current with the inputs."""
    assert main(["--raw", str(RAW), "--out", str(REPO / "data"), "--check"]) == 0, capsys.readouterr().out


@needs_raw
def test_official_values_match_the_raw_files_for_birmingham():
    """Spot checks straight from the published files, not from data/."""
    import pandas as pd

    le = pd.read_csv(RAW / "ons-els/life-expectancy/life-expectancy.csv", dtype=str)
    row = le[(le["areacd"] == "E08000025") & (le["period"] == "2022-01-01/P3Y") & (le["indicator"] == "Female life expectancy")]
    ours = pd.read_csv(REPO / "data/official/values/life_expectancy_birth.csv", dtype=str)
    mine = ours[(ours["area_code"] == "E08000025") & (ours["period"] == "2022-24") & (ours["breakdown"] == "Female")]
    assert float(mine["value"].iloc[0]) == float(row["observation"].iloc[0]) == 81.8
    population = json.loads((RAW / "ons-els-app/population-count.json").read_text(encoding="utf-8"))
    published = next(v for a, y, v in zip(population["areacd"], population["xDomainNumb"], population["value"])
                     if a == "E08000025" and y == 2024)
    ours = pd.read_csv(REPO / "data/official/values/population.csv", dtype=str)
    mine = ours[(ours["area_code"] == "E08000025") & (ours["period"] == "2024") & (ours["breakdown"] == "All")]
    assert int(mine["value"].iloc[0]) == published == 1183618


def test_csv_series_labels_every_row_and_joins_status_and_notes():
    """Labels are worked out once per notation and notes joined column-wise: each row still gets its
    own label, its own note ("status; notes", either, or nothing), and each bad row its own problem."""
    from pipeline.errors import InputError

    frame = pd.DataFrame({
        "indicator": "Test measure", "line": [2, 3, 4, 5, 6],
        "period": ["2022-01-01/P3Y", "2021-04-01/P1Y", "2022-01-01/P3Y", "2023", "2021-04-01/P1Y"],
        "status": ["u", "", "x", "Provisional", ""], "notes": [" Small sample ", "Revised", "", "", ""],
    })
    rows = pipeline.build._csv_series(frame, TEST_INDICATOR.series[0], TEST_INDICATOR)
    assert rows["period_label"].tolist() == ["2022-24", "2021/22", "2022-24", "2023", "2021/22"]
    # GSS symbols (u, x) are not notes; anything else in the status column is.
    assert rows["note"].tolist() == ["Small sample", "Revised", "", "Provisional", ""]
    frame.loc[[1, 4], "period"] = "2021 to 2022"
    frame.loc[3, "period"] = "2015-11-16/P1Y"
    with pytest.raises(InputError) as refused:
        pipeline.build._csv_series(frame, TEST_INDICATOR.series[0], TEST_INDICATOR)
    assert [(p.row, p.column) for p in refused.value.problems] == [(3, "period"), (5, "period"), (6, "period")]
    assert "'2015-11-16/P1Y'" in refused.value.problems[1].message

    joined = pipeline.build._joined(pd.Series(["Provisional", "Provisional", "", ""]),
                                    pd.Series(["Revised", "", "Revised", ""]))
    assert joined.tolist() == ["Provisional; Revised", "Provisional", "Revised", ""]


def test_change_report_skips_identical_files_and_reports_the_others(tmp_path):
    from pipeline import report

    header = "indicator_id,area_code,area_name,area_type,period,breakdown,value\n"
    same = header + "a,E1,One,utla,2023,All,1.5\n"
    files = {
        "old": {"same": same, "changed": header + "b,E1,One,utla,2023,All,2\n", "gone": same},
        "new": {"same": same, "changed": header + "b,E1,One,utla,2023,All,3\nb,E1,One,utla,2024,All,4\n",
                "fresh": same},
    }
    for side, tables in files.items():
        (tmp_path / side / "values").mkdir(parents=True)
        for name, text in tables.items():
            (tmp_path / side / "values" / f"{name}.csv").write_text(text, encoding="utf-8")
    assert report.changes(tmp_path / "old", tmp_path / "new") == [
        "- **changed**: 1 added, 1 changed, 0 removed; new periods: 2024",
        "  - E1 2023 All: 2 → 3",
        "- **fresh**: 1 added, 0 changed, 0 removed; new periods: 2023",
        "- **gone**: 0 added, 0 changed, 1 removed",
    ]
    assert report.changes(tmp_path / "old", tmp_path / "old") == []


def test_an_area_given_twice_is_kept_once_if_the_same_and_refused_row_by_row_if_not():
    from pipeline.errors import InputError

    nan = float("nan")
    rows = pd.DataFrame({
        "areacd": ["E1", "E2", "E1", "E3", "E2", "E3", "E2", "E4"],
        "period_label": "2019", "breakdown": "All",
        "observation": [1.0, 2.0, 1.0, 3.0, 2.0, 3.0, 2.5, 4.0],
        "lci_95": [nan, 1.0, nan, 2.0, 1.0, 2.5, 1.0, nan], "uci_95": [nan, 3.0, nan, 4.0, 3.0, 4.0, 3.0, nan],
        "file": ["a.csv"] * 4 + ["b.csv"] * 4, "line": [2, 3, 4, 5, 2, 3, 4, 5],
    })
    same = rows.drop(index=[5, 6])  # E1 and E2 repeated with the same value and limits (missing ones too)
    summary = pipeline.build.BuildSummary()
    kept = pipeline.build._given_once(same, TEST_INDICATOR, summary)
    assert kept.index.tolist() == [0, 1, 3, 7]
    assert summary.left_out == {("test_measure", "given twice with the same value (kept once)"): 2}
    with pytest.raises(InputError) as refused:
        pipeline.build._given_once(rows, TEST_INDICATOR, pipeline.build.BuildSummary())
    # E2's third row differs in its value, E3's second in a limit: each named, in the order given.
    assert [(p.file, p.row) for p in refused.value.problems] == [("b.csv", 4), ("b.csv", 3)]
    assert refused.value.problems[0].message == "E2 2019 is 2.5, but a.csv row 3 gives 2.0 for the same area and period"
