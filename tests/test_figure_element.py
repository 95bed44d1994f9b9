"""The chart element's plotly.js: the version Python's plotly writes for, with every trace type drawn."""

from __future__ import annotations

import re

import plotly.offline

from dashboard import figure_element


def test_the_served_bundle_is_the_plotly_js_that_python_plotly_writes_for():
    bundles = sorted(figure_element.STATIC_DIR.glob("plotly-*.js"))
    assert [b.name for b in bundles] == [figure_element.LIBRARY_NAME], "one bundle, named for plotly.js's version"
    header = bundles[0].read_text(encoding="utf-8")[:200]
    assert f"plotly.js v{plotly.offline.get_plotlyjs_version()}" in header, (
        "plotly was upgraded: rebuild the bundle (frontend/plotly, see README)")


def test_bundle_is_partial_and_registers_what_the_charts_draw():
    assert figure_element.bundled_trace_types() == {"scatter", "bar", "choroplethmap", "scattermap"}
    size = (figure_element.STATIC_DIR / figure_element.LIBRARY_NAME).stat().st_size
    assert size < 3_500_000, "the full plotly.js is 4.8 MB; the partial bundle must stay well under it"


def test_the_library_is_served_from_this_app_only():
    assert figure_element.LIBRARY_URL == f"app/static/{figure_element.LIBRARY_NAME}"
    script = (figure_element.REPO_ROOT / "dashboard" / "figure_element.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://", script), "the element loads nothing from another site"
