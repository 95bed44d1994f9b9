"""Links reopen exactly the same view; briefings download and open; hostile links do nothing."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.support import CHART, chromium_path, open_map, require, wait_for_app

pytestmark = pytest.mark.browser

require(chromium=chromium_path())

from pptx import Presentation  # noqa: E402
from pptx.enum.shapes import MSO_SHAPE_TYPE  # noqa: E402

# page path → the controls a user changes there: (label, option shown)
INTERACTIONS = {
    "clusters": [("Metric", "Cluster jobs")],
    "research": [("Institution type", "Clinical trials unit")],
    "nhs": [("ICB", "NHS Black Country Integrated Care Board"), ("Shade ICBs by", "population")],
    "inequalities": [("Sex", "Male"), ("Period", "2019-21"), ("Area for the trend", "Leicester")],
    "area-profile": [("Area", "Leicester")],
}

CHART_SIGNATURE = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => JSON.stringify({
    title: el.layout && el.layout.title && el.layout.title.text,
    data: (el.data || []).map(t => [t.type, t.name, t.x, t.y, t.z, t.locations, t.lat, t.lon]),
}))"""


def fresh(browser):
    return browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True).new_page()


def choose(page, label: str, option: str) -> None:
    page.get_by_label(label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)


def selected_texts(page) -> list[str]:
    """What each selector shows (the option's label, not its code)."""
    return [box.input_value() for box in page.locator('[data-testid="stSelectbox"] input').all()]


@pytest.mark.parametrize("path", list(INTERACTIONS))
def test_changed_view_reopens_identically_from_its_link(browser, server, path):
    page = fresh(browser)
    page.goto(f"{server}/{path}")
    wait_for_app(page)
    for label, option in INTERACTIONS[path]:
        choose(page, label, option)
    link = page.url
    page.get_by_role("button", name="Copy the link to this view").click()
    shared = page.get_by_test_id("stPopoverBody").locator('[data-testid="stCode"] code').text_content().strip()
    page.keyboard.press("Escape")
    assert shared == link, "the Share box shows the address of the view on screen"
    before_controls, before_charts = selected_texts(page), page.evaluate(CHART_SIGNATURE)
    for _, option in INTERACTIONS[path]:
        assert any(option in text for text in before_controls)

    elsewhere = fresh(browser)
    elsewhere.goto(shared)
    wait_for_app(elsewhere)
    assert parse_qs(urlparse(elsewhere.url).query) == parse_qs(urlparse(link).query)
    assert selected_texts(elsewhere) == before_controls
    assert elsewhere.evaluate(CHART_SIGNATURE) == before_charts
    assert elsewhere.get_by_test_id("stAlertContentWarning").count() == 0
    page.context.close()
    elsewhere.context.close()


def test_clicking_an_icb_focuses_the_page(browser, server):
    page = fresh(browser)
    page.goto(f"{server}/nhs")
    wait_for_app(page)
    chart = page.locator(CHART).nth(1)  # trust headquarters per ICB
    chart.evaluate("element => element.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    first_bar = chart.locator("g.point path").first.bounding_box()
    x, y = first_bar["x"] + first_bar["width"] / 2, first_bar["y"] + first_bar["height"] / 2
    page.mouse.move(x, y, steps=4)
    page.mouse.click(x, y)
    page.wait_for_function("() => new URL(location.href).searchParams.get('icb') !== 'all'", timeout=15_000)
    wait_for_app(page)
    assert parse_qs(urlparse(page.url).query)["icb"] == ["E54000062"]  # most trusts: Black Country
    assert selected_texts(page)[0] == "NHS Black Country Integrated Care Board"
    page.context.close()


def test_clicking_an_icb_on_the_map_focuses_the_page(browser, server):
    page = fresh(browser)
    chart = open_map(page, f"{server}/nhs")
    # Lincolnshire: a large ICB, so some of its area is clear of trusts' dots.
    # Points inside the ICB's outline, between its middle and its edge; the first one whose hover
    # names the ICB (not a trust's dot drawn over it) is clicked.
    candidates = chart.evaluate("""plot => {
        const trace = plot._fullData.find(t => t.type === 'choroplethmap' && t.locations.includes('E54000013'));
        const feature = trace.geojson.features.find(f => f.properties.code === 'E54000013');
        const ring = feature.geometry.type === 'Polygon' ? feature.geometry.coordinates[0] : feature.geometry.coordinates[0][0];
        const mid = [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
        const map = plot._fullLayout.map._subplot.map, box = plot.querySelector('canvas.maplibregl-canvas').getBoundingClientRect();
        const points = [];
        for (let i = 0; i < ring.length; i += Math.max(1, Math.floor(ring.length / 8)))
            for (const t of [0.3, 0.6]) {
                const xy = map.project([mid[0] + t * (ring[i][0] - mid[0]), mid[1] + t * (ring[i][1] - mid[1])]);
                points.push({x: box.left + xy.x, y: box.top + xy.y});
            }
        plot.on('plotly_hover', e => { window.__hovered = e.points.map(p => p.location); });
        return points;
    }""")
    for point in candidates:
        page.evaluate("() => { window.__hovered = []; }")
        page.mouse.move(point["x"], point["y"], steps=3)
        page.wait_for_timeout(150)
        if page.evaluate("() => window.__hovered") == ["E54000013"]:
            page.mouse.click(point["x"], point["y"])
            break
    else:
        pytest.fail("no point of the ICB's area could be hovered")
    page.wait_for_function("() => new URL(location.href).searchParams.get('icb') !== 'all'", timeout=15_000)
    wait_for_app(page)
    assert parse_qs(urlparse(page.url).query)["icb"] == ["E54000013"]
    assert selected_texts(page)[0] == "NHS Lincolnshire Integrated Care Board"
    page.context.close()


@pytest.mark.parametrize("path", ["inequalities?sex=Male&period=2022-24", "clusters"])
def test_briefing_deck_downloads_and_opens(browser, server, path, tmp_path):
    page = fresh(browser)
    page.goto(f"{server}/{path}")
    wait_for_app(page)
    charts = page.locator(CHART).count()
    page.get_by_role("button", name="Prepare briefing").click()
    download_button = page.get_by_role("button", name="Download briefing (.pptx)")
    download_button.wait_for(timeout=60_000)
    with page.expect_download() as download:
        download_button.click()
    target = tmp_path / "deck.pptx"
    download.value.save_as(target)
    deck = Presentation(str(target))
    slides = list(deck.slides)
    picture_slides = [s for s in slides if any(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in s.shapes)]
    assert len(picture_slides) == charts
    first_texts = [sh.text_frame.text for sh in slides[0].shapes if sh.has_text_frame]
    assert any(page.url in text for text in first_texts), "the title slide links back to the view"
    last_texts = [sh.text_frame.text for sh in slides[-1].shapes if sh.has_text_frame]
    assert last_texts[0] == "Sources"
    page.context.close()


def test_chart_png_download_is_a_slide_image(browser, server, tmp_path):
    page = fresh(browser)
    page.goto(f"{server}/clusters")
    wait_for_app(page)
    page.get_by_test_id("stPopoverButton").filter(has_text="Download").first.click()
    with page.expect_download(timeout=60_000) as download:
        page.get_by_test_id("stPopoverBody").get_by_role("button", name="PNG", exact=True).click()
    target = tmp_path / "chart.png"
    download.value.save_as(target)
    from PIL import Image

    with Image.open(io.BytesIO(target.read_bytes())) as image:
        assert image.size == (1600, 900)
    page.context.close()


HOSTILE = [
    "indicator=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E",
    "area=javascript%3Awindow.__pwned%3D1",
    "period=%22%3E%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E",
    "sex=Male&sex=Female&sex=%3Csvg%20onload%3Dwindow.__pwned%3D1%3E",
    "metric=" + "A" * 5000,
    "icb=%5Bx%5D(javascript%3Awindow.__pwned%3D1)",
]
# Every parameter is checked on its own and each bad one gets its own notice (state.parse), so
# one link carrying all of them puts every hostile value on the page at once: one load per page.
HOSTILE_LINK = "?" + "&".join(HOSTILE)
# page path → the notices that link gets there, one per parameter the page reads (the value, shown)
HOSTILE_NOTICES = {"": 0, "clusters": 1, "research": 0, "nhs": 1, "inequalities": 4, "area-profile": 3, "data-sources": 0}


@pytest.mark.parametrize("path", list(HOSTILE_NOTICES))
def test_hostile_links_are_never_executed(browser, server, path):
    page = fresh(browser)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{server}/{path}{HOSTILE_LINK}")
    wait_for_app(page)
    assert page.get_by_test_id("stAlertContentWarning").count() == HOSTILE_NOTICES[path], "each hostile value is on the page"
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.get_by_test_id("stException").count() == 0
    assert page.locator("img[src='x'], svg[onload]").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert dialogs == []
    page.context.close()
