"""Shapes that tell map points and bar segments apart without colour.

Each category on a map gets a shape as well as a colour, drawn by MapLibre from a sprite the
app generates itself (``scripts/map_sprite.py`` → ``static/map/``), so nothing is fetched from
another site. The icons have their colour and a white outline baked in: MapLibre would tint
only signed-distance-field icons, and Plotly gives those a halo in their own colour. Plotly's
legend draws every map trace as a circle, so each legend entry also starts with the shape as a
character in the same colour. Stacked bar segments get a fill pattern each, in the same order.
"""

from __future__ import annotations

from dashboard import theme

# (symbol name, the same shape as a character for the legend), in the order categories take them.
MAP_SHAPES = (
    ("circle", "●"),
    ("square", "■"),
    ("triangle", "▲"),
    ("diamond", "◆"),
    ("triangle-down", "▼"),
    ("star", "★"),
)
SPRITE_PATH = "app/static/map/sprite"  # relative to the app's address; sprite.json, .png, @2x
ICON_PX = 20  # an icon's drawn size at marker.size 10 (Plotly sets MapLibre's icon-size to size / 10)

# Fill patterns for stacked bar segments, in the order categories take them ("" is solid).
BAR_PATTERNS = ("", "/", "x", ".", "+", "\\", "-", "|")


def bar_pattern(index: int) -> dict:
    """A stacked bar segment's fill: its colour with a white pattern over it (the first is solid)."""
    shape = BAR_PATTERNS[index % len(BAR_PATTERNS)]
    return dict(shape=shape, fillmode="overlay", fgcolor="#FFFFFF", fgopacity=0.85, size=7, solidity=0.3)


def category_colour(index: int) -> str:
    return theme.CATEGORICAL[index % len(theme.CATEGORICAL)]


def shape_for(index: int) -> tuple[str, str]:
    return MAP_SHAPES[index % len(MAP_SHAPES)]


def icon_name(shape: str, colour: str) -> str:
    """The sprite's name for a shape in a colour, e.g. ``square-12436d``."""
    return f"{shape}-{colour.lstrip('#').lower()}"


def sprite_icons() -> list[tuple[str, str]]:
    """Every (shape, colour) the maps can ask for: each shape in each categorical colour."""
    return [(shape, colour) for shape, _ in MAP_SHAPES for colour in dict.fromkeys(theme.CATEGORICAL)]


# A map trace's marker colour: the icon carries the colour, and the legend's circle is hidden.
NO_SWATCH = "rgba(0,0,0,0)"


def legend_name(index: int, label: str) -> str:
    """A legend entry that shows its shape as well as naming it (Plotly draws a circle for any map trace)."""
    _, glyph = shape_for(index)
    return f'<span style="color:{category_colour(index)};font-size:16px">{glyph}</span> {label}'
