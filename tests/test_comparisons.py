"""Comparisons over the catalogue: the at-a-glance grid, strengths and concerns, the gradient."""

import math

import pandas as pd
import pytest

from dashboard import comparisons, config, stats
from dashboard.catalogue import load_catalogue
from dashboard.methods import national, similar_areas


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(config.REPO_ROOT / "data")


def test_glance_status_prefers_the_95_percent_comparison():
    assert comparisons.glance_status(stats.WORSE, "Lowest fifth (worst)") == stats.WORSE
    assert comparisons.glance_status(stats.NOT_COMPARED, "Lowest fifth (worst)") == "Lowest fifth (worst)"
    assert comparisons.glance_status(stats.NOT_COMPARED, "") == stats.NOT_COMPARED


def test_glance_wide_sorts_by_worse_count_and_by_a_series():
    table = pd.DataFrame({
        "area_name": ["A", "A", "B", "B"], "series": ["S1", "S2", "S1", "S2"], "series_key": ["s1:All", "s2:All"] * 2,
        "cell": ["1 · Worse", "5 · Similar", "2 · Worse", "3 · Worse"], "status": ["Worse", "Similar", "Worse", "Worse"],
        "value": [1, 5, 2, 3], "polarity": ["lower_is_better"] * 4,
    })
    cells, status = comparisons.glance_wide(table, "worse")
    assert cells["Area"].tolist() == ["B", "A"] and status.iloc[0].tolist() == ["Worse", "Worse"]
    cells, _ = comparisons.glance_wide(table, "s2:All")  # lower is better: lowest first
    assert cells["Area"].tolist() == ["B", "A"] and cells.columns.tolist() == ["Area", "S1", "S2"]


def test_strengths_and_concerns_ordered_by_standard_errors_from_england():
    table = pd.DataFrame({
        "indicator": ["near", "far", "similar", "bad"], "vs_england": ["Better", "Better", "Similar", "Worse"],
        "value": [10.0, 20.0, 10.0, 0.0], "lower_ci": [9.0, 19.0, 5.0, -1.0], "upper_ci": [11.0, 21.0, 15.0, 1.0],
        "england_value": [8.0, 8.0, 8.0, 8.0],
    })
    strengths, concerns = comparisons.strengths_and_concerns(table)
    assert strengths["indicator"].tolist() == ["far", "near"]
    assert concerns["indicator"].tolist() == ["bad"]
    assert strengths["distance"].iloc[0] == pytest.approx(12 / (2 / 3.92))


def test_real_glance_and_profile_extras(catalogue):
    table = comparisons.glance(catalogue, "utla", "inequalities")
    assert table["area_code"].nunique() == 24  # upper-tier areas, Northamptonshire's successors included
    assert set(table["status"]) <= {"Better", "Similar", "Worse", "Not compared", *[
        f"{q}{s}" for q in ("Lowest fifth", "Second-lowest fifth", "Middle fifth", "Second-highest fifth",
                            "Highest fifth") for s in ("", " (best)", " (worst)")]}
    similar = similar_areas.load(config.REPO_ROOT / "data")
    extras = comparisons.profile_extras(catalogue, similar, "E06000016").set_index(["indicator_id", "breakdown"])
    pay = extras.loc[("median_weekly_pay", "Persons")]
    assert pay["trend"] == "Increasing and getting better"  # as tests/test_methods.py works out
    assert pay["national_rank_words"].endswith("upper-tier areas in England")
    assert "with its nearest neighbours" in pay["similar_areas"]
    life = extras.loc[("life_expectancy_birth", "Male")]
    assert life["trend"] == "Cannot be calculated"  # three-year rolling periods


def test_real_gradient_life_expectancy(catalogue):
    fit, points, imd_period, _ = comparisons.gradient(catalogue, "life_expectancy_birth", "Female", "2022-24", "utla")
    assert imd_period == "2019" and fit.slope < 0 and points["midlands"].sum() >= 20
    assert not math.isnan(fit.r_squared)
    assert comparisons.gradient(catalogue, "imd2019_average_score", "All", "2019", "utla") is None


def test_national_positions_from_one_pass_equal_the_method_called_per_period(catalogue):
    """The grouped pass (every indicator, breakdown and period at once) gives each series exactly
    what ``national.positions`` gives it alone: ranks, quintiles, counts, order and dtypes."""
    series = catalogue.national_values[["indicator_id", "breakdown", "period"]].drop_duplicates().astype(str)
    sample = series.sample(n=120, random_state=3)
    checked = 0
    for level in ("utla", "ltla"):
        quintiles = comparisons.national_quintiles(catalogue, level).sort_index()
        for indicator_id, breakdown, period in sample.itertuples(index=False):
            rows = comparisons.national_values(catalogue, indicator_id, breakdown, period, level)
            expected = national.positions(rows[["area_code", "value"]],
                                          catalogue.indicator(indicator_id)["polarity"]).set_index("area_code")
            found = comparisons.national_positions(catalogue, indicator_id, breakdown, period, level)
            pd.testing.assert_frame_equal(found, expected, check_exact=True)
            if len(expected):
                assert quintiles.loc[(indicator_id, breakdown, period)].reindex(expected.index).tolist() == (
                    expected["quintile"].tolist())
            checked += len(expected)
    assert checked > 10_000


def test_national_positions_of_a_period_without_values_is_the_methods_empty_answer(catalogue):
    found = comparisons.national_positions(catalogue, "life_expectancy_birth", "Female", "1901", "utla")
    assert found.empty and set(found.columns) == {"value", "rank", "quintile", "of"}
