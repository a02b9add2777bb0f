"""The one error type bundle code raises, carrying every problem found."""

from __future__ import annotations

from ..model import Problem


class BundleError(Exception):
    """A bundle that cannot be used; `problems` name each file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def summary(self) -> str:
        """The first problem on one line, with how many more there are."""
        if not self.problems:
            return str(self)
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        return f"{self.problems[0]}{suffix}"
