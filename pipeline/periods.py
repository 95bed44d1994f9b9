"""Publishers' period notations turned into the labels the dashboard shows.

ONS Explore Local Statistics writes periods as ISO 8601 intervals: ``2022-01-01/P3Y`` is the
three calendar years 2022 to 2024, ``2021-04-01/P1Y`` the financial year 2021/22. The
dashboard writes them as the source bulletins do (``2022-24``, ``2021/22``, ``2023``), which
``dashboard.periods`` orders. Any other notation is an error, never a guess.
"""

from __future__ import annotations

import re

_ISO_INTERVAL = re.compile(r"^(\d{4})-(\d{2})-01(?:T00:00:00)?/P(\d{1,2})Y$")
_YEAR = re.compile(r"^\d{4}$")
# Years that start in these months are financial (April) or academic (August, September) years.
_SPLIT_YEAR_MONTHS = {4, 8, 9}


def label(text: str) -> str:
    """``2022-01-01/P3Y`` → ``2022-24``; raise ValueError for a notation we do not know."""
    text = text.strip()
    if _YEAR.match(text):
        return text
    match = _ISO_INTERVAL.match(text)
    if not match:
        raise ValueError(f"period {text!r} is not a year or an ISO 8601 interval like 2022-01-01/P3Y")
    start, month, years = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if years < 1:
        raise ValueError(f"period {text!r} covers no years")
    if month == 1:
        return str(start) if years == 1 else f"{start}-{(start + years - 1) % 100:02d}"
    if month in _SPLIT_YEAR_MONTHS and years == 1:
        return split_year(start)
    raise ValueError(f"period {text!r}: a {years}-year interval starting in month {month} has no agreed label")


def split_year(start: int) -> str:
    """A financial or academic year: 2021 → ``2021/22``."""
    return f"{start}/{(start + 1) % 100:02d}"
