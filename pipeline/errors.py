"""Problems with an input file, each naming the file, the row and the column."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputProblem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


class InputError(Exception):
    """One or more problems that stop the build; ``data/`` is left as it was."""

    def __init__(self, problems: list[InputProblem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def fail(file: str, row: int | None, column: str | None, message: str) -> InputError:
    return InputError([InputProblem(file, row, column, message)])
