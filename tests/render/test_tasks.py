"""The shared wording layer: unit duties, partners, counts and marks agree with a plain scan of every
task; compiled templates are cached on disk, never stale, and an unwritable cache only costs time."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancc.api import read_plan
from plancc.model import Plan
from plancc.render import matrix
from plancc.render.context import Context
from plancc.render.tasks import LEAD, RESPONSIBLE, all_unit_tasks, containing_groups, tasks
from readback import DATA, ROOT

PLANS = [DATA / "groups.yaml", *sorted((ROOT / "plans").glob("*.yaml")), *sorted((ROOT / "examples").glob("*.yaml"))]


def plain_duties(plan: Plan, unit_id: str) -> list[tuple[int, str, str, tuple[str, str]]]:
    """(no, role, via, partners) of each task the unit has: the first of its names the task names."""
    out = []
    names = (unit_id,) + containing_groups(plan, unit_id)
    for no, a in enumerate(plan.actions(), 1):
        for name in names:
            role = LEAD if name in a.lead else RESPONSIBLE if name in a.responsible else ""
            if role:
                via = "" if name == unit_id else name
                others = tuple(u for u in a.units if u not in (unit_id, via))
                me = {u for u in a.units if u not in others}
                leads = "、".join(u for u in a.lead if u not in me)
                leads += "等" if leads and a.etc else ""
                out.append((no, role, via, (leads, "、".join(u for u in a.responsible if u not in me))))
                break
    return out


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_duties_match_a_plain_scan(path: Path) -> None:
    plan = read_plan(path)
    rows = tasks(plan)
    every = {u.unit.id: u for u in all_unit_tasks(plan, rows, tuple(plan.units))}
    for unit_id in plan.units:
        expected = plain_duties(plan, unit_id)
        assert [(d.task.no, d.role, d.via, d.partners) for d in every[unit_id].duties] == expected


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_counts_and_marks_match_a_plain_scan(path: Path) -> None:
    m = matrix.build_matrix(read_plan(path), Context())
    for u in m.units:
        lead = sum(u in t.action.lead for t in m.rows)
        assert matrix.counts(m, u) == (lead, sum(u in t.action.responsible and u not in t.action.lead for t in m.rows))
    g = matrix.grid(m)
    L = m.labels
    mark = lambda t, u: L["lead_mark"] if u in t.action.lead else L["responsible_mark"] if u in t.action.responsible else ""  # noqa: E731
    marks = [[mark(t, u) for u in m.units] for t in m.rows]
    if m.actions_across:  # a row per unit
        marks = [[row[c] for row in marks] for c in range(len(m.units))]
    n = len(m.rows) if m.actions_across else len(m.units)
    assert [r[2 : 2 + n] for r in g.body] == marks
    assert g.lead_cells == {(r, c + 2) for r, row in enumerate(marks) for c, v in enumerate(row) if v == m.labels["lead_mark"]}
