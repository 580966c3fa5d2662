"""Renderers side by side in forked workers give the same files as one after another, and a
renderer's error comes back from a worker as a located problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancc import build
from plancc.problems import PlanError, problem
from plancc.render.context import Context

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plans" / "000-spring-offensive.yaml"


@pytest.fixture
def fork_always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "PARALLEL_ACTIONS", 0)


def test_parallel_and_sequential_outputs_are_identical(fork_always: None) -> None:
    one, problems = build.render_plan(PLAN, tuple(build.RENDERERS), Context(), processes=1)
    two, _ = build.render_plan(PLAN, tuple(build.RENDERERS), Context(), processes=2)
    assert not problems and [o.name for o in one] == [o.name for o in two]
    assert [o.data for o in one] == [o.data for o in two]
    assert one[0].name.endswith(".docx") and not one[0].name.endswith("任务分工表.docx")  # notice first, as asked


def failing(plan, ctx, formats):  # noqa: ANN001, ANN201
    if "xlsx" in formats:  # rendered here, in this process
        return []
    raise PlanError([problem("plan.yaml", (3, 5), "output-unwritable", target="x", detail="boom")])


def test_a_worker_error_comes_back_located(monkeypatch: pytest.MonkeyPatch, fork_always: None) -> None:
    import plancc.render.sheets as sheets

    monkeypatch.setattr(sheets, "render", failing)  # the sheets .docx files are the worker's (largest first)
    outputs, problems = build.render_plan(PLAN, tuple(build.RENDERERS), Context(), processes=2)
    assert outputs == []
    assert [(p.file, p.line, p.column, p.code) for p in problems] == [("plan.yaml", 3, 5, "output-unwritable")]


def test_a_small_plan_renders_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    def no_pool(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("a worker process was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    outputs, problems = build.render_plan(PLAN, tuple(build.RENDERERS), Context(), processes=2)
    assert outputs and not problems
