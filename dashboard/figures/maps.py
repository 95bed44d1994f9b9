"""Maps over our own GeoJSON with Plotly's MapLibre traces.

The style is a blank background defined here, with no tile or glyph source, so the
browser fetches nothing from outside; its only resource is the app's own marker sprite
(``static/map/``), named by a path relative to the app that the browser and the image export
each resolve against their own server. Plotly's ``geo`` traces would download a world
map from a CDN and are never used. Text is never drawn on the map itself (MapLibre would
need remote glyphs); names go in hover labels and the table beside the map.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.figures import markers

BLANK_STYLE = {
    "version": 8,
    "sprite": markers.SPRITE_PATH,
    "sources": {},
    "layers": [
        {"id": "background", "type": "background", "paint": {"background-color": theme.MAP_BACKGROUND}}
    ],
}


def view_for(bounds: tuple[float, float, float, float], height_px: int, width_px: int = 450) -> dict:
    """Centre and zoom that fit the bounds into a map of about this size (half a wide page)."""
    west, south, east, north = bounds
    centre = {"lon": (west + east) / 2, "lat": (south + north) / 2}
    # MapLibre's zoom 0 shows 360° of longitude in 512 px; latitude is stretched by 1/cos(lat).
    stretch = math.cos(math.radians(centre["lat"]))
    fit_height = math.log2((height_px - 80) * 360 * stretch / (512 * max(north - south, 0.01)))
    fit_width = math.log2(width_px * 360 / (512 * max(east - west, 0.01)))
    return {"center": centre, "zoom": round(min(fit_height, fit_width) - 0.1, 2)}


def _layout(fig: go.Figure, title: str, bounds, height: int, map_left: float = 0.0) -> go.Figure:
    """``map_left``: the share of the width kept free on the left (for a colour bar)."""
    wrapped = theme.wrap_title(title)
    fig.update_layout(
        title=wrapped,
        template=theme.TEMPLATE_NAME,
        map={"style": BLANK_STYLE, "domain": {"x": [map_left, 1], "y": [0, 1]},
             **view_for(bounds, height, round(450 * (1 - map_left)))},
        meta={"bounds": list(bounds)},  # lets an image export re-fit the map to its own size
        height=height,
        margin=dict(l=0, r=0, t=theme.title_margin(wrapped), b=60),
        showlegend=True,
        legend=dict(orientation="h", yanchor="top", y=-0.02, x=0, bgcolor="rgba(255,255,255,0.8)"),
    )
    return fig


def only(geojson: dict, codes) -> dict:
    """The features a trace draws, and no others: each trace carries its own copy of the shapes
    it is given, so a trace given the whole collection would send every outline again."""
    wanted = set(codes)
    return {**geojson, "features": [f for f in geojson["features"] if f["properties"]["code"] in wanted]}


def _outline(geojson: dict, codes, width: float, colour: str, name: str) -> go.Choroplethmap:
    codes = list(codes)
    return go.Choroplethmap(
        geojson=only(geojson, codes),
        featureidkey="properties.code",
        locations=codes,
        z=[0] * len(codes),
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        showscale=False,
        marker_line_width=width,
        marker_line_color=colour,
        hoverinfo="skip",
        name=name,
        showlegend=False,
    )


def build_icb_region_map(
    icbs: dict,
    regions: dict,
    icb_table: pd.DataFrame,
    title: str,
    bounds,
    highlight: list[str] | None = None,
    height: int = 520,
) -> go.Figure:
    """ICBs filled by region colour, region outlines on top.

    ``icb_table`` has columns ``code``, ``name``, ``region_code``, ``region_name``, ``hover``.
    """
    fig = go.Figure()
    for region_code, group in icb_table.groupby("region_code", sort=True):
        colour = theme.REGION_COLOURS.get(region_code, theme.DARK_GREY)
        fig.add_trace(
            go.Choroplethmap(
                geojson=only(icbs, group["code"]),
                featureidkey="properties.code",
                locations=group["code"],
                z=[1] * len(group),
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                marker_opacity=0.75,
                marker_line_width=1,
                marker_line_color=theme.BOUNDARY_LINE,
                customdata=group[["hover"]],
                hovertemplate="%{customdata[0]}<extra></extra>",
                name=str(group["region_name"].iloc[0]),
                showlegend=True,
            )
        )
    fig.add_trace(_outline(regions, [f["properties"]["code"] for f in regions["features"]], 2.5, "#000000", "regions"))
    if highlight:
        fig.add_trace(_outline(icbs, highlight, 4, theme.ORANGE, "selected"))
    return _layout(fig, title, bounds, height)


def build_choropleth(
    geojson: dict,
    table: pd.DataFrame,
    title: str,
    value_label: str,
    bounds,
    highlight: list[str] | None = None,
    grey_hover: dict[str, str] | None = None,
    height: int = 520,
    points: pd.DataFrame | None = None,
    point_categories: dict[str, str] | None = None,
    outlines: dict | None = None,
) -> go.Figure:
    """A continuous choropleth of any level. ``table`` has ``code``, ``value`` and ``hover`` columns.

    Polygons without a row are drawn grey; ``grey_hover`` may say why (else "no data").
    ``outlines`` (e.g. upper-tier areas over a map of districts) are drawn on top as thicker lines.
    ``points`` (as for :func:`build_point_map`) are drawn on top, one legend entry per category:
    one map instead of two side by side, which is clearer and half the work for the browser.
    """
    all_codes = [f["properties"]["code"] for f in geojson["features"]]
    names = {f["properties"]["code"]: f["properties"]["name"] for f in geojson["features"]}
    grey_hover = grey_hover or {}
    missing = [c for c in all_codes if c not in set(table["code"])]
    fig = go.Figure()
    if missing:
        fig.add_trace(
            go.Choroplethmap(
                geojson=only(geojson, missing),
                featureidkey="properties.code",
                locations=missing,
                z=[0] * len(missing),
                colorscale=[[0, theme.NO_DATA], [1, theme.NO_DATA]],
                showscale=False,
                marker_line_width=1,
                marker_line_color=theme.BOUNDARY_LINE,
                text=[grey_hover.get(c, f"{names[c]}: no data") for c in missing],
                hovertemplate="%{text}<extra></extra>",
                name="not mapped / no data",
                showlegend=True,
            )
        )
    fig.add_trace(
        go.Choroplethmap(
            geojson=only(geojson, table["code"]),
            featureidkey="properties.code",
            locations=table["code"],
            z=table["value"],
            colorscale=[[i / (len(theme.SEQUENTIAL) - 1), c] for i, c in enumerate(theme.SEQUENTIAL)],
            marker_line_width=1,
            marker_line_color=theme.BOUNDARY_LINE,
            colorbar=dict(title=dict(text=value_label), thickness=14, len=0.6),
            customdata=table[["hover"]],
            hovertemplate="%{customdata[0]}<extra></extra>",
            name=value_label,
            showlegend=False,
        )
    )
    if outlines is not None:
        fig.add_trace(_outline(outlines, [f["properties"]["code"] for f in outlines["features"]], 1.5,
                               theme.DARK_GREY, "outlines"))
    if highlight:
        fig.add_trace(_outline(geojson, highlight, 4, theme.ORANGE, "selected"))
    if points is not None:
        _add_points(fig, points, point_categories or {})
        # The colour bar gets its own strip on the left, clear of the areas and their dots.
        fig.update_traces(selector=dict(name=value_label), colorbar=dict(x=0.0, xanchor="left", y=0.98,
                                                                          yanchor="top", len=0.45))
        return _layout(fig, title, bounds, height, map_left=0.13)
    return _layout(fig, title, bounds, height)


MARKER_SIZE = 9  # an icon 18 px across (markers.ICON_PX at size 10)
# Places closer than NEARBY_DEGREES (about 3 km: a university and its teaching hospital) are one
# spot on a regional map; their markers are set SPREAD_DEGREES apart on a ring (about a marker's
# width at the zoom that fits the Midlands in half a page), so none hides another.
NEARBY_DEGREES = 0.03
SPREAD_DEGREES = 0.1


def _nearby_groups(points: pd.DataFrame, distance: float) -> list[list]:
    """Row labels gathered greedily: a point joins the first group whose first point is within
    ``distance`` (longitude scaled to the same length), else starts its own. Two sites a few
    hundred metres apart (a university and its hospital) fall in one group."""
    groups: list[list] = []
    anchors: list[tuple[float, float]] = []
    for label, lat, lon in zip(points.index, points["latitude"], points["longitude"]):
        stretch = math.cos(math.radians(lat))
        for group, (lat0, lon0) in zip(groups, anchors):
            if math.hypot(lat - lat0, (lon - lon0) * stretch) < distance:
                group.append(label)
                break
        else:
            groups.append([label])
            anchors.append((lat, lon))
    return groups


def ring_radius(count: int, spacing: float = SPREAD_DEGREES) -> float:
    """The radius at which ``count`` markers on a ring sit ``spacing`` apart from their neighbours."""
    return spacing / (2 * math.sin(math.pi / count))


def spread_coincident(points: pd.DataFrame, spacing: float = SPREAD_DEGREES,
                      nearby: float = NEARBY_DEGREES) -> pd.DataFrame:
    """Markers at one site, or at sites too close to tell apart on the map (a unit drawn at its
    host's address beside the university's), fanned out on a ring around their centre, so each
    can be seen and hovered; a lone marker stays where it is."""
    spread = points.copy()
    for index in _nearby_groups(spread, nearby):
        if len(index) < 2:
            continue
        radius = ring_radius(len(index), spacing)
        angles = [math.pi / 2 + 2 * math.pi * i / len(index) for i in range(len(index))]
        lat0, lon0 = spread.loc[index, "latitude"].mean(), spread.loc[index, "longitude"].mean()
        stretch = 1 / math.cos(math.radians(lat0))  # a degree of longitude is shorter up north
        spread.loc[index, "latitude"] = [lat0 + radius * math.sin(a) for a in angles]
        spread.loc[index, "longitude"] = [lon0 + radius * stretch * math.cos(a) for a in angles]
    return spread


def _legend_count(on_map: int, listed: int) -> str:
    """A legend entry's count, saying so when some of its places have no location to draw: the
    bars and table beside the map count them all."""
    return str(listed) if on_map == listed else f"{on_map} of {listed} on the map"


def _add_points(fig: go.Figure, points: pd.DataFrame, category_labels: dict[str, str]) -> None:
    """One marker trace per category, in the categories' order; rows without a location left out.

    Each category has its own shape as well as its colour (``markers``), so colour never carries
    the meaning alone: the icons come from the app's own sprite, white outline included, and the
    legend entry starts with the same shape as a character.
    """
    located = points.dropna(subset=["latitude", "longitude"])
    if located.empty:
        return
    located = spread_coincident(located)
    for i, (category, label) in enumerate(category_labels.items()):
        group = located[located["category"] == category]
        if group.empty:
            continue
        shape, _ = markers.shape_for(i)
        colour = markers.category_colour(i)
        fig.add_trace(
            go.Scattermap(
                lat=group["latitude"], lon=group["longitude"], mode="markers",
                # The icon has its colour baked in (MapLibre does not tint a plain sprite icon), so
                # marker.color only draws the legend's swatch: Plotly draws that as a circle for every
                # map trace, which would contradict a square or triangle. It is left clear and the
                # entry's name starts with the real shape; hover labels get the colour instead.
                marker=dict(size=MARKER_SIZE, color=markers.NO_SWATCH, symbol=markers.icon_name(shape, colour),
                            allowoverlap=True),
                hoverlabel=dict(bgcolor=colour),
                name=f"{markers.legend_name(i, label)} ({_legend_count(len(group), int((points['category'] == category).sum()))})",
                customdata=group[["hover"]],
                hovertemplate="%{customdata[0]}<extra></extra>",
            )
        )


def build_point_map(
    outlines: dict,
    points: pd.DataFrame,
    title: str,
    bounds,
    category_labels: dict[str, str],
    highlight: list[str] | None = None,
    height: int = 520,
) -> go.Figure:
    """Places as dots over light area outlines, one colour (and legend entry) per category.

    ``points``: ``latitude``, ``longitude``, ``category`` (a key of ``category_labels``),
    ``hover``. Rows without a location are left out here; the table beside the map lists them.
    """
    codes = [f["properties"]["code"] for f in outlines["features"]]
    fig = go.Figure(
        go.Choroplethmap(
            geojson=outlines, featureidkey="properties.code", locations=codes, z=[0] * len(codes),
            colorscale=[[0, "#F2F2F2"], [1, "#F2F2F2"]], showscale=False,
            marker_line_width=1, marker_line_color="#8C8C8C", hoverinfo="skip", showlegend=False,
        )
    )
    if highlight:
        fig.add_trace(_outline(outlines, highlight, 4, theme.ORANGE, "selected"))
    _add_points(fig, points, category_labels)
    return _layout(fig, title, bounds, height)
