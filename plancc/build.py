"""`plancc build`: the pipeline from plan files to written outputs.

load -> validate -> model -> render (notice, matrix, sheets; independent) -> write (atomic).
Everything is rendered in memory first; files are written only when every renderer succeeded.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from plancc.api import check
from plancc.problems import Problem, PlanError, problem
from plancc.render.context import Context, Output
from plancc.render.templates import Templates
from plancc.write import write_atomic

RENDERERS = {
    "notice": "plancc.render.notice",
    "matrix": "plancc.render.matrix",
    "sheets": "plancc.render.sheets",
}


@dataclass
class Built:
    """The outcome of building one plan."""

    path: str
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def render_plan(path: str | Path, only: Sequence[str], ctx: Context) -> tuple[list[Output], list[Problem]]:
    """Check and render one plan in memory."""
    checked = check(path)
    if checked.plan is None:
        return [], checked.problems
    plan = checked.plan
    if ctx.units:
        unknown = [u for u in ctx.units if u not in plan.aliases]
        if unknown:
            import difflib

            return [], [
                problem(str(path), (0, 0), "unknown-unit-option", name=u,
                        suggestion=(difflib.get_close_matches(u, list(plan.aliases), n=1) or [""])[0])
                for u in unknown
            ]
        ctx = Context(ctx.templates, tuple(plan.aliases[u] for u in ctx.units))
    outputs: list[Output] = []
    try:
        for name in only:
            outputs.extend(importlib.import_module(RENDERERS[name]).render(plan, ctx))
    except PlanError as exc:
        return [], checked.problems + exc.problems
    return outputs, checked.problems


def build_plan(
    path: str | Path,
    outdir: Path,
    only: Sequence[str] = tuple(RENDERERS),
    templates_dir: Path | None = None,
    units: Sequence[str] = (),
    pdf: bool = False,
) -> Built:
    """Build one plan into `outdir`. Existing outputs are replaced atomically or left untouched."""
    ctx = Context(Templates(templates_dir), tuple(units))
    outputs, problems = render_plan(path, only, ctx)
    result = Built(str(path), problems=problems)
    if not result.ok:
        return result
    try:
        for out in outputs:
            target = outdir / out.name
            write_atomic(target, out.data)
            result.files.append(target)
        if pdf:
            from plancc.pdf import to_pdfs

            result.files.extend(to_pdfs([f for f in result.files if f.suffix == ".docx"]))
    except PlanError as exc:
        result.problems.extend(exc.problems)
    return result
