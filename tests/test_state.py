"""URL state: valid links reopen the same view; stale and hostile ones fall back, with a notice."""

import re
from pathlib import Path

import pytest

from dashboard import state
from dashboard.catalogue import load_catalogue

FIXTURE = Path(__file__).parent / "fixtures" / "catalogue"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(FIXTURE)


def params():
    return [
        state.Param("colour", "colour", ["red", "green"], "red"),
        state.Param(
            "shade",
            "shade",
            lambda earlier: {"red": ["dark", "light"], "green": ["pale"]}[earlier["colour"]],
            lambda options, earlier: options[-1],
        ),
    ]


def test_valid_values_are_kept():
    view = state.parse(params(), {"colour": ["green"], "shade": ["pale"]})
    assert view.values == {"colour": "green", "shade": "pale"}
    assert view.notices == ()


def test_missing_values_take_defaults_silently():
    view = state.parse(params(), {})
    assert view.values == {"colour": "red", "shade": "light"}
    assert view.notices == ()


def test_dependent_default_follows_earlier_choice():
    view = state.parse(params(), {"colour": ["green"]})
    assert view["shade"] == "pale"


def test_stale_value_names_parameter_and_fallback():
    view = state.parse(params(), {"colour": ["blue"]})
    assert view["colour"] == "red"
    (notice,) = view.notices
    assert (notice.parameter, notice.given, notice.used) == ("colour", "blue", "red")
    assert "`colour`" in notice.markdown() and "red" in notice.markdown()


def test_value_invalid_for_earlier_choice_falls_back():
    view = state.parse(params(), {"colour": ["green"], "shade": ["dark"]})
    assert view["shade"] == "pale"
    assert [n.parameter for n in view.notices] == ["shade"]


def test_unknown_parameters_are_ignored():
    view = state.parse(params(), {"utm_source": ["mail"], "colour": ["green"]})
    assert set(view.query()) == {"colour", "shade"}
    assert view.notices == ()


def test_repeated_key_with_different_values_falls_back():
    view = state.parse(params(), {"colour": ["green", "red"]})
    assert view["colour"] == "red"
    assert "2 times" in view.notices[0].reason


def test_repeated_key_with_same_value_is_fine():
    view = state.parse(params(), {"colour": ["green", "green"]})
    assert view["colour"] == "green" and view.notices == ()


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "javascript:alert(document.cookie)",
        "[click](javascript:alert(1))",
        "`code` **bold** <img src=x onerror=alert(1)>",
        "x" * 10_000,
        "\x00\x1b[31mred\n\r",
        "red\u202egreen",
        "",
    ],
)
def test_hostile_values_never_reach_markdown_unescaped(hostile):
    view = state.parse(params(), {"colour": [hostile]})
    assert view["colour"] == "red"
    text = view.notices[0].markdown()
    spans = re.findall(r"`[^`]*`", text)
    outside = re.sub(r"`[^`]*`", "", text)
    if hostile:
        assert spans[0] == "`colour`" and len(spans) == 2  # parameter name, then the user's value
        assert hostile[:6] not in outside
        assert len(spans[1]) <= 45
    assert "\n" not in text and "\x00" not in text and "\u202e" not in text


def test_resolve_reports_nothing():
    view = state.resolve(params(), {"colour": "green", "shade": "dark"})
    assert view.values == {"colour": "green", "shade": "pale"}
    assert view.notices == ()


def test_escape_markdown_neutralises_links_and_html():
    escaped = state.escape_markdown("[x](javascript:y) <b>")
    assert "\\[" in escaped and "\\(" in escaped and "\\<" in escaped


def test_inequalities_writes_latest_period_explicitly(catalogue):
    view = state.parse(state.inequalities_params(catalogue), {})
    assert view.query() == {
        "indicator": "life_expectancy_birth", "level": "utla", "sex": "Male", "period": "2020-22", "area": "E06000015",
    }


def test_inequalities_old_period_kept_and_missing_period_reported(catalogue):
    params = state.inequalities_params(catalogue)
    assert state.parse(params, {"period": ["2017-19"]})["period"] == "2017-19"
    view = state.parse(params, {"period": ["1999-01"]})
    assert view["period"] == "2020-22"
    assert view.notices[0].parameter == "period"


def test_area_profile_rejects_codes_that_are_not_ours(catalogue):
    view = state.parse(state.area_profile_params(catalogue), {"area": ["W06000015"]})
    assert view["area"] in catalogue.areas.index
    assert view.notices[0].given == "W06000015"
    assert view.notices[0].used == catalogue.area_name(view["area"])


def test_every_page_declares_its_parameters(catalogue):
    for page, declare in state.PAGE_PARAMS.items():
        view = state.parse(declare(catalogue), {})
        assert view.notices == (), page
