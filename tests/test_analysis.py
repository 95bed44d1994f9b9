"""The tables, titles and sentences behind the charts, on a small hand-made catalogue."""

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis import headlines, inequalities, nhs, profile, sources
from dashboard.analysis.values import value_row, values_for
from dashboard.catalogue import load_catalogue

FIXTURE = Path(__file__).parent / "fixtures" / "catalogue"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(FIXTURE)


def test_area_comparison_benchmarks_each_area(catalogue):
    table = inequalities.area_comparison(catalogue, "life_expectancy_birth", "Male", "2020-22")
    by_area = table.set_index("area_name")
    # Derby 77.0 (76.5-77.5) is below England's 78.9; Derbyshire's CI 78.7-79.3 contains it
    assert by_area.loc["Derby", "vs_england"] == "Worse"
    assert by_area.loc["Derbyshire", "vs_england"] == "Similar"
    # against the East Midlands (78.6): Derbyshire's interval 78.7-79.3 lies above it
    assert by_area.loc["Derbyshire", "vs_region"] == "Better"
    assert by_area.loc["Derby", "text"] == "77.0 years (95% CI 76.5 to 77.5)"
    assert list(table["area_name"]) == ["Derbyshire", "Derby"]  # ranked, highest first


def test_summary_sentence_for_a_known_row(catalogue):
    row = value_row(catalogue, "life_expectancy_birth", "E06000015", "Male", "2020-22")
    england = value_row(catalogue, "life_expectancy_birth", "E92000001", "Male", "2020-22")
    sentence = profile.summary_sentence(row, catalogue.indicator("life_expectancy_birth"), england)
    assert sentence == (
        "Male life expectancy in Derby, 77.0 years in 2020-22, is significantly lower than "
        "England's 78.9 years (worse)."
    )


def test_gap_sentence_names_both_ends(catalogue):
    table = inequalities.area_comparison(catalogue, "life_expectancy_birth", "Male", "2020-22")
    sentence = inequalities.gap_sentence(table, catalogue.indicator("life_expectancy_birth"), "Male", "2020-22")
    assert sentence == (
        "In 2020-22, life expectancy (male) ranged from 77.0 years in Derby to 79.0 years in Derbyshire: "
        "a gap of 2.0 years."
    )


def test_finding_title_counts_significant_differences(catalogue):
    table = inequalities.area_comparison(catalogue, "life_expectancy_birth", "Male", "2020-22")
    title = inequalities.finding_title(table, catalogue.indicator("life_expectancy_birth"), "Male", "2020-22")
    assert title.startswith("1 of 2 Midlands areas are significantly worse than England")


def test_trend_orders_area_region_england_and_reports_change(catalogue):
    table = inequalities.trend(catalogue, "life_expectancy_birth", "E06000015", "Male")
    assert list(table["area_name"]) == ["Derby", "Derby", "East Midlands", "England", "England"]
    assert list(table[table["area_name"] == "Derby"]["period"]) == ["2017-19", "2020-22"]
    sentence = inequalities.trend_sentence(table, catalogue.indicator("life_expectancy_birth"), "E06000015")
    assert "fell from 78.0 years in 2017-19 to 77.0 years in 2020-22" in sentence
    assert "England's went from 79.8 years to 78.9 years over the same periods" in sentence


def test_trend_sentence_calls_a_change_that_rounds_away_unchanged(catalogue):
    table = inequalities.trend(catalogue, "life_expectancy_birth", "E06000015", "Male")
    flat = table.copy()
    flat.loc[flat["area_name"] == "Derby", "value"] = [77.04, 76.96]
    flat.loc[flat["area_name"] == "England", "value"] = [79.01, 78.98]
    sentence = inequalities.trend_sentence(flat, catalogue.indicator("life_expectancy_birth"), "E06000015")
    assert "In Derby, life expectancy was 77.0 years in both 2017-19 and 2020-22;" in sentence
    assert "England's was 79.0 years in both." in sentence


def test_profile_uses_each_indicators_latest_period(catalogue):
    table = profile.profile(catalogue, "E06000015")
    (row,) = table.itertuples()
    assert (row.period, row.vs_england, row.england_value) == ("2020-22", "Worse", 78.9)


def test_headline_missing_value_is_not_available(catalogue):
    item = headlines.headline(catalogue, "cluster_jobs", "CL-DDH-NOT-THERE")
    assert item["text"] == "n/a" and "not available" in item["caption"]
    item = headlines.headline(catalogue, "cluster_jobs", "CL-MEDTECH", "MedTech jobs")
    assert (item["label"], item["text"]) == ("MedTech jobs", ">23,000")
    assert "Test Publisher" in item["caption"]


def test_map_rows_draw_each_northamptonshire_with_its_own_value():
    table = pd.DataFrame(
        {
            "area_code": ["E06000061", "E06000062", "E06000015"],
            "area_name": ["North Northamptonshire", "West Northamptonshire", "Derby"],
            "value": [80.1, 81.2, 79.0],
            "text": ["80.1 years", "81.2 years", "79.0 years"],
            "vs_england": ["Similar", "Better", "Worse"],
            "source_id": ["s", "s", "s"],
        }
    )
    rows = inequalities.map_rows(table)
    assert list(rows["code"]) == ["E06000061", "E06000062", "E06000015"]
    assert list(rows["value"]) == [80.1, 81.2, 79.0]
    assert rows.loc[1, "hover"].startswith("West Northamptonshire: 81.2 years — ")


def test_source_line_summarises_many_sources(catalogue):
    assert sources.source_line(catalogue, ["test_source"], "2020-22", "higher_is_better") == (
        "Source: Test Publisher, Test publication. Period: 2020-22. Polarity: higher is better."
    )


def test_trusts_by_icb_count_each_type(catalogue):
    counts = nhs.icb_trust_counts(catalogue).set_index("area_code")
    assert counts.loc["E54000058", "trusts"] == 2
    assert counts.loc["E54000058", "acute_trusts"] == 1
    assert counts.loc["E54000058", "mental_health_trusts"] == 1


def _values_by_mask(catalogue, indicator_id, breakdown=None, period=None, area_types=None):
    """What values_for returns, by masks over every row (how it worked before it kept an index)."""
    values = catalogue.values
    mask = values["indicator_id"] == indicator_id
    if breakdown is not None:
        mask &= values["breakdown"] == breakdown
    if period is not None:
        mask &= values["period"] == period
    if area_types is not None:
        mask &= values["area_type"].isin(area_types)
    return values[mask]


def test_values_for_and_value_row_equal_masks_over_every_row(catalogue):
    indicators = [*catalogue.values["indicator_id"].unique(), "no_such_indicator"]
    for indicator_id in indicators:
        for breakdown, period, area_types in [(None, None, None), ("Male", None, None), ("Male", "2020-22", None),
                                              ("Persons", None, ("utla", "region")), (None, "2020-22", ("utla",))]:
            pd.testing.assert_frame_equal(values_for(catalogue, indicator_id, breakdown=breakdown, period=period,
                                                     area_types=area_types),
                                          _values_by_mask(catalogue, indicator_id, breakdown, period, area_types))
    for row in catalogue.values.itertuples():
        expected = _values_by_mask(catalogue, row.indicator_id, row.breakdown, row.period)
        expected = expected[expected["area_code"] == row.area_code].iloc[0]
        pd.testing.assert_series_equal(
            value_row(catalogue, row.indicator_id, row.area_code, row.breakdown, row.period), expected)
    assert value_row(catalogue, "life_expectancy_birth", "E06000015", "Male", "1999") is None
    assert value_row(catalogue, "no_such_indicator", "E06000015", "Male", "2020-22") is None


def test_value_row_of_a_row_given_twice_is_the_first(catalogue):
    values = catalogue.values
    twice = values[(values["indicator_id"] == "life_expectancy_birth") & (values["area_code"] == "E06000015")].head(1)
    changed = dataclasses.replace(catalogue, values=pd.concat([values, twice.assign(value=1.0)], ignore_index=True))
    row = value_row(changed, "life_expectancy_birth", "E06000015", twice["breakdown"].iloc[0], twice["period"].iloc[0])
    assert row["value"] == twice["value"].iloc[0] and row.name == twice.index[0]


@pytest.mark.parametrize("value, qualifier, expected", [
    (17.0, "", "above"), (9.0, "", "below"), (16.2, "", "not known"),
    (10.0, "more than", "not known"), (20.0, "more than", "above"), (16.2, "more than", "above"),
    (15.0, "almost", "below"), (18.0, "almost", "not known"), (16.0, "about", "not known"),
])
def test_a_share_is_placed_against_the_reference_only_where_its_wording_settles_it(value, qualifier, expected):
    from dashboard.analysis import clusters

    shares = pd.DataFrame({"value": [value], "qualifier": [qualifier]})
    assert clusters.against_reference(shares, 16.2).tolist() == [expected]
