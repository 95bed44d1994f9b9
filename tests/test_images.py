"""Slide images carry their source and provenance; the real renderer draws them offline."""

import os
import shutil
from datetime import date

import plotly.graph_objects as go
import pytest

from dashboard import images
from dashboard.figures import maps

SQUARE = {"type": "Polygon", "coordinates": [[[-2, 52], [-1, 52], [-1, 53], [-2, 53], [-2, 52]]]}
GEOJSON = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"code": "A", "name": "A", "level": "utla"}, "geometry": SQUARE}]}


def bar() -> go.Figure:
    fig = go.Figure(go.Bar(x=[3, 1], y=["a", "b"], orientation="h"))
    fig.update_layout(title="Area a has the highest value")
    return fig


def test_slide_copy_has_size_title_and_footer():
    slide = images.for_slide(bar(), "Source: ONS, Life expectancy.", "http://host/inequalities?sex=Male", date(2026, 11, 24))
    assert (slide.layout.width, slide.layout.height) == (images.SLIDE_WIDTH, images.SLIDE_HEIGHT)
    assert slide.layout.title.text == "Area a has the highest value"
    footer = slide.layout.annotations[-1].text
    assert "Source: ONS, Life expectancy." in footer
    assert "Generated on 2026-11-24 from http://host/inequalities?sex=Male" in footer


def test_footer_cannot_inject_markup():
    slide = images.for_slide(bar(), "Source: <b>x</b>", "http://host/?a=<script>", date(2026, 11, 24))
    assert "<b>" not in slide.layout.annotations[-1].text and "<script>" not in slide.layout.annotations[-1].text


def test_maps_are_refitted_to_the_slide():
    table = __import__("pandas").DataFrame({"code": ["A"], "value": [1.0], "hover": ["A"]})
    fig = maps.build_choropleth(GEOJSON, table, "Map", "x", (-2.0, 52.0, -1.0, 53.0))
    slide = images.for_slide(fig, "Source: test.", "http://host/", date(2026, 11, 24))
    assert slide.layout.map.zoom > fig.layout.map.zoom  # a bigger canvas shows the same area closer


needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None and not os.environ.get("CI"), reason="chromium not installed"
)


@needs_chromium
def test_real_render_gives_png_and_svg():
    png = images.render(bar(), "png", "Source: test.", "http://host/")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    svg = images.render(bar(), "svg", "Source: test.", "http://host/")
    assert b"<svg" in svg[:500] and b"Generated on" in svg


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        images.render(bar(), "gif", "Source: test.", "http://host/")


def test_the_export_points_a_maps_sprite_at_the_local_server_and_leaves_other_charts_alone():
    fig = maps.build_choropleth(GEOJSON, __import__("pandas").DataFrame({"code": ["A"], "value": [1.0], "hover": ["A"]}),
                                "Map", "x", (-2.0, 52.0, -1.0, 53.0)).to_dict()
    local = images.with_local_sprite(fig, "http://127.0.0.1:1234/sprite")
    assert local["layout"]["map"]["style"]["sprite"] == "http://127.0.0.1:1234/sprite"
    assert fig["layout"]["map"]["style"]["sprite"] == "app/static/map/sprite", "the chart itself is not changed"
    assert images.with_local_sprite(bar().to_dict(), "http://127.0.0.1:1234/sprite") == bar().to_dict()


def _share_of_box_filled(image, colour: str) -> float:
    """How much of the smallest box around the pixels of this colour they fill (a square 1, a circle 0.79)."""
    import numpy as np

    pixels = np.asarray(image.convert("RGB")).astype(int)
    target = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
    mask = np.abs(pixels - target).sum(axis=2) < 40
    rows, columns = np.nonzero(mask)
    assert len(rows) > 25, f"no {colour} marker drawn"
    box = (rows.max() - rows.min() + 1) * (columns.max() - columns.min() + 1)
    return mask.sum() / box


@needs_chromium
def test_exported_map_draws_each_category_in_its_own_shape():
    import io

    import pandas as pd
    from PIL import Image

    from dashboard.figures import markers

    points = pd.DataFrame({"latitude": [52.3, 52.7, 52.5], "longitude": [-1.5, -1.5, -1.2],
                           "category": ["circle", "square", "triangle"], "hover": ["c", "s", "t"]})
    fig = maps.build_point_map(GEOJSON, points, "Shapes", (-2.0, 52.0, -1.0, 53.0),
                               {"circle": "Circle", "square": "Square", "triangle": "Triangle"})
    png = Image.open(io.BytesIO(images.render(fig, "png", "Source: test.", "http://host/")))
    # Only the map's part of the slide: the legend above it draws every category as a circle.
    map_area = png.crop((0, 200, png.width, png.height - 120))
    circle, square, triangle = (_share_of_box_filled(map_area, markers.category_colour(i)) for i in range(3))
    assert 0.72 < circle < 0.9, circle
    assert square > 0.95, square
    assert 0.4 < triangle < 0.68, triangle
