"""Fast page smoke tests with Streamlit's AppTest: every page renders real content, URLs seed views."""

import json
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_fixtures import fresh_caches, readable_errors  # noqa: F401 (autouse fixtures)

from dashboard import config, figure_element, state
from dashboard.catalogue import load_catalogue

ENTRY = str(config.REPO_ROOT / "streamlit_app.py")
PAGES = {
    "overview": "app_pages/overview.py",
    "clusters": "app_pages/clusters.py",
    "research": "app_pages/research.py",
    "nhs": "app_pages/nhs.py",
    "inequalities": "app_pages/inequalities.py",
    "area_profile": "app_pages/area_profile.py",
    "at_a_glance": "app_pages/at_a_glance.py",
    "data_sources": "app_pages/data_sources.py",
    "accessibility": "app_pages/accessibility.py",
}
TEXT_PAGES = {"accessibility"}  # text only: no chart or table




def open_page(page: str, query: dict[str, str | list[str]] | None = None) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=60)
    app.run()  # registers the pages, so switch_page can resolve their custom url paths
    app.switch_page(PAGES[page])
    app.query_params.clear()
    for name, value in (query or {}).items():
        app.query_params[name] = value
    app.run()
    return app


def figures(app: AppTest) -> list[dict]:
    """The Plotly JSON of every chart on the page, in order."""
    charts = [element for element in app.get("bidi_component") if element.proto.component_name == "midlands_figure"]
    return [json.loads(json.loads(chart.proto.json)["figure"]) for chart in charts]


def all_text(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption]
    parts += [w.value for w in app.warning] + [i.value for i in app.info]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_real_content(page):
    app = open_page(page)
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    assert app.title[0].value == config.APP_NAME
    has_chart = len(figures(app)) > 0
    has_table = len(app.dataframe) + len(app.table) > 0
    if page in TEXT_PAGES:
        assert len(app.subheader) >= 3 and len(all_text(app)) > 1000, "a text page has its sections"
    else:
        assert has_chart or has_table
    for figure in figures(app):
        assert figure["layout"]["title"]["text"], "every chart states its finding in a title"
        assert any(trace.get("type") not in ("choropleth", "scattergeo") for trace in figure["data"])
        assert all(trace.get("type") not in ("choropleth", "scattergeo", "choroplethmapbox") for trace in figure["data"])
        drawn = {trace.get("type", "scatter") for trace in figure["data"]}
        assert drawn <= figure_element.bundled_trace_types(), f"not in the browser's plotly.js: {drawn - figure_element.bundled_trace_types()}"


def test_overview_shows_sourced_headlines():
    app = open_page("overview")
    values = {m.label: m.value for m in app.metric}
    assert values["NIHR BRCs"] == "3"
    assert values["Health research p.a."] == ">£260m"
    assert "Source: Midlands Innovation" in all_text(app)


def test_maps_use_maplibre_over_our_geojson_with_a_blank_style():
    app = open_page("overview")
    maps = [f for f in figures(app) if f["data"][0]["type"] == "choroplethmap"]
    assert maps
    style = maps[0]["layout"]["map"]["style"]
    assert style["sources"] == {} and "glyphs" not in style
    assert style["sprite"] == "app/static/map/sprite", "the only resource: the app's own sprite, by a relative path"
    codes = {c for trace in maps[0]["data"] for c in trace["locations"]}
    assert "E54000055" in codes  # NHS Birmingham and Solihull ICB


def test_a_chart_table_is_sent_only_once_opened():
    app = open_page("inequalities")
    tables = [box for box in app.expander if box.label == "Table of this chart"]
    assert len(tables) == len(figures(app)), "every chart has its table alternative"
    assert all(len(box.children) == 0 for box in tables), "closed tables cost the browser nothing"
    app.session_state[tables[1].key] = True  # the ranked chart's table, opened
    app.run()
    ranked = next(box for box in app.expander if box.key == tables[1].key)
    table_text = ranked.markdown[0].value
    assert table_text.startswith("| Area |") and "Rutland" in table_text
    assert "Better" in table_text and "Worse" in table_text


def test_inequalities_url_seeds_the_view():
    app = open_page("inequalities", {"indicator": "life_expectancy_birth", "sex": "Male", "period": "2017-19"})
    assert not app.exception
    assert [s.value for s in app.selectbox][:4] == ["life_expectancy_birth", "utla", "Male", "2017-19"]
    assert not app.warning
    ranked = figures(app)[1]
    assert "2017-19" in ranked["layout"]["title"]["text"]
    assert app.query_params["period"] == ["2017-19"] or app.query_params["period"] == "2017-19"


def test_inequalities_writes_the_latest_period_into_the_url():
    app = open_page("inequalities")
    period = app.selectbox(key="inequalities.period").value
    assert period  # the latest, written explicitly so an old link keeps its meaning
    assert dict(app.query_params)["period"] in (period, [period])


def test_district_level_ranks_districts_and_a_level_without_data_falls_back_with_a_notice():
    app = open_page("inequalities", {"indicator": "life_expectancy_birth", "level": "ltla", "sex": "Male", "period": "2022-24"})
    assert not app.exception and not app.warning
    ranked = figures(app)[1]
    assert "of 65 Midlands areas" in ranked["layout"]["title"]["text"]
    # Healthy life expectancy is published for unitaries but not for two-tier districts.
    app = open_page("inequalities", {"indicator": "healthy_life_expectancy_birth", "level": "ltla"})
    (notice,) = app.warning
    assert "`level`" in notice.value and "ltla" in notice.value and state.escape_markdown("Upper-tier areas") in notice.value
    assert "of 24 Midlands areas" in figures(app)[1]["layout"]["title"]["text"]


def test_stale_period_shows_a_notice_naming_parameter_and_fallback():
    app = open_page("inequalities", {"indicator": "life_expectancy_birth", "sex": "Female", "period": "1999-01"})
    assert not app.exception
    (notice,) = app.warning
    assert "`period`" in notice.value and "1999-01" in notice.value
    assert state.escape_markdown(app.selectbox(key="inequalities.period").value) in notice.value


@pytest.mark.parametrize(
    "hostile",
    ["<script>alert(1)</script>", "javascript:alert(1)", "[x](javascript:alert(1))", "A" * 5000, "' OR 1=1 --"],
)
def test_hostile_area_parameter_is_reported_not_executed(hostile):
    app = open_page("area_profile", {"area": hostile})
    assert not app.exception
    (notice,) = app.warning
    assert "`area`" in notice.value
    assert "<script>" not in notice.value.replace("`<script>alert(1)</script>`", "")
    assert app.selectbox[0].value == "E08000025"  # the default area, Birmingham
    assert "Birmingham" in notice.value


def test_area_profile_states_significance_in_words():
    app = open_page("area_profile", {"area": "E06000016"})  # Leicester
    text = all_text(app)
    assert "Leicester" in text
    assert "significantly" in text or "not significantly" in text


def test_nhs_icb_parameter_focuses_the_page():
    app = open_page("nhs", {"icb": "E54000059"})
    assert not app.exception and not app.warning
    assert app.selectbox[0].value == "E54000059"
    icb_map = figures(app)[0]
    outlined = [t for t in icb_map["data"] if t.get("name") == "selected"]
    assert outlined and outlined[0]["locations"] == ["E54000059"]
    assert "NHS Northamptonshire" in icb_map["layout"]["title"]["text"].replace("<br>", " ")
    drawn = {hover.split(" (")[0] for t in icb_map["data"] if t["type"] == "scattermap" for (hover,) in t.get("customdata", [])}
    trusts = load_catalogue(config.DATA_DIR).trusts
    located = trusts[trusts["latitude"].notna()]
    assert drawn and drawn == set(located.loc[located["icb_code"] == "E54000059", "name"]), \
        "the chosen ICB's trusts, and only those, are drawn as points"
    (icb_table,) = [m.value for m in app.markdown if m.value.startswith("| ICB | Code |")]
    rows = icb_table.splitlines()[2:]
    assert len(rows) == 1 and "| E54000059 |" in rows[0]


def test_nhs_map_shades_icbs_by_the_chosen_measure():
    app = open_page("nhs", {"shade": "per_acute_trust"})
    assert not app.exception and not app.warning
    icb_map = figures(app)[0]
    assert "people per acute trust" in icb_map["layout"]["title"]["text"].replace("<br>", " ")
    shaded = [t for t in icb_map["data"] if t["type"] == "choroplethmap" and t.get("name") == "people per acute trust"]
    assert shaded and len(shaded[0]["locations"]) == 11
    stale = open_page("nhs", {"shade": "beds"})
    assert any("shade" in w.value and "beds" in w.value for w in stale.warning)
    assert "trust headquarters" in figures(stale)[0]["layout"]["title"]["text"].replace("<br>", " ")


def test_unknown_parameters_on_a_page_without_filters_are_ignored():
    app = open_page("research", {"utm_source": "newsletter"})
    assert not app.exception and not app.warning
    assert "utm_source" not in dict(app.query_params)


def test_broken_data_shows_a_named_error_instead_of_pages(tmp_path, monkeypatch):
    broken = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, broken)
    values = broken / "values" / "partner_headlines.csv"
    lines = values.read_text().splitlines()
    fields = lines[1].split(",")
    fields[6] = "lots"  # the value column
    lines[1] = ",".join(fields)
    values.write_text("\n".join(lines) + "\n")
    monkeypatch.setattr(config, "DATA_DIR", broken)
    app = open_page("overview")
    assert not app.exception
    assert app.error, "a clear error page"
    problems = app.dataframe[0].value
    row = problems.iloc[0]
    assert (row["file"], str(row["row"]), row["column"]) == ("data/values/partner_headlines.csv", "2", "value")
    assert not figures(app), "nothing half-loaded is shown"


def test_broken_boundaries_show_a_named_error(tmp_path, monkeypatch):
    broken = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, broken)
    (broken / "boundaries" / "midlands.geojson").write_text("{ not json")
    monkeypatch.setattr(config, "DATA_DIR", broken)
    app = open_page("nhs")
    assert not app.exception and app.error
    assert app.dataframe[0].value.iloc[0]["file"] == "data/boundaries/midlands.geojson"


def test_share_box_carries_every_parameter_of_the_view():
    app = open_page("inequalities", {"sex": "Male", "period": "2019-21"})
    (share,) = [c for c in app.code if "sex=Male" in c.value]
    assert "indicator=life_expectancy_birth" in share.value and "period=2019-21" in share.value
    assert "area=" in share.value


@pytest.mark.parametrize("page", ["overview", "clusters", "inequalities"])
def test_pages_with_charts_offer_a_briefing(page):
    app = open_page(page)
    assert [b for b in app.button if b.label == "Prepare briefing"]


def test_briefing_failure_is_a_clear_message_and_the_page_keeps_working(monkeypatch):
    from dashboard import briefing

    def broken(*_args, **_kwargs):
        raise RuntimeError("renderer unavailable")

    monkeypatch.setattr(briefing.images, "render", broken)
    monkeypatch.setattr(briefing.build_deck, "__kwdefaults__", {**briefing.build_deck.__kwdefaults__, "render": broken})
    app = open_page("clusters")
    [button] = [b for b in app.button if b.label == "Prepare briefing"]
    button.click().run()
    assert not app.exception
    assert any("briefing could not be built" in e.value for e in app.error)
    assert figures(app), "the page is still drawn"


def test_briefing_is_offered_for_download_once_built(monkeypatch):
    from dashboard import briefing
    from tests.test_briefing import tiny_png

    monkeypatch.setattr(briefing.build_deck, "__kwdefaults__", {**briefing.build_deck.__kwdefaults__, "render": tiny_png})
    app = open_page("clusters")
    [button] = [b for b in app.button if b.label == "Prepare briefing"]
    button.click().run()
    assert not app.exception and not app.error
    labels = [element.proto.label for element in app.get("download_button")]
    assert "Download briefing (.pptx)" in labels


def test_at_a_glance_reads_level_topic_and_sort_from_the_link():
    app = open_page("at_a_glance", {"level": "ltla", "topic": "risk_factors", "sort": "worse"})
    assert not app.exception, app.exception
    assert [s.value for s in app.selectbox] == ["ltla", "risk_factors", "worse"]
    assert "at the 95% level" in all_text(app)
    grid = app.dataframe[0].value
    grid = getattr(grid, "data", grid)
    assert grid.columns[0] == "Area" and len(grid) > 24  # districts and unitaries, not just upper-tier areas
    words = {"Better", "Similar", "Worse", "Lowest fifth", "Highest fifth", "Middle fifth", "Second-lowest fifth",
             "Second-highest fifth", "Not compared", "Higher", "Lower"}
    cell = next(v for v in grid.iloc[:, 1] if v != "not available")
    assert any(w in cell for w in words)
    assert "A PowerPoint deck of this view: 1 chart with its table and source." in all_text(app)


def test_at_a_glance_stale_sort_gets_a_notice():
    app = open_page("at_a_glance", {"sort": "no_such_indicator:Persons"})
    assert not app.exception, app.exception
    assert any("sort areas by" in w.value for w in app.warning)
