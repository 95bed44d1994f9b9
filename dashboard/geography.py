"""The Midlands boundary file: reading, checking and handing out GeoJSON by level.

The file is built offline by ``python -m pipeline.boundaries`` from ONS's generalised
boundaries; the app only reads it. Levels: ``region``, ``icb``, ``utla`` (upper-tier areas,
North and West Northamptonshire among them) and ``ltla`` (districts, each with its
``utla_code``). ``attribution`` is the notice ONS asks for under every map drawn from it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
from shapely.geometry import shape

from dashboard.errors import DataFileError, DataProblem

LEVELS = ("region", "icb", "utla", "ltla")
_REQUIRED_PROPERTIES = ("code", "name", "level")


@dataclass(frozen=True)
class Boundaries:
    collection: dict
    attribution: str
    frame: gpd.GeoDataFrame  # one row per feature, WGS84


    def features(self, level: str) -> dict:
        """A FeatureCollection of one level, ids set to the area code (for Plotly's featureidkey)."""
        return {
            "type": "FeatureCollection",
            "features": [f for f in self.collection["features"] if f["properties"]["level"] == level],
        }

    def codes(self, level: str) -> list[str]:
        return [f["properties"]["code"] for f in self.features(level)["features"]]

    def names(self, level: str) -> dict[str, str]:
        return {f["properties"]["code"]: f["properties"]["name"] for f in self.features(level)["features"]}

    def centroids(self, level: str) -> dict[str, tuple[float, float]]:
        """(lon, lat) of a point inside each polygon, for labels."""
        rows = self.frame[self.frame["level"] == level]
        points = rows.geometry.representative_point()
        return {code: (point.x, point.y) for code, point in zip(rows["code"], points)}

    def bounds(self) -> tuple[float, float, float, float]:
        """min lon, min lat, max lon, max lat over every feature."""
        west, south, east, north = self.frame.total_bounds
        return float(west), float(south), float(east), float(north)


def load_boundaries(path: Path, display_name: str = "data/boundaries/midlands.geojson") -> Boundaries:
    """Read and check the boundary file; DataFileError names the feature and property at fault."""
    if not Path(path).exists():
        raise DataFileError([DataProblem(display_name, None, None, "file is missing")])
    try:
        collection = json.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataFileError([DataProblem(display_name, None, None, f"is not valid JSON: {exc}")]) from exc
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise DataFileError([DataProblem(display_name, None, "type", "must be a GeoJSON FeatureCollection")])
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise DataFileError([DataProblem(display_name, None, "features", "has no features")])

    problems = []
    if not isinstance(collection.get("attribution"), str) or not collection["attribution"].strip():
        problems.append(DataProblem(display_name, None, "attribution",
                                    "is missing: the boundaries' notice must be shown with every map"))
    seen: dict[tuple, int] = {}
    for number, feature in enumerate(features, start=1):
        where = f"feature {number}"
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            problems.append(DataProblem(display_name, None, where, "has no properties"))
            continue
        for name in _REQUIRED_PROPERTIES:
            if not isinstance(properties.get(name), str) or not properties.get(name):
                problems.append(DataProblem(display_name, None, f"{where} property '{name}'", "is missing"))
        key = (properties.get("level"), properties.get("code"))
        if key in seen:
            problems.append(DataProblem(display_name, None, f"{where} property 'code'",
                                        f"repeats feature {seen[key]} ({key[1]} at level {key[0]})"))
        seen.setdefault(key, number)
        if properties.get("level") not in LEVELS:
            problems.append(
                DataProblem(display_name, None, f"{where} property 'level'", f"must be one of {', '.join(LEVELS)}")
            )
        try:
            geometry = shape(feature.get("geometry"))
            if geometry.is_empty or geometry.geom_type not in ("Polygon", "MultiPolygon"):
                raise ValueError("not a polygon")
        except Exception as exc:  # shapely raises several types for bad input
            problems.append(DataProblem(display_name, None, f"{where} geometry", f"is not a valid polygon ({exc})"))
    if problems:
        raise DataFileError(problems)
    frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    for number in (frame.index[~frame.is_valid] + 1):
        problems.append(DataProblem(display_name, None, f"feature {number} geometry", "is not a valid polygon"))
    if problems:
        raise DataFileError(problems)
    return Boundaries(collection=collection, attribution=collection["attribution"], frame=frame)
