"""The briefing deck, opened again with python-pptx: slides, titles, images, sources."""

import io
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard.briefing import TABLE_ROWS_PER_SLIDE, ChartSpec, build_deck


def tiny_png(*_args, **_kwargs) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 9), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def chart(key: str, rows: int, source: str) -> ChartSpec:
    table = pd.DataFrame({"Area": [f"Area {i}" for i in range(rows)], "Value": list(range(rows))})
    return ChartSpec(
        key=key, title=f"Finding of {key}", summary=f"Summary of {key}.", source=f"Source: {source}.",
        figure=go.Figure(go.Bar(x=[1], y=["a"])), table=table, source_ids=(source,),
    )


def texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def build(charts, sources=None, progress=None):
    sources = sources if sources is not None else pd.DataFrame(
        {"publisher": ["ONS", "OHID"], "title": ["Life expectancy", "PHOF"],
         "url": ["https://www.ons.gov.uk/x", "https://fingertips.phe.org.uk/y"],
         "licence": ["Open Government Licence v3.0"] * 2}
    )
    data = build_deck(
        page_title="Health inequalities", filters=[("sex", "Male"), ("period", "2022-24")],
        link="http://localhost:8501/inequalities?sex=Male&period=2022-24", charts=charts, sources=sources,
        generated_on=date(2026, 11, 24), render=tiny_png, progress=progress,
    )
    return Presentation(io.BytesIO(data))


def test_deck_has_title_chart_table_and_sources_slides():
    deck = build([chart("map", 3, "ONS"), chart("bars", TABLE_ROWS_PER_SLIDE + 2, "OHID")])
    slides = list(deck.slides)
    # title + (chart + 1 table) + (chart + 2 tables) + sources
    assert len(slides) == 1 + 2 + 3 + 1
    title = " ".join(texts(slides[0]))
    assert "Health inequalities" in title and "sex: Male; period: 2022-24" in title
    assert "2026-11-24" in title and "inequalities?sex=Male&period=2022-24" in title
    assert texts(slides[1])[0] == "Finding of map"
    assert texts(slides[3])[0] == "Finding of bars"
    assert f"rows 1–{TABLE_ROWS_PER_SLIDE} of {TABLE_ROWS_PER_SLIDE + 2}" in texts(slides[4])[0]


def test_every_chart_slide_has_an_image_a_finding_and_a_source():
    deck = build([chart("map", 3, "ONS"), chart("bars", 2, "OHID")])
    chart_slides = [s for s in deck.slides if texts(s) and texts(s)[0].startswith("Finding of")]
    assert len(chart_slides) == 2
    for slide in chart_slides:
        assert sum(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in slide.shapes) == 1
        assert any(text.startswith("Source: ") for text in texts(slide))
        assert any(text.startswith("Summary of") for text in texts(slide))


def test_sources_slide_lists_every_source_with_its_licence():
    deck = build([chart("map", 3, "ONS")])
    last = list(deck.slides)[-1]
    assert texts(last)[0] == "Sources"
    (table,) = [shape.table for shape in last.shapes if shape.has_table]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0] == ["Publisher", "Title", "Licence", "Address"]
    assert ["ONS", "Life expectancy", "Open Government Licence v3.0", "https://www.ons.gov.uk/x"] in cells
    assert len(cells) == 3


def test_progress_is_reported_per_chart():
    seen = []
    build([chart("a", 1, "ONS"), chart("b", 1, "ONS")], progress=lambda done, total, title: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
