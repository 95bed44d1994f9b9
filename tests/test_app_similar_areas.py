"""AppTest smoke tests of the area profile's "Compared with similar areas"."""

from tests.apptest_fixtures import fresh_caches, readable_errors  # noqa: F401 (autouse fixtures)
from tests.test_app import all_text, figures, open_page

from dashboard import state


def similar_chart(app):
    found = [f for f in figures(app) if "nearest neighbours" in f["layout"]["title"]["text"]]
    return found[0] if found else None


def test_the_section_follows_the_url_and_writes_every_parameter_back():
    app = open_page("area_profile", {"area": "E10000018", "similar": "economic",
                                     "indicator": "life_expectancy_birth:Male", "period": "2019-21"})
    assert not app.exception and not app.warning
    assert [s.value for s in app.selectbox] == ["E10000018", "economic", "life_expectancy_birth:Male", "2019-21"]
    title = similar_chart(app)["layout"]["title"]["text"].replace("<br>", " ")
    assert title.startswith("Leicestershire's male life expectancy at birth") and "on economic characteristics" in title
    assert "(2019-21)" in title
    assert {name: app.query_params[name] for name in ("similar", "indicator", "period")} in (
        {"similar": "economic", "indicator": "life_expectancy_birth:Male", "period": "2019-21"},
        {"similar": ["economic"], "indicator": ["life_expectancy_birth:Male"], "period": ["2019-21"]},
    )
    text = all_text(app)
    assert "ONS\\'s economic measure of similarity" in text or "ONS's economic measure of similarity" in text
    # A county has neighbours but no cluster: the page says so and offers its districts.
    assert "ONS's nearest neighbours are other counties and unitary authorities" in text
    assert {link.label for link in app.get("page_link")} >= {"Blaby", "Charnwood", "Melton"}
    run = app.session_state["_page_run"]
    assert "similar-areas" in [chart.key for chart in run["charts"]], "the chart goes into the briefing deck"
    assert ("similar on", "Economic") in run["filters"]


def test_hostile_and_stale_values_give_notices_and_the_default_view():
    app = open_page("area_profile", {"area": "E06000016", "similar": "<script>alert(1)</script>",
                                     "indicator": "javascript:alert(1)", "period": "1999-01"})
    assert not app.exception
    notices = [w.value for w in app.warning]
    assert len(notices) == 3
    for name, fallback in (("similar", "Overall"), ("indicator", "Life expectancy at birth \\(female\\)"),
                           ("period", "2022\\-24")):
        assert any(f"`{name}`" in n and fallback in n for n in notices), (name, notices)
    assert all("<script>" not in n.replace("`<script>alert(1)</script>`", "") for n in notices)
    assert [s.value for s in app.selectbox][1:] == ["global", "life_expectancy_birth:Female", "2022-24"]
    title = similar_chart(app)["layout"]["title"]["text"].replace("<br>", " ")
    assert title.startswith("Leicester's female life expectancy at birth is below the median of its 20 nearest")


def test_an_icb_says_it_has_no_neighbours_and_links_its_upper_tier_areas():
    app = open_page("area_profile", {"area": "E54000058"})  # NHS Derby and Derbyshire ICB
    assert not app.exception and not app.warning
    assert similar_chart(app) is None
    assert [s.value for s in app.selectbox] == ["E54000058"]
    assert "not for integrated care boards" in all_text(app)
    assert {link.label for link in app.get("page_link")} >= {"Derby", "Derbyshire"}
    assert set(dict(app.query_params)) == {"area"}, "no empty parameters in the link"
    stale = open_page("area_profile", {"area": "E54000058", "similar": "global"})
    (notice,) = stale.warning
    assert "`similar`" in notice.value and state.escape_markdown(state.NO_NEIGHBOURS) in notice.value
