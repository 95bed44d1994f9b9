"""The app's boundary loader: the shipped file loads; a broken one is refused with its place named."""

import json
from pathlib import Path

import pytest

from dashboard.config import boundaries_file
from dashboard.errors import DataFileError
from dashboard.geography import LEVELS, load_boundaries


def test_shipped_file_loads_by_level():
    boundaries = load_boundaries(boundaries_file())
    counts = {level: len(boundaries.codes(level)) for level in LEVELS}
    assert counts == {"region": 2, "icb": 11, "utla": 24, "ltla": 65}
    assert boundaries.attribution.startswith(
        "Source: Office for National Statistics licensed under the Open Government Licence v.3.0."
    )
    assert "Contains OS data © Crown copyright and database right 2016" in boundaries.attribution
    assert boundaries.names("ltla")["E07000130"] == "Charnwood"
    assert {"E06000061", "E06000062"} <= set(boundaries.codes("utla"))
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
        "type": "FeatureCollection", "attribution": "Source: X",
        "features": [{"type": "Feature", "properties": {"name": "X", "level": "utla"}, "geometry": square}],
    }
    problem = first_problem(write(tmp_path, collection))
    assert problem.column == "feature 1 property 'code'"


SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}


def test_file_without_attribution_is_refused(tmp_path):
    collection = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {"code": "A", "name": "X", "level": "utla"}, "geometry": SQUARE}],
    }
    problem = first_problem(write(tmp_path, collection))
    assert problem.column == "attribution" and "notice" in problem.message


def test_code_repeated_within_a_level_is_refused(tmp_path):
    feature = {"type": "Feature", "properties": {"code": "A", "name": "X", "level": "ltla"}, "geometry": SQUARE}
    collection = {"type": "FeatureCollection", "attribution": "Source: X", "features": [feature, feature]}
    problem = first_problem(write(tmp_path, collection))
    assert problem.column == "feature 2 property 'code'" and "feature 1" in problem.message


def test_unknown_level_is_refused_naming_the_levels(tmp_path):
    feature = {"type": "Feature", "properties": {"code": "A", "name": "X", "level": "ward"}, "geometry": SQUARE}
    problem = first_problem(write(tmp_path, {"type": "FeatureCollection", "attribution": "S", "features": [feature]}))
    assert problem.column == "feature 1 property 'level'" and "ltla" in problem.message


def test_feature_with_broken_geometry(tmp_path):
    collection = {
        "type": "FeatureCollection", "attribution": "Source: X",
        "features": [
            {"type": "Feature", "properties": {"code": "A", "name": "X", "level": "utla"},
             "geometry": {"type": "Polygon", "coordinates": "nonsense"}},
        ],
    }
    assert first_problem(write(tmp_path, collection)).column == "feature 1 geometry"
