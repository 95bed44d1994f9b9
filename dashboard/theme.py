"""Every colour and the Plotly template, in one place.

Colours come from the Government Analysis Function palettes (``afcharts``), which are
tested for contrast and colour-vision deficiency. Benchmark colours are never the only
cue: the word (Better / Similar / Worse) and a marker shape always go with them.
"""

from __future__ import annotations

import textwrap

import afcharts.pio_template  # noqa: F401  (registers the "afcharts" Plotly template)
import plotly.graph_objects as go
import plotly.io as pio
from afcharts.af_colours import get_af_colours

CATEGORICAL = get_af_colours("categorical")  # dark blue, turquoise, dark pink, orange, dark grey, light purple
SEQUENTIAL = list(reversed(get_af_colours("sequential", number_of_colours=5)))  # light → dark
DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, DARK_GREY, LIGHT_PURPLE = CATEGORICAL
MUTED_GREY = "#BFBFBF"  # context bars beside the highlighted ones
FOCUS, CONTEXT = get_af_colours("focus")
BOUNDARY_LINE = "#FFFFFF"
MAP_BACKGROUND = "#FFFFFF"
NO_DATA = "#D6D6D6"

REGION_COLOURS = {"E12000004": DARK_BLUE, "E12000005": TURQUOISE}

# Benchmark outcome → (colour, marker symbol). Shapes differ so print and colour-blind readers see it.
BENCHMARK_STYLE = {
    "Better": ("#28A197", "triangle-up"),
    "Similar": ("#F2B705", "circle"),
    "Worse": ("#801650", "triangle-down"),
    "Higher": ("#12436D", "triangle-up"),
    "Lower": ("#6BACE6", "triangle-down"),
    "Not compared": ("#BFBFBF", "square"),
}

TEMPLATE_NAME = "midlands"
TITLE_WRAP = 52  # characters per title line: fits a half-width chart on a laptop screen


def wrap_title(text: str, width: int = TITLE_WRAP) -> str:
    """Break a finding-style title into lines, since Plotly titles never wrap by themselves."""
    # Only at spaces: a break after a hyphen ("upper-<br>tier") reads as "upper- tier" wherever
    # the lines are joined again (the chart's accessible name, a slide, a phone's re-wrapping).
    return "<br>".join(textwrap.wrap(text, width=width, break_on_hyphens=False)) or text


def title_margin(wrapped_title: str) -> int:
    """Top margin in px that leaves room for every line of a wrapped title."""
    return 30 + 24 * (wrapped_title.count("<br>") + 1)

_template = go.layout.Template(pio.templates["afcharts"])
_template.layout.hovermode = "closest"
TEXT = "#0B0C0C"
SECONDARY_TEXT = "#505A5F"  # GOV.UK secondary text: 7:1 contrast on white
# afcharts sizes its type for slides (18.6 px); on the page, charts sit beside 16 px body text.
# "Source Sans" is the typeface Streamlit serves with the app; kaleido's images fall back to Arial.
_template.layout.font = dict(family='"Source Sans", "Source Sans Pro", Arial, sans-serif', size=12, color=SECONDARY_TEXT)
_template.layout.title.font = dict(size=16, color=TEXT, weight="bold")
_template.layout.legend.font.size = 12
_template.layout.hoverlabel.font = dict(size=13, color=TEXT)
for axis in (_template.layout.xaxis, _template.layout.yaxis):
    axis.tickfont.size = 12
    axis.title.font = dict(size=12, color=SECONDARY_TEXT)
_template.layout.title.x = 0.01
_template.layout.title.xref = "container"
_template.layout.title.xanchor = "left"
# Hung from the top, so each extra line grows downward into the room title_margin adds for it.
# Plotly's default centres the first line in the margin and lets the rest run on past it: a
# title of three lines or more (a phone wraps most titles so) ran into the plot.
_template.layout.title.update(y=1, yref="container", yanchor="top", pad_t=12)
_template.layout.margin = dict(l=10, r=10, t=60, b=10)
pio.templates[TEMPLATE_NAME] = _template
