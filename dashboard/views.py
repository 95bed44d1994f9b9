"""Streamlit rendering shared by every page: cached data, URL-bound controls, chart blocks.

This is the only module (with ``pages/``) that imports Streamlit. Nothing from a URL or a
data file is rendered as HTML: text from either goes through ``state.escape_markdown`` or
into code spans, and ``unsafe_allow_html`` is never used.
"""

from __future__ import annotations

import functools
import re
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import analysis, config, exports, state
from dashboard.catalogue import Catalogue, load_catalogue
from dashboard.errors import DataFileError
from dashboard.geography import Boundaries, load_boundaries

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


# cache_resource, not cache_data: every session shares one read-only copy of the catalogue and
# the boundaries, instead of unpickling its own on every rerun (memory grows per session, and
# each rerun pays the copy). Nothing downstream mutates these frames: analysis works on copies.
@st.cache_resource(show_spinner="Loading the data catalogue…")
def catalogue() -> Catalogue:
    return load_catalogue(config.DATA_DIR)


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

_ACTIVE_PAGE = "_view_page"


def controls(page: str, catalogue: Catalogue) -> state.ViewState:
    """Render the page's controls, seeded from the URL on arrival, and write the URL back.

    The URL is read once, when the page is opened; after that the widgets hold the view
    and every rerun writes all parameters explicitly (the latest period included).
    """
    params = state.PAGE_PARAMS[page](catalogue)
    if st.session_state.get(_ACTIVE_PAGE) != page:
        raw = {name: st.query_params.get_all(name) for name in st.query_params.keys()}
        parsed = state.parse(params, raw)
        for name, value in parsed.values.items():
            st.session_state[f"{page}.{name}"] = value
        st.session_state[f"{page}._notices"] = parsed.notices
        st.session_state[f"{page}._arrived_with"] = dict(parsed.values)
        st.session_state[_ACTIVE_PAGE] = page

    values: dict[str, str] = {}
    columns = st.columns(len(params)) if params else []
    for param, column in zip(params, columns):
        options = param.options_given(values)
        key = f"{page}.{param.name}"
        if not options:
            values[param.name] = ""
            continue
        if st.session_state.get(key) not in options:
            st.session_state[key] = param.default_given(options, values)
        with column:
            values[param.name] = st.selectbox(
                param.label[:1].upper() + param.label[1:], options, key=key, format_func=param.describe
            )

    view = state.ViewState(values=values, notices=(), params=tuple(params))
    if values == st.session_state.get(f"{page}._arrived_with"):
        notices = st.session_state.get(f"{page}._notices", ())
        for notice in notices:
            st.warning(notice.markdown(), icon="⚠️")
        view = state.ViewState(values=values, notices=notices, params=tuple(params))
    st.query_params.from_dict(view.query())
    return view


def ignore_url() -> None:
    """Pages without controls drop whatever parameters a link carried (unknown ones are ignored)."""
    st.session_state[_ACTIVE_PAGE] = None
    if st.query_params.keys():
        st.query_params.clear()


# --- chart blocks ----------------------------------------------------------------------


def chart_block(
    fig: go.Figure,
    table: pd.DataFrame,
    *,
    key: str,
    summary: str,
    source: str,
    catalogue: Catalogue,
    table_columns: dict[str, str] | None = None,
    select_into: str | None = None,
) -> None:
    """A chart with its source line, one-line summary, table alternative and CSV of the rows shown.

    ``select_into`` names a URL parameter of the page: clicking a map area or bar sets it to
    the clicked item's code (the trace's ``locations`` or ``customdata`` first column).
    """
    if select_into:
        st.plotly_chart(
            fig, width="stretch", config=PLOTLY_CONFIG, key=f"chart-{key}",
            on_select=functools.partial(_select_callback, f"chart-{key}", select_into), selection_mode="points",
        )
    else:
        st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=f"chart-{key}")
    st.caption(md(source))
    st.markdown(md(summary))
    shown = table[list(table_columns)].rename(columns=table_columns) if table_columns else table
    with st.expander("Table of this chart"):
        show_table(shown)
    download = exports.with_sources(catalogue, table) if "source_id" in table.columns else table
    st.download_button(
        "Download these rows (CSV)",
        data=exports.to_csv_bytes(download),
        file_name=f"{key}-{date.today().isoformat()}.csv",
        mime="text/csv",
        key=f"download-{key}",
        icon=":material/download:",
    )


def _select_callback(chart_key: str, parameter_key: str) -> None:
    """A click on a chart chooses that item, as if picked in the page's selector."""
    selection = st.session_state[chart_key].selection
    for point in selection.get("points", []):
        code = point.get("location") or (point.get("customdata") or [None])[0]
        if code:
            st.session_state[parameter_key] = code
            return


SMALL_TABLE_ROWS = 60


def show_table(frame: pd.DataFrame) -> None:
    """A small table as plain HTML; a large one in the interactive grid.

    The grid's JavaScript is a large chunk the browser only loads when a page has one, so
    pages built from small tables open noticeably faster (see scripts/benchmark.py).
    """
    if len(frame) <= SMALL_TABLE_ROWS:
        st.table(frame.reset_index(drop=True), hide_index=True)
    else:
        st.dataframe(frame, hide_index=True, width="stretch")


def kpi(column, label: str, value_text: str, caption: str) -> None:
    with column:
        st.metric(label, value_text, border=True)
        st.caption(md(caption))



def indicator_notes(indicator: pd.Series) -> None:
    """The indicator's reviewed definition, and how areas are compared."""
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
