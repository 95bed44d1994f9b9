"""Small tables drawn as Markdown show data-file text as text, one row per line."""

import numpy as np
import pandas as pd

from dashboard.tables import markdown_table


def test_header_alignment_and_rows():
    frame = pd.DataFrame({"Area": ["Leicester", "Rutland"], "Value": [76.81, 83.0], "Year": [2024, 2023]})
    lines = markdown_table(frame).splitlines()
    assert lines[0] == "| Area | Value | Year |"
    assert lines[1] == "| :--- | ---: | ---: |"
    assert lines[2] == "| Leicester | 76\\.81 | 2024 |"  # no thousands separator in a year
    assert lines[3] == "| Rutland | 83 | 2023 |"


def test_markup_pipes_and_line_breaks_cannot_escape_their_cell():
    frame = pd.DataFrame({"Name": ["<img src=x onerror=alert(1)>", "a | b", "one\ntwo", "[x](javascript:y)"]})
    lines = markdown_table(frame).splitlines()
    assert len(lines) == 6, "a line break inside a cell must not start a new row"
    assert lines[2] == "| \\<img src=x onerror=alert\\(1\\)\\> |"
    assert lines[3] == "| a \\| b |"
    assert lines[4] == "| one two |"
    assert lines[5] == "| \\[x\\]\\(javascript:y\\) |"


def test_missing_values_are_blank_cells():
    frame = pd.DataFrame({"Population": [np.nan, 1200.0], "Note": [None, pd.NA]})
    lines = markdown_table(frame).splitlines()
    assert lines[2] == "|  |  |"
    assert lines[3] == "| 1200 |  |"
