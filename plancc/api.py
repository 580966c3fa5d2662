"""Library API: find plans, check them, read them into the model. The CLI is a thin layer over this."""

from __future__ import annotations

import glob
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from plancc.load import Source, load_file
from plancc.problems import Problem, PlanError, has_errors, problem
from plancc.validate import validate

if TYPE_CHECKING:
    from plancc.model import Plan

PLAN_SUFFIXES = (".yaml", ".yml")


@dataclass
class Checked:
    """The outcome of checking one file: its problems, and the model when it has no errors."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    plan: Plan | None = None

    def ok(self, strict: bool = False) -> bool:
        return not has_errors(self.problems, strict)


def find_plans(paths: Iterable[str]) -> tuple[list[Path], list[Problem]]:
    """Expand files, folders (recursively) and glob patterns into plan files, in a stable order."""
    found: list[Path] = []
    missing: list[Problem] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.suffix in PLAN_SUFFIXES and f.is_file()))
        elif p.exists():
            found.append(p)
        elif any(c in raw for c in "*?["):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True) if Path(m).is_file())
            if not matches:
                missing.append(problem(raw, (0, 0), "no-plans"))
            found.extend(matches)
        else:
            missing.append(problem(raw, (0, 0), "file-not-found"))
    unique = list(dict.fromkeys(found))
    return unique, missing


def check_source(src: Source, model: bool = True) -> Checked:
    """Validate a loaded plan and, when it has no errors and `model` is set, build its model."""
    problems = validate(src)
    result = Checked(src.path, problems)
    if model and result.ok():
        from plancc.model import build

        result.plan = build(src.data, src.path, src.positions)
    return result


def check(path: str | Path, model: bool = True) -> Checked:
    """Load, validate and (when valid and `model` is set) build one plan. Never raises for bad input.

    `plancc validate` passes model=False: the model adds nothing to the problems and costs start-up time.
    """
    try:
        src = load_file(path)
    except PlanError as exc:
        return Checked(str(path), exc.problems)
    return check_source(src, model)


def read_plan(path: str | Path) -> Plan:
    """The model of a valid plan; raises PlanError listing every error otherwise."""
    result = check(path)
    if result.plan is None:
        raise PlanError(result.problems)
    return result.plan
