"""The reader of ONS's similar-areas files: tidy rows, and problems that name file, row and column."""

import json

import pytest

from pipeline.errors import InputError
from pipeline.readers import ons_similar_areas as reader

HEADER = "\ufeffAREACD," + ",".join(str(i) for i in range(1, 21)) + "\n"


def test_neighbours_are_tidy_and_short_rows_allowed(tmp_path):
    path = tmp_path / "global-neighbours.csv"
    full = ",".join(f"E0600{i:04d}" for i in range(1, 21))
    path.write_text(HEADER + f"E06000099,{full}\nE47000001,E47000003,E47000004" + "," * 18 + "\n", encoding="utf-8")
    rows = reader.read_neighbours(path, "global-neighbours.csv", "global")
    assert len(rows) == 22
    first = rows.iloc[0]
    assert (first["area_code"], first["kind"], first["rank"], first["neighbour_code"]) == ("E06000099", "global", 1, "E06000001")
    assert rows[rows["area_code"] == "E47000001"]["neighbour_code"].tolist() == ["E47000003", "E47000004"]


def test_neighbours_bad_code_names_row_and_column(tmp_path):
    path = tmp_path / "economic-neighbours.csv"
    path.write_text(HEADER + "E06000099,E0600000X" + "," * 19 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        reader.read_neighbours(path, "economic-neighbours.csv", "economic")
    problem = error.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("economic-neighbours.csv", 2, "1")


def test_neighbours_missing_column(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("AREACD,1,2\nE06000001,E06000002,E06000003\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        reader.read_neighbours(path, "n.csv", "global")
    assert error.value.problems[0].column == "3"


def test_allocation_skips_onss_not_allocated_mark(tmp_path):
    path = tmp_path / "cluster-allocation.csv"
    path.write_text("\ufeffAREACD,AREANM,Global,Economic,Demographic\nE06000053,Isles of Scilly,[x],[x],C\n"
                    "E06000016,Leicester,b,A,A\n", encoding="utf-8")
    rows = reader.read_allocation(path, "cluster-allocation.csv")
    assert rows[rows["area_code"] == "E06000053"][["kind", "cluster"]].values.tolist() == [["demographic", "C"]]
    assert set(rows[rows["area_code"] == "E06000016"]["cluster"]) == {"A", "B"}


def test_allocation_bad_letter(tmp_path):
    path = tmp_path / "cluster-allocation.csv"
    path.write_text("AREACD,AREANM,Global,Economic,Demographic\nE06000016,Leicester,B,AB,A\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        reader.read_allocation(path, "cluster-allocation.csv")
    problem = error.value.problems[0]
    assert (problem.row, problem.column) == (2, "Economic")


def test_descriptions_and_undescribed_cluster(tmp_path):
    path = tmp_path / "d.json"
    path.write_text("\ufeff" + json.dumps({kind: {"a": f"{kind} A"} for kind in reader.KINDS}), encoding="utf-8")
    descriptions = reader.read_descriptions(path, "d.json")
    assert descriptions["cluster"].unique().tolist() == ["A"]
    allocation_path = tmp_path / "a.csv"
    allocation_path.write_text("AREACD,AREANM,Global,Economic,Demographic\nE06000016,Leicester,B,A,A\n")
    allocation = reader.read_allocation(allocation_path, "a.csv")
    with pytest.raises(InputError, match="cluster B has no description"):
        reader.check_clusters_described(allocation, descriptions)


def test_descriptions_not_json(tmp_path):
    path = tmp_path / "d.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="cannot be read as JSON"):
        reader.read_descriptions(path, "d.json")
