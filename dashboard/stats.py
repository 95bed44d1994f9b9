"""Benchmarking and formatting of indicator values.

Comparisons follow the Fingertips convention: an area differs significantly from a
benchmark when the benchmark's value lies outside the area's 95% confidence interval.
The outcome is worded Better / Similar / Worse from the indicator's polarity, or
Lower / Similar / Higher when polarity says neither direction is better.
"""

from __future__ import annotations

import math

import pandas as pd

BETTER, SIMILAR, WORSE = "Better", "Similar", "Worse"
LOWER, HIGHER = "Lower", "Higher"
NOT_COMPARED = "Not compared"


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x)


def compare(value, lower_ci, upper_ci, benchmark, polarity: str) -> str:
    """Outcome of comparing an area (value with 95% CI) against a benchmark value."""
    if any(_missing(x) for x in (value, lower_ci, upper_ci, benchmark)):
        return NOT_COMPARED
    if lower_ci <= benchmark <= upper_ci:
        return SIMILAR
    area_is_higher = lower_ci > benchmark
    if polarity == "higher_is_better":
        return BETTER if area_is_higher else WORSE
    if polarity == "lower_is_better":
        return WORSE if area_is_higher else BETTER
    return HIGHER if area_is_higher else LOWER


def mid_sentence(text: str) -> str:
    """A title as it reads inside a sentence: 'Share of UK jobs' → 'share of UK jobs'; acronyms kept."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def possessive(name: str) -> str:
    """An area's name with 's: ONS lists a few names inverted ('Herefordshire, County of'), which
    read in their natural order before 's ('County of Herefordshire's')."""
    place, comma, title = name.rpartition(", ")
    if comma and title in ("County of", "City of"):
        name = f"{title} {place}"
    return f"{name}'s"


def sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def outcome_phrase(outcome: str, compared_with: str = "England") -> str:
    """'Better than England', 'Similar to England', 'Not compared'."""
    if outcome == SIMILAR:
        return f"Similar to {compared_with}"
    if outcome == NOT_COMPARED:
        return "Not compared (no confidence interval)"
    return f"{outcome} than {compared_with}"


_ALWAYS_ONE_DECIMAL = ("years",)  # 77.0 years, not 77 years, beside 76.8 years

_UNIT_SUFFIX = {
    "percent": "%",
    "years": " years",
    "square_km": " km²",
    "per_100k": " per 100,000",
    "per_1k": " per 1,000",
    "per_10k": " per 10,000",
}
_GBP_SUFFIX = {"gbp": "", "gbp_per_week": " a week", "gbp_per_hour": " an hour"}


def benchmark_decimals(value: float) -> int:
    """Places for a median or benchmark beside published one-place values: one, or two where one
    would round it (a median of 81.3 and 81.4 is 81.35)."""
    return 1 if _missing(value) else 2 if round(value * 100) % 10 else 1


def format_value(value, unit: str, qualifier: str = "", decimals: int | None = None) -> str:
    """A value as a reader expects it: '£260m', '>30,000', '78.9 years', '26.0%'."""
    if _missing(value):
        return "not available"
    if decimals is None:
        decimals = 1 if unit in _ALWAYS_ONE_DECIMAL or not float(value).is_integer() else 0
        if unit == "score" and 0 < abs(value) < 1:
            # IoD domain scores are rates (0.212) and z-scores (-0.334), published to three
            # places: one place would print 0.2 and 0.0 and hide the differences between areas.
            decimals = 3
    number = f"{value:,.{decimals}f}"
    if unit == "gbp_million":
        text = f"£{number}m"
    elif unit == "gbp_billion":
        text = f"£{number}bn"
    elif unit in _GBP_SUFFIX:
        text = f"£{number}{_GBP_SUFFIX[unit]}"
    else:
        text = number + _UNIT_SUFFIX.get(unit, "")
    prefix = {"more than": "more than ", "about": "about ", "almost": "almost "}.get(qualifier or "", "")
    return prefix + text


_COMPACT_QUALIFIER = {"more than": ">", "about": "~", "almost": "almost "}


def format_compact(value, unit: str, qualifier: str = "") -> str:
    """A short form for headline cards: '>£260m', '~11m', 'almost 1,300'; the caption spells it out."""
    if _missing(value):
        return "n/a"
    magnitude = abs(value)
    if unit in ("count", "people") and magnitude >= 1_000_000:
        number = f"{value / 1_000_000:,.1f}".rstrip("0").rstrip(".") + "m"
        text = number
    else:
        text = format_value(value, unit)
    return _COMPACT_QUALIFIER.get(qualifier or "", "") + text


UNIT_LABELS = {
    "count": "number",
    "percent": "%",
    "gbp_million": "£ million",
    "gbp_billion": "£ billion",
    "years": "years",
    "people": "people",
    "score": "score",
    "rank": "rank",
    "square_km": "km²",
    "ratio": "ratio",
    "per_100k": "per 100,000",
    "gbp": "£",
    "gbp_per_week": "£ a week",
    "gbp_per_hour": "£ an hour",
    "per_1k": "per 1,000",
    "per_10k": "per 10,000",
}

POLARITY_WORDS = {
    "higher_is_better": "higher is better",
    "lower_is_better": "lower is better",
    "neither": "no polarity: higher is neither better nor worse",
}
