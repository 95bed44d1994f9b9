"""Charts as slide-ready images (PNG, SVG), with their source and provenance drawn in.

Rendering is done on the server by kaleido, which drives Debian's Chromium. MathJax is
switched off and plotly.js is read from the installed plotly package, so rendering fetches
nothing from the internet. One Chromium is started on first use and shared. A map's marker
icons come from the app's own sprite, served to that Chromium by a small server on 127.0.0.1
that answers with the sprite files and nothing else (MapLibre cannot read them from a file).
"""

from __future__ import annotations

import functools
import os
import shutil
import textwrap
import threading
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import plotly.graph_objects as go

from dashboard import theme
from dashboard.figures import maps

SLIDE_WIDTH, SLIDE_HEIGHT = 1600, 900  # 16:9, sharp on a projector
FORMATS = ("png", "svg")
_FOOTER_WRAP = 150

_lock = threading.Lock()
_started = False
SPRITE_DIR = Path(__file__).resolve().parents[1] / "static" / "map"
_sprite_server: ThreadingHTTPServer | None = None


class ImageRenderingError(RuntimeError):
    """The chart could not be drawn as an image (for example, no Chromium on the server)."""


def _ensure_renderer() -> None:
    global _started
    if _started:
        return
    import kaleido  # imported here: the app starts without paying for it

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise ImageRenderingError("Chromium is not installed on the server, so charts cannot be drawn as images.")
    os.environ.setdefault("BROWSER_PATH", chromium)
    kaleido.start_sync_server(page_generator=kaleido.PageGenerator(mathjax=False), silence_warnings=True)
    _started = True


class _SpriteFiles(SimpleHTTPRequestHandler):
    """The sprite folder's files, readable from kaleido's page (a file:// page, hence the CORS header)."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def list_directory(self, path):  # noqa: ANN001 - the standard library's signature
        self.send_error(404)
        return None

    def log_message(self, format, *args) -> None:  # noqa: A002 - the standard library's name
        pass


def _sprite_base() -> str:
    """The address of the marker sprite for kaleido's Chromium: a loopback server started once."""
    global _sprite_server
    if _sprite_server is None:
        handler = functools.partial(_SpriteFiles, directory=str(SPRITE_DIR))
        _sprite_server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=_sprite_server.serve_forever, name="map-sprite", daemon=True).start()
    return f"http://127.0.0.1:{_sprite_server.server_address[1]}/sprite"


def with_local_sprite(figure: dict, sprite_base: str) -> dict:
    """The figure (as a dict) with its map style's sprite, a path relative to the app, pointed
    at ``sprite_base`` instead; a figure without a map is returned unchanged."""
    style = figure.get("layout", {}).get("map", {}).get("style")
    if not isinstance(style, dict) or "sprite" not in style:
        return figure
    layout = {**figure["layout"], "map": {**figure["layout"]["map"], "style": {**style, "sprite": sprite_base}}}
    return {**figure, "layout": layout}


def footer_lines(source: str, link: str, generated_on: date) -> list[str]:
    lines = textwrap.wrap(source, width=_FOOTER_WRAP)
    lines.append(f"Generated on {generated_on.isoformat()} from {link}")
    return lines


def for_slide(fig: go.Figure, source: str, link: str, generated_on: date,
              width: int = SLIDE_WIDTH, height: int = SLIDE_HEIGHT) -> go.Figure:
    """A copy of the chart sized for a slide, with its source and provenance under it.

    The legend moves above the plot so the footer has the bottom edge to itself.
    """
    slide = go.Figure(fig)
    lines = footer_lines(source, link, generated_on)
    footer_height = 24 * len(lines) + 16
    title = theme.wrap_title(_plain_title(fig), width=95)
    title_height = 36 * (title.count("<br>") + 1)
    slide.update_layout(
        width=width,
        height=height,
        font=dict(size=18),
        title=dict(text=title, font=dict(size=26), x=0.01, xref="container", xanchor="left", y=0.98, yanchor="top",
                   pad_t=0),  # y places it here; the page template's top pad is for its charts
        legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom", xanchor="left", font_size=18),
        margin=dict(l=30, r=40, t=title_height + 70, b=footer_height + 50),
    )
    # The page's template sizes axis text for a screen; a slide is read from across a room.
    slide.update_xaxes(tickfont_size=18, title_font_size=18)
    slide.update_yaxes(tickfont_size=18, title_font_size=18)
    slide.add_annotation(
        text="<br>".join(line.replace("<", "&lt;") for line in lines),
        xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", yshift=-50,
        showarrow=False, align="left", font=dict(size=15, color="#505A5F"),
    )
    meta = slide.layout.meta
    if isinstance(meta, dict) and "bounds" in meta:
        left, right = slide.layout.map.domain.x or (0, 1)  # the map may leave a strip for its colour bar
        map_width = round((width - 70) * (right - left))
        slide.update_layout(map=maps.view_for(meta["bounds"], height - title_height - footer_height - 120, map_width))
    return slide


def _plain_title(fig: go.Figure) -> str:
    text = fig.layout.title.text or ""
    return text.replace("<br>", " ")


def render(fig: go.Figure, fmt: str, source: str, link: str, generated_on: date | None = None) -> bytes:
    """The chart as PNG or SVG bytes at slide size, footer included."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    slide = for_slide(fig, source, link, generated_on or date.today())
    with _lock:
        _ensure_renderer()
        import kaleido

        try:
            options = {"format": fmt, "width": slide.layout.width, "height": slide.layout.height}
            return kaleido.calc_fig_sync(with_local_sprite(slide.to_dict(), _sprite_base()), opts=options)
        except Exception as exc:  # kaleido raises several types; the user needs one clear message
            raise ImageRenderingError(f"The chart could not be drawn as {fmt.upper()}: {exc}") from exc
