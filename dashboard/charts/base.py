"""What every chart shares: the Chart (figure, rows, summary, source), its figure encoded once for
every session, source lines with the boundaries' notice."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.analysis import sources
from dashboard.catalogue import Catalogue
from dashboard.geography import Boundaries
from dashboard.tables import SMALL_TABLE_ROWS, markdown_table

# The boundary file's entry in data/sources.csv, listed with every map's sources (briefing deck).
BOUNDARIES_SOURCE_ID = "ons_uk_topojson_boundaries"


def with_boundaries(source: str, geo: Boundaries) -> str:
    """A map's source line: its data's sources, then the notice the boundaries' publisher asks
    for, word for word (it is drawn under the map, in image footers and on briefing slides)."""
    return f"{source} {geo.attribution}"


def rows_source(catalogue: Catalogue, rows: pd.DataFrame) -> str:
    """The source line of a chart's rows, with every period they cover."""
    return sources.source_line(catalogue, rows["source_id"], ", ".join(sorted(rows["period"].unique())))


class SharedFigure(go.Figure):
    """A finished figure that many sessions show: turned into plain data and JSON text once.

    Encoding a figure (a deep copy, numpy arrays encoded, then Plotly's JSON encoder) was about
    half the server's time for a page of charts when it happened on every rerun. This figure
    does it once: ``to_dict`` for images and slides, ``to_json_text`` for the page. It is never
    changed after it is built, and nothing downstream changes what it hands out.
    """

    def to_dict(self) -> dict:
        plain = self.__dict__.get("_plain")
        if plain is None:
            plain = json.loads(pio.to_json(go.Figure.to_dict(self), validate=False))
            self.__dict__["_plain"] = plain
        return plain

    def to_json_text(self) -> str:
        text = self.__dict__.get("_json_text")
        if text is None:
            text = json.dumps(self.to_dict(), separators=(",", ":"))
            self.__dict__["_json_text"] = text
        return text


@dataclass(frozen=True)
class Chart:
    key: str
    figure: go.Figure
    table: pd.DataFrame  # the rows drawn, each with its source_id where it has one
    summary: str  # one line a reader can take away without the chart
    source: str  # the caption under the chart: source, period, polarity
    table_columns: dict[str, str] | None = None  # column → heading, for the table alternative
    extra_source_ids: tuple[str, ...] = field(default=())  # sources used beyond the rows' own
    # Derived once, when the chart is built, rather than on every rerun that shows it:
    shown: pd.DataFrame = field(init=False, repr=False)  # the table alternative, headed for readers
    shown_markdown: str | None = field(init=False, repr=False)  # it as Markdown, if small enough
    source_ids: tuple[str, ...] = field(init=False, repr=False)  # every source the chart uses
    title: str = field(init=False, repr=False)  # the figure's title on one line

    def __post_init__(self) -> None:
        if not isinstance(self.figure, SharedFigure):
            object.__setattr__(self, "figure", SharedFigure(self.figure))
        shown = self.table[list(self.table_columns)].rename(columns=self.table_columns) if self.table_columns else self.table
        shown = shown.reset_index(drop=True)
        rows = list(self.table["source_id"]) if "source_id" in self.table.columns else []
        object.__setattr__(self, "shown", shown)
        object.__setattr__(self, "shown_markdown", markdown_table(shown) if len(shown) <= SMALL_TABLE_ROWS else None)
        object.__setattr__(self, "source_ids", tuple(dict.fromkeys([*rows, *self.extra_source_ids])))
        object.__setattr__(self, "title", (self.figure.layout.title.text or "").replace("<br>", " "))
