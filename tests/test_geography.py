"""The app's boundary loader: the shipped file loads; a broken one is refused with its place named."""

import json
from pathlib import Path

import pytest

from dashboard.config import boundaries_file
from dashboard.errors import DataFileError
from dashboard.geography import load_boundaries


def test_shipped_file_loads_by_level():
    boundaries = load_boundaries(boundaries_file())
    assert (len(boundaries.codes("utla")), len(boundaries.codes("icb")), len(boundaries.codes("region"))) == (23, 11, 2)
    assert "Natural Earth" in boundaries.attribution
    west, south, east, north = boundaries.bounds()
    assert -3.5 < west < east < 0.5 and 51.5 < south < north < 53.8
    lon, lat = boundaries.centroids("utla")["E08000025"]  # Birmingham
    assert -2.1 < lon < -1.7 and 52.3 < lat < 52.7


def write(tmp_path: Path, content) -> Path:
    path = tmp_path / "broken.geojson"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def first_problem(path: Path):
    with pytest.raises(DataFileError) as caught:
        load_boundaries(path, display_name="data/boundaries/broken.geojson")
    return caught.value.first


def test_missing_file(tmp_path):
    assert "missing" in first_problem(tmp_path / "none.geojson").message


def test_not_json(tmp_path):
    problem = first_problem(write(tmp_path, "{not json"))
    assert problem.file == "data/boundaries/broken.geojson" and "JSON" in problem.message


def test_not_a_feature_collection(tmp_path):
    assert first_problem(write(tmp_path, {"type": "Feature"})).column == "type"


def test_feature_without_code(tmp_path):
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    collection = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {"name": "X", "level": "utla"}, "geometry": square}],
    }
    problem = first_problem(write(tmp_path, collection))
    assert problem.column == "feature 1 property 'code'"


def test_feature_with_broken_geometry(tmp_path):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": "A", "name": "X", "level": "utla"},
             "geometry": {"type": "Polygon", "coordinates": "nonsense"}},
        ],
    }
    assert first_problem(write(tmp_path, collection)).column == "feature 1 geometry"
