"""Periods as sources write them (``2020-22``, ``2021/22``, ``2017-2021``, ``2023``).

Periods stay strings everywhere a user sees them; this module only orders them.
"""

from __future__ import annotations

import functools
import re

PERIOD_PATTERN = r"^(\d{4})(?:([-/])(\d{2}|\d{4}))?$"
_PERIOD_RE = re.compile(PERIOD_PATTERN)


def is_valid_period(text: str) -> bool:
    match = _PERIOD_RE.match(text)
    if not match:
        return False
    start, end = period_bounds(text)
    return start <= end


@functools.lru_cache(maxsize=1024)  # a few hundred distinct periods, each read for thousands of rows
def period_bounds(text: str) -> tuple[int, int]:
    """First and last calendar (or financial) year the period covers."""
    match = _PERIOD_RE.match(text)
    if not match:
        raise ValueError(f"not a period: {text!r}")
    start = int(match.group(1))
    end_text = match.group(3)
    if end_text is None:
        return start, start
    if len(end_text) == 2:
        century = start - start % 100
        end = century + int(end_text)
        if end < start:
            end += 100
        return start, end
    return start, int(end_text)


def sort_key(text: str) -> tuple[int, int]:
    """Later-ending periods sort last; ties broken by the start year."""
    start, end = period_bounds(text)
    return end, start


def latest(periods) -> str | None:
    periods = list(periods)
    return max(periods, key=sort_key) if periods else None
