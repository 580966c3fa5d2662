"""The task rows shared by the matrix and the unit sheets, worded exactly as in the notice.

A `Task` is one action as a table row: its running number, its section, its text (the notice's
paragraph without label and attribution), its units, deadlines and targets. A `Duty` is a task seen
from one unit: whether the unit leads it or shares it, directly or through a group it belongs to.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

from plancc.model import Action, Deadline, Plan, Target, Unit
from plancc.problems import PlanError, problem
from plancc.render.templates import Templates
from plancc.render.wording import action_body, deadline_text, unit_names
from plancc.timeline import Due

LEAD = "lead"
RESPONSIBLE = "responsible"


@dataclass(frozen=True)
class Task:
    """One action as a row of the task matrix. Its derived wording is worked out once (cached
    properties): every table and every unit's sheet that shows the task shares it."""

    no: int  # 序号, 1..N in document order
    action: Action
    group: tuple[str, ...]  # section headings shown in the 重点任务 cell
    text: str  # title + 。 + text, exactly as in the notice
    deadline: str  # deadlines as worded, joined
    target: str  # targets as worded, joined

    @property
    def title(self) -> str:
        return self.action.title

    @cached_property
    def body(self) -> str:
        """The text after the title (and its 。)."""
        return self.text[len(self.title) + 1 :] if self.title and self.action.text else self.action.text

    @cached_property
    def runs(self) -> tuple[tuple[str, bool], ...] | str:
        """The text as a table cell: (part, bold) runs with the title bold, or plain text without a title."""
        if not self.title:
            return self.text
        return (self.title + ("。" if self.action.text else ""), True), (self.body, False)

    @cached_property
    def units(self) -> tuple[str, ...]:
        """Every unit named on the task, leads first."""
        return self.action.units

    @cached_property
    def lead(self) -> str:
        """Lead units as printed: X、Y (with 等 when the plan says so)."""
        names = unit_names(self.action.lead)
        return f"{names}等" if names and self.action.etc else names

    @cached_property
    def responsible(self) -> str:
        return unit_names(self.action.responsible)

    @cached_property
    def source(self) -> str:
        """The full section path, e.g. 二、重点任务 （一）产业扶贫."""
        return " ".join(self.action.section_path)

    @cached_property
    def short(self) -> str:
        """A short name for a column header: the title, or the start of the text."""
        if self.title:
            return self.title
        return self.action.text[:12] + ("…" if len(self.action.text) > 12 else "")


def target_text(targets: tuple[Target, ...]) -> str:
    """Targets for a table cell: 新发展特色种植：1800亩以上；不少于3次."""
    return "；".join(f"{t.what}：{t.text}" if t.what and t.what not in t.text else t.text for t in targets)


def _common_prefix(paths: Iterable[tuple[str, ...]]) -> int:
    paths = list(paths)
    if not paths:
        return 0
    n = min(len(p) for p in paths)
    for i in range(n):
        if len({p[i] for p in paths}) > 1:
            return i
    return n


_last: tuple[weakref.ref[Plan], list[Task]] | None = None  # the rows of the plan last asked for


def tasks(plan: Plan) -> list[Task]:
    """Every action of the plan, in document order, as a task row: its text as the notice prints it,
    without label and attribution. Renderers of the same plan in one process share the rows."""
    global _last
    if _last is None or _last[0]() is not plan:
        actions = list(plan.actions())
        skip = _common_prefix(a.section_path for a in actions)
        rows = [
            Task(no, a, a.section_path[skip:] or a.section_path[-1:], action_body(a, label=False),
                 deadline_text(a.deadlines), target_text(a.targets))
            for no, a in enumerate(actions, 1)
        ]
        _last = (weakref.ref(plan), rows)
    return list(_last[1])


def grouped(rows: list[Task]) -> list[list[Task]]:
    """Consecutive tasks of the same section, for merged 重点任务 cells."""
    out: list[list[Task]] = []
    for t in rows:
        if out and out[-1][0].group == t.group:
            out[-1].append(t)
        else:
            out.append([t])
    return out


def has_targets(rows: list[Task]) -> bool:
    return any(t.target for t in rows)


# --- units -------------------------------------------------------------------


@dataclass(frozen=True)
class Duty:
    """A task as one unit sees it."""

    task: Task
    role: str  # LEAD or RESPONSIBLE
    via: str = ""  # the group through which the unit has the task; "" when named directly
    name: str = ""  # the name the task gives: the unit's own, or `via`

    @cached_property
    def partners(self) -> tuple[str, str]:
        """(the task's other leads, its other responsible units), as printed."""
        a = self.task.action
        leads = unit_names(tuple(u for u in a.lead if u != self.name))
        if leads and a.etc:
            leads += "等"
        return leads, unit_names(tuple(u for u in a.responsible if u != self.name))


@dataclass(frozen=True)
class UnitTasks:
    unit: Unit
    duties: tuple[Duty, ...]

    @cached_property
    def leads(self) -> tuple[Duty, ...]:
        return tuple(d for d in self.duties if d.role == LEAD)

    @cached_property
    def shares(self) -> tuple[Duty, ...]:
        return tuple(d for d in self.duties if d.role == RESPONSIBLE)

    @cached_property
    def via(self) -> tuple[str, ...]:
        """The groups through which the unit has tasks, in first-seen order."""
        return tuple(dict.fromkeys(d.via for d in self.duties if d.via))

    @cached_property
    def deadlines(self) -> tuple[DueItem, ...]:
        """The time ledger: dated deadlines by date, then relative, recurring and ongoing duties."""
        return tuple(sorted((DueItem(d, duty) for duty in self.duties for d in duty.task.action.deadlines), key=_order))


def containing_groups(plan: Plan, unit_id: str) -> tuple[str, ...]:
    """The groups `unit_id` belongs to, directly or through other groups, nearest first."""
    seen: list[str] = []
    todo = list(plan.groups_of(unit_id))
    while todo:
        g = todo.pop(0)
        if g in seen or g == unit_id:
            continue
        seen.append(g)
        todo.extend(plan.groups_of(g))
    return tuple(seen)


def _named(rows: list[Task]) -> dict[str, list[int]]:
    """Unit name -> the positions in `rows` of the tasks that name it."""
    out: dict[str, list[int]] = {}
    for i, t in enumerate(rows):
        for u in dict.fromkeys(t.units):
            out.setdefault(u, []).append(i)
    return out


def _unit_tasks(
    plan: Plan, rows: list[Task], unit_id: str, named: dict[str, list[int]], shared: dict[tuple[int, str], Duty],
) -> UnitTasks:
    """Each task goes to the first name that it names: the unit itself, then its groups, nearest first.
    A duty through a group is the same for every member, so `shared` keeps one per task and group."""
    first: dict[int, str] = {}
    for name in (unit_id,) + containing_groups(plan, unit_id):
        for i in named.get(name, ()):
            first.setdefault(i, name)
    duties = []
    for i in sorted(first):
        t, name = rows[i], first[i]
        role = LEAD if name in t.action.lead else RESPONSIBLE
        if name == unit_id:
            duties.append(Duty(t, role, "", name))
        else:  # unit_id is not named on the task, so the duty does not depend on it
            if (i, name) not in shared:
                shared[i, name] = Duty(t, role, name, name)
            duties.append(shared[i, name])
    return UnitTasks(plan.units[unit_id], tuple(duties))


def all_unit_tasks(plan: Plan, rows: list[Task], selected: tuple[str, ...] = ()) -> list[UnitTasks]:
    """Sheets in registry order: the `selected` units (even without tasks), else every unit with tasks."""
    ids = [u for u in plan.units if u in selected] if selected else list(plan.units)
    named = _named(rows)
    shared: dict[tuple[int, str], Duty] = {}
    out = [_unit_tasks(plan, rows, u, named, shared) for u in ids]
    return out if selected else [u for u in out if u.duties]


def assigned_units(plan: Plan, rows: list[Task]) -> list[str]:
    """Units named on at least one task, in registry order (then any others in order of use)."""
    used = dict.fromkeys(u for t in rows for u in t.action.units)
    return [u for u in plan.units if u in used] + [u for u in used if u not in plan.units]


# --- deadlines ---------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    """One deadline of one of a unit's tasks, for the time ledger."""

    deadline: Deadline
    duty: Duty

    @property
    def what(self) -> str:
        return self.deadline.what or self.duty.task.short

    @cached_property
    def rule(self) -> str:
        """The machine form: a date, or the rule of a recurring duty (每1月（18日前））."""
        return self.deadline.due.describe() if self.deadline.due else ""


def _order(item: DueItem) -> tuple[tuple[int, str], int]:
    due: Due | None = item.deadline.due
    return (due.sort_key() if due else (9, "")), item.duty.task.no


def ledger(unit: UnitTasks) -> list[DueItem]:
    """A unit's deadlines: dated ones by date, then relative, recurring and ongoing duties."""
    return list(unit.deadlines)


# --- wording a clerk may change ------------------------------------------------


def labels(templates: Templates, name: str, keys: Iterable[str], **context: object) -> dict[str, str]:
    """Read a `key: 名称` template (one label a line); PlanError when one of `keys` is missing."""
    out: dict[str, str] = {}
    for line in templates.render(name, **context).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            out[key.strip()] = value.strip()
    missing = [k for k in keys if k not in out]
    if missing:
        detail = "缺少 " + "、".join(f"“{k}:”" for k in missing) + " 行"
        raise PlanError([problem(name, (0, 0), "template-error", template=name, detail=detail)])
    return out
