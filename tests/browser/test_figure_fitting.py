"""The arithmetic by which the chart element fits a figure to a phone's width (figure_element.js).

Pure functions, checked on values. They run in Chromium, the browser they are written for,
because the machines that run the tests have no Node.js; no app server is needed.
"""

from __future__ import annotations

import pytest

from dashboard.figure_element import REPO_ROOT
from tests.browser.support import chromium_path, require

pytestmark = pytest.mark.browser

require(chromium=chromium_path())

SOURCE = (REPO_ROOT / "dashboard" / "figure_element.js").read_text(encoding="utf-8")

# Imports the element's module from its source and calls one of its exported functions.
_CALL = """async ([source, name, args]) => {
    const url = URL.createObjectURL(new Blob([source], {type: 'text/javascript'}));
    const module = await import(url);
    return module[name](...args);
}"""

PHONE_CHART_PX = 358  # a chart's width on a 390 px phone


@pytest.fixture(scope="module")
def call(browser):
    page = browser.new_context().new_page()
    page.set_content("<!doctype html><title>figure fitting</title>")
    yield lambda name, *args: page.evaluate(_CALL, [SOURCE, name, list(args)])
    page.context.close()


def ranked_figure(labels: list[str], height: int = 400) -> dict:
    return {
        "data": [{"type": "bar", "orientation": "h", "y": labels, "x": list(range(len(labels)))},
                 {"type": "scatter", "y": labels[:1], "x": [0], "name": "Better than England"}],
        "layout": {"height": height, "margin": {"t": 78, "b": 10},
                   "legend": {"orientation": "h", "y": -0.08, "x": 0}},
    }


def test_a_label_line_holds_what_fits_in_its_share_of_the_chart(call):
    assert call("labelChars", PHONE_CHART_PX) == 25
    assert call("labelChars", 200) == 16 and call("labelChars", 1000) == 28


def test_labels_wrap_at_spaces_without_leaving_a_short_last_word_alone(call):
    assert call("wrapLabel", "North West Leicestershire", 25) == ["North West Leicestershire"]
    assert call("wrapLabel", "North West Leicestershire", 22) == ["North West", "Leicestershire"]
    # "of" alone on a line would read as a label of its own next to the next bar.
    assert call("wrapLabel", "Herefordshire, County of", 22) == ["Herefordshire, County of"]
    assert call("wrapLabel", "Kingston upon Hull, City of", 20) == ["Kingston upon Hull,", "City of"]
    assert call("wrapLabel", "<b>Kingston upon Hull, City of</b>", 20) == ["<b>Kingston upon Hull,</b>", "<b>City of</b>"]


def test_every_row_is_as_tall_as_the_tallest_label(call):
    assert call("rowPx", 1) == pytest.approx(21.6) and call("rowPx", 2) == pytest.approx(37.2)
    # 20 rows of two-line labels need 744 px of axis: 344 more than the 400 drawn.
    assert call("heightForRows", 600, 400, 20, 2) == 944
    assert call("heightForRows", 600, 800, 20, 2) == 600  # already tall enough: never made lower


def test_on_a_phone_long_labels_wrap_and_the_chart_grows_for_its_rows(call):
    labels = [f"Area {i}" for i in range(29)] + ["King's Lynn and West Norfolk"]
    layout = call("fitToWidth", ranked_figure(labels), PHONE_CHART_PX)
    assert layout["yaxis"]["tickvals"] == labels
    assert layout["yaxis"]["ticktext"][-1] == "King's Lynn and West<br>Norfolk"
    # Estimated before drawing: 30 rows of two lines (1,116 px) on an axis of 400 px less the
    # margins (78 + 10), the x axis (45) and one legend entry (20): 247 px.
    assert layout["height"] == 400 + 1116 - 247


@pytest.mark.parametrize("width", [PHONE_CHART_PX, 800])
def test_a_legend_below_the_axes_sits_at_the_foot_of_the_chart(call, width):
    layout = call("fitToWidth", ranked_figure(["Derby", "Leicester"]), width)
    assert layout["legend"] == {"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom"}
    assert "tickvals" not in layout.get("yaxis", {}), "short labels are left as they are"
    on_a_map = ranked_figure(["Derby"]) | {"layout": {"map": {}, "legend": {"orientation": "h", "y": -0.02}}}
    assert call("fitToWidth", on_a_map, width)["legend"]["y"] == -0.02


def test_on_a_wide_screen_titles_labels_and_height_are_left_as_they_are(call):
    figure = ranked_figure(["Area"] * 3 + ["King's Lynn and West Norfolk"])
    figure["layout"]["title"] = {"text": "A finding that the server wrapped<br>onto two lines"}
    layout = call("fitToWidth", figure, 800)
    assert layout == figure["layout"] | {"autosize": True, "legend": layout["legend"]}
