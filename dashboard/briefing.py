"""A PowerPoint briefing of the view on screen, built with python-pptx.

One title slide (page, filters in words, date, link back), then for every chart a slide with
its image, its one-sentence finding and its source, a slide with its table, and last the
sources of every figure shown, with their licences.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from dashboard import images
from dashboard.config import APP_NAME

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TABLE_ROWS_PER_SLIDE = 10
SOURCES_PER_SLIDE = 10
DARK = RGBColor(0x0B, 0x0C, 0x0C)
MUTED = RGBColor(0x50, 0x5A, 0x5F)


@dataclass(frozen=True)
class ChartSpec:
    """What a page showed for one chart: enough to put it on a slide."""

    key: str
    title: str
    summary: str
    source: str
    figure: go.Figure = field(repr=False)
    table: pd.DataFrame = field(repr=False)
    source_ids: tuple[str, ...] = ()


Progress = Callable[[int, int, str], None]


def _text(slide, left, top, width, height, text: str, size: int, bold: bool = False, colour=DARK):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.text = text
    paragraph.font.size = Pt(size)
    paragraph.font.bold = bold
    paragraph.font.color.rgb = colour
    return box


def _table(slide, frame: pd.DataFrame, top, height, font_size: int = 11) -> None:
    rows, cols = len(frame) + 1, len(frame.columns)
    shape = slide.shapes.add_table(rows, cols, MARGIN, top, SLIDE_W - 2 * MARGIN, height)
    grid = shape.table
    for c, name in enumerate(frame.columns):
        grid.cell(0, c).text = str(name)
    for r, row in enumerate(frame.itertuples(index=False), start=1):
        for c, value in enumerate(row):
            grid.cell(r, c).text = "" if pd.isna(value) else str(value)
    for r in range(rows):
        for c in range(cols):
            for paragraph in grid.cell(r, c).text_frame.paragraphs:
                paragraph.font.size = Pt(font_size)


def _blank(deck):
    return deck.slides.add_slide(deck.slide_layouts[6])


def build_deck(
    *,
    page_title: str,
    filters: Sequence[tuple[str, str]],
    link: str,
    charts: Sequence[ChartSpec],
    sources: pd.DataFrame,
    generated_on: date | None = None,
    render: Callable[..., bytes] = images.render,
    progress: Progress | None = None,
) -> bytes:
    """The deck as .pptx bytes. ``sources``: publisher, title, url, licence of every source used."""
    generated_on = generated_on or date.today()
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    width = SLIDE_W - 2 * MARGIN

    slide = _blank(deck)
    _text(slide, MARGIN, Inches(1.6), width, Inches(1.2), f"{APP_NAME}: {page_title}", 36, bold=True)
    shown = "; ".join(f"{label}: {value}" for label, value in filters) or "no filters"
    _text(slide, MARGIN, Inches(3.0), width, Inches(0.8), f"View: {shown}", 20)
    _text(slide, MARGIN, Inches(3.9), width, Inches(0.5), f"Generated on {generated_on.isoformat()}", 16, colour=MUTED)
    _text(slide, MARGIN, Inches(4.5), width, Inches(0.8), f"Open this view: {link}", 14, colour=MUTED)

    for number, chart in enumerate(charts, start=1):
        if progress:
            progress(number, len(charts), chart.title)
        slide = _blank(deck)
        _text(slide, MARGIN, Inches(0.25), width, Inches(0.9), chart.title, 24, bold=True)
        picture = render(chart.figure, "png", chart.source, link, generated_on)
        image_top, image_height = Inches(1.2), Inches(4.9)
        image_width = Emu(int(image_height * images.SLIDE_WIDTH / images.SLIDE_HEIGHT))
        slide.shapes.add_picture(io.BytesIO(picture), (SLIDE_W - image_width) // 2, image_top, image_width, image_height)
        _text(slide, MARGIN, Inches(6.15), width, Inches(0.6), chart.summary, 14)
        _text(slide, MARGIN, Inches(6.8), width, Inches(0.5), chart.source, 11, colour=MUTED)

        table = chart.table
        for start in range(0, len(table), TABLE_ROWS_PER_SLIDE):
            part = table.iloc[start:start + TABLE_ROWS_PER_SLIDE]
            slide = _blank(deck)
            suffix = f" (rows {start + 1}–{start + len(part)} of {len(table)})" if len(table) > TABLE_ROWS_PER_SLIDE else ""
            _text(slide, MARGIN, Inches(0.25), width, Inches(0.9), f"Table: {chart.title}{suffix}", 20, bold=True)
            _table(slide, part, Inches(1.3), Inches(0.4) * (len(part) + 1), font_size=10)
            _text(slide, MARGIN, Inches(6.8), width, Inches(0.5), chart.source, 11, colour=MUTED)

    listed = sources.reset_index(drop=True)
    for start in range(0, max(len(listed), 1), SOURCES_PER_SLIDE):
        part = listed.iloc[start:start + SOURCES_PER_SLIDE]
        slide = _blank(deck)
        _text(slide, MARGIN, Inches(0.25), width, Inches(0.9), "Sources", 28, bold=True)
        if part.empty:
            _text(slide, MARGIN, Inches(1.3), width, Inches(0.5), "No sourced figures were shown.", 14)
            continue
        columns = part[["publisher", "title", "licence", "url"]].rename(
            columns={"publisher": "Publisher", "title": "Title", "licence": "Licence", "url": "Address"}
        )
        _table(slide, columns, Inches(1.2), Inches(0.5) * (len(part) + 1), font_size=10)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
