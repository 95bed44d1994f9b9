"""Figure builders are pure: tables in, figures out, checked on their values."""

import json
import math
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard import theme
from dashboard.figures import bars, lines, maps, markers, spine

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
import map_sprite  # noqa: E402

SQUARE = {"type": "Polygon", "coordinates": [[[-2, 52], [-1, 52], [-1, 53], [-2, 53], [-2, 52]]]}
GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"code": "A", "name": "Area A", "level": "utla"}, "geometry": SQUARE},
        {"type": "Feature", "properties": {"code": "B", "name": "Area B", "level": "utla"}, "geometry": SQUARE},
    ],
}
BOUNDS = (-2.0, 52.0, -1.0, 53.0)


def test_ranked_bar_orders_areas_and_shapes_outcomes():
    table = pd.DataFrame(
        {
            "label": ["Low", "High", "Mid"],
            "value": [70.0, 80.0, 75.0],
            "lower_ci": [69.0, 79.0, 74.0],
            "upper_ci": [71.0, 81.0, 76.0],
            "vs_england": ["Worse", "Better", "Similar"],
            "text": ["70", "80", "75"],
        }
    )
    fig = bars.build_ranked_bar(table, "Title", "years", {"England": 75.0})
    bar = fig.data[0]
    assert list(bar.y) == ["High", "Mid", "Low"]
    assert list(bar.error_x.array) == [1.0, 1.0, 1.0]
    markers = {trace.name: trace.marker.symbol for trace in fig.data[1:]}
    assert markers == {"Better than England": "triangle-up", "Similar to England": "circle",
                       "Worse than England": "triangle-down"}
    assert fig.layout.shapes[0].x0 == 75.0 and fig.layout.shapes[0].name == "England (75.0)"
    # Exactly one row per area, the first at the top: no empty rows that autorange would add.
    assert tuple(fig.layout.yaxis.range) == (2.5, -0.5)


def test_choropleth_uses_maplibre_with_no_remote_style():
    table = pd.DataFrame({"code": ["A"], "value": [1.0], "hover": ["Area A: 1"]})
    fig = maps.build_choropleth(GEOJSON, table, "A long title that states what the map shows", "years", BOUNDS)
    assert all(trace.type == "choroplethmap" for trace in fig.data)
    style = fig.layout.map.style
    assert style["sources"] == {} and "glyphs" not in style
    grey, coloured = fig.data
    assert list(grey.locations) == ["B"] and list(coloured.locations) == ["A"]
    assert 5 < fig.layout.map.zoom < 10
    assert abs(fig.layout.map.center.lon + 1.5) < 1e-9


def test_choropleth_draws_outlines_of_another_level_on_top():
    table = pd.DataFrame({"code": ["A", "B"], "value": [1.0, 2.0], "hover": ["A: 1", "B: 2"]})
    upper = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "U", "name": "Upper", "level": "utla"}, "geometry": SQUARE}]}
    fig = maps.build_choropleth(GEOJSON, table, "Districts", "years", BOUNDS, outlines=upper)
    coloured, outline = fig.data
    assert list(coloured.locations) == ["A", "B"] and list(coloured.z) == [1.0, 2.0]
    assert list(outline.locations) == ["U"] and outline.hoverinfo == "skip"
    assert [f["properties"]["code"] for f in outline.geojson["features"]] == ["U"]


def test_point_map_skips_unlocated_rows_and_names_categories():
    points = pd.DataFrame(
        {
            "latitude": [52.5, None],
            "longitude": [-1.5, None],
            "category": ["acute", "acute"],
            "hover": ["Trust 1", "Trust 2"],
        }
    )
    fig = maps.build_point_map(GEOJSON, points, "Trusts", BOUNDS, {"acute": "Acute", "community": "Community"})
    scatter = [trace for trace in fig.data if trace.type == "scattermap" and trace.showlegend is not False]
    assert len(scatter) == 1 and list(scatter[0].lat) == [52.5]
    assert scatter[0].name.endswith(" Acute (1 of 2 on the map)"), "the legend counts what the table lists"
    assert all(trace.hoverinfo == "skip" or trace.hovertemplate for trace in fig.data)


def test_each_point_category_has_its_own_shape_from_the_apps_sprite_and_says_so_in_the_legend():
    kinds = ["acute", "mental_health", "community", "combined", "specialist", "ambulance"]
    points = pd.DataFrame({"latitude": [52.1 + i / 10 for i in range(6)], "longitude": [-1.5] * 6,
                           "category": kinds, "hover": kinds})
    fig = maps.build_point_map(GEOJSON, points, "Trusts", BOUNDS, {kind: kind.title() for kind in kinds})
    scatter = [trace for trace in fig.data if trace.type == "scattermap"]
    assert len(scatter) == 6, "one trace per category, and no circle-only halo under the shapes"
    symbols = [trace.marker.symbol for trace in scatter]
    assert len(set(symbols)) == 6
    shapes = [symbol.rsplit("-", 1)[0] for symbol in symbols]  # "triangle-down-12436d" → "triangle-down"
    assert len(set(shapes)) == 6, "the shape differs, not only the colour baked into the icon"
    sprite = json.loads((REPO / "static" / "map" / "sprite.json").read_text())
    sprite_2x = json.loads((REPO / "static" / "map" / "sprite@2x.json").read_text())
    for index, (trace, (shape, glyph)) in enumerate(zip(scatter, markers.MAP_SHAPES)):
        colour = markers.category_colour(index)
        assert trace.marker.symbol == markers.icon_name(shape, colour)
        assert trace.marker.symbol in sprite and trace.marker.symbol in sprite_2x
        assert trace.marker.allowoverlap is True, "MapLibre would hide overlapping icons"
        assert f">{glyph}</span>" in trace.name and colour in trace.name, "legend shows the shape"
        assert trace.marker.color == markers.NO_SWATCH, "no circle swatch beside a square's name"
        assert trace.hoverlabel.bgcolor == colour


def test_map_style_asks_only_for_the_apps_own_sprite_by_a_relative_path():
    style = maps.BLANK_STYLE
    assert style["sources"] == {} and "glyphs" not in style
    assert style["sprite"] == markers.SPRITE_PATH
    assert "://" not in style["sprite"] and not style["sprite"].startswith("/"), "resolved against the app's own address"
    assert (REPO / "static" / style["sprite"].removeprefix("app/static/")).with_suffix(".png").exists()


def test_committed_sprite_is_what_the_script_draws():
    assert all((REPO / "static" / "map" / name).read_bytes() == data for name, data in map_sprite.files().items()), (
        "static/map is out of date: run python scripts/map_sprite.py"
    )


def test_choropleth_can_carry_points_on_top():
    table = pd.DataFrame({"code": ["A"], "value": [3], "hover": ["Area A: 3"]})
    points = pd.DataFrame({"latitude": [52.5], "longitude": [-1.5], "category": ["acute"], "hover": ["Trust 1"]})
    fig = maps.build_choropleth(GEOJSON, table, "Trusts", "trusts", BOUNDS, points=points,
                                point_categories={"acute": "Acute"})
    kinds = [trace.type for trace in fig.data]
    assert kinds[0] == "choroplethmap" and kinds[-1] == "scattermap", "points are drawn over the areas"
    assert fig.data[-1].name.endswith(" Acute (1)") and fig.data[-1].marker.symbol.startswith("circle-")


def test_trend_draws_one_line_per_series_in_period_order():
    table = pd.DataFrame(
        {
            "series": ["Derby", "Derby", "England", "England"],
            "period": ["2017-19", "2020-22", "2017-19", "2020-22"],
            "value": [78.0, 77.0, 79.8, 78.9],
            "lower_ci": [77.5, 76.5, None, None],
            "upper_ci": [78.5, 77.5, None, None],
            "text": ["78.0", "77.0", "79.8", "78.9"],
        }
    )
    fig = lines.build_trend(table, "Title", "years")
    assert [trace.name for trace in fig.data] == ["Derby", "England"]
    assert list(fig.data[0].x) == ["2017-19", "2020-22"]
    assert list(fig.data[1].error_y.array) == [0, 0]


def test_spine_marks_the_area_at_its_scaled_position():
    table = pd.DataFrame(
        {
            "label": ["Life expectancy"], "position": [0.2], "range_start": [0.0], "range_end": [1.0],
            "iqr_start": [0.3], "iqr_end": [0.7], "outcome": ["Worse"], "display": ["77.0 years"],
            "england_value": [79.0], "midlands_lowest": [76.0], "midlands_highest": [82.0],
        }
    )
    fig = spine.build_spine(table, "Title")
    marker = [trace for trace in fig.data if trace.type == "scatter"][0]
    assert list(marker.x) == [0.2] and marker.marker.symbol == "triangle-down"
    assert fig.layout.shapes[0].x0 == 0.5
    assert tuple(fig.layout.yaxis.range) == (0.5, -0.5)  # its one row, with no empty rows around it


def test_long_titles_wrap_instead_of_running_off_the_chart():
    table = pd.DataFrame({"label": ["a"], "value": [1.0], "text": ["1"]})
    fig = bars.build_bar(table, "A title that states a finding at some length so that it needs two lines", "n")
    assert "<br>" in fig.layout.title.text


def test_stacked_bar_orders_by_total_and_counts_each_kind_in_the_legend():
    table = pd.DataFrame({
        "label": ["Leicester", "Birmingham", "Birmingham", "Nottingham"],
        "category": ["ctu", "ctu", "brc", "brc"],
        "value": [1, 2, 1, 1],
    })
    fig = bars.build_stacked_bar(table, "Birmingham has the most", "number", {"brc": "BRC", "ctu": "Trials unit"})
    brc, ctu, totals = fig.data
    assert list(brc.y) == ["Birmingham", "Leicester", "Nottingham"], "largest total first, ties in given order"
    assert list(brc.x) == [1, 0, 1] and list(ctu.x) == [2, 1, 0]
    assert (brc.name, ctu.name) == ("BRC (2)", "Trials unit (3)")
    assert list(totals.text) == ["3", "1", "1"] and fig.layout.barmode == "stack"


def test_stacked_bar_segments_differ_by_pattern_as_well_as_colour():
    kinds = {f"k{i}": f"Kind {i}" for i in range(6)}
    table = pd.DataFrame({"label": ["Derby"] * 6, "category": list(kinds), "value": [1] * 6})
    fig = bars.build_stacked_bar(table, "Derby has six", "number", kinds)
    segments = [trace for trace in fig.data if trace.type == "bar"]
    patterns = [trace.marker.pattern.shape for trace in segments]
    assert len(set(patterns)) == 6, "each category its own fill, which the legend swatch draws too"
    assert all(trace.showlegend is not False for trace in segments)
    assert len({trace.marker.color for trace in segments}) == 6
    assert {trace.marker.pattern.fillmode for trace in segments if trace.marker.pattern.shape} == {"overlay"}, (
        "the pattern lies over the category's colour, not instead of it"
    )


def test_dots_at_one_site_are_fanned_out_and_a_lone_dot_stays():
    points = pd.DataFrame({
        "latitude": [52.45, 52.45, 52.45, 53.0], "longitude": [-1.93, -1.93, -1.93, -1.2],
        "category": ["ctu", "brc", "crf", "ctu"], "hover": ["a", "b", "c", "d"],
    })
    spread = maps.spread_coincident(points)
    assert (spread.loc[3, "latitude"], spread.loc[3, "longitude"]) == (53.0, -1.2)
    sites = set(zip(spread.loc[:2, "latitude"].round(4), spread.loc[:2, "longitude"].round(4)))
    assert len(sites) == 3, "each dot at the shared site gets its own place"
    radius = maps.ring_radius(3)
    assert all(abs(lat - 52.45) <= radius + 1e-4 for lat, _ in sites), "and stays close to it"
    assert list(points["latitude"]) == [52.45, 52.45, 52.45, 53.0], "the caller's rows are untouched"


def test_sites_too_close_to_tell_apart_are_fanned_as_one_and_end_up_a_marker_apart():
    # Leicester's hospital site (BRC, CRF) and university site (university, CTU), as in
    # data/institutions.csv: about 900 m apart, so on a half-page map their markers would overlap.
    points = pd.DataFrame({
        "latitude": [52.626785, 52.626785, 52.621389, 52.621389],
        "longitude": [-1.135946, -1.135946, -1.124444, -1.124444],
        "category": ["brc", "crf", "university", "ctu"], "hover": list("abcd"),
    })
    spread = maps.spread_coincident(points)
    stretch = math.cos(math.radians(52.62))
    gaps = [math.hypot(a.latitude - b.latitude, (a.longitude - b.longitude) * stretch)
            for i, a in enumerate(spread.itertuples()) for b in list(spread.itertuples())[i + 1:]]
    assert min(gaps) >= maps.SPREAD_DEGREES - 1e-9, "no two markers closer than a marker's spacing"
    assert max(gaps) <= 2 * maps.ring_radius(4) * 1.001, "and all still around the two sites"


def test_ring_radius_puts_neighbours_a_spacing_apart():
    assert maps.ring_radius(2, 0.2) == pytest.approx(0.1)
    assert maps.ring_radius(6, 0.2) == pytest.approx(0.2), "a hexagon's side equals its radius"


def test_district_map_shades_districts_from_a_table_of_district_values():
    from dashboard.charts import inequalities as inequalities_charts
    from dashboard.charts.base import BOUNDARIES_SOURCE_ID
    from dashboard.config import boundaries_file
    from dashboard.geography import load_boundaries

    geo = load_boundaries(boundaries_file())
    table = pd.DataFrame({
        "area_code": ["E07000130", "E06000061", "E10000021"],  # a district, a unitary, a former county
        "area_name": ["Charnwood", "North Northamptonshire", "Northamptonshire"],
        "value": [10.0, 20.0, 30.0], "text": ["10", "20", "30"], "source_id": ["s", "s", "s"],
    })
    chart = inequalities_charts.district_map(geo, table, "Districts", "score", "Source: Test.")
    grey, coloured, outlines = chart.figure.data
    assert list(coloured.locations) == ["E07000130", "E06000061", "E10000021"]
    assert {f["properties"]["code"] for f in coloured.geojson["features"]} == {"E07000130", "E06000061"}
    assert len(grey.locations) == 63 and "E07000130" not in set(grey.locations)
    assert {f["properties"]["level"] for f in outlines.geojson["features"]} == {"utla"}
    assert len(outlines.locations) == 24
    assert "2 of 65 districts have a value" in chart.summary and "Not on the map" in chart.summary
    assert "Northamptonshire" in chart.summary.split("Not on the map")[1]
    assert chart.source.endswith("Contains OS data © Crown copyright and database right 2016.")
    assert BOUNDARIES_SOURCE_ID in chart.source_ids


def test_a_title_breaks_only_at_spaces_so_its_lines_join_back_into_the_title():
    title = "Two regions, 11 integrated care boards, 24 upper-tier areas on the map"
    wrapped = theme.wrap_title(title)  # 52 characters a line: "upper-" would end the first
    assert wrapped == "Two regions, 11 integrated care boards, 24<br>upper-tier areas on the map"
    assert wrapped.replace("<br>", " ") == title
