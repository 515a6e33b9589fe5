"""A problem found in the data, reported as `path:line:col: severity: message`, and name hints."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "col": self.col,
                "severity": self.severity, "message": self.message}


def closest(word: str, choices: Iterable[str], limit: int = 3, cutoff: float = 70) -> list[str]:
    """The choices nearest to a mistyped word, best first."""
    from rapidfuzz import fuzz, process, utils

    matches = process.extract(word, list(choices), scorer=fuzz.WRatio, processor=utils.default_process,
                              limit=limit, score_cutoff=cutoff)
    return [choice for choice, _score, _index in matches]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    best = closest(word, choices, limit=1)
    return f" (did you mean '{best[0]}'?)" if best else ""
