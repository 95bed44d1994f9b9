"""A few hundred random and hostile query strings: every page answers, nothing is echoed raw."""

import random
import re
import string

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_fixtures import fresh_caches, readable_errors  # noqa: F401 (autouse fixtures)
from tests.test_app import ENTRY, PAGES

KNOWN = ["indicator", "sex", "period", "area", "icb", "metric", "type"]
HOSTILE = [
    "<script>alert(1)</script>", "javascript:alert(1)", "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>",
    "'; DROP TABLE values; --", "../../etc/passwd", "%00", "\x00", "\u202e", "{{7*7}}", "${7*7}", "=HYPERLINK(1)",
    "A" * 10_000, "", " ", "E08000025 ", "e08000025", "2022-24\n", "None", "nan", "-1", "1e309", "🙂" * 50,
]
QUERIES_PER_PAGE = 60


def random_value(rng: random.Random) -> str:
    choice = rng.random()
    if choice < 0.5:
        return rng.choice(HOSTILE)
    if choice < 0.8:
        return "".join(rng.choice(string.printable) for _ in range(rng.randint(1, 30)))
    return rng.choice(["life_expectancy_birth", "Male", "Female", "2022-24", "E08000025", "E54000059", "all", "ctu"])


@pytest.mark.parametrize("page", PAGES)
def test_random_and_hostile_queries_never_break_a_page(page):
    rng = random.Random(f"fuzz-{page}")  # repeatable
    app = AppTest.from_file(ENTRY, default_timeout=60)
    app.run()
    app.switch_page(PAGES[page])
    for _ in range(QUERIES_PER_PAGE):
        app.query_params.clear()
        for _ in range(rng.randint(1, 4)):
            key = rng.choice(KNOWN + ["utm_source", "x" * rng.randint(1, 300), "<b>"])
            values = [random_value(rng) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
            app.query_params[key] = values if len(values) > 1 else values[0]
        app.session_state["_view_page"] = None  # arrive afresh, as a new link would
        app.run()
        assert not app.exception, dict(app.query_params)
        for notice in app.warning:
            outside_code = re.sub(r"`[^`]*`", "", notice.value)  # the user's text lives only in code spans
            assert "<" not in outside_code and "javascript:" not in outside_code and "](" not in outside_code
            assert "\n" not in notice.value
