"""Trend charts: an area over time against its benchmarks."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme


def build_trend(table: pd.DataFrame, title: str, y_title: str) -> go.Figure:
    """One line per series in period order, with the 95% CI of each point as error bars.

    ``table``: ``series`` (e.g. the area, its region, England), ``period``, ``value``,
    ``lower_ci``, ``upper_ci``, ``text``. The first series is the focus and drawn darkest.
    """
    fig = go.Figure()
    styles = [
        (theme.DARK_BLUE, "solid", "circle", 3),
        (theme.TURQUOISE, "dash", "square", 2),
        ("#000000", "dot", "diamond", 2),
    ]
    for i, (series, group) in enumerate(table.groupby("series", sort=False)):
        colour, dash, symbol, width = styles[i % len(styles)]
        fig.add_trace(
            go.Scatter(
                x=group["period"],
                y=group["value"],
                mode="lines+markers",
                name=str(series),
                line=dict(color=colour, dash=dash, width=width),
                marker=dict(symbol=symbol, size=9, color=colour),
                error_y=dict(
                    type="data",
                    symmetric=False,
                    array=(group["upper_ci"] - group["value"]).fillna(0),
                    arrayminus=(group["value"] - group["lower_ci"]).fillna(0),
                    color=colour,
                    thickness=1,
                    width=4,
                ),
                customdata=group[["text"]],
                hovertemplate=f"{series}, %{{x}}: %{{customdata[0]}}<extra></extra>",
            )
        )
    wrapped = theme.wrap_title(title)
    fig.update_layout(
        title=wrapped,
        template=theme.TEMPLATE_NAME,
        height=420,
        margin=dict(l=10, r=10, t=theme.title_margin(wrapped), b=10),
        xaxis=dict(title=None, type="category"),
        yaxis=dict(title=dict(text=y_title), showgrid=True, gridcolor="#E6E6E6"),
        legend=dict(orientation="h", y=-0.15, x=0),
    )
    return fig
