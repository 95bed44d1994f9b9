"""A Plotly figure on the page that redraws in place when the view changes.

``st.plotly_chart`` (Streamlit 1.67) derives its element's identity from the figure itself, so
every filter change mounts a new chart: a map starts a new WebGL context and MapLibre map each
time, which is most of a filter change's 1 s here (scripts/benchmark.py). This element keeps its
key as its identity and calls ``Plotly.react`` on the figure it already shows.

plotly.js is a partial bundle with only the trace types the dashboard draws, built from the
locked npm package (frontend/plotly/) and served by Streamlit's static file serving from
``static/``, so nothing is fetched from elsewhere. Python's plotly describes figures for one
plotly.js version; the bundle is that version (tests/test_figure_element.py checks). Compiling
it takes a third of the time plotly's full bundle does on this machine: the full one has dozens
of trace types, WebGL ones among them, that no chart here uses (scripts/benchmark.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import plotly.offline
import streamlit as st

from dashboard.config import REPO_ROOT

# Streamlit serves <entry file's folder>/static/ at app/static/ when enableStaticServing is on.
STATIC_DIR = REPO_ROOT / "static"
PLOTLY_JS_VERSION = plotly.offline.get_plotlyjs_version()
# The version is in the name, so a browser never reuses a cached copy of another version.
LIBRARY_NAME = f"plotly-midlands-{PLOTLY_JS_VERSION}.min.js"
LIBRARY_URL = f"app/static/{LIBRARY_NAME}"
ENTRY_FILE = REPO_ROOT / "frontend" / "plotly" / "entry.js"


def bundled_trace_types() -> set[str]:
    """Trace types the browser's plotly.js can draw: scatter (in its core) and each one entry.js adds."""
    entry = ENTRY_FILE.read_text(encoding="utf-8")
    return {"scatter", *re.findall(r"require\('plotly\.js/lib/(\w+)'\)", entry)} - {"core"}


_render = st.components.v2.component(
    "midlands_figure",
    js=(Path(__file__).parent / "figure_element.js").read_text(encoding="utf-8"),
    isolate_styles=False,  # Plotly puts its modebar and hover styles in the document head
)


def figure(figure_json: str, *, key: str, config: dict, label: str, summary: str = "",
           on_click: Callable[[], None] | None = None) -> None:
    """Show a figure given as Plotly JSON; ``on_click`` runs when a point is clicked.

    ``label`` names the chart for screen readers and ``summary`` describes it (its one-line
    finding); both are set as text, never as markup.
    """
    data = {"figure": figure_json, "config": config, "library": LIBRARY_URL,
            "clickable": on_click is not None, "label": label, "summary": summary}
    _render(key=key, data=data, width="stretch", on_click_change=on_click)  # None: no click event


def clicked_points(key: str) -> list[dict]:
    """The points of the click that triggered this run (curve_number, location, customdata)."""
    value = st.session_state.get(key)
    points = value.get("click") if hasattr(value, "get") else None
    return points if isinstance(points, list) else []
