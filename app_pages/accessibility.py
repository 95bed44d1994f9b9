"""Accessibility statement, on the GOV.UK model: the standard, how it was tested, what falls short.

What it says about testing is kept in step with the tests themselves: tests/browser/
test_accessibility.py checks the axe-core version named here against the copy it runs.
"""

import streamlit as st

from dashboard import views
from dashboard.config import APP_NAME

views.ignore_url()

AXE_CORE_VERSION = "4.14.1"
PREPARED = "1 December 2026"
REVIEWED = "2 December 2026"  # map shapes and bar patterns; maps fitted to a phone

st.header("Accessibility statement")
st.markdown(
    f"This statement applies to the {APP_NAME}. We want as many people as possible to be able to use it. "
    "You should be able to:"
)
st.markdown(
    "- read every page on a phone 390 pixels wide, or zoomed in, without scrolling sideways: wide tables scroll "
    "inside their own box and charts resize to the screen\n"
    "- reach every selector, chart table, download menu and link with the keyboard alone, and see where the "
    "focus is\n"
    "- hear each chart's title and its one-sentence finding with a screen reader, and read every chart's rows "
    "in the *Table of this chart* under it, or download them as CSV\n"
    "- tell results apart without colour: *Better*, *Similar* and *Worse* are written in words and drawn as "
    "different marker shapes; on the NHS and research maps each type of trust or institution has its own "
    "shape (circle, square, triangle, diamond, downward triangle, star), shown again before its name in the "
    "legend; in the bars of research institutions by city each type has its own fill pattern (solid, "
    "stripes, cross-hatching, dots), shown in the legend; and every chart has a table of its values"
)

st.subheader("How accessible this dashboard is")
st.markdown("We know some parts are not fully accessible:")
st.markdown(
    "- the maps cannot be panned, zoomed or clicked with the keyboard; the page's selectors make the same "
    "choices, and the table under each map lists every value it shows\n"
    "- the values that appear when you hover over a chart need a mouse; the same values are in the chart's "
    "table\n"
    "- a table wider than the screen scrolls sideways inside its own box. The box is drawn by Streamlit, the "
    "framework the dashboard is built on, and we cannot mark it as a keyboard stop ourselves. Chrome, Edge "
    "and Firefox let you move to it with the Tab key and scroll it with the arrow keys; Safari may not. The "
    "same rows can be downloaded as CSV\n"
    "- in the page list on the left, the link that has keyboard focus is shown only by a faint grey "
    "background, which is Streamlit's own style\n"
    "- chart images (PNG, SVG) and the PowerPoint briefing draw each chart as a picture; the briefing writes "
    "each chart's finding on its slide and its rows on table slides, and the CSV download carries the rows"
)

st.subheader("Feedback and reporting accessibility problems")
st.markdown(
    "If you find a problem that is not listed here, or need a page's content in another format, please "
    "open an issue in the project's issue tracker. Say which page it was (copy its link with *Share this "
    "view* at the foot of the page), what you were trying to do, and the browser and any assistive "
    "technology you used."
)

st.subheader("Enforcement procedure")
st.markdown(
    "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies "
    "(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the 'accessibility "
    "regulations'). If you are not happy with how we respond to your complaint, contact the Equality "
    "Advisory and Support Service (EASS)."
)

st.subheader("Compliance status")
st.markdown(
    "This dashboard aims to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. "
    "It is partially compliant, because of the parts listed above that are not fully accessible."
)

st.subheader("How we tested this dashboard")
st.markdown(
    f"- **Automated checks**: axe-core {AXE_CORE_VERSION} (Deque Systems, from npm) runs in Chromium on "
    "every page, at desktop width and at phone width, and again after opening a chart's table, opening a "
    "download menu and changing a filter. It reports no violations at any level, with two exceptions, both in "
    "Streamlit's own markup: the scrolling table boxes described above, and the open *Download* menu, "
    "which Streamlit places at the end of the page outside its main region (it opens as a dialog from "
    "its button, and the Escape key closes it).\n"
    "- **Keyboard**: a test moves through every page with the Tab key only, checks that every selector, "
    "chart table and download menu is reached, that the element with focus visibly changes, and changes a "
    "selector and opens a chart's table with the keyboard.\n"
    "- **Phone width**: a test opens every page 390 pixels wide and checks that nothing makes the page "
    "scroll sideways; it saves a screenshot of each page, which we look at.\n"
    "- **Colour**: the charts use the Government Analysis Function's palettes, chosen for contrast and for "
    "colour-vision deficiency, and colour is never the only cue: tests check that each type on a map has "
    "its own shape (in the page and in the chart's image) and each type in a stacked bar its own pattern, "
    "and we look at the maps in greyscale."
)
st.markdown(
    "These checks run with the dashboard's tests on every change. They have not been checked by a person "
    "using a screen reader or by an external audit."
)

st.subheader("Preparation of this accessibility statement")
st.markdown(f"This statement was prepared on {PREPARED}. It was last reviewed on {REVIEWED}.")
