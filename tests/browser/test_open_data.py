"""Issue 15's 'done when': the running app serves each open-data file at its fixed address, and
*Data & sources* points at those addresses."""

from __future__ import annotations

import csv
import gzip
import io
import json
import urllib.request

import pytest

from dashboard import open_data
from tests.browser.support import chromium_path, require, wait_for_app
from tests.test_open_data import ISSUE_COLUMNS

pytestmark = pytest.mark.browser

require(chromium=chromium_path())  # the session's server fixture comes with the suite's browser

EXPECTED = {
    "values.csv": ("text/csv", ISSUE_COLUMNS),
    "indicators.csv": ("text/csv", ["indicator_id", "title", "short_title", "theme", "unit", "polarity", "definition",
                                    "why_it_matters", "caveats", "in_development", "source_id", "source_publisher",
                                    "released"]),
    "sources.csv": ("text/csv", ["source_id", "publisher", "title", "url", "licence", "published", "accessed", "notes"]),
    "csv-metadata.json": ("application/json", None),
}


def fetch(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_is_served_at_its_address_with_its_columns(server, name):
    content_type, columns = EXPECTED[name]
    status, headers, body = fetch(f"{server}/{open_data.URL_PATH}/{name}")
    assert status == 200
    assert headers.get_content_type() == content_type
    assert body == (open_data.FOLDER / name).read_bytes(), "the committed file, byte for byte"
    if columns is not None:
        assert next(csv.reader(io.StringIO(body.decode("utf-8")))) == columns
    else:
        metadata = json.loads(body)
        assert [table["url"] for table in metadata["tables"]] == ["values.csv", "indicators.csv", "sources.csv"]
        assert [c["name"] for c in metadata["tables"][0]["tableSchema"]["columns"]] == ISSUE_COLUMNS


def test_values_travel_compressed_to_a_client_that_asks(server):
    status, headers, body = fetch(f"{server}/{open_data.URL_PATH}/values.csv", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    assert len(body) < (open_data.FOLDER / "values.csv").stat().st_size / 5
    assert gzip.decompress(body) == (open_data.FOLDER / "values.csv").read_bytes()


def test_data_and_sources_links_to_the_files_and_shows_this_apps_address(browser, server):
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(f"{server}/data-sources")
    wait_for_app(page)
    for name in EXPECTED:
        assert page.get_by_role("link", name=name, exact=True).evaluate("a => a.href") == (
            f"{server}/{open_data.URL_PATH}/{name}")
    example = page.locator('[data-testid="stCode"]').filter(has_text="read_csv").inner_text()
    assert f'pd.read_csv("{server}/{open_data.URL_PATH}/values.csv")' in example
    licence = page.get_by_role("link", name="Open Government Licence v3.0")
    assert licence.get_attribute("href") == open_data.LICENCE_URL
    page.context.close()
