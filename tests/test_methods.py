"""The comparison methods (dashboard/methods/): boundary cases worked by hand, and real series."""

import math

import numpy as np
import pandas as pd
import pytest

from dashboard import config
from dashboard.errors import DataFileError
from dashboard.methods import deprivation, national, similar_areas, trend

OFFICIAL = config.REPO_ROOT / "data" / "official"
YEARS = ["2019", "2020", "2021", "2022", "2023"]


def limits_se(values, se=1.0):
    """95% limits whose width gives the standard error ``se`` (width = 3.92 × se)."""
    return [v - 1.96 * se for v in values], [v + 1.96 * se for v in values]


# --- recent trend -------------------------------------------------------------------------
# With SE = 1 at x = 1..5: S1 = 5, S3 = 15, S5 = 55, D = 50, SE(slope) = √(5/50) = √0.1, so
# χ² = slope² / 0.1 = 10·slope². The 99.8% threshold 9.5495 is crossed at slope 0.97722.


def test_trend_just_above_threshold_is_significant():
    values = [0, 1, 2, 3, 4]  # slope 1: χ² = 10 > 9.5495
    lower, upper = limits_se(values)
    result = trend.recent_trend(YEARS, values, lower, upper, "higher_is_better")
    assert result.marker == trend.INCREASING
    assert result.slope == pytest.approx(1.0)
    assert result.chi_square == pytest.approx(10.0)
    assert result.words == "Increasing and getting better"
    assert result.periods == tuple(YEARS)


def test_trend_just_below_threshold_is_no_change():
    values = [0, 0.97, 1.94, 2.91, 3.88]  # slope 0.97: χ² = 9.409 < 9.5495
    lower, upper = limits_se(values)
    result = trend.recent_trend(YEARS, values, lower, upper, "higher_is_better")
    assert result.chi_square == pytest.approx(9.409)
    assert result.marker == trend.NO_CHANGE
    assert result.words == "No significant change"


def test_trend_decreasing_words_follow_polarity():
    values = [4, 3, 2, 1, 0]
    lower, upper = limits_se(values)
    assert trend.recent_trend(YEARS, values, lower, upper, "lower_is_better").words == "Decreasing and getting better"
    assert trend.recent_trend(YEARS, values, lower, upper, "higher_is_better").words == "Decreasing and getting worse"
    assert trend.recent_trend(YEARS, values, lower, upper, "neither").words == "Decreasing"


def test_trend_one_point_that_flips_the_sign_is_not_a_trend():
    # Full slope 1.9 (χ² = 36.1), but without the last point the slope is −0.15: not significant.
    values = [0.5, 0, 0, 0, 10]
    lower, upper = limits_se(values)
    result = trend.recent_trend(YEARS, values, lower, upper, "higher_is_better")
    assert result.slope == pytest.approx(1.9)
    assert result.chi_square == pytest.approx(36.1)
    assert result.marker == trend.NO_CHANGE


def test_trend_weights_follow_the_limits():
    # A wide interval on the odd point out gives it little weight: the line follows the rest.
    values = [0, 1, 2, 3, -10]
    lower, upper = limits_se(values, 0.5)
    lower[-1], upper[-1] = -10 - 1.96 * 100, -10 + 1.96 * 100
    result = trend.recent_trend(YEARS, values, lower, upper, "neither")
    assert result.marker == trend.INCREASING
    assert result.slope == pytest.approx(np.polyfit([1, 2, 3, 4, 5], values, 1, w=[2, 2, 2, 2, 0.01])[0])


def test_trend_uses_the_five_latest_periods_in_time_order():
    periods = ["2018", "2023", "2017", "2022", "2019", "2021", "2020"]
    values = [100, 5, 100, 4, 1, 3, 2]  # shuffled; 2019..2023 rise steadily, earlier years are noise
    lower, upper = limits_se(values, 0.1)
    result = trend.recent_trend(periods, values, lower, upper, "neither")
    assert result.periods == ("2019", "2020", "2021", "2022", "2023")
    assert result.slope == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("periods", "lower", "upper", "reason"),
    [
        (["2017-19", "2018-20", "2019-21", "2020-22", "2021-23"], [0] * 5, [2] * 5, trend.ROLLING),
        (["2015-2019", "2016-2020", "2017-2021", "2018-2022", "2019-2023"], [0] * 5, [2] * 5, trend.ROLLING),
        (YEARS[:4], [0] * 4, [2] * 4, trend.TOO_FEW),
        (YEARS, [math.nan] * 5, [math.nan] * 5, trend.NO_LIMITS),
        (YEARS, [0, 0, 0, 0, math.nan], [2, 2, 2, 2, math.nan], trend.TOO_FEW_LIMITS),
        (YEARS, [1, 0, 0, 0, 0], [1, 2, 2, 2, 2], trend.ZERO_WIDTH),
    ],
)
def test_trend_cannot_be_calculated(periods, lower, upper, reason):
    result = trend.recent_trend(periods, [1.0] * len(periods), lower, upper, "higher_is_better")
    assert result.marker == trend.CANNOT
    assert result.reason == reason
    assert result.words == f"Cannot be calculated: {reason}"


def test_trend_financial_years_are_annual():
    assert trend.is_annual("2023/24") and trend.is_annual("2023")
    assert not trend.is_annual("2021-23") and not trend.is_annual("2021/23")
    values = [10, 11, 12, 13, 14]
    lower, upper = limits_se(values)
    result = trend.recent_trend(["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"], values, lower, upper,
                                "lower_is_better")
    assert result.words == "Increasing and getting worse"


def test_trend_real_series_median_weekly_pay_leicester():
    """ONS ASHE median weekly pay, Leicester (E06000016), 2021-2025, as the pipeline wrote it."""
    rows = pd.read_csv(OFFICIAL / "values" / "median_weekly_pay.csv", dtype={"period": str})
    rows = rows[rows["area_code"] == "E06000016"]
    result = trend.recent_trend(rows["period"], rows["value"], rows["lower_ci"], rows["upper_ci"], "higher_is_better")
    assert result.periods == ("2021", "2022", "2023", "2024", "2025")
    assert result.words == "Increasing and getting better"
    assert result.slope == pytest.approx(32.1965, abs=1e-4)
    assert result.chi_square == pytest.approx(39.426, abs=1e-3)
    # The same slope from numpy's weighted polyfit (weights 1/SE), an independent check.
    used = rows[rows["period"].isin(result.periods)].sort_values("period")
    se = (used["upper_ci"] - used["lower_ci"]) / 3.92
    assert np.polyfit(np.arange(1, 6), used["value"], 1, w=1 / se)[0] == pytest.approx(result.slope)


def test_trends_by_area_groups_each_area():
    rows = pd.DataFrame({
        "area_code": ["A"] * 5 + ["B"] * 3, "period": YEARS + YEARS[:3],
        "value": [0, 1, 2, 3, 4, 1, 1, 1], "lower_ci": [-1.96, -0.96, 0.04, 1.04, 2.04, 0, 0, 0],
        "upper_ci": [1.96, 2.96, 3.96, 4.96, 5.96, 2, 2, 2],
    })
    found = trend.trends_by_area(rows, "higher_is_better")
    assert found["A"].marker == trend.INCREASING and found["B"].reason == trend.TOO_FEW


def test_trends_by_area_equal_recent_trend_on_each_areas_rows_in_order_of_appearance():
    """Interleaved areas, periods out of order, gaps and a categorical area code: each area's trend
    is ``recent_trend`` of its own rows, and areas come in the order they first appear."""
    years = ["2017", "2018", "2019", "2020", "2021", "2022", "2023"]
    generator = np.random.default_rng(5)
    frames = []
    for number, code in enumerate(["E3", "E1", "E2", "E4"]):
        value = generator.normal(50, 5, len(years)) + number * np.arange(len(years))
        half_width = generator.uniform(0.5, 3, len(years))
        frame = pd.DataFrame({"area_code": code, "period": years, "value": value,
                              "lower_ci": value - half_width, "upper_ci": value + half_width})
        frame.loc[number, ["lower_ci", "upper_ci"]] = math.nan  # a point without limits
        frames.append(frame)
    rows = pd.concat(frames, ignore_index=True).sample(frac=1.0, random_state=2)
    rows["area_code"] = rows["area_code"].astype("category")
    found = trend.trends_by_area(rows, "lower_is_better")
    assert list(found) == list(dict.fromkeys(rows["area_code"]))
    for code, result in found.items():
        mine = rows[rows["area_code"] == code]
        assert result == trend.recent_trend(mine["period"], mine["value"], mine["lower_ci"], mine["upper_ci"],
                                            "lower_is_better")
    assert {result.marker for result in found.values()} - {trend.CANNOT}  # not every trend is 'cannot'


# --- national rank and quintile -------------------------------------------------------------


def test_positions_rank_best_first_with_ties_and_quintiles():
    rows = pd.DataFrame({"area_code": list("ABCDEFGHIJ"), "value": [10, 9, 9, 7, 6, 5, 4, 3, 2, math.nan]})
    ranked = national.positions(rows, "higher_is_better").set_index("area_code")
    assert "J" not in ranked.index  # no value: not ranked, not counted
    assert ranked["of"].iloc[0] == 9
    assert ranked.loc[["A", "B", "C", "D"], "rank"].tolist() == [1, 2, 2, 4]
    # from the lowest: I=1 → q1, H=2 → q1, G=3 → q2, ..., B and C tie at 7 → q4, A=9 → q5
    assert ranked.loc[["I", "H", "G", "F", "E", "D", "C", "B", "A"], "quintile"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5]


def test_positions_lower_is_better_ranks_lowest_first():
    rows = pd.DataFrame({"area_code": ["A", "B", "C"], "value": [3.0, 1.0, 2.0]})
    ranked = national.positions(rows, "lower_is_better").set_index("area_code")
    assert ranked["rank"].to_dict() == {"A": 3, "B": 1, "C": 2}
    assert ranked["quintile"].to_dict() == {"B": 1, "C": 2, "A": 4}


def test_positions_of_nothing_is_empty():
    assert national.positions(pd.DataFrame({"area_code": [], "value": []}), "neither").empty


def _positions_one_group_at_a_time(rows: pd.DataFrame) -> pd.DataFrame:
    """The per-group method, group by group, in the bulk function's row order."""
    found = [national.positions(group.drop(columns="polarity"), group["polarity"].iloc[0])
             for _, group in rows.groupby(["indicator_id", "period"], sort=False)]
    return pd.concat(found).sort_index()


def test_positions_by_group_hand_worked_ties_missing_values_and_polarities():
    rows = pd.DataFrame({
        "indicator_id": ["up"] * 4 + ["down"] * 4 + ["none"] * 3 + ["empty"] * 2,
        "period": "2023",
        "area_code": ["A", "B", "C", "D"] * 2 + ["A", "B", "C", "A", "B"],
        "value": [5.0, 7.0, 7.0, math.nan, 5.0, 7.0, 7.0, 1.0, 2.0, 2.0, 2.0, math.nan, math.nan],
        "polarity": ["higher_is_better"] * 4 + ["lower_is_better"] * 4 + ["neither"] * 3 + ["neither"] * 2,
    })
    placed = national.positions_by_group(rows, ["indicator_id", "period"]).set_index(["indicator_id", "area_code"])
    assert "polarity" not in placed.columns
    assert ("up", "D") not in placed.index and "empty" not in placed.index.get_level_values(0)  # no value: not placed
    assert placed.loc["up", "rank"].to_dict() == {"A": 3, "B": 1, "C": 1}  # tied best share rank 1
    assert placed.loc["up", "of"].tolist() == [3, 3, 3]
    assert placed.loc["up", "quintile"].to_dict() == {"A": 1, "B": 2, "C": 2}  # tied 2nd from lowest: (2 - 1) * 5 // 3 + 1
    assert placed.loc["down", "rank"].to_dict() == {"A": 2, "B": 3, "C": 3, "D": 1}  # lowest first
    assert placed.loc["down", "quintile"].to_dict() == {"A": 2, "B": 3, "C": 3, "D": 1}
    assert placed.loc["none", "rank"].tolist() == [1, 1, 1] and placed.loc["none", "quintile"].tolist() == [1, 1, 1]
    pd.testing.assert_frame_equal(national.positions_by_group(rows, ["indicator_id", "period"]),
                                  _positions_one_group_at_a_time(rows), check_exact=True)


def test_positions_by_group_equals_positions_on_random_groups_with_ties_and_gaps():
    generator = np.random.default_rng(20261202)
    groups = []
    for number in range(300):
        size = int(generator.integers(1, 40))
        values = generator.choice([0.0, -0.5, 1.25, 2.0, 3.5, 7.0, 40.0, math.nan], size=size)  # many ties, gaps
        groups.append(pd.DataFrame({
            "indicator_id": f"i{number % 37}", "period": f"{2000 + number // 37}",
            "area_code": [f"E{k:08d}" for k in range(size)], "value": values,
            "polarity": ("higher_is_better", "lower_is_better", "neither")[number % 3],
        }))
    rows = pd.concat(groups, ignore_index=True).sample(frac=1.0, random_state=7)  # groups interleaved
    by_group = national.positions_by_group(rows, ["indicator_id", "period"])
    assert by_group.index.tolist() == rows.dropna(subset=["value"]).index.tolist()  # order kept
    pd.testing.assert_frame_equal(by_group.sort_index(), _positions_one_group_at_a_time(rows), check_exact=True)


def test_words_for_rank_and_quintile():
    assert national.rank_words(1, 151, "higher_is_better", "utla") == "the best of 151 upper-tier areas in England"
    assert national.rank_words(22, 296, "neither", "ltla") == "22nd highest of 296 districts in England"
    assert national.rank_words(13, 151, "lower_is_better", "utla") == "13th best of 151 upper-tier areas in England"
    assert national.quintile_words(1, "higher_is_better", "utla", "life expectancy") == (
        "in the fifth of English upper-tier areas with the lowest life expectancy (the worst fifth)")
    assert national.quintile_words(5, "lower_is_better", "ltla", "smoking") == (
        "in the fifth of English districts with the highest smoking (the worst fifth)")
    assert national.quintile_words(3, "neither", "utla", "pay") == "in the middle fifth of English upper-tier areas for pay"
    assert national.quintile_label(1, "lower_is_better") == "Lowest fifth (best)"
    assert national.quintile_label(float("nan"), "neither") == ""


def test_level_codes_leave_out_ended_and_foreign_areas():
    areas = pd.DataFrame({
        "area_code": ["E10000021", "E06000061", "E07000150", "E07000032", "E08000025", "W06000001", "E10000018"],
        "area_type": ["utla", "utla", "ltla", "ltla", "utla", "utla", "utla"],
        "ended": ["2020", "", "2020", "", "", "", ""],
    })
    assert national.level_codes(areas, "utla") == {"E06000061", "E08000025", "E10000018"}
    assert national.level_codes(areas, "ltla") == {"E06000061", "E07000032", "E08000025"}


def test_positions_real_series_reproduce_mhclg_imd2019_ranks():
    """Ranking MHCLG's IMD 2019 average scores (highest = rank 1) gives MHCLG's own published
    rank for every one of the 151 upper-tier authorities."""
    scores = pd.read_csv(OFFICIAL / "values" / "imd2019_average_score.csv")
    published = pd.read_csv(OFFICIAL / "values" / "imd2019_rank_upper_tier.csv")
    ranked = national.positions(scores[scores["area_type"] == "utla"][["area_code", "value"]], "neither")
    both = ranked.merge(published[["area_code", "value"]], on="area_code", suffixes=("", "_published"))
    assert len(both) == 151
    assert (both["rank"] == both["value_published"]).all()


# --- similar areas ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def similar():
    return similar_areas.load(config.REPO_ROOT / "data")


def test_similar_areas_real_neighbours_and_clusters(similar):
    """ONS's 2026 files as the pipeline copied them: Leicester's nearest overall neighbours and
    cluster, and a county with neighbours but no cluster."""
    assert similar.available
    assert similar_areas.neighbour_codes(similar, "E06000016")[:3] == ["E06000032", "E08000032", "E08000025"]
    assert len(similar_areas.neighbour_codes(similar, "E06000016", "economic")) == 20
    letter, description = similar_areas.cluster_of(similar, "E06000016")
    assert letter == "B" and description.startswith("Local authorities in this cluster have a high percentage of children")
    assert similar_areas.cluster_of(similar, "E10000018") is None  # Leicestershire: a county
    assert similar_areas.neighbour_codes(similar, "E10000018")[0] == "E06000055"
    assert "Office for National Statistics" in similar.source_line()


def test_compare_with_neighbours_median_place_and_missing():
    values = pd.DataFrame({
        "area_code": ["X", "N1", "N2", "N3", "N5"], "area_name": ["X", "N1", "N2", "N3", "N5"],
        "value": [5.0, 1.0, 9.0, 3.0, math.nan],
    })
    rows, summary = similar_areas.compare_with_neighbours(values, "X", ["N1", "N2", "W06000001", "N3", "N5"])
    assert rows["area_code"].tolist() == ["X", "N1", "N2", "N3"]
    assert rows["neighbour_rank"].tolist() == [0, 1, 2, 4]
    assert summary["median"] == 3.0
    assert summary["with_value"] == 3
    assert summary["without_value"] == ["W06000001", "N5"]
    assert summary["place"] == 2 and summary["of"] == 4


def test_similar_areas_missing_folder_is_unavailable(tmp_path):
    assert not similar_areas.load(tmp_path).available


def test_similar_areas_bad_file_names_file_and_column(tmp_path):
    folder = tmp_path / "official" / "similar_areas"
    folder.mkdir(parents=True)
    for name, (file_name, columns) in similar_areas.FILES.items():
        (folder / file_name).write_text(",".join(columns) + "\n")
    (folder / "neighbours.csv").write_text("area_code,kind,neighbour_code\n")
    with pytest.raises(DataFileError) as error:
        similar_areas.load(tmp_path)
    assert error.value.first.file == "data/official/similar_areas/neighbours.csv"
    assert error.value.first.column == "rank"


# --- deprivation gradient ---------------------------------------------------------------------


def test_gradient_exact_line_fifths_and_residuals():
    # value = 100 − 2·score exactly, except area E sits 3 above the line.
    scores = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    values = [100 - 2 * s for s in scores]
    points = pd.DataFrame({"area_code": list("ABCDEFGHIJ"), "imd_score": scores, "value": values})
    gradient, out = deprivation.fit(points)
    assert gradient.slope == pytest.approx(-2) and gradient.intercept == pytest.approx(100)
    assert gradient.r_squared == pytest.approx(1)
    # fifths of 10 areas: two each; most deprived = scores 90, 100 → values −80, −100
    assert gradient.most_deprived_mean == pytest.approx(-90) and gradient.least_deprived_mean == pytest.approx(70)
    assert gradient.gap == pytest.approx(-160)
    assert out.set_index("area_code")["deprivation_fifth"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


@pytest.mark.parametrize(
    ("residual", "sd", "polarity", "expected"),
    [
        (2.0, 1.0, "higher_is_better", "better than areas with similar deprivation"),
        (-2.0, 1.0, "higher_is_better", "worse than areas with similar deprivation"),
        (2.0, 1.0, "lower_is_better", "worse than areas with similar deprivation"),
        (-2.0, 1.0, "neither", "lower than areas with similar deprivation"),
        (0.5, 1.0, "higher_is_better", "close to areas with similar deprivation"),  # on the boundary
        (0.51, 1.0, "higher_is_better", "better than areas with similar deprivation"),
    ],
)
def test_residual_words(residual, sd, polarity, expected):
    assert deprivation.residual_words(residual, sd, polarity) == expected


def test_gradient_needs_five_areas_and_spread():
    few = pd.DataFrame({"imd_score": [1, 2, 3, 4], "value": [1, 2, 3, 4]})
    flat = pd.DataFrame({"imd_score": [5] * 6, "value": [1, 2, 3, 4, 5, 6]})
    assert deprivation.fit(few) is None and deprivation.fit(flat) is None


def test_gradient_real_series_female_life_expectancy_against_imd2019():
    """Female life expectancy 2017-19 against IMD 2019 across English upper-tier areas (ONS, MHCLG)."""
    areas = pd.read_csv(OFFICIAL / "areas.csv", dtype=str, keep_default_na=False)
    codes = national.level_codes(areas, "utla")
    scores = pd.read_csv(OFFICIAL / "values" / "imd2019_average_score.csv")
    scores = scores[scores["area_type"] == "utla"][["area_code", "value"]].rename(columns={"value": "imd_score"})
    life = pd.read_csv(OFFICIAL / "values" / "life_expectancy_birth.csv")
    life = life[(life["period"] == "2017-19") & (life["breakdown"] == "Female") & life["area_code"].isin(codes)]
    gradient, out = deprivation.fit(life[["area_code", "value"]].merge(scores, on="area_code"))
    assert gradient.n == 142
    assert gradient.slope == pytest.approx(-0.14933, abs=1e-5)
    assert gradient.r_squared == pytest.approx(0.72, abs=0.005)
    assert gradient.gap == pytest.approx(-3.43, abs=0.005)
    leicester = out.set_index("area_code").loc["E06000016"]
    assert leicester["residual"] == pytest.approx(0.239, abs=1e-3)
    assert deprivation.residual_words(leicester["residual"], gradient.residual_sd, "higher_is_better") == (
        "close to areas with similar deprivation")
