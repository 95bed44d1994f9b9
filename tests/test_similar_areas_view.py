"""The area profile's "Compared with similar areas": the neighbours, their median and the
comparisons checked against ONS's own files in ../shared/raw, the chart's words, and the view's
URL state."""

import pandas as pd
import pytest

from dashboard import comparisons, config, exports, state, stats
from dashboard.charts import compare as compare_charts
from dashboard.catalogue import load_catalogue
from dashboard.methods import similar_areas

RAW = config.REPO_ROOT.parent / "shared" / "raw"
needs_raw = pytest.mark.skipif(not (RAW / "ons-similar-areas").exists(), reason="the raw ONS files are not here")
LEICESTER, LEICESTERSHIRE, AMBER_VALLEY, DERBY_ICB = "E06000016", "E10000018", "E07000032", "E54000058"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(config.DATA_DIR)


@pytest.fixture(scope="module")
def similar():
    return similar_areas.load(config.DATA_DIR)


def raw_neighbours(kind: str, area_code: str) -> list[str]:
    table = pd.read_csv(RAW / "ons-similar-areas" / f"{kind}-neighbours.csv", encoding="utf-8-sig", dtype=str)
    row = table.set_index("AREACD").loc[area_code]
    return [code for code in row if isinstance(code, str) and code]


def raw_life_expectancy(sex: str, start: str = "2022-01-01/P3Y") -> pd.Series:
    """ONS's life expectancy file as published: value by area code for one sex and period."""
    table = pd.read_csv(RAW / "ons-els" / "life-expectancy" / "life-expectancy.csv")
    rows = table[(table["indicator"] == f"{sex} life expectancy") & (table["period"] == start)]
    return rows.drop_duplicates("areacd").set_index("areacd")


# --- against ONS's files ----------------------------------------------------------------------


@needs_raw
def test_neighbours_and_median_match_the_ons_files(catalogue, similar):
    rows, summary = comparisons.neighbour_comparison(catalogue, similar, LEICESTER, "life_expectancy_birth", "Female",
                                                     "2022-24", "global")
    ons = raw_neighbours("global", LEICESTER)
    assert len(ons) == 20 and rows["area_code"].tolist() == [LEICESTER, *ons]  # nearest first, as ONS lists them
    published = raw_life_expectancy("Female")
    assert summary["median"] == pytest.approx(published.loc[ons, "observation"].median())  # 81.35
    assert summary["median"] == pytest.approx(81.35)
    mine = rows.iloc[0]
    assert (mine["value"], mine["lower_ci"], mine["upper_ci"]) == (81.3, 80.9, 81.7)  # Leicester, as published
    assert summary["england"] == published.at["E92000001", "observation"] == 83.3
    assert mine["vs_england"] == stats.WORSE  # 83.3 is above Leicester's upper limit 81.7
    assert mine["vs_median"] == stats.SIMILAR  # 81.35 lies inside 80.9 to 81.7
    luton = rows.set_index("area_code").loc["E06000032"]
    assert luton["vs_median"] == stats.BETTER and luton["lower_ci"] > summary["median"]


@needs_raw
def test_a_county_has_neighbours_of_every_kind_but_no_cluster(similar):
    """What the files hold: counties are listed with 20 neighbours of each kind (counties and
    unitaries, some in Wales or Scotland); only districts and unitaries have a cluster."""
    for kind in similar_areas.KINDS:
        assert similar_areas.neighbour_codes(similar, LEICESTERSHIRE, kind) == raw_neighbours(kind, LEICESTERSHIRE)
    assert all(code[:3] in ("E06", "E08", "E10", "W06", "S12") for code in raw_neighbours("economic", LEICESTERSHIRE))
    assert similar_areas.cluster_of(similar, LEICESTERSHIRE) is None
    clusters = pd.read_csv(RAW / "ons-similar-areas" / "cluster-allocation.csv", encoding="utf-8-sig", dtype=str)
    assert not clusters["AREACD"].str.startswith("E10").any()
    assert similar_areas.neighbour_codes(similar, DERBY_ICB) == []  # ONS lists no ICB


@needs_raw
def test_neighbours_outside_england_are_counted_not_filled(catalogue, similar):
    rows, summary = comparisons.neighbour_comparison(catalogue, similar, LEICESTERSHIRE, "life_expectancy_birth",
                                                     "Male", "2022-24", "economic")
    ons = raw_neighbours("economic", LEICESTERSHIRE)
    english = [code for code in ons if code.startswith("E")]
    published = raw_life_expectancy("Male")
    assert summary["with_value"] == len(english) == 15
    assert sorted(summary["without_value"]) == sorted(set(ons) - set(english))
    assert summary["median"] == pytest.approx(published.loc[english, "observation"].median())
    assert rows.iloc[0]["value"] == published.at[LEICESTERSHIRE, "observation"] == 80.5


def test_the_areas_trend_is_the_profiles_trend(catalogue, similar):
    """The same Fingertips method over the same series, read from the national table."""
    rows, _ = comparisons.neighbour_comparison(catalogue, similar, LEICESTER, "median_weekly_pay", "Persons", "2025",
                                               "economic")
    assert rows.iloc[0]["trend"] == comparisons.trend_of(catalogue, "median_weekly_pay", "Persons", LEICESTER).short
    assert rows.iloc[0]["trend"] == "Increasing and getting better"


def test_choices_need_a_value_for_the_area_and_a_neighbour(catalogue, similar):
    choices = comparisons.neighbour_choices(catalogue, similar, AMBER_VALLEY, "demographic")
    keys = set(zip(choices["indicator_id"], choices["breakdown"], choices["period"]))
    assert ("life_expectancy_birth", "Female", "2022-24") in keys
    # Healthy life expectancy is published for upper-tier areas, not for a two-tier district.
    assert not any(indicator == "healthy_life_expectancy_birth" for indicator, _, _ in keys)
    assert not any(catalogue.indicator(i)["unit"] in comparisons.NOT_COMPARED_UNITS for i, _, _ in keys)
    assert comparisons.neighbour_choices(catalogue, similar, DERBY_ICB, "global").empty


# --- the chart's words and rows ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("area_value", "expected"),
    [
        (90.0, "Leicester's female life expectancy is higher than all its 3 nearest neighbours overall with a value (2022-24)"),
        (70.0, "Leicester's female life expectancy is lower than all its 3 nearest neighbours overall with a value (2022-24)"),
        (80.5, ("Leicester's female life expectancy is below the median of its 3 nearest neighbours overall with a value "
               "(2022-24): 3rd highest of 4")),
        (81.5, ("Leicester's female life expectancy is above the median of its 3 nearest neighbours overall with a value "
               "(2022-24): 2nd highest of 4")),
    ],
)
def test_finding_says_where_the_area_sits(area_value, expected):
    title = compare_charts.similar_finding("Leicester", "female life expectancy", "2022-24", area_value,
                                           [80.0, 81.0, 82.0], 81.0, "global")
    assert title == expected


def test_finding_names_the_kind_and_a_single_neighbour():
    title = compare_charts.similar_finding("Rutland", "happiness", "2023", 7.0, [8.0], 8.0, "economic")
    assert title == "Rutland's happiness is lower than all its 1 nearest neighbour on economic characteristics with a value (2023)"


@needs_raw
def test_chart_title_summary_rows_and_csv(catalogue, similar):
    chart = compare_charts.similar_areas_chart(catalogue, similar, LEICESTER, "life_expectancy_birth", "Female",
                                               "2022-24", "global")
    assert chart.title == ("Leicester's female life expectancy at birth is below the median of its 20 nearest "
                           "neighbours overall with a value (2022-24): 11th highest of 21")
    assert chart.summary.startswith("Against its 20 ONS nearest neighbours overall (ONS's global measure of similarity)")
    assert "median of 81.35 years" in chart.summary and "0.05 years below it" in chart.summary
    assert "worse than England" in chart.summary
    table = chart.table
    assert len(table) == 22  # Leicester, its 20 neighbours, and their median
    median = table.iloc[-1]
    assert median["area_name"] == "Median of the 20 neighbours with a value (derived)" and median["value"] == 81.35
    drawn = chart.figure.data[0]
    assert len(drawn.y) == 21 and "<b>Leicester</b>" in drawn.y  # the median is a line, not a bar
    lines = {shape.name: shape.x0 for shape in chart.figure.layout.shapes}
    assert lines == {"Median of the 20 neighbours (81.35)": 81.35, "England (83.3)": 83.3}
    leicester = table[table["area_code"] == LEICESTER].iloc[0]
    assert (leicester["compared_with_neighbours_median"], leicester["compared_with_england"], leicester["recent_trend"]) == (
        "Similar to the neighbours' median", "Worse than England", "Cannot be calculated")
    assert leicester["label"] == "Leicester (this area)" and leicester["neighbours_kind"] == "overall"
    assert "global-neighbours.csv" in leicester["neighbours_source"]
    csv = exports.with_sources(catalogue, table)
    assert csv["source_publisher"].eq("Office for National Statistics").all()
    assert list(chart.shown.columns) == ["Area", "Value", "Compared with the neighbours' median (95%)",
                                         "Compared with England (95%)", "Recent trend", "Nearness (1 = nearest)",
                                         "Place (1 = best)"]
    assert "Similar areas: Office for National Statistics" in chart.source


def test_no_chart_without_neighbours_or_values(catalogue, similar):
    assert compare_charts.similar_areas_chart(catalogue, similar, DERBY_ICB, "life_expectancy_birth", "Female",
                                              "2022-24", "global") is None
    assert compare_charts.similar_areas_chart(catalogue, similar, LEICESTER, "life_expectancy_birth", "Female",
                                              "1901-03", "global") is None


# --- URL state ---------------------------------------------------------------------------------


def test_similar_view_round_trips_through_the_url(catalogue, similar):
    params = state.area_profile_params(catalogue, similar)
    assert [p.name for p in params] == ["area", "similar", "indicator", "period"]
    given = {"area": LEICESTER, "similar": "economic", "indicator": "life_expectancy_birth:Male", "period": "2019-21"}
    view = state.parse(params, {name: [value] for name, value in given.items()})
    assert view.values == given and view.notices == ()
    again = state.parse(params, {name: [value] for name, value in view.query().items()})
    assert again.values == view.values and again.notices == ()


def test_similar_view_defaults_to_female_life_expectancy_at_its_latest_period(catalogue, similar):
    view = state.parse(state.area_profile_params(catalogue, similar), {"area": [LEICESTER]})
    assert (view["similar"], view["indicator"], view["period"]) == ("global", "life_expectancy_birth:Female", "2022-24")


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "[x](javascript:alert(1))", "x" * 5000, "global "])
def test_stale_or_hostile_similar_values_fall_back_with_a_notice(catalogue, similar, hostile):
    params = state.area_profile_params(catalogue, similar)
    view = state.parse(params, {"area": [LEICESTER], "similar": [hostile], "period": ["1999-01"]})
    assert view["similar"] == "global" and view["period"] == "2022-24"
    notices = {n.parameter: n for n in view.notices}
    assert set(notices) == {"similar", "period"}
    assert "`similar`" in notices["similar"].markdown() and "Overall" in notices["similar"].markdown()
    assert "<script>" not in notices["similar"].markdown().replace("`<script>alert(1)</script>`", "")
    assert "`period`" in notices["period"].markdown() and "2022\\-24" in notices["period"].markdown()


def test_an_icb_has_no_similar_areas_and_says_so(catalogue, similar):
    params = state.area_profile_params(catalogue, similar)
    view = state.parse(params, {"area": [DERBY_ICB]})
    assert (view["similar"], view["indicator"], view["period"]) == ("", "", "") and view.notices == ()
    stale = state.parse(params, {"area": [DERBY_ICB], "similar": ["global"]})
    (notice,) = stale.notices
    assert notice.parameter == "similar" and "ONS lists no nearest neighbours" in notice.markdown()


def test_without_similar_areas_the_profile_has_only_its_area(catalogue):
    assert [p.name for p in state.area_profile_params(catalogue)] == ["area"]
    empty = similar_areas.empty()
    view = state.parse(state.area_profile_params(catalogue, empty), {"area": [LEICESTER]})
    assert (view["similar"], view["indicator"], view["period"]) == ("", "", "") and view.notices == ()


@needs_raw
def test_summary_counts_a_lone_neighbour_outside_england_in_the_singular(catalogue, similar):
    derby = "E06000015"
    outside = [code for code in raw_neighbours("global", derby) if not code.startswith("E")]
    assert len(outside) == 1, "ONS's file lists one Welsh or Scottish area among Derby's global neighbours"
    chart = compare_charts.similar_areas_chart(catalogue, similar, derby, "life_expectancy_birth", "Male",
                                               "2022-24", "global")
    assert "Derby's 78.3 years is 1.0 years above it" in chart.summary  # raw: Derby male 2022-24 78.3
    assert " 1 of the neighbours is in Wales, Scotland or Northern Ireland" in chart.summary
