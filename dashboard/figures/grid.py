"""A grid of areas × indicators, each cell coloured by its comparison and labelled in words."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme

# Light fills so the dark cell text stays readable; the words, not the colours, carry the meaning.
STATUS_COLOURS = {
    "Better": "#BFD8EE", "Worse": "#F6C8AE", "Similar": "#F0F0F0", "Higher": "#DCD3EA", "Lower": "#DCD3EA",
}
OTHER_COLOUR = "#FFFFFF"


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, OTHER_COLOUR)


def build_status_grid(cells: pd.DataFrame, status: pd.DataFrame, title: str) -> go.Figure:
    """``cells``: first column ``Area`` then one column per indicator (cell text); ``status``: the
    same grid of words that choose each cell's fill. Drawn as a Plotly table (slides and images)."""
    columns = list(cells.columns)
    fills = [[OTHER_COLOUR] * len(cells)] + [[status_colour(s) for s in status[c]] for c in columns[1:]]
    fig = go.Figure(go.Table(
        header=dict(values=[f"<b>{c}</b>" for c in columns], fill_color="#E8E8E8", align="left",
                    font=dict(size=10, color=theme.TEXT)),
        cells=dict(values=[cells[c] for c in columns], fill_color=fills, align="left",
                   font=dict(size=9, color=theme.TEXT), height=22),
        columnwidth=[1.6] + [1.2] * (len(columns) - 1),
    ))
    wrapped = theme.wrap_title(title, 90)
    fig.update_layout(title=wrapped, template=theme.TEMPLATE_NAME, margin=dict(l=10, r=10, t=theme.title_margin(wrapped), b=10),
                      height=max(300, 120 + 24 * len(cells)))
    return fig
