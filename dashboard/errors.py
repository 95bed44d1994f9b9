"""Errors that name where in the data a problem is, so a curator can fix it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DataProblem:
    file: str
    row: int | None  # line number as an editor shows it (header is line 1)
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


@dataclass
class DataFileError(Exception):
    """Raised when a data file breaks a rule; lists every problem found."""

    problems: list[DataProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    @property
    def first(self) -> DataProblem:
        return self.problems[0]

    def __str__(self) -> str:
        if not self.problems:
            return "invalid data"
        shown = "; ".join(str(p) for p in self.problems[:5])
        more = len(self.problems) - 5
        return shown + (f" (and {more} more problems)" if more > 0 else "")
