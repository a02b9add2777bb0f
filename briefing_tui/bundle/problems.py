"""The problems found while reading a bundle, each located in one of its files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Problem


@dataclass
class Collector:
    """Problems found so far, each located in one of the bundle's files."""

    folder: Path
    problems: list[Problem] = field(default_factory=list)

    def add(self, filename: str, line: int, message: str) -> None:
        # One problem, one line: a value quoted in the message may hold line breaks.
        message = message.replace("\r", "\\r").replace("\n", "\\n")
        self.problems.append(Problem(str(self.folder / filename), line, message))
