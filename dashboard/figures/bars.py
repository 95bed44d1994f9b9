"""Bar charts: plain comparisons, and ranked areas with confidence intervals and benchmarks."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import stats, theme
from dashboard.figures import markers


def _base_layout(fig: go.Figure, title: str, x_title: str, height: int) -> go.Figure:
    wrapped = theme.wrap_title(title)
    fig.update_layout(
        title=wrapped,
        template=theme.TEMPLATE_NAME,
        height=height,
        margin=dict(l=10, r=30, t=theme.title_margin(wrapped), b=10),
        xaxis=dict(title=dict(text=x_title), showgrid=True, gridcolor="#E6E6E6", zeroline=False),
        yaxis=dict(title=None, automargin=True),
        showlegend=False,
        bargap=0.3,
    )
    return fig


def build_bar(table: pd.DataFrame, title: str, x_title: str, colour: str = theme.DARK_BLUE) -> go.Figure:
    """Horizontal bars, in the order given (top row first).

    ``table`` has ``label``, ``value`` and ``text`` (the value as a reader reads it, e.g. 'more than 30,000');
    an optional ``code`` column travels with each bar, so a click can say which item it was; an
    optional boolean ``highlight`` column draws the other bars in grey (the labels say which is which).
    """
    colours = colour
    if "highlight" in table.columns:
        colours = [colour if flag else theme.MUTED_GREY for flag in table["highlight"]]
    fig = go.Figure(
        go.Bar(
            x=table["value"],
            y=table["label"],
            orientation="h",
            marker_color=colours,
            text=table["text"],
            textposition="outside",
            cliponaxis=False,
            customdata=table[["code"]] if "code" in table.columns else None,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, float(table["value"].max()) * 1.3 if len(table) else 1])
    return _base_layout(fig, title, x_title, height=max(240, 70 + 44 * len(table)))


def build_ranked_bar(
    table: pd.DataFrame,
    title: str,
    x_title: str,
    benchmarks: dict[str, float],
    outcome: str = "vs_england",
    compared_with: str = "England",
    highlight: str | None = None,
) -> go.Figure:
    """Areas ranked by value, with 95% CI whiskers, benchmark lines and outcome markers.

    ``table``: ``label``, ``value``, ``lower_ci``, ``upper_ci``, ``text`` and an outcome column
    (Better / Similar / Worse / Higher / Lower / Not compared). ``benchmarks``: name → value.
    Each outcome is its own trace so the legend names it, with its own marker shape.
    ``highlight``: the label of one bar drawn darker (its label should say why).
    """
    ranked = table.sort_values("value", ascending=False)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=ranked["value"],
            y=ranked["label"],
            orientation="h",
            marker_color=[theme.FOCUS if label == highlight else theme.CONTEXT for label in ranked["label"]]
            if highlight else theme.CONTEXT,
            error_x=dict(
                type="data",
                symmetric=False,
                array=(ranked["upper_ci"] - ranked["value"]).fillna(0),
                arrayminus=(ranked["value"] - ranked["lower_ci"]).fillna(0),
                color=theme.DARK_GREY,
                thickness=1.2,
            ),
            customdata=ranked[["text", outcome]],
            hovertemplate="%{y}: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
            showlegend=False,
            name="value",
        )
    )
    for name, group in ranked.groupby(outcome, sort=False):
        colour, symbol = theme.BENCHMARK_STYLE.get(name, theme.BENCHMARK_STYLE["Not compared"])
        fig.add_trace(
            go.Scatter(
                x=group["value"],
                y=group["label"],
                mode="markers",
                marker=dict(color=colour, symbol=symbol, size=12, line=dict(color="#000000", width=1)),
                name=stats.outcome_phrase(name, compared_with),
                hoverinfo="skip",
                showlegend=True,
            )
        )
    dashes = ["solid", "dash", "dot"]
    for i, (name, value) in enumerate(benchmarks.items()):
        # A shape in the legend, not an annotation: labels of close benchmarks would overlap.
        fig.add_vline(
            x=value,
            line=dict(color="#000000", width=1.5, dash=dashes[i % len(dashes)]),
            name=f"{name} ({value:,.{stats.benchmark_decimals(value)}f})",
            showlegend=True,
        )
    low = min(ranked["lower_ci"].min(skipna=True), ranked["value"].min(), *benchmarks.values())
    high = max(ranked["upper_ci"].max(skipna=True), ranked["value"].max(), *benchmarks.values())
    pad = (high - low) * 0.15 or 1
    fig.update_xaxes(range=[low - pad, high + pad])
    # One row per area, first at the top. Left to autorange, the axis would add several empty
    # rows at each end to fit the markers' size.
    fig.update_yaxes(range=[ranked["label"].nunique() - 0.5, -0.5])
    _base_layout(fig, title, x_title, height=max(320, 90 + 26 * len(ranked)))
    fig.update_layout(showlegend=True, legend=dict(orientation="h", y=-0.08, x=0, title=None))
    return fig


def build_grouped_bar(
    table: pd.DataFrame, title: str, x_title: str, reference: tuple[str, float] | None = None
) -> go.Figure:
    """One bar per (group, series): ``label`` on the axis, ``series`` as colour, ``value``, ``text``.

    ``reference`` (name, value) draws a labelled vertical line, e.g. the region's share of population.
    """
    fig = go.Figure()
    for i, (series, group) in enumerate(table.groupby("series", sort=False)):
        fig.add_trace(
            go.Bar(
                x=group["value"],
                y=group["label"],
                orientation="h",
                name=str(series),
                marker_color=theme.CATEGORICAL[i % len(theme.CATEGORICAL)],
                text=group["text"],
                textposition="outside",
                cliponaxis=False,
                hovertemplate=f"{series} — %{{y}}: %{{text}}<extra></extra>",
            )
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, float(table["value"].max()) * 1.35 if len(table) else 1])
    if reference:
        fig.add_vline(x=reference[1], line=dict(color="#000000", width=1.5, dash="dash"),
                      name=reference[0], showlegend=True)
    _base_layout(fig, title, x_title, height=max(280, 110 + 30 * len(table)))
    fig.update_layout(showlegend=True, barmode="group", legend=dict(orientation="h", y=-0.12, x=0))
    return fig


def build_gap_chart(table: pd.DataFrame, title: str, x_title: str) -> go.Figure:
    """Lowest-to-highest area as a line per series, England as a marker on it.

    ``table``: ``series``, ``low_name``, ``low_value``, ``high_name``, ``high_value``, ``england_value``.
    """
    fig = go.Figure()
    for row in table.itertuples():
        fig.add_trace(
            go.Scatter(
                x=[row.low_value, row.high_value],
                y=[row.series, row.series],
                mode="lines+markers",
                line=dict(color=theme.CONTEXT, width=6),
                marker=dict(color=[theme.DARK_PINK, theme.TURQUOISE], size=14, symbol=["triangle-down", "triangle-up"]),
                customdata=[[row.low_name], [row.high_name]],
                hovertemplate="%{customdata[0]}: %{x:.1f}<extra></extra>",
                showlegend=False,
            )
        )
    fig.add_trace(
        go.Scatter(
            x=table["england_value"],
            y=table["series"],
            mode="markers",
            marker=dict(color="#000000", size=12, symbol="line-ns", line=dict(width=3, color="#000000")),
            name="England",
            hovertemplate="England: %{x:.1f}<extra></extra>",
        )
    )
    for row in table.itertuples():
        fig.add_annotation(x=row.low_value, y=row.series, text=row.low_name, yshift=-18, showarrow=False, font_size=12)
        fig.add_annotation(x=row.high_value, y=row.series, text=row.high_name, yshift=-18, showarrow=False, font_size=12)
    _base_layout(fig, title, x_title, height=120 + 90 * len(table))
    low = float(table[["low_value", "england_value"]].min().min())
    high = float(table[["high_value", "england_value"]].max().max())
    fig.update_xaxes(range=[low - (high - low) * 0.2, high + (high - low) * 0.2])
    fig.update_layout(showlegend=True, legend=dict(orientation="h", y=-0.25, x=0))
    return fig


def build_stacked_bar(table: pd.DataFrame, title: str, x_title: str, category_labels: dict[str, str]) -> go.Figure:
    """One bar per ``label``, split by ``category`` (in the categories' order and colours, as on
    the maps); each legend entry carries its total, so one chart answers 'where' and 'what'.
    Each category also has its own fill pattern (``markers.BAR_PATTERNS``), shown in the legend,
    so colour never tells the segments apart on its own.

    ``table``: ``label``, ``category`` (a key of ``category_labels``), ``value``. Bars run from
    the largest total down; the total is written at the end of each bar.
    """
    totals = table.groupby("label")["value"].sum().sort_values(ascending=False, kind="stable")
    order = list(totals.index)
    fig = go.Figure()
    for i, (category, name) in enumerate(category_labels.items()):
        group = table[table["category"] == category].set_index("label").reindex(order)
        if group["value"].isna().all():
            continue
        fig.add_trace(
            go.Bar(
                x=group["value"].fillna(0), y=order, orientation="h",
                name=f"{name} ({int(group['value'].sum())})",
                marker=dict(color=markers.category_colour(i), line=dict(color="#FFFFFF", width=1),
                            pattern=markers.bar_pattern(i)),
                hovertemplate=f"%{{y}}: %{{x}} {name}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=totals.values, y=order, mode="text", text=[f"{int(v)}" for v in totals.values],
            textposition="middle right", hoverinfo="skip", showlegend=False, name="total",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, float(totals.max()) * 1.2 if len(totals) else 1], dtick=1 if totals.max() <= 10 else None)
    legend_rows = len(fig.data) - 1
    _base_layout(fig, title, x_title, height=max(300, 150 + 34 * len(order) + 22 * legend_rows))
    fig.update_layout(
        showlegend=True, barmode="stack",
        legend=dict(orientation="h", yanchor="top", y=-0.12 - 0.5 * 60 / (150 + 34 * len(order)), x=0),
        margin_b=40 + 24 * legend_rows,
    )
    return fig
