"""Find your area by postcode, in the browser: the profile it opens and the address it leaves.

Only a browser shows what the address bar ends up holding after st.switch_page and the URL
write-back, so that is checked here (AppTest covers the messages: tests/test_find_area.py).
Postcodes were checked in the built table (ONSPD November 2025). Screenshots of both pages,
desktop and 390 px wide, after each kind of answer land in ``screenshots/``.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.support import PAGES, SCREENSHOTS, chromium_path, require, wait_for_app

pytestmark = pytest.mark.browser

require(chromium=chromium_path())

BOX = 'input[aria-label="Find your area by postcode"]'

CASES = [
    # typed, the area the profile should show (None: the page stays), the message expected, kind
    ("b15 2tt", "E08000025", "B15 2TT is in Birmingham, NHS Birmingham and Solihull Integrated Care Board, West Midlands", "found"),
    ("LE156RB", "E06000017", "LE15 6RB is in Rutland, NHS Leicester, Leicestershire and Rutland Integrated Care Board, East Midlands", "found"),
    ("EH1 1YZ", None, "EH1 1YZ is in City of Edinburgh, Scotland. This dashboard covers the East and West Midlands", "outside"),
    ("B15 <b>2TT", None, "That is not a full UK postcode. Type one like B15 2TT", "malformed"),
]


def find(page, typed: str) -> None:
    box = page.locator(BOX)
    box.fill(typed)
    box.press("Enter")
    page.wait_for_timeout(300)
    wait_for_app(page)


def alert_text(page) -> str:
    return " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())


@pytest.mark.parametrize("start", ["overview", "area_profile"])
def test_postcodes_open_the_right_profile_and_never_reach_the_address(browser, server, start):
    addresses: list[str] = []
    for width, label in ((1400, "desktop"), (390, "390px")):
        context = browser.new_context(viewport={"width": width, "height": 1000})
        page = context.new_page()
        page.on("framenavigated", lambda frame: addresses.append(frame.url))
        # Every answer at desktop width; at 390 px the two whose pages are screenshotted there (a
        # found postcode's profile and the outside-the-Midlands notice): each profile load costs seconds.
        for typed, area, message, kind in (CASES if width > 390 else CASES[0::2]):
            # A page still on the start page is used again, as by someone searching twice: a fresh
            # load for every case would cost seconds each and check nothing more.
            if urlparse(page.url).path.rstrip("/") != f"/{PAGES[start]}".rstrip("/"):
                page.goto(f"{server}/{PAGES[start]}")
                wait_for_app(page)
            find(page, typed)
            addresses.append(page.url)
            shown = alert_text(page)
            assert message in shown, (typed, shown)
            query = parse_qs(urlparse(page.url).query)
            if area:
                assert urlparse(page.url).path.endswith("/area-profile")
                assert query["area"] == [area]
                # Beside the area only the profile's own settings (its similar-areas section) may be there.
                assert set(query) <= {"area", "similar", "indicator", "period"}, query
                name = {"E08000025": "Birmingham", "E06000017": "Rutland"}[area]
                assert page.get_by_role("heading", name=name, exact=True).count() == 1
            else:
                assert urlparse(page.url).path.rstrip("/").endswith(PAGES[start])
            assert page.locator(BOX).input_value() == "", "the box is emptied once used"
            assert page.locator("b", has_text="2TT").count() == 0, "typed text is never rendered as HTML"
            if typed in ("b15 2tt", "EH1 1YZ", "B15 <b>2TT"):
                page.screenshot(path=str(SCREENSHOTS / f"find-area-{start}-{kind}-{label}.png"), full_page=False)
        context.close()
    for address in addresses:
        squashed = address.upper().replace("%20", "").replace("+", "")
        for typed, *_ in CASES:
            assert "".join(typed.upper().split()) not in squashed, address
