"""`plancc build`: the pipeline from plan files to written outputs.

load -> validate -> model -> render (notice, matrix, sheets; independent) -> write (atomic).
Everything is rendered in memory first; files are written only when every renderer succeeded. The
jobs of one plan (a renderer's outputs of one format) run side by side in forked processes when the
machine has cores to spare.
"""

from __future__ import annotations

import importlib
import os
import pickle
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from plancc.api import check
from plancc.load import gc_paused
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
    with gc_paused():  # rendering, too, makes millions of objects and hardly any cycles (15% of a build)
        outputs, problems = render_plan(path, only, ctx, processes)
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


def _render(name: str, formats: Sequence[str]) -> list[Output]:
    assert _PLAN is not None
    return importlib.import_module(RENDERERS[name]).render(*_PLAN, formats=tuple(formats))  # type: ignore[no-any-return]


class _Worker:
    """A job rendered in a forked child process, which sends its outputs (or its exception) back
    through a pipe and leaves at once, without the interpreter's clean-up. Raises OSError when the
    system cannot start a process."""

    def __init__(self, job: tuple[str, str], earlier: Sequence[_Worker]) -> None:
        read, write = os.pipe()
        try:
            self.pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            raise
        if self.pid == 0:
            os.close(read)
            try:
                for w in earlier:  # their pipes must close when the parent closes them
                    w.pipe.close()
                try:
                    result: object = _render(job[0], job[1:])
                except Exception as exc:  # a PlanError, or a bug: the parent raises it
                    result = exc
                try:
                    data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # an exception that cannot travel: its description can
                    data = pickle.dumps(RuntimeError(repr(result)[:2000]))
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
            finally:  # also on Ctrl-C, or when the parent has stopped listening
                os._exit(0)
        os.close(write)
        self.pipe = os.fdopen(read, "rb")

    def result(self) -> list[Output]:
        """The child's outputs; its exception is raised here."""
        with self.pipe:
            data = self.pipe.read()
        if not data:
            raise RuntimeError("a rendering process ended without a result")
        out = pickle.loads(data)
        if isinstance(out, Exception):
            raise out
        return out  # type: ignore[no-any-return]

    def reap(self, stop: bool) -> None:
        """Wait for the child; `stop`: end it first (its result is no longer wanted)."""
        if stop:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os.waitpid(self.pid, 0)


def render_all(plan: Plan, ctx: Context, only: Sequence[str], processes: int = 1) -> list[Output]:
    """The outputs of the renderers in `only`, in that order (.docx before .xlsx). With up to
    `processes` processes, the largest jobs run in forked workers (which inherit the plan instead of
    receiving a copy; a fork costs less than a tenth of rendering even a small plan), one each, while
    this process renders the rest, each renderer once with all its formats; where there is no fork,
    or the system starts no more processes, everything left runs here."""
    global _PLAN
    jobs = [job for job in JOBS if job[0] in only]
    helpers = min(len(jobs), processes) - 1 if hasattr(os, "fork") else 0
    _PLAN = (plan, ctx)
    workers: list[_Worker] = []
    done = False
    try:
        for job in jobs[:helpers]:
            try:
                workers.append(_Worker(job, workers))
            except OSError:  # no more processes (EAGAIN, ENOMEM): the rest runs here
                break
        mine: dict[str, list[str]] = {}
        for name, fmt in jobs[len(workers):]:
            mine.setdefault(name, []).append(fmt)
        outputs = [(name, out) for name, formats in mine.items() for out in _render(name, formats)]
        outputs += [(job[0], out) for job, w in zip(jobs, workers) for out in w.result()]
        done = True
    finally:
        for w in workers:  # every pipe first: a child may wait to send until its pipe closes
            w.pipe.close()
        for w in workers:
            w.reap(stop=not done)
        _PLAN = None
    order = {name: i for i, name in enumerate(only)}
    outputs.sort(key=lambda pair: (order[pair[0]], pair[1].name.endswith(".xlsx")))
    return [out for _, out in outputs]
