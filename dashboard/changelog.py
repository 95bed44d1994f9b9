"""What's new: the latest entries of ``data/CHANGELOG.md``, which ``python -m pipeline`` writes.

Read as data, never rendered as written: each entry becomes a date, a heading and rows of
(indicator id, what changed), and pages show those through the usual escaping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_ENTRY = re.compile(r"^## (\d{4}-\d{2}-\d{2}): (.*)$")
_LINE = re.compile(r"^- \*\*([a-z0-9_]+)\*\*: (.*)$")


@dataclass(frozen=True)
class Entry:
    date: str
    heading: str
    changes: tuple[tuple[str, str], ...]  # (indicator id, "3 added, 1 changed, 0 removed; new periods: …")


def read(path: Path, latest: int = 3) -> list[Entry]:
    """The newest ``latest`` entries; an absent or unreadable file gives none."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    entries: list[Entry] = []
    date = heading = None
    changes: list[tuple[str, str]] = []
    for line in lines:
        started = _ENTRY.match(line)
        if started:
            if date:
                entries.append(Entry(date, heading, tuple(changes)))
            date, heading, changes = started.group(1), started.group(2), []
            continue
        change = _LINE.match(line)
        if change and date:
            changes.append((change.group(1), change.group(2)))
    if date:
        entries.append(Entry(date, heading, tuple(changes)))
    return entries[:latest]
