"""Publishers' period notations turned into the labels the dashboard shows.

ONS Explore Local Statistics writes periods as ISO 8601 intervals: ``2022-01-01/P3Y`` is the
three calendar years 2022 to 2024, ``2021-04-01/P1Y`` the financial year 2021/22. The
dashboard writes them as the source bulletins do (``2022-24``, ``2021/22``, ``2023``), which
``dashboard.periods`` orders. Any other notation is an error, never a guess.

Two more notations, each allowed only where an indicator declares it (its metadata says what
the dates mean):

- a one-year interval starting mid-month, ``2015-11-16/P1Y``: the Active Lives survey year
  16 November 2015 to 15 November 2016, which OHID labels ``2015/16``;
- a bare date, ``2008-04-16``: a figure *as at* that date (ASHE's April pay period, the IDBR's
  March snapshot), labelled by its calendar year as the publisher's series is (``2008``).
"""

from __future__ import annotations

import re

_ISO_INTERVAL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T00:00:00)?/P(\d{1,2})Y$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")
# Years that start in these months are financial (April) or academic (August, September) years.
_SPLIT_YEAR_MONTHS = {4, 8, 9}
# Survey years that start mid-month: the Active Lives Adult Survey runs 16 November to 15 November.
_MID_MONTH_SURVEY_YEARS = {(11, 16)}


def label(text: str, *, mid_month_years: bool = False, snapshot_dates: bool = False) -> str:
    """``2022-01-01/P3Y`` → ``2022-24``; raise ValueError for a notation we do not know.

    ``mid_month_years`` and ``snapshot_dates`` allow the two notations in the module's
    docstring, for indicators whose metadata says what they mean.
    """
    text = text.strip()
    if _YEAR.match(text):
        return text
    date = _DATE.match(text)
    if date:
        if not snapshot_dates:
            raise ValueError(
                f"period {text!r} is a date, not a period; declare snapshot_dates on the indicator if "
                "the publisher's metadata says each figure is as at that date in an annual series"
            )
        return date.group(1)
    match = _ISO_INTERVAL.match(text)
    if not match:
        raise ValueError(f"period {text!r} is not a year or an ISO 8601 interval like 2022-01-01/P3Y")
    start, month, day, years = (int(g) for g in match.groups())
    if years < 1:
        raise ValueError(f"period {text!r} covers no years")
    if day != 1:
        if mid_month_years and (month, day) in _MID_MONTH_SURVEY_YEARS and years == 1:
            return split_year(start)
        raise ValueError(f"period {text!r}: an interval starting on day {day} of month {month} has no agreed label")
    if month == 1:
        return str(start) if years == 1 else f"{start}-{(start + years - 1) % 100:02d}"
    if month in _SPLIT_YEAR_MONTHS and years == 1:
        return split_year(start)
    raise ValueError(f"period {text!r}: a {years}-year interval starting in month {month} has no agreed label")


def split_year(start: int) -> str:
    """A financial or academic year: 2021 → ``2021/22``."""
    return f"{start}/{(start + 1) % 100:02d}"
