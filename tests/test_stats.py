"""Benchmark wording from confidence intervals and polarity, and value formatting."""

import math

import pytest

from dashboard import stats


@pytest.mark.parametrize(
    ("value", "lower", "upper", "england", "polarity", "expected"),
    [
        (80.0, 79.5, 80.5, 79.0, "higher_is_better", "Better"),
        (78.0, 77.5, 78.5, 79.0, "higher_is_better", "Worse"),
        (79.2, 78.9, 79.5, 79.0, "higher_is_better", "Similar"),
        # the benchmark exactly on a limit counts as not significantly different
        (79.5, 79.0, 80.0, 79.0, "higher_is_better", "Similar"),
        (78.5, 78.0, 79.0, 79.0, "higher_is_better", "Similar"),
        # just outside a limit is significant
        (79.5, 79.0001, 80.0, 79.0, "higher_is_better", "Better"),
        (30.0, 28.0, 32.0, 25.0, "lower_is_better", "Worse"),
        (20.0, 18.0, 22.0, 25.0, "lower_is_better", "Better"),
        (30.0, 28.0, 32.0, 25.0, "neither", "Higher"),
        (20.0, 18.0, 22.0, 25.0, "neither", "Lower"),
        (25.5, 24.0, 27.0, 25.0, "neither", "Similar"),
        (80.0, math.nan, math.nan, 79.0, "higher_is_better", "Not compared"),
        (80.0, None, None, 79.0, "higher_is_better", "Not compared"),
        (80.0, 79.0, 81.0, None, "higher_is_better", "Not compared"),
    ],
)
def test_compare(value, lower, upper, england, polarity, expected):
    assert stats.compare(value, lower, upper, england, polarity) == expected


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "expected"),
    [
        (260, "gbp_million", "more than", "more than £260m"),
        (20.5, "gbp_billion", "", "£20.5bn"),
        (30000, "count", "more than", "more than 30,000"),
        (11, "people", "about", "about 11"),
        (26.0, "percent", "", "26%"),
        (26.3, "percent", "", "26.3%"),
        (78.94, "years", "", "78.9 years"),
        (1300, "count", "almost", "almost 1,300"),
        (math.nan, "count", "", "not available"),
        # IoD 2025 domain scores as published (LLR ICB income 0.212, Blaby crime -0.334):
        (0.212, "score", "", "0.212"),
        (-0.334, "score", "", "-0.334"),
        (19.812, "score", "", "19.8"),
    ],
)
def test_format_value(value, unit, qualifier, expected):
    assert stats.format_value(value, unit, qualifier) == expected


@pytest.mark.parametrize(("value", "places"), [(81.35, 2), (81.3, 1), (81.0, 1), (27.87532, 2), (81.301, 1)])
def test_benchmark_decimals_keep_a_second_place_only_where_one_would_round(value, places):
    assert stats.benchmark_decimals(value) == places


@pytest.mark.parametrize("name, expected", [
    ("Herefordshire, County of", "County of Herefordshire's"),
    ("Kingston upon Hull, City of", "City of Kingston upon Hull's"),
    ("City of London", "City of London's"),
    ("Telford and Wrekin", "Telford and Wrekin's"),
    ("Bath and North East Somerset, Somewhere", "Bath and North East Somerset, Somewhere's"),
])
def test_possessive_reads_onss_inverted_names_in_their_natural_order(name, expected):
    assert stats.possessive(name) == expected
