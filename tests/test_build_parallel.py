"""Renderers side by side in forked workers give the same files as one after another, and a
renderer's error comes back from a worker as a located problem."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plancc import build
from plancc.problems import PlanError, problem
from plancc.render.context import Context

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plans" / "000-spring-offensive.yaml"


def test_parallel_and_sequential_outputs_are_identical() -> None:
    one, problems = build.render_plan(PLAN, tuple(build.RENDERERS), Context(), processes=1)
    two, _ = build.render_plan(PLAN, tuple(build.RENDERERS), Context(), processes=2)
    assert not problems and [o.name for o in one] == [o.name for o in two]
    assert [o.data for o in one] == [o.data for o in two]
    assert one[0].name.endswith(".docx") and not one[0].name.endswith("任务分工表.docx")  # notice first, as asked


def failing(plan, ctx, formats):  # noqa: ANN001, ANN201
    if "xlsx" in formats:  # rendered here, in this process
        return []
    raise PlanError([problem("plan.yaml", (3, 5), "output-unwritable", target="x", detail="boom")])


def test_a_worker_error_comes_back_located(monkeypatch: pytest.MonkeyPatch) -> None:
    import plancc.render.sheets as sheets

    monkeypatch.setattr(sheets, "render", failing)  # the sheets .docx files are the worker's (largest first)
    outputs, problems = build.render_plan(PLAN, tuple(build.RENDERERS), Context(), processes=2)
    assert outputs == []
    assert [(p.file, p.line, p.column, p.code) for p in problems] == [("plan.yaml", 3, 5, "output-unwritable")]


def test_one_process_forks_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise AssertionError("a worker process was started")

    monkeypatch.setattr(os, "fork", no_fork)
    outputs, problems = build.render_plan(PLAN, tuple(build.RENDERERS), Context(), processes=1)
    assert outputs and not problems
    outputs, problems = build.render_plan(PLAN, ("notice",), Context(), processes=4)  # one job: nothing to share
    assert [o.name for o in outputs] == ["spring-offensive-2020.docx"] and not problems


def test_when_no_process_can_start_everything_is_rendered_here(monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    one, _ = build.render_plan(PLAN, tuple(build.RENDERERS), Context(), processes=1)

    def no_more(*_: object) -> int:
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_more)
    outputs, problems = build.render_plan(PLAN, tuple(build.RENDERERS), Context(), processes=4)
    assert not problems and [o.data for o in outputs] == [o.data for o in one]


def test_an_exception_that_cannot_travel_comes_back_described(monkeypatch: pytest.MonkeyPatch) -> None:
    import plancc.render.sheets as sheets

    class Odd(Exception):
        def __init__(self) -> None:
            super().__init__("odd failure")
            self.hook = lambda: None  # pickle cannot send a lambda

    def odd(plan, ctx, formats):  # noqa: ANN001, ANN202
        if "xlsx" in formats:
            return []
        raise Odd()

    monkeypatch.setattr(sheets, "render", odd)  # the sheets' .docx files are a worker's
    with pytest.raises(RuntimeError, match="odd failure"):
        build.render_plan(PLAN, tuple(build.RENDERERS), Context(), processes=2)


def test_an_error_here_leaves_no_worker_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    import plancc.render.notice as notice

    monkeypatch.setattr(notice, "render", failing)  # the notice is rendered here, the sheets' .docx in a worker
    forked: list[int] = []
    fork = os.fork

    def recorded() -> int:
        pid = fork()
        forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded)
    outputs, problems = build.render_plan(PLAN, tuple(build.RENDERERS), Context(), processes=2)
    assert outputs == [] and [p.code for p in problems] == ["output-unwritable"]
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)  # reaped: not running, not even a zombie


def test_an_error_here_with_many_workers_never_hangs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    import plancc.render.matrix as matrix

    def always(plan, ctx, formats):  # noqa: ANN001, ANN202
        raise PlanError([problem("plan.yaml", (1, 1), "output-unwritable", target="x", detail="boom")])

    def timed_out(*_: object) -> None:
        raise AssertionError("the build hung")

    import hashlib

    units = [f"单位{i}" for i in range(12)]
    text = lambda a: "".join(hashlib.md5(f"{a}-{k}".encode()).hexdigest() for k in range(4))  # noqa: E731 (compresses badly)
    body = "".join(f"  - action: 任务{a}\n    text: 内容{text(a)}。\n    lead: [{units[a % 12]}]\n"
                   f"    responsible: [{units[(a + 1) % 12]}]\n" for a in range(400))
    plan = tmp_path / "big.yaml"
    plan.write_text("plancc: 1\nid: big\nkind: 方案\ntitle: 大方案\nunits:\n" + "".join(f"  - id: {u}\n" for u in units)
                    + "body:\n" + body, encoding="utf-8")
    monkeypatch.setattr(matrix, "render", always)  # matrix .xlsx is rendered here; four workers hold the rest
    old = signal.signal(signal.SIGALRM, timed_out)
    signal.alarm(60)
    try:  # the workers' results are larger than a pipe holds: each waits until its pipe is read or closed
        outputs, problems = build.render_plan(plan, tuple(build.RENDERERS), Context(), processes=5)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert outputs == [] and [p.code for p in problems] == ["output-unwritable"]
