"""What only a browser shows: every page renders, maps draw offline, stale and hostile links are safe.

Link round trips for every page, briefings and click-to-focus are in test_sharing.py.

Starts the real server on loopback and drives Debian's Chromium. Screenshots land in
``screenshots/`` (ignored by git) for a person to look at.
"""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.support import (
    CHART,
    PAGES,
    SCREENSHOTS,
    TEXT_PAGES,
    chromium_path,
    is_local,
    open_map,
    require,
    running_app,
    wait_for_app,
)

pytestmark = pytest.mark.browser

require(chromium=chromium_path())

from PIL import Image  # noqa: E402


def new_page(browser, requests: list[str] | None = None):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    if requests is not None:
        page.on("request", lambda request: requests.append(request.url))
    return page


def full_screenshot(page, path) -> None:
    height = page.evaluate(
        """() => Math.ceil(Math.max(...Array.from(
            document.querySelectorAll('[data-testid=stMain] [data-testid=stElementContainer]'))
            .map(e => e.getBoundingClientRect().bottom))) + 60"""
    )
    page.set_viewport_size({"width": 1400, "height": max(1000, min(height, 8000))})
    page.wait_for_timeout(600)
    page.screenshot(path=str(path))


def distinct_colours(png: bytes) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB").resize((120, 120))
    return len(image.getcolors(maxcolors=120 * 120) or [])


def test_deep_link_on_a_fresh_server_gets_the_full_app(browser):
    """The first request a new server sees is a deep link: the frame and navigation must be there."""
    with running_app() as base:
        page = new_page(browser)
        page.goto(f"{base}/nhs")
        wait_for_app(page)
        assert page.get_by_role("heading", name="Midlands Health & Life Sciences Dashboard").is_visible()
        assert page.get_by_test_id("stSidebarNav").get_by_text("Health inequalities").is_visible()
        page.context.close()


def test_every_page_renders_offline_and_is_screenshotted(browser, server):
    SCREENSHOTS.mkdir(exist_ok=True)
    requests: list[str] = []
    page = new_page(browser, requests)
    for name, path in PAGES.items():
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.goto(f"{server}/{path}")
        wait_for_app(page)
        assert page.get_by_test_id("stException").count() == 0, name
        assert page.get_by_role("heading", name="Midlands Health & Life Sciences Dashboard").is_visible(), name
        content = page.locator(f'{CHART}, [data-testid="stDataFrame"], [data-testid="stTable"]')
        assert content.count() > 0 or name in TEXT_PAGES, f"{name} shows no chart or table"
        assert page.locator('.modebar-btn[data-title^="Share"]').count() == 0, "no button uploads a chart"
        full_screenshot(page, SCREENSHOTS / f"{name}.png")
    outside = sorted({url for url in requests if not is_local(url)})
    assert outside == [], f"requests left the machine: {outside[:5]}"
    page.context.close()


def test_overview_links_open_each_theme_page_with_its_charts(browser, server):
    """Page switches happen in one document: each page's charts mount and draw, none left over."""
    page = new_page(browser)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server)
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    for label, path in [("NHS coverage", "/nhs"), ("Industry clusters", "/clusters"),
                        ("Research scale", "/research"), ("Health inequalities", "/inequalities")]:
        main.get_by_role("link", name=label).click()
        page.wait_for_url(f"**{path}*")
        page.wait_for_timeout(150)
        wait_for_app(page)
        drawn = page.locator(f"{CHART} .main-svg")
        assert page.locator(CHART).count() > 0 and drawn.count() >= page.locator(CHART).count(), label
        assert page.locator(".js-plotly-plot").count() == page.locator(CHART).count(), "no chart is left over"
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Overview").click()
        page.wait_for_url(lambda url: urlparse(url).path in ("/", "/overview"))
        page.wait_for_timeout(150)
        wait_for_app(page)
    assert errors == [], errors
    page.context.close()


def test_maps_draw_our_boundaries_without_tiles(browser, server):
    page = new_page(browser)
    chart = open_map(page, f"{server}/inequalities", settle_ms=1500)
    # MapLibre's own stylesheet, which the bundle carries, is applied (no stray controls).
    assert chart.locator("canvas.maplibregl-canvas").evaluate("c => getComputedStyle(c).position") == "absolute"
    assert chart.locator(".maplibregl-ctrl-attrib-button").is_hidden(), "no empty attribution button"
    colours = distinct_colours(chart.screenshot())
    assert colours > 20, f"the map looks blank ({colours} colours)"
    page.context.close()


# The values of the map's main layer (other layers are outlines and the grey "no data" areas).
AREA_VALUES = "Array.from(plot._fullData.reduce((a, t) => (t.z && t.z.length > a.length ? t.z : a), []))"


def test_a_filter_change_redraws_the_map_in_place(browser, server):
    """The same map (its MapLibre canvas) takes the new values: no new chart, no error."""
    page = new_page(browser)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    chart = open_map(page, f"{server}/inequalities", settle_ms=0)
    before = chart.evaluate("plot => { window.__firstCanvas = plot.querySelector('canvas.maplibregl-canvas'); "
                            "return " + AREA_VALUES + "; }")
    page.get_by_label("Sex", exact=True).click()
    page.get_by_role("option", name="Male", exact=True).click()
    page.wait_for_timeout(150)
    wait_for_app(page)
    after = chart.evaluate(f"plot => {AREA_VALUES}")
    assert "(male, " in chart.evaluate("plot => plot.layout.title.text")
    assert after != before, "the map shows the new values"
    assert chart.evaluate("plot => plot.querySelector('canvas.maplibregl-canvas') === window.__firstCanvas")
    assert errors == [], errors
    page.wait_for_timeout(1000)
    assert distinct_colours(chart.screenshot()) > 20, "the redrawn map is not blank"
    page.context.close()


def test_charts_a_change_leaves_alone_are_not_redrawn(browser, server):
    page = new_page(browser)
    open_map(page, f"{server}/inequalities", settle_ms=0)
    charts = page.locator(CHART)
    for index in range(charts.count()):
        charts.nth(index).evaluate("plot => { plot.__redraws = 0; plot.on('plotly_afterplot', () => { plot.__redraws += 1; }); }")
    page.get_by_label("Area for the trend", exact=True).click()
    page.get_by_role("option", name="Leicester", exact=True).click()
    page.wait_for_timeout(150)
    wait_for_app(page)
    titles = [charts.nth(i).evaluate("plot => plot.layout.title.text") for i in range(charts.count())]
    redraws = [charts.nth(i).evaluate("plot => plot.__redraws") for i in range(charts.count())]
    trend = next(i for i, title in enumerate(titles) if "Leicester" in title)
    assert redraws[trend] > 0, "the trend chart shows the chosen area"
    # The map and the ranked chart (first on the page) do not depend on the trend's area; the
    # deprivation gradient below the trend rings the chosen area, so it is redrawn too.
    assert trend >= 2 and redraws[:2] == [0, 0], redraws
    page.context.close()


def test_opening_a_chart_table_shows_its_rows(browser, server):
    page = new_page(browser)
    page.goto(f"{server}/inequalities")
    wait_for_app(page)
    tables = page.get_by_test_id("stExpander").filter(has_text="Table of this chart")
    tables.nth(1).get_by_text("Table of this chart").click()
    rows = tables.nth(1).locator("table tbody tr")
    rows.first.wait_for(timeout=15_000)
    assert rows.count() == 24, "one row per Midlands upper-tier area"
    words = rows.evaluate_all("rows => rows.map(row => row.cells[3].textContent)")
    assert set(words) <= {"Better", "Similar", "Worse", "Not compared"} and "Better" in words, words
    assert tables.nth(0).locator("table").count() == 0, "the other tables stay unsent"
    page.context.close()


def test_a_stale_link_says_what_changed(browser, server):
    page = new_page(browser)
    page.goto(f"{server}/inequalities?indicator=no_such_thing&period=1999-01")
    wait_for_app(page)
    alerts = page.get_by_test_id("stAlertContentWarning")
    assert alerts.count() == 2
    indicator, period = alerts.nth(0).text_content(), alerts.nth(1).text_content()
    assert "indicator" in indicator and "no_such_thing" in indicator and "Life expectancy" in indicator
    assert "period" in period and "1999-01" in period
    query = parse_qs(urlparse(page.url).query)
    assert query["indicator"] == ["life_expectancy_birth"] and query["period"] != ["1999-01"]
    page.context.close()


def test_hostile_query_is_not_executed(browser, server):
    page = new_page(browser)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{server}/area-profile?area=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    wait_for_app(page)
    assert dialogs == []
    assert page.locator("img[src='x']").count() == 0
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_test_id("stAlertContentWarning").count() == 1
    page.context.close()
