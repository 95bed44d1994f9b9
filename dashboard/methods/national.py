"""Where an area sits in England: its rank and quintile among English areas of the same level.

Works for every indicator, with or without confidence limits: it orders values, it does not
test differences. Areas are compared only within one indicator, breakdown and period, and only
with areas of the same level that still exist (an area with an ``ended`` year is left out, so a
former county is not ranked beside its successors):

- upper-tier areas: counties, unitaries, metropolitan districts and London boroughs (``utla``);
- districts: two-tier districts and the unitary authorities, which are both (``ltla`` and the
  ``utla`` areas that are not counties).

Rank 1 is the best value where the indicator has a polarity and the highest value where it has
none; tied values share the better rank (1, 2, 2, 4). Quintiles are fifths of the areas ordered
from the lowest value (1) to the highest (5), each area in the fifth its rank falls in; tied
values share a quintile.
"""

from __future__ import annotations

import math

import pandas as pd

LEVEL_WORDS = {"utla": "upper-tier areas", "ltla": "districts"}
QUINTILE_LABELS = {1: "Lowest fifth", 2: "Second-lowest fifth", 3: "Middle fifth", 4: "Second-highest fifth",
                   5: "Highest fifth"}


def level_codes(areas: pd.DataFrame, level: str) -> frozenset[str]:
    """English areas at a level that have not ended (``areas``: ``area_code, area_type, ended``)."""
    english = areas["area_code"].str.startswith("E")
    current = areas["ended"].fillna("") == "" if "ended" in areas.columns else True
    if level == "ltla":
        unitary = (areas["area_type"] == "utla") & ~areas["area_code"].str.startswith("E10")
        chosen = (areas["area_type"] == "ltla") | unitary
    else:
        chosen = areas["area_type"] == "utla"
    return frozenset(areas.loc[english & current & chosen, "area_code"])


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def positions(rows: pd.DataFrame, polarity: str) -> pd.DataFrame:
    """Rank and quintile of each area among ``rows`` (one indicator, breakdown and period; one
    row per area: ``area_code, value``), with ``rank, of, quintile``. Areas without a value are
    not ranked and not counted."""
    ranked = rows.dropna(subset=["value"]).copy()
    n = len(ranked)
    if n == 0:
        return ranked.assign(rank=pd.Series(dtype=int), of=pd.Series(dtype=int), quintile=pd.Series(dtype=int))
    best_first = polarity != "lower_is_better"  # higher is better, or neither: rank 1 is the highest
    ranked["rank"] = ranked["value"].rank(method="min", ascending=not best_first).astype(int)
    from_lowest = ranked["value"].rank(method="min", ascending=True).astype(int)
    ranked["quintile"] = ((from_lowest - 1) * 5 // n + 1).astype(int)
    ranked["of"] = n
    return ranked


def positions_by_group(rows: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """``positions`` for many groups in one pass: ``rows`` holds the ``by`` columns (one group per
    indicator, breakdown and period), ``area_code``, ``value`` and each row's ``polarity``. Each row
    with a value gets the ``rank, quintile, of`` that ``positions`` gives it within its group, by the
    same rules (pandas' grouped rank with ``method="min"`` is ``Series.rank`` per group); rows are kept
    in their order, without ``polarity``. One grouped rank instead of a call per group is what makes
    every period of every indicator quick to place."""
    ranked = rows.dropna(subset=["value", *by])
    lower_is_better = ranked["polarity"] == "lower_is_better"
    ranked = ranked.drop(columns="polarity")
    values = ranked.groupby(by, sort=False, observed=True)["value"]
    from_lowest = values.rank(method="min", ascending=True).astype(int)
    from_highest = values.rank(method="min", ascending=False).astype(int)
    n = values.transform("size").astype(int)
    return ranked.assign(rank=from_lowest.where(lower_is_better, from_highest),
                         quintile=(from_lowest - 1) * 5 // n + 1, of=n)


def rank_words(rank: int, of: int, polarity: str, level: str) -> str:
    """'3rd best of 151 upper-tier areas in England'; '3rd highest' where higher is neither."""
    if polarity in ("higher_is_better", "lower_is_better"):
        if rank == 1:
            return f"the best of {of} {LEVEL_WORDS[level]} in England"
        return f"{ordinal(rank)} best of {of} {LEVEL_WORDS[level]} in England"
    if rank == 1:
        return f"the highest of {of} {LEVEL_WORDS[level]} in England"
    return f"{ordinal(rank)} highest of {of} {LEVEL_WORDS[level]} in England"


def quintile_words(quintile: int, polarity: str, level: str, measure: str) -> str:
    """'in the fifth of English upper-tier areas with the lowest life expectancy (the worst fifth)'."""
    where = {1: "with the lowest", 5: "with the highest"}
    if quintile in where:
        text = f"in the fifth of English {LEVEL_WORDS[level]} {where[quintile]} {measure}"
    else:
        text = f"in the {QUINTILE_LABELS[quintile].lower()} of English {LEVEL_WORDS[level]} for {measure}"
    if polarity in ("higher_is_better", "lower_is_better") and quintile in (1, 5):
        best = (quintile == 5) == (polarity == "higher_is_better")
        text += " (the best fifth)" if best else " (the worst fifth)"
    return text


def quintile_label(quintile, polarity: str) -> str:
    """A cell's label: 'Highest fifth (best)'; empty where there is no quintile."""
    if quintile is None or (isinstance(quintile, float) and math.isnan(quintile)):
        return ""
    quintile = int(quintile)
    label = QUINTILE_LABELS[quintile]
    if polarity in ("higher_is_better", "lower_is_better") and quintile in (1, 5):
        best = (quintile == 5) == (polarity == "higher_is_better")
        label += " (best)" if best else " (worst)"
    return label
