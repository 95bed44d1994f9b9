"""Streamlit rendering shared by every page: cached data, URL-bound controls, chart blocks.

Only this module, ``figure_element`` and the page files import Streamlit. Nothing from a URL
or a data file is rendered as HTML: text from either goes through ``state.escape_markdown``
or into code spans, and ``unsafe_allow_html`` is never used. Charts reach the browser as
JSON that Plotly draws as SVG text, which keeps only Plotly's few formatting tags.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from urllib.parse import urlencode, urlsplit

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import briefing, changelog, config, exports, figure_element, images, state, tables
from dashboard.analysis.sources import release_date_words
from dashboard.catalogue import Catalogue, load_catalogue
from dashboard.charts.base import Chart
from dashboard.errors import DataFileError
from dashboard.geography import Boundaries, load_boundaries
from dashboard.methods.similar_areas import SimilarAreas
from dashboard.methods.similar_areas import load as load_similar_areas

# plotly.js 4's "Share chart" button uploads the figure to Plotly's cloud: never offered.
PLOTLY_CONFIG = {
    "displaylogo": False, "showSendToCloud": False, "showLink": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "sendChartToCloud"],
}


# cache_resource, not cache_data: every session shares one read-only copy of the catalogue and
# the boundaries, instead of unpickling its own on every rerun (memory grows per session, and
# each rerun pays the copy). Nothing downstream mutates these frames: analysis works on copies.
@st.cache_resource(show_spinner="Loading the data catalogue…")
def catalogue() -> Catalogue:
    return load_catalogue(config.DATA_DIR)


@st.cache_resource(show_spinner="Loading ONS's similar areas…")
def similar_areas() -> SimilarAreas:
    return load_similar_areas(config.DATA_DIR)


@st.cache_resource(show_spinner="Loading boundaries…")
def boundaries() -> Boundaries:
    return load_boundaries(config.boundaries_file())


def show_data_error(error: DataFileError) -> None:
    """A clear page instead of a traceback: which file, row and column to fix."""
    st.error(
        "The dashboard's data did not pass its checks, so nothing is shown rather than "
        "something incomplete. A curator needs to fix the problems below and restart the app."
    )
    problems = pd.DataFrame(
        [
            {"file": p.file, "row": p.row if p.row is not None else "", "column": p.column or "", "problem": p.message}
            for p in error.problems
        ]
    )
    st.dataframe(problems, hide_index=True, width="stretch")


def md(text) -> str:
    """Text from a data file, safe to place in markdown."""
    return state.escape_markdown(str(text))


def link(title: str, url: str) -> str:
    safe_url = re.sub(r"[()\s<>\"]", lambda m: f"%{ord(m.group()):02X}", url)
    return f"[{md(title)}]({safe_url})"


# --- URL-bound controls ------------------------------------------------------------------

# The page whose controls the session state holds; find_your_area clears it to hand over to the URL.
ACTIVE_PAGE = "_view_page"


def controls(page: str, catalogue: Catalogue, *data: SimilarAreas, later: tuple[str, ...] = ()) -> state.ViewState:
    """Render the page's controls, seeded from the URL on arrival, and write the URL back.

    The URL is read once, when the page is opened; after that the widgets hold the view
    and every rerun writes all parameters explicitly (the latest period included). Parameters
    named in ``later`` are checked here but drawn further down the page, by ``later_controls``.
    """
    params = state.page_params(page, catalogue, *data)
    if st.session_state.get(ACTIVE_PAGE) != page:
        raw = {name: st.query_params.get_all(name) for name in st.query_params.keys()}
        parsed = state.parse(params, raw)
        for name, value in parsed.values.items():
            st.session_state[f"{page}.{name}"] = value
        st.session_state[f"{page}._notices"] = parsed.notices
        st.session_state[f"{page}._arrived_with"] = dict(parsed.values)
        st.session_state[ACTIVE_PAGE] = page

    values: dict[str, str] = {}
    drawn_here = [param for param in params if param.name not in later]
    columns = dict(zip([p.name for p in drawn_here], st.columns(len(drawn_here)))) if drawn_here else {}
    for param in params:
        options = param.options_given(values)
        key = f"{page}.{param.name}"
        if not options:
            values[param.name] = ""
            continue
        if st.session_state.get(key) not in options:
            st.session_state[key] = param.default_given(options, values)
        if param.name in later:
            values[param.name] = st.session_state[key]
            continue
        with columns[param.name]:
            values[param.name] = st.selectbox(
                param.label[:1].upper() + param.label[1:], options, key=key, format_func=param.describe
            )

    _this_run()["filters"] = [(param.label, param.describe(values[param.name])) for param in params if values[param.name]]
    view = state.ViewState(values=values, notices=(), params=tuple(params))
    if values == st.session_state.get(f"{page}._arrived_with"):
        notices = st.session_state.get(f"{page}._notices", ())
        for notice in notices:
            st.warning(notice.markdown(), icon="⚠️")
        view = state.ViewState(values=values, notices=notices, params=tuple(params))
    # A parameter with no options here (an ICB has no similar areas) stays out of the link.
    st.query_params.from_dict({name: value for name, value in view.query().items() if value})
    return view


def later_controls(page: str, view: state.ViewState, names: tuple[str, ...]) -> None:
    """Draw, where the page wants them, the selectors ``controls`` checked but did not draw."""
    shown = [param for param in view.params if param.name in names and view[param.name]]
    for param, column in zip(shown, st.columns(len(shown)) if shown else []):
        before = {p.name: view[p.name] for p in view.params[:view.params.index(param)]}
        with column:
            st.selectbox(param.label[:1].upper() + param.label[1:], param.options_given(before),
                         key=f"{page}.{param.name}", format_func=param.describe)


def ignore_url() -> None:
    """Pages without controls drop whatever parameters a link carried (unknown ones are ignored)."""
    st.session_state[ACTIVE_PAGE] = None
    if st.query_params.keys():
        st.query_params.clear()


# --- chart blocks ----------------------------------------------------------------------


def chart_block(chart: Chart, catalogue: Catalogue, *, select_into: tuple[str, frozenset[str]] | None = None) -> None:
    """A chart with its source line, one-line summary, table alternative and downloads.

    ``select_into`` is (widget key, accepted codes): clicking a map area or bar sets that
    control to the clicked item's code (the trace's ``locations`` or ``customdata`` first column).
    """
    fig, table, key = chart.figure, chart.table, chart.key
    on_click = functools.partial(_select_callback, f"chart-{key}", *select_into) if select_into else None
    figure_element.figure(fig.to_json_text(), key=f"chart-{key}", config=PLOTLY_CONFIG,
                          label=chart.title, summary=chart.summary, on_click=on_click)
    st.caption(md(chart.source))
    st.markdown(md(chart.summary))
    # Drawn only while open: every rerun re-renders whatever is on the page, and three closed
    # tables were about 60 ms of the browser's work for each filter change (scripts/benchmark.py).
    table_box = st.expander("Table of this chart", key=f"table-{key}", on_change="rerun")
    if table_box.open:
        with table_box:
            if chart.shown_markdown is not None:
                markdown_table(chart.shown_markdown)
            else:
                show_table(chart.shown)
    spec = briefing.ChartSpec(
        key=key, title=chart.title, summary=chart.summary, source=chart.source,
        figure=fig, table=chart.shown, source_ids=chart.source_ids,
    )
    _this_run()["charts"].append(spec)
    source = chart.source
    link = current_link()
    stamp = date.today().isoformat()
    # In a popover: its buttons are drawn only when it is opened, which keeps a page of several
    # charts quick to open (scripts/benchmark.py).
    with st.popover("Download", icon=":material/download:", help="This chart's rows or image, with its source"):
        st.download_button(
            "CSV", data=functools.partial(_csv_with_sources, catalogue, table),
            file_name=f"{key}-{stamp}.csv", mime="text/csv", key=f"download-{key}",
            icon=":material/table_view:", on_click="ignore", help="The rows of this chart, with each row's source",
        )
        st.download_button(
            "PNG", data=functools.partial(_image_or_message, fig, "png", source, link),
            file_name=f"{key}-{stamp}.png", mime="image/png", key=f"png-{key}",
            icon=":material/image:", on_click="ignore", help="Slide-sized image with source and link",
        )
        st.download_button(
            "SVG", data=functools.partial(_image_or_message, fig, "svg", source, link),
            file_name=f"{key}-{stamp}.svg", mime="image/svg+xml", key=f"svg-{key}",
            icon=":material/image:", on_click="ignore", help="Scalable image with source and link",
        )


def table_block(chart: Chart, catalogue: Catalogue, grid, *, key: str, rows: int) -> object:
    """A view that is itself a table (``grid``: a frame or Styler drawn in the interactive grid):
    its source line, one-line summary, CSV download of the chart's rows and a place in the briefing
    deck (as ``chart.figure``). Returns the grid's selection event."""
    st.markdown(md(chart.summary))
    event = st.dataframe(grid, hide_index=True, width="stretch", height=min(640, 38 + 35 * rows),
                         key=key, on_select="rerun", selection_mode=["single-row", "single-column"])
    st.caption(md(chart.source))
    _this_run()["charts"].append(briefing.ChartSpec(
        key=chart.key, title=chart.title, summary=chart.summary, source=chart.source,
        figure=chart.figure, table=chart.shown, source_ids=chart.source_ids,
    ))
    st.download_button(
        "Download CSV", data=functools.partial(_csv_with_sources, catalogue, chart.table),
        file_name=f"{chart.key}-{date.today().isoformat()}.csv", mime="text/csv", key=f"download-{chart.key}",
        icon=":material/table_view:", on_click="ignore",
        help="Every cell shown, one row each, with its comparison, national rank and fifth, and its source",
    )
    return event


def csv_with_sources(catalogue: Catalogue, table: pd.DataFrame):
    """A download button's data: the rows with each row's source, built when pressed."""
    return functools.partial(_csv_with_sources, catalogue, table)


def _csv_with_sources(catalogue: Catalogue, table: pd.DataFrame) -> bytes:
    """Runs when the button is pressed: the rows with each row's source beside them."""
    rows = exports.with_sources(catalogue, table) if "source_id" in table.columns else table
    return exports.to_csv_bytes(rows)


def _image_or_message(fig: go.Figure, fmt: str, source: str, link: str) -> bytes:
    """Runs when the button is pressed; a failure still downloads, as a note saying why."""
    try:
        return images.render(fig, fmt, source, link)
    except images.ImageRenderingError as error:
        return str(error).encode("utf-8")


def _select_callback(chart_key: str, parameter_key: str, accepted: frozenset[str]) -> None:
    """A click on a chart chooses that item, as if picked in the page's selector.

    Outline layers sit on top of the areas, so a click also "selects" a region outline: only
    codes the selector offers are taken.
    """
    for point in figure_element.clicked_points(chart_key):
        code = point.get("location") or (point.get("customdata") or [None])[0]
        if code in accepted:
            st.session_state[parameter_key] = code
            return


def show_table(frame: pd.DataFrame) -> None:
    """A small table as Markdown; a large one in the interactive grid.

    The grid's code (and st.table's) is a large chunk the browser loads only when a page has
    one, so pages built from small tables open noticeably faster (see scripts/benchmark.py).
    """
    if len(frame) <= tables.SMALL_TABLE_ROWS:
        markdown_table(tables.markdown_table(frame))
    else:
        st.dataframe(frame, hide_index=True, width="stretch")


def markdown_table(text: str) -> None:
    """A Markdown table in a box of its own that scrolls sideways when the table is wider.

    A row that does not wrap (a horizontal container) scrolls its overflow itself, so a wide
    table on a phone moves inside its box instead of making the whole page scroll sideways.
    """
    with st.container(horizontal=True, wrap=False):
        st.markdown(text)


def kpi(column, label: str, value_text: str, caption: str) -> None:
    with column:
        st.metric(label, value_text, border=True)
        st.caption(md(caption))



def whats_new(catalogue: Catalogue) -> None:
    """The latest data changes from data/CHANGELOG.md, by indicator, in words."""
    entries = changelog.read(config.DATA_DIR / "CHANGELOG.md")
    if not entries:
        st.markdown("No change to the data has been recorded yet.")
        return
    latest = entries[0]
    titles = catalogue.indicators["short_title"]
    st.markdown(
        f"The official figures were last rebuilt from the publishers' files on "
        f"**{release_date_words(latest.date)}** (`python -m pipeline`). What that rebuild changed:"
    )
    show_table(pd.DataFrame(
        [(titles.get(indicator_id, indicator_id), what) for indicator_id, what in latest.changes],
        columns=["Indicator", "Change"],
    ))
    st.caption("The full history is in data/CHANGELOG.md, written by the pipeline after every rebuild that "
               "changed a value.")


def indicator_notes(indicator: pd.Series, provenance: str | None = None) -> None:
    """The indicator's reviewed definition, and how areas are compared."""
    if provenance:
        st.caption(md(provenance) + " Every indicator's definition and source: *Data & sources*.")
    with st.expander(f"About this indicator: {indicator['title']}"):
        st.markdown(f"**Definition.** {md(indicator['definition'])}")
        st.markdown(f"**Why it matters.** {md(indicator['why_it_matters'])}")
        if indicator["caveats"]:
            st.markdown(f"**Caveats.** {md(indicator['caveats'])}")
        st.markdown(
            "**How areas are compared.** An area is *Better* or *Worse* than England when England's value "
            "lies outside the area's 95% confidence interval, and *Similar* otherwise; where higher is "
            "neither better nor worse the words are *Higher*, *Similar* and *Lower*. Areas without a "
            "published interval are *Not compared*."
        )


# --- page frame: what this run showed, the share link and the briefing ------------------

_RUN = "_page_run"


def start_page() -> None:
    """Called by the entry file before a page runs: forget what the previous run showed."""
    st.session_state[_RUN] = {"charts": [], "filters": []}


def _this_run() -> dict:
    return st.session_state.setdefault(_RUN, {"charts": [], "filters": []})


def current_link() -> str:
    """The full address of the view on screen, every parameter written out."""
    query = urlencode({name: st.query_params[name] for name in st.query_params.keys()})
    address = st.context.url or ""
    parts = urlsplit(address)
    base = f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.netloc else parts.path or "/"
    return base + (f"?{query}" if query else "")


def page_footer(page_title: str, catalogue: Catalogue) -> None:
    """Share this view, and download a briefing deck of it."""
    run = _this_run()
    link = current_link()
    st.divider()
    share, brief = st.columns([3, 2])
    with share:
        st.markdown("**Share this view**")
        # The link with a copy button sits in a popover: the code block's highlighter is a large
        # download the page would otherwise wait for on every visit.
        with st.popover("Copy the link to this view", icon=":material/link:"):
            st.caption("This link reopens exactly what is on screen, filters included.")
            st.code(link, language=None, wrap_lines=True)
    with brief:
        st.markdown("**Briefing pack**")
        charts = run["charts"]
        if not charts:
            st.caption("This page has no charts to put in a briefing.")
            return
        st.caption(f"A PowerPoint deck of this view: {len(charts)} {'chart' if len(charts) == 1 else 'charts'} with {'its table and source' if len(charts) == 1 else 'their tables and sources'}.")
        stored = st.session_state.get("_briefing")
        if st.button("Prepare briefing", icon=":material/slideshow:", key="prepare-briefing"):
            stored = _build_briefing(page_title, run, link, catalogue)
        if stored and stored["link"] == link:
            st.download_button(
                "Download briefing (.pptx)", data=stored["deck"], file_name=stored["file_name"],
                mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                icon=":material/download:", key="download-briefing", on_click="ignore",
            )


def _build_briefing(page_title: str, run: dict, link: str, catalogue: Catalogue) -> dict | None:
    charts = run["charts"]
    bar = st.progress(0.0, text="Preparing the briefing…")
    try:
        used = list(dict.fromkeys(source for chart in charts for source in chart.source_ids))
        sources = catalogue.sources.loc[used, ["publisher", "title", "url", "licence"]] if used else None
        deck = briefing.build_deck(
            page_title=page_title, filters=run["filters"], link=link, charts=charts,
            sources=sources if sources is not None else catalogue.sources.iloc[:0],
            progress=lambda done, total, title: bar.progress(done / (total + 1), text=f"Drawing chart {done} of {total}"),
        )
    except Exception as error:  # any failure: say so plainly and leave the page as it was
        bar.empty()
        st.error(f"The briefing could not be built ({type(error).__name__}: {md(error)}). The page is unaffected; try again.")
        return None
    bar.progress(1.0, text="Briefing ready")
    stored = {
        "link": link, "deck": deck,
        "file_name": f"briefing-{page_title.lower().replace(' ', '-')}-{date.today().isoformat()}.pptx",
    }
    st.session_state["_briefing"] = stored
    return stored
