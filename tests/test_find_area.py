"""The "Find your area" box on the Overview and the Area profile (AppTest).

Postcodes were checked in the built table (see tests/test_postcodes.py).
"""

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_fixtures import fresh_caches, readable_errors  # noqa: F401 (autouse fixtures)
from tests.test_app import open_page


BOX_PAGES = ("overview", "area_profile")  # the pages with the postcode box
BOX = "find-your-area-postcode"


def submit(app: AppTest, typed: str) -> AppTest:
    app.text_input(key=BOX).input(typed)
    next(b for b in app.button if b.label == "Find").click()
    app.run()
    return app


def shown_text(app: AppTest) -> str:
    parts = [e.value for e in app.error] + [w.value for w in app.warning] + [i.value for i in app.info]
    parts += [s.value for s in app.success] + [m.value for m in app.markdown]
    return "\n".join(str(p) for p in parts)


def area_selected(app: AppTest) -> str:
    return app.selectbox(key="area_profile.area").value


def query(app: AppTest) -> dict[str, list[str]]:
    return {name: app.query_params.get_all(name) if hasattr(app.query_params, "get_all") else app.query_params[name]
            for name in app.query_params}


@pytest.mark.parametrize("page", BOX_PAGES)
def test_a_birmingham_postcode_opens_birminghams_profile_without_the_postcode_in_the_url(page):
    start = {"area": "E06000017"} if page == "area_profile" else None
    app = submit(open_page(page, start), "b15 2tt")
    assert not app.exception, app.exception
    assert area_selected(app) == "E08000025"
    assert app.subheader[0].value == "Birmingham"
    assert [s.value for s in app.success] == [
        "B15 2TT is in Birmingham, NHS Birmingham and Solihull Integrated Care Board, West Midlands\\."
    ]
    params = dict(app.query_params)
    assert params["area"] in (["E08000025"], "E08000025")
    assert set(params) <= {"area", "similar", "indicator", "period"}, "the profile's own parameters, nothing else"
    assert "B15" not in str(dict(app.query_params)) and "2TT" not in str(dict(app.query_params)).upper()
    assert app.text_input(key=BOX).value == "", "the box is cleared once used"


def test_a_rutland_postcode_names_district_icb_and_region():
    app = submit(open_page("overview"), "LE15 6RB")
    assert not app.exception, app.exception
    assert area_selected(app) == "E06000017"
    assert "LE15 6RB is in Rutland, NHS Leicester, Leicestershire and Rutland Integrated Care Board, East Midlands" in shown_text(app)


def test_a_district_postcode_opens_the_district_and_names_its_county():
    app = submit(open_page("area_profile"), "LE167AA")
    assert area_selected(app) == "E07000131"
    assert "LE16 7AA is in Harborough, Leicestershire" in shown_text(app)
    (profile_table,) = app.dataframe
    assert "Leicestershire" in profile_table.value.columns, "the county is a comparator column"


def test_the_resolved_line_goes_once_another_area_is_chosen():
    app = submit(open_page("area_profile"), "B15 2TT")
    assert app.success
    app.selectbox(key="area_profile.area").select("E06000017").run()
    assert not app.success
    assert area_selected(app) == "E06000017"


@pytest.mark.parametrize("page", BOX_PAGES)
def test_a_scottish_postcode_names_its_authority_and_stays(page):
    app = submit(open_page(page), "EH1 1YZ")
    assert not app.exception, app.exception
    info = " ".join(i.value for i in app.info)
    assert "EH1 1YZ is in City of Edinburgh, Scotland" in info and "East and West Midlands" in info
    if page == "area_profile":
        assert area_selected(app) == "E08000025"
    assert "EH1" not in str(dict(app.query_params))


@pytest.mark.parametrize("page", BOX_PAGES)
@pytest.mark.parametrize("typed", ["B15", "<script>alert(1)</script>", "x" * 5000, "   "])
def test_malformed_input_shows_the_expected_form_and_nothing_typed(page, typed):
    app = submit(open_page(page), typed)
    assert not app.exception, app.exception
    errors = [e.value for e in app.error]
    assert len(errors) == 1 and "B15 2TT" in errors[0]
    assert "script" not in shown_text(app) and "xxxx" not in shown_text(app)
    assert "script" not in str(dict(app.query_params)) and "xxxx" not in str(dict(app.query_params))


def test_an_unknown_postcode_says_so():
    app = submit(open_page("area_profile"), "B99 9ZZ")
    assert not app.exception
    assert "B99 9ZZ is not in the ONS Postcode Directory" in " ".join(w.value for w in app.warning)
    assert area_selected(app) == "E08000025"
