"""Problems: the one value type every stage reports (load, schema, checks, build, import)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A located problem. Line and column are 1-based; 0 means "the whole file"."""

    file: str
    line: int
    column: int
    code: str
    severity: str = field(default=ERROR, compare=False)
    args: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    def message(self, lang: str = "zh") -> str:
        from plancc.messages import render

        return render(self.code, "message", lang, dict(self.args))

    def hint(self, lang: str = "zh") -> str:
        from plancc.messages import render

        return render(self.code, "hint", lang, dict(self.args))

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


def problem(file: str, pos: tuple[int, int], code: str, severity: str = ERROR, **args: Any) -> Problem:
    """Shorthand used by every stage: `problem(path, (line, col), "unknown-unit", name="x")`."""
    return Problem(file, pos[0], pos[1], code, severity, tuple(sorted(args.items())))


class PlanError(Exception):
    """Raised by library functions that cannot go on; carries the problems found so far."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(", ".join(f"{p.file}:{p.line}:{p.column} {p.code}" for p in self.problems))

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:  # crosses process boundaries intact
        return (PlanError, (self.problems,))


def has_errors(problems: Iterable[Problem], strict: bool = False) -> bool:
    return any(p.severity == ERROR or strict for p in problems)
