"""Small tables as Markdown: the browser draws them without loading the data-grid code.

Every cell is escaped, so text from a data file is shown as text and never as markup.
"""

from __future__ import annotations

import pandas as pd

from dashboard.state import escape_markdown

SMALL_TABLE_ROWS = 60  # larger tables go in the interactive grid, where they can be sorted and scrolled


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        # As the data hold it, with no separators (a year column must stay 2024, not 2,024).
        text = str(int(value)) if value.is_integer() else str(round(value, 6))
    else:
        text = str(value)
    return escape_markdown(" ".join(text.split()))  # a line break would end the table row


def markdown_table(frame: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown table of ``frame`` (index dropped); numbers right-aligned."""
    headers = [_cell(column) for column in frame.columns]
    numeric = [pd.api.types.is_numeric_dtype(frame[column]) for column in frame.columns]
    lines = [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join("---:" if is_number else ":---" for is_number in numeric) + " |",
    ]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(_cell(value) for value in row) + " |")
    return "\n".join(lines)
