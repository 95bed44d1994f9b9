"""CSV downloads cannot run as spreadsheet formulas and carry their sources."""

import io
from pathlib import Path

import pandas as pd
import pytest

from dashboard import exports
from dashboard.catalogue import load_catalogue

FIXTURE = Path(__file__).parent / "fixtures" / "catalogue"


@pytest.mark.parametrize("dangerous", ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_cells_are_neutralised(dangerous):
    frame = pd.DataFrame({"name": [dangerous], "value": [-1.5]})
    text = exports.to_csv_bytes(frame).decode()
    cell = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)["name"][0]
    assert cell.startswith("'")
    assert "-1.5" in text  # numbers are data, not formulas: left alone


def test_plain_text_is_untouched():
    frame = pd.DataFrame({"name": ["Derby"], "note": ["a = b"]})
    assert exports.to_csv_bytes(frame).decode().splitlines()[1] == "Derby,a = b"


def test_header_cells_are_neutralised_too():
    frame = pd.DataFrame({"=HYPERLINK(1)": [1]})
    assert exports.to_csv_bytes(frame).decode().startswith("'=HYPERLINK")


def test_catalogue_table_has_every_value_with_its_source():
    catalogue = load_catalogue(FIXTURE)
    table = exports.catalogue_table(catalogue)
    assert len(table) == len(catalogue.values)
    assert table["source_url"].eq("https://example.org/test").all()
    for column in ["indicator_title", "unit", "period", "value", "source_publisher", "source_licence"]:
        assert column in table.columns
