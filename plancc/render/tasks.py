"""The task rows shared by the matrix and the unit sheets, worded exactly as in the notice.

A `Task` is one action as a table row: its running number, its section, its text (the notice's
paragraph without label and attribution), its units, deadlines and targets. A `Duty` is a task seen
from one unit: whether the unit leads it or shares it, directly or through a group it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from plancc.model import Action, Deadline, Plan, Target, Unit
from plancc.problems import PlanError, problem
from plancc.render.templates import Templates
from plancc.render.wording import action_text, attribution, deadline_text, unit_names
from plancc.timeline import Due

LEAD = "lead"
RESPONSIBLE = "responsible"


@dataclass(frozen=True)
class Task:
    """One action as a row of the task matrix."""

    no: int  # 序号, 1..N in document order
    action: Action
    group: tuple[str, ...]  # section headings shown in the 重点任务 cell
    text: str  # title + 。 + text, exactly as in the notice
    deadline: str  # deadlines as worded, joined
    target: str  # targets as worded, joined

    @property
    def title(self) -> str:
        return self.action.title

    @property
    def body(self) -> str:
        """The text after the title (and its 。)."""
        return self.text[len(self.title) + 1 :] if self.title and self.action.text else self.action.text

    @property
    def lead(self) -> str:
        """Lead units as printed: X、Y (with 等 when the plan says so)."""
        names = unit_names(self.action.lead)
        return f"{names}等" if names and self.action.etc else names

    @property
    def responsible(self) -> str:
        return unit_names(self.action.responsible)

    @property
    def source(self) -> str:
        """The full section path, e.g. 二、重点任务 （一）产业扶贫."""
        return " ".join(self.action.section_path)

    @property
    def short(self) -> str:
        """A short name for a column header: the title, or the start of the text."""
        if self.title:
            return self.title
        return self.action.text[:12] + ("…" if len(self.action.text) > 12 else "")


def task_text(action: Action, plan: Plan, templates: Templates) -> str:
    """The action as printed in the notice, without its label and attribution."""
    full = action_text(action, plan, templates, label=False)
    attr = attribution(action, plan, templates)
    return full[: len(full) - len(attr)] if attr and full.endswith(attr) else full


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


def tasks(plan: Plan, templates: Templates) -> list[Task]:
    """Every action of the plan, in document order, as a task row."""
    actions = list(plan.actions())
    skip = _common_prefix(a.section_path for a in actions)
    out = []
    for no, a in enumerate(actions, 1):
        group = a.section_path[skip:] or a.section_path[-1:]
        out.append(Task(no, a, group, task_text(a, plan, templates), deadline_text(a.deadlines), target_text(a.targets)))
    return out


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
    others: tuple[str, ...] = ()  # the other units named on the task


@dataclass(frozen=True)
class UnitTasks:
    unit: Unit
    duties: tuple[Duty, ...]

    @property
    def leads(self) -> tuple[Duty, ...]:
        return tuple(d for d in self.duties if d.role == LEAD)

    @property
    def shares(self) -> tuple[Duty, ...]:
        return tuple(d for d in self.duties if d.role == RESPONSIBLE)

    @property
    def via(self) -> tuple[str, ...]:
        """The groups through which the unit has tasks, in first-seen order."""
        return tuple(dict.fromkeys(d.via for d in self.duties if d.via))


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


def _duty(task: Task, unit_id: str, names: tuple[str, ...]) -> Duty | None:
    """The duty of the first of `names` (the unit itself, then its groups) that the task names."""
    a = task.action
    for name in names:
        role = LEAD if name in a.lead else RESPONSIBLE if name in a.responsible else ""
        if role:
            via = "" if name == unit_id else name
            return Duty(task, role, via, tuple(u for u in a.units if u not in (unit_id, via)))
    return None


def unit_tasks(plan: Plan, rows: list[Task], unit_id: str) -> UnitTasks:
    """What one unit leads and shares, including the tasks of the groups it belongs to."""
    names = (unit_id,) + containing_groups(plan, unit_id)
    duties = tuple(d for t in rows if (d := _duty(t, unit_id, names)))
    return UnitTasks(plan.units[unit_id], duties)


def all_unit_tasks(plan: Plan, rows: list[Task], selected: tuple[str, ...] = ()) -> list[UnitTasks]:
    """Sheets in registry order: the `selected` units (even without tasks), else every unit with tasks."""
    ids = [u for u in plan.units if u in selected] if selected else list(plan.units)
    out = [unit_tasks(plan, rows, u) for u in ids]
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

    @property
    def rule(self) -> str:
        """The machine form: a date, or the rule of a recurring duty (每1月（18日前））."""
        return self.deadline.due.describe() if self.deadline.due else ""


def _order(item: DueItem) -> tuple[tuple[int, str], int]:
    due: Due | None = item.deadline.due
    return (due.sort_key() if due else (9, "")), item.duty.task.no


def ledger(unit: UnitTasks) -> list[DueItem]:
    """A unit's deadlines: dated ones by date, then relative, recurring and ongoing duties."""
    items = [DueItem(d, duty) for duty in unit.duties for d in duty.task.action.deadlines]
    return sorted(items, key=_order)


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
