"""Draw the maps' marker sprite: every shape in every categorical colour, with a white outline.

    python scripts/map_sprite.py            # writes static/map/sprite{,@2x}.{png,json}
    python scripts/map_sprite.py --check    # exit 1 if the committed files differ

The files are generated: change this script or dashboard/figures/markers.py and rerun it.
Shapes are drawn at 8x and scaled down, so their edges are smooth at either pixel ratio.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from dashboard.figures import markers  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "static" / "map"
OVERSAMPLE = 8
OUTLINE = 0.08  # the white outline's width, as a share of the icon


def _regular(n: int, radius: float, start: float, centre=(0.5, 0.5)) -> list[tuple[float, float]]:
    return [(centre[0] + radius * math.cos(start + 2 * math.pi * i / n),
             centre[1] + radius * math.sin(start + 2 * math.pi * i / n)) for i in range(n)]


def _star(radius: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.45
        angle = -math.pi / 2 + math.pi * i / 5
        points.append((0.5 + r * math.cos(angle), 0.53 + r * math.sin(angle)))
    return points


def _outline(shape: str, grow: float):
    """The shape as ("ellipse", radius) or ("polygon", points) in a unit box; ``grow`` adds the outline.
    Sizes are chosen so every shape covers about the same area (a star's arms are thin)."""
    if shape == "circle":
        return "ellipse", 0.32 + grow
    polygons = {
        "square": lambda g: _regular(4, (0.28 + g) * math.sqrt(2), math.pi / 4),
        "diamond": lambda g: _regular(4, 0.37 + g * math.sqrt(2), -math.pi / 2),
        # A triangle's outline grows its circumradius by twice its width; centred on its height.
        "triangle": lambda g: _regular(3, 0.38 + 2 * g, -math.pi / 2, (0.5, 0.5 + (0.38 + 2 * g) / 4)),
        "triangle-down": lambda g: _regular(3, 0.38 + 2 * g, math.pi / 2, (0.5, 0.5 - (0.38 + 2 * g) / 4)),
        "star": lambda g: _star(0.40 + 1.4 * g),
    }
    return "polygon", polygons[shape](grow)


def draw_icon(shape: str, colour: str, size: int) -> Image.Image:
    big = size * OVERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for fill, grow in (("#FFFFFF", OUTLINE), (colour, 0.0)):
        kind, geometry = _outline(shape, grow)
        if kind == "ellipse":
            r = geometry * big
            draw.ellipse((big / 2 - r, big / 2 - r, big / 2 + r, big / 2 + r), fill=fill)
        else:
            draw.polygon([(x * big, y * big) for x, y in geometry], fill=fill)
    return image.resize((size, size), Image.LANCZOS)


def build(pixel_ratio: int) -> tuple[bytes, bytes]:
    """The sprite sheet (PNG bytes) and its index (JSON bytes) at one pixel ratio."""
    icons = markers.sprite_icons()
    size = markers.ICON_PX * pixel_ratio
    columns = 8
    rows = math.ceil(len(icons) / columns)
    sheet = Image.new("RGBA", (columns * size, rows * size), (0, 0, 0, 0))
    index = {}
    for i, (shape, colour) in enumerate(icons):
        x, y = (i % columns) * size, (i // columns) * size
        sheet.paste(draw_icon(shape, colour, size), (x, y))
        index[markers.icon_name(shape, colour)] = {"width": size, "height": size, "x": x, "y": y,
                                                   "pixelRatio": pixel_ratio}
    png = io.BytesIO()
    sheet.save(png, format="PNG", optimize=True)
    return png.getvalue(), (json.dumps(index, indent=1, sort_keys=True) + "\n").encode()


def files() -> dict[str, bytes]:
    out = {}
    for ratio, suffix in ((1, ""), (2, "@2x")):
        png, index = build(ratio)
        out[f"sprite{suffix}.png"], out[f"sprite{suffix}.json"] = png, index
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if static/map differs from what this draws")
    args = parser.parse_args()
    wanted = files()
    if args.check:
        stale = [name for name, data in wanted.items()
                 if not (OUT / name).exists() or (OUT / name).read_bytes() != data]
        if stale:
            print("static/map is out of date: " + ", ".join(stale) + " (run python scripts/map_sprite.py)")
            return 1
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in wanted.items():
        (OUT / name).write_bytes(data)
        print(f"wrote {OUT / name} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
