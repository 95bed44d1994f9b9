"""What only a browser shows about accessibility: axe-core finds nothing, the keyboard reaches and
operates every control, focus is visible, and no page scrolls sideways on a phone.

axe-core is vendored (tests/browser/axe/, see its README.md): the exact file from npm's tarball,
checked against the hash axe-core publishes for it (tests/test_accessibility_tools.py), so the checks run on a machine without npm.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.support import (
    CHART,
    PAGES,
    SCREENSHOTS,
    chromium_path,
    is_local,
    require,
    wait_for_app,
)

AXE_FILE = Path(__file__).parent / "axe" / "axe.min.js"

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 1000}

# (rule, CSS selector the offending element matches, why it cannot be fixed here). Each is
# listed as a known limitation on the accessibility statement.
EXCLUSIONS = [
    (
        "scrollable-region-focusable",
        '[data-testid="stHorizontalBlock"][data-test-wrap="false"]:has([data-testid="stMarkdownContainer"] table)',
        # The box a wide table scrolls in is Streamlit's non-wrapping row (views.markdown_table):
        # Streamlit gives it no tabindex and we cannot add one without raw HTML. Chromium (130+)
        # and Firefox make such a scroller a keyboard stop themselves, which
        # test_a_wide_table_scrolls_with_the_keyboard checks; axe does not know that.
        "Streamlit's scrolling row for a wide table",
    ),
    (
        "region",
        "[data-floating-ui-portal]",
        # An open popover (the Download menu) is drawn by Streamlit's floating-ui in a portal at
        # the end of <body>, with focus-guard elements around its dialog, outside every landmark.
        # Its place in the page is Streamlit's; the menu itself is a dialog opened from its button.
        "Streamlit's popover portal",
    ),
]

_RUN_AXE = """async (exclusions) => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    const excluded = (id, node) => {
        const element = node.target.length === 1 ? document.querySelector(node.target[0]) : null;
        return element !== null && exclusions.some(([rule, selector]) => rule === id && element.matches(selector));
    };
    return result.violations
        .map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.filter(n => !excluded(v.id, n)).map(n => n.target.join(' ') + ' ' + n.html.slice(0, 160))}))
        .filter(v => v.nodes.length > 0);
}"""

pytestmark = pytest.mark.browser


require(chromium=chromium_path())


def new_page(browser, viewport=DESKTOP):
    return browser.new_context(viewport=viewport).new_page()


def axe_violations(page) -> list[dict]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_FILE))
    return page.evaluate(_RUN_AXE, [[rule, selector] for rule, selector, _ in EXCLUSIONS])


def open_page(page, server, name: str, query: str = "") -> None:
    page.goto(f"{server}/{PAGES[name]}{query}")
    wait_for_app(page)


def sideways_overflow(page) -> dict:
    """How far the document and Streamlit's scrolling main area are wider than the screen."""
    return page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        return {document: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                main: main.scrollWidth - main.clientWidth};
    }""")


# Plotly never wraps or moves text to avoid other text, so labels can land on each other, on a
# narrow chart most of all. Per chart: pairs of y-axis category labels whose boxes overlap, and x-axis labels
# (title or ticks) that the legend's box covers.
_TEXT_COLLISIONS = """(charts) => charts.map(chart => {
    const text = e => [...e.querySelectorAll('tspan.line')].map(line => line.textContent).join(' ') || e.textContent;
    const boxes = selector => [...chart.querySelectorAll(selector)].map(e => [text(e), e.getBoundingClientRect()])
        .filter(([, box]) => box.width > 0 && box.height > 0);
    const overlap = (a, b) => Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5
        && Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5;
    const labels = boxes('g.ytick text');
    const overlapping = [];
    labels.forEach(([text, box], i) => labels.slice(i + 1).forEach(([other, otherBox]) => {
        if (overlap(box, otherBox)) overlapping.push(`${text} / ${other}`);
    }));
    const legend = chart.querySelector('g.legend');
    const covered = legend ? boxes('g.g-xtitle text, g.xtick text')
        .filter(([, box]) => overlap(legend.getBoundingClientRect(), box)).map(([text]) => text) : [];
    return {chart: chart.getAttribute('aria-label'), overlapping, covered};
}).filter(found => found.overlapping.length || found.covered.length)"""


def text_collisions(page) -> list[dict]:
    return page.locator(CHART).evaluate_all(_TEXT_COLLISIONS)


def tall_screenshot(page, path: Path, width: int) -> None:
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(844, min(height, 9000))})
    page.wait_for_timeout(800)
    page.screenshot(path=str(path))


# Each page is loaded once per width and every check for that width runs on it: a page load
# costs seconds on a small machine, and axe and the layout checks read the page without changing it.
def test_on_a_phone_no_page_scrolls_sideways_and_axe_finds_no_violations(browser, server):
    """At 390x844 every page fits: wide tables scroll in their own box, charts fit the column."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page = new_page(browser, PHONE)
    found = {}
    for name in PAGES:
        page.set_viewport_size(PHONE)
        open_page(page, server, name)
        violations = axe_violations(page)
        if violations:
            found[name] = violations
        assert sideways_overflow(page) == {"document": 0, "main": 0}, name
        widths = page.locator(CHART).evaluate_all("charts => charts.map(c => c.getBoundingClientRect().right)")
        assert all(right <= PHONE["width"] for right in widths), f"{name}: a chart is wider than the screen"
        assert text_collisions(page) == [], f"{name}: labels on each other at 390 px"
        tall_screenshot(page, SCREENSHOTS / f"phone-{name}.png", PHONE["width"])
    # Ranked bars whose labels take two lines: Herefordshire's neighbours, King's Lynn and West
    # Norfolk among them.
    page.set_viewport_size(PHONE)
    open_page(page, server, "area_profile", "?area=E06000019")
    assert text_collisions(page) == [], "Herefordshire's profile: labels on each other at 390 px"
    assert found == {}, "axe at 390 px"
    page.context.close()


def test_the_navigation_is_reachable_on_a_phone(browser, server):
    page = new_page(browser, PHONE)
    open_page(page, server, "overview")
    nav = page.get_by_test_id("stSidebarNav")
    page.get_by_test_id("stExpandSidebarButton").click()
    nav.get_by_role("link", name="Accessibility statement").click()
    page.wait_for_url("**/accessibility")
    wait_for_app(page)
    assert page.get_by_role("heading", name="Accessibility statement", exact=True).is_visible()
    page.context.close()


def test_axe_finds_no_violations_after_opening_a_table_a_menu_and_changing_a_filter(browser, server):
    page = new_page(browser)
    open_page(page, server, "inequalities")
    page.get_by_label("Sex", exact=True).click()
    page.get_by_role("option", name="Male", exact=True).click()
    page.wait_for_timeout(150)
    wait_for_app(page)
    assert parse_qs(urlparse(page.url).query)["sex"] == ["Male"]
    assert axe_violations(page) == [], "after a filter change"

    table = page.get_by_test_id("stExpander").filter(has_text="Table of this chart").nth(1)
    table.get_by_text("Table of this chart").click()
    table.locator("table tbody tr").first.wait_for(timeout=15_000)
    wait_for_app(page)
    assert axe_violations(page) == [], "with a chart's table open"

    page.get_by_test_id("stPopoverButton").filter(has_text="Download").first.click()
    page.get_by_test_id("stPopoverBody").get_by_role("button", name="CSV").wait_for(timeout=10_000)
    assert axe_violations(page) == [], "with a download menu open"
    page.context.close()


# The element Tab has just focused: a short description of it, and the styles that show focus on
# it or on the few ancestors that draw a control's frame (a selectbox's border is its input's
# grandparent's), first focused and then, for an element not met before, unfocused. It is given
# back its focus, so the next Tab starts from it. One call per stop: the keyboard test presses Tab
# hundreds of times, and each round trip to the browser costs more than the work it asks for.
_FOCUS_STOP = """async (seen) => {
    // Streamlit's inputs fade their border in over 0.2 s: read a look only once the element's and
    // its frame's CSS transitions have run (a read mid-fade once saw no change, on a loaded machine).
    // Some draw focus from React state set in a focus or blur handler: let a frame render first.
    const settled = async (element) => {
        await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const fading = [];
        for (let e = element, i = 0; e && i < 4; e = e.parentElement, i++) {
            fading.push(...e.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => null)));
        }
        await Promise.race([Promise.all(fading), new Promise(resolve => setTimeout(resolve, 1000))]);
    };
    const frameOf = (element) => {
        const frame = [];
        for (let e = element, i = 0; e && i < 4; e = e.parentElement, i++) {
            const s = getComputedStyle(e);
            frame.push([s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderTopColor, s.backgroundColor].join('|'));
        }
        return frame;
    };
    const element = document.activeElement;
    await settled(element);
    element.__tabStop = element.__tabStop || Math.random();
    const testid = element.closest('[data-testid]');
    const container = element.closest('[data-testid="stExpander"], [data-testid="stPopover"], [data-testid="stPageLink"], [data-testid="stButton"], [data-testid="stDownloadButton"]');
    const stop = {
        key: element.__tabStop, tag: element.tagName,
        testid: testid ? testid.getAttribute('data-testid') : null,
        container: container ? container.getAttribute('data-testid') : null,
        name: (element.getAttribute('aria-label') || element.textContent || '').trim().slice(0, 60),
        frame: frameOf(element),
    };
    if ((seen.length && element.tagName === 'BODY') || seen.includes(stop.key)) return stop;  // as focus_stops skips it
    element.blur();
    await settled(element);
    stop.unfocused = frameOf(element);
    element.focus();
    return stop;
}"""


def focus_stops(page, limit: int = 250) -> list[dict]:
    """Every element the Tab key reaches, in order, each with its look focused and not focused."""
    stops = []
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(_FOCUS_STOP, seen)
        key = stop.pop("key")
        if seen and (key == seen[0] or stop["tag"] == "BODY"):
            break  # round to the start again
        if key in seen:
            continue  # a data grid takes Tab from cell to cell inside one element
        seen.append(key)
        stops.append(stop)
    return stops


def test_at_desktop_width_axe_finds_no_violations_and_the_keyboard_reaches_every_control_with_visible_focus(
        browser, server):
    page = new_page(browser)
    found = {}
    for name in PAGES:
        open_page(page, server, name)
        violations = axe_violations(page)  # on the page as it loads, before any key is pressed
        if violations:
            found[name] = violations
        assert text_collisions(page) == [], f"{name}: labels on each other at 1400 px"
        stops = focus_stops(page)
        reached = {(stop["testid"], stop["name"]) for stop in stops}
        selectboxes = page.get_by_test_id("stSelectbox").count()
        assert sum(1 for stop in stops if stop["testid"] == "stSelectbox") == selectboxes, name
        for container in ("stExpander", "stPopover", "stPageLink", "stButton", "stDownloadButton"):
            on_page = page.get_by_test_id(container).count()
            reached_here = sum(1 for stop in stops if stop["container"] == container)
            assert reached_here >= on_page, f"{name}: {on_page - reached_here} of {on_page} {container} not reached"
        assert ("stSidebarNavLink", "table_viewData & sources") in reached, name
        # Focus shows: the element or its frame looks different while it has focus. Scrolling areas
        # (Streamlit's main area and the wide-table boxes) are stops only because Chromium makes
        # scrollers focusable; they have no control to show.
        invisible = [(stop["testid"], stop["name"]) for stop in stops
                     if stop["frame"] == stop["unfocused"] and stop["tag"] in ("A", "BUTTON", "INPUT", "SUMMARY", "SELECT")]
        assert invisible == [], f"{name}: focus does not show on {invisible}"
    assert found == {}, "axe at 1400 px"
    page.context.close()


def test_a_selector_and_a_chart_table_work_with_the_keyboard(browser, server):
    page = new_page(browser)
    open_page(page, server, "inequalities")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Sex":
            break
    else:
        pytest.fail("Tab never reached the Sex selector")
    page.keyboard.type("Male")
    page.keyboard.press("Enter")
    page.wait_for_timeout(150)
    wait_for_app(page)
    assert parse_qs(urlparse(page.url).query)["sex"] == ["Male"]
    assert "(male, " in page.locator(CHART).first.evaluate("plot => plot.layout.title.text")

    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.tagName") == "SUMMARY":
            break
    page.keyboard.press("Enter")
    table = page.get_by_test_id("stExpander").first.locator("table tbody tr")
    table.first.wait_for(timeout=15_000)
    assert table.count() > 0
    page.context.close()


def test_a_wide_table_scrolls_with_the_keyboard(browser, server):
    """Why the scrollable-region exclusion is safe in Chromium: Tab reaches the box, arrows scroll it."""
    page = new_page(browser, PHONE)
    open_page(page, server, "nhs")
    box = page.locator(EXCLUSIONS[0][1]).first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "the ICB table is wider than a phone"
    for _ in range(80):
        page.keyboard.press("Tab")
        if box.evaluate("b => document.activeElement === b"):
            break
    else:
        pytest.fail("Tab never reached the wide table's box")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert box.evaluate("b => b.scrollLeft") > 0
    page.context.close()


def test_each_chart_is_named_and_described_for_screen_readers(browser, server):
    page = new_page(browser)
    open_page(page, server, "inequalities")
    charts = page.locator(CHART)
    assert charts.count() == 4  # map, ranked areas, trend, deprivation gradient
    for index in range(charts.count()):
        chart = charts.nth(index)
        title = chart.evaluate("plot => plot.layout.title.text.replace(/<br>/g, ' ')")
        assert chart.get_attribute("role") == "figure"
        assert chart.get_attribute("aria-label") == title
        description = chart.evaluate("plot => document.getElementById(plot.getAttribute('aria-describedby')).textContent")
        shown = page.get_by_test_id("stMarkdown").filter(has_text=re.compile(re.escape(description[:40])))
        assert description and shown.count() >= 1, "the description is the summary the page shows"
    page.context.close()


# What MapLibre itself holds for the NHS map: each trace's icon loaded from the app's sprite, the
# icons placed on the map, and where the bounds the map must show fall on its canvas.
_MAP_STATE = """(chart) => {
    const plot = chart;  // the element Plotly draws in
    const map = plot._fullLayout.map._subplot.map;
    const symbols = plot._fullData.filter(t => t.type === 'scattermap').map(t => t.marker.symbol);
    const layers = map.getStyle().layers.filter(l => l.type === 'symbol').map(l => l.id);
    const [west, south, east, north] = plot.layout.meta.bounds;
    const canvas = map.getCanvas().getBoundingClientRect();
    const corners = [[west, south], [west, north], [east, south], [east, north]].map(c => map.project(c));
    return {symbols, loaded: symbols.filter(s => map.hasImage(s)),
            placed: map.queryRenderedFeatures({layers}).length,
            width: canvas.width, height: canvas.height,
            left: Math.min(...corners.map(p => p.x)), right: Math.max(...corners.map(p => p.x))};
}"""


def test_map_types_are_drawn_as_shapes_and_the_map_fits_a_phone(browser, server):
    page = new_page(browser, PHONE)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server}/{PAGES['nhs']}")
    wait_for_app(page, timeout_ms=90_000)  # the first page a fresh server draws waits for the data
    chart = page.locator(CHART).first
    chart.locator("canvas.maplibregl-canvas").wait_for(timeout=20_000)
    page.wait_for_timeout(1500)  # MapLibre places icons a moment after it paints
    state = page.evaluate(_MAP_STATE, chart.element_handle())
    assert len(set(state["symbols"])) >= 3 and state["loaded"] == state["symbols"], state
    assert state["placed"] >= 20, f"the trusts' icons were not drawn: {state}"
    assert any("/app/static/map/sprite" in url for url in requests), "the sprite comes from the app itself"
    assert not [url for url in requests if not is_local(url)], "nothing is fetched from another host"
    # The whole Midlands is on the canvas at 390 px: none of it cut off at either side.
    assert state["left"] >= -1 and state["right"] <= state["width"] + 1, state
    chart.screenshot(path=str(SCREENSHOTS / "phone-nhs-map.png"))
