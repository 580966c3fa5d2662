"""`plancc build`: the pipeline from plan files to written outputs.

load -> validate -> model -> render (notice, matrix, sheets; independent) -> write (atomic).
Everything is rendered in memory first; files are written only when every renderer succeeded. The
renderers of one plan run side by side in forked worker processes when the machine has cores to spare.
"""

from __future__ import annotations

import gc
import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from plancc.api import check
from plancc.model import Plan
from plancc.problems import Problem, PlanError, problem
from plancc.render.context import Context, Output
from plancc.render.templates import Templates
from plancc.write import write_atomic

RENDERERS = {
    "notice": "plancc.render.notice",
    "matrix": "plancc.render.matrix",
    "sheets": "plancc.render.sheets",
}
# What one process can render: a renderer's outputs of one format, largest first (their usual
# share of the work: the unit sheets' .docx files about half), so that the processes balance.
JOBS = (("sheets", "docx"), ("matrix", "docx"), ("sheets", "xlsx"), ("notice", "docx"), ("matrix", "xlsx"))
PARALLEL_ACTIONS = 300  # below this many actions a worker process costs more time than it saves


@dataclass
class Built:
    """The outcome of building one plan."""

    path: str
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def render_plan(
    path: str | Path, only: Sequence[str], ctx: Context, processes: int = 1,
) -> tuple[list[Output], list[Problem]]:
    """Check and render one plan in memory (see `render_all` for `processes`)."""
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
    try:
        outputs = render_all(plan, ctx, only, processes)
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
    processes: int = 1,
) -> Built:
    """Build one plan into `outdir`. Existing outputs are replaced atomically or left untouched.
    `processes` > 1 renders the outputs side by side (faster, more memory)."""
    ctx = Context(Templates(templates_dir), tuple(units))
    # Rendering makes millions of objects and hardly any reference cycles: the cycle collector would
    # only spend time (15% of a build) walking them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        outputs, problems = render_plan(path, only, ctx, processes)
    finally:
        if collecting:
            gc.enable()
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


_PLAN: tuple[Plan, Context] | None = None  # what forked workers render from: inherited, never pickled


def _render(job: tuple[str, str]) -> list[Output]:
    assert _PLAN is not None
    name, fmt = job
    return importlib.import_module(RENDERERS[name]).render(*_PLAN, formats=(fmt,))  # type: ignore[no-any-return]


def render_all(plan: Plan, ctx: Context, only: Sequence[str], processes: int = 1) -> list[Output]:
    """The outputs of the renderers in `only`, in that order (.docx before .xlsx). With up to
    `processes` processes, the largest jobs of a plan with PARALLEL_ACTIONS or more actions run in
    forked workers (which inherit the plan instead of receiving a copy), one each, while this process
    renders the rest; smaller plans, and systems without fork, render everything here."""
    global _PLAN
    jobs = [job for job in JOBS if job[0] in only]
    large = sum(1 for _ in plan.actions()) >= PARALLEL_ACTIONS
    helpers = min(len(jobs), processes) - 1 if large and hasattr(os, "fork") else 0
    _PLAN = (plan, ctx)
    try:
        if helpers > 0:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(helpers, mp_context=multiprocessing.get_context("fork")) as pool:
                futures = {job: pool.submit(_render, job) for job in jobs[:helpers]}
                done = {job: _render(job) for job in jobs[helpers:]}
                done |= {job: f.result() for job, f in futures.items()}
        else:
            done = {job: _render(job) for job in jobs}
    finally:
        _PLAN = None
    return [out for name in only for fmt in ("docx", "xlsx") for out in done.get((name, fmt), [])]
