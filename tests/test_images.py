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
