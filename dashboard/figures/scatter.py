"""Scatter of areas with a fitted line: an indicator against deprivation."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme


def build_gradient(points: pd.DataFrame, line_x: tuple[float, float], line_y: tuple[float, float], title: str,
                   x_title: str, y_title: str, highlight: str | None = None) -> go.Figure:
    """``points``: ``imd_score``, ``value``, ``hover``, ``midlands`` (bool), ``area_code``. English
    areas in grey, Midlands areas in dark blue, ``highlight`` (an area code) ringed; the fitted line."""
    rest, midlands = points[~points["midlands"]], points[points["midlands"]]
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=rest["imd_score"], y=rest["value"], mode="markers", name="Other English areas",
        marker=dict(color="#BFBFBF", size=7, symbol="circle"), hovertext=rest["hover"], hoverinfo="text",
    ))
    fig.add_trace(go.Scatter(
        x=midlands["imd_score"], y=midlands["value"], mode="markers", name="Midlands areas",
        marker=dict(color=theme.DARK_BLUE, size=9, symbol="diamond"), hovertext=midlands["hover"], hoverinfo="text",
        customdata=midlands[["area_code"]],
    ))
    fig.add_trace(go.Scatter(x=list(line_x), y=list(line_y), mode="lines", name="Fitted line (least squares)",
                             line=dict(color=theme.TEXT, width=2, dash="dash"), hoverinfo="skip"))
    chosen = points[points["area_code"] == highlight] if highlight else points.iloc[:0]
    if len(chosen):
        fig.add_trace(go.Scatter(
            x=chosen["imd_score"], y=chosen["value"], mode="markers+text", name=chosen["area_name"].iloc[0],
            marker=dict(color="rgba(0,0,0,0)", size=16, line=dict(color=theme.TEXT, width=2)),
            text=chosen["area_name"], textposition="top center", hovertext=chosen["hover"], hoverinfo="text",
        ))
    wrapped = theme.wrap_title(title)
    fig.update_layout(
        title=wrapped, template=theme.TEMPLATE_NAME, height=460,
        margin=dict(l=10, r=20, t=theme.title_margin(wrapped), b=10),
        xaxis=dict(title=dict(text=x_title), showgrid=True, gridcolor="#E6E6E6"),
        yaxis=dict(title=dict(text=y_title), showgrid=True, gridcolor="#E6E6E6"),
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0),
    )
    return fig
