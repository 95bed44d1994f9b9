"""The spine chart: one area on every indicator, against England and the Midlands spread."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import stats, theme


def build_spine(table: pd.DataFrame, title: str) -> go.Figure:
    """Rows from ``analysis.profile.spine_rows``: England at the centre line, better (or higher) to the right.

    Light bar: lowest to highest Midlands area; dark bar: the middle half; marker: this area,
    shaped and coloured by its comparison with England.
    """
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=table["label"], x=table["range_end"] - table["range_start"], base=table["range_start"],
            orientation="h", marker_color="#E3E3E3", name="Midlands areas: lowest to highest", hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Bar(
            y=table["label"], x=table["iqr_end"] - table["iqr_start"], base=table["iqr_start"],
            orientation="h", marker_color="#A6A6A6", name="Middle half of Midlands areas", hoverinfo="skip",
        )
    )
    for outcome, group in table.groupby("outcome", sort=False):
        colour, symbol = theme.BENCHMARK_STYLE.get(outcome, theme.BENCHMARK_STYLE["Not compared"])
        fig.add_trace(
            go.Scatter(
                y=group["label"], x=group["position"], mode="markers",
                marker=dict(color=colour, symbol=symbol, size=14, line=dict(color="#000000", width=1)),
                name=stats.outcome_phrase(outcome),
                customdata=group[["display", "england_value", "midlands_lowest", "midlands_highest"]],
                hovertemplate=(
                    "%{y}<br>This area: %{customdata[0]}<br>England: %{customdata[1]:,.1f}"
                    "<br>Midlands range: %{customdata[2]:,.1f} to %{customdata[3]:,.1f}<extra></extra>"
                ),
            )
        )
    fig.add_vline(x=0.5, line=dict(color="#000000", width=2), name="England", showlegend=True)
    wrapped = theme.wrap_title(title, width=90)
    fig.update_layout(
        title=wrapped, template=theme.TEMPLATE_NAME, barmode="overlay", bargap=0.45,
        height=140 + 48 * len(table),
        margin=dict(l=10, r=10, t=theme.title_margin(wrapped), b=10),
        xaxis=dict(range=[-0.08, 1.08], tickvals=[0, 0.5, 1], ticktext=["worse / lower", "England", "better / higher"],
                   showgrid=False, zeroline=False),
        # One row per indicator, first at the top; autorange would add empty rows for the markers.
        yaxis=dict(range=[table["label"].nunique() - 0.5, -0.5], automargin=True),
        legend=dict(orientation="h", y=-0.12, x=0),
    )
    return fig
