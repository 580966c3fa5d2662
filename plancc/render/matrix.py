"""任务分工表: every action of the plan as one table row, and how the tasks fall on the units.

Writes `<id>-任务分工表.docx` (landscape A4, official fonts, attachable to the notice) and
`<id>-任务分工表.xlsx` (the same table, plus the unit x action distribution on a second sheet).
Wording comes from plancc.render.wording through plancc.render.tasks, so every row reads exactly
as the notice does.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from typing import Sequence

from plancc.model import Plan
from plancc.render import ooxml, xlsx
from plancc.render.docx_tables import (
    LANDSCAPE_BLOCK, LEAD_SHADE, LOOKS, CellValue, Look, TableSpec, fit_widths, landscape, pick_look, table_xml,
    title_block,
)
from plancc.render.context import Context, Output
from plancc.render.tasks import Task, assigned_units, grouped, has_targets, labels, tasks
from plancc.render.xlsx import Workbook

LABEL_KEYS = (
    "number", "section", "task", "lead", "responsible", "deadline", "target", "distribution", "unit",
    "lead_mark", "responsible_mark", "lead_count", "responsible_count", "total", "sheet_tasks", "sheet_distribution",
)
ACROSS_MAX = 12  # at most this many actions across; more go down the page
COLUMNS = ("number", "section", "task", "lead", "responsible", "deadline", "target")


@dataclass(frozen=True)
class Matrix:
    """Everything both formats print."""

    title: str
    attachment: str  # 附件 label ("附件2") when the notice lists this table as an attachment
    labels: dict[str, str]
    rows: list[Task]
    units: list[str]  # units named on tasks, registry order

    @property
    def columns(self) -> tuple[str, ...]:
        return COLUMNS if has_targets(self.rows) else COLUMNS[:-1]

    def cells(self, t: Task) -> dict[str, str]:
        """The text of each column for one row (section excluded: it is a merged group cell)."""
        return {"number": str(t.no), "task": t.text, "lead": t.lead, "responsible": t.responsible,
                "deadline": t.deadline, "target": t.target}

    @property
    def actions_across(self) -> bool:
        """Units down and actions across, unless there are many actions (then the reverse)."""
        return len(self.rows) <= ACROSS_MAX or len(self.rows) <= len(self.units)

    @cached_property
    def tally(self) -> dict[str, tuple[int, int]]:
        """Unit -> (tasks it leads, tasks it is responsible for), named directly; one pass over the rows."""
        lead: Counter[str] = Counter()
        resp: Counter[str] = Counter()
        for t in self.rows:
            leads = set(t.action.lead)
            lead.update(leads)
            resp.update(set(t.action.responsible) - leads)
        return {u: (lead[u], resp[u]) for u in lead.keys() | resp.keys()}


def _norm(name: str) -> str:
    return "".join(name.split()).strip("《》")


def attachment_label(plan: Plan, title: str) -> str:
    """附件N (附件 when it is the only one) when the notice lists `title` in `notice.attachments`,
    numbered as the notice's 附件说明 numbers them; else ""."""
    if plan.notice is None:
        return ""
    names = list(plan.notice.attachments)
    for i, name in enumerate(names):
        if _norm(name) == _norm(title):
            return "附件" if len(names) == 1 else f"附件{i + 1}"
    return ""


def build_matrix(plan: Plan, ctx: Context) -> Matrix:
    rows = tasks(plan)
    title = ctx.templates.render("matrix/title.j2", title=plan.title, kind=plan.kind, id=plan.id)
    words = labels(ctx.templates, "matrix/labels.j2", LABEL_KEYS, title=plan.title)
    return Matrix(title, attachment_label(plan, title), words, rows, assigned_units(plan, rows))


# --- distribution: units x actions ---------------------------------------------


def counts(m: Matrix, unit: str) -> tuple[int, int]:
    """(tasks the unit leads, tasks it is responsible for), named directly."""
    return m.tally.get(unit, (0, 0))


def _marks(m: Matrix) -> tuple[list[list[str]], set[tuple[int, int]]]:
    """The marks of every task (rows, in order) for every unit (columns, as `m.units`): 牵头 for a lead
    unit, else 责任 for a responsible one; and the (row, column) of each 牵头 mark."""
    column = {u: i for i, u in enumerate(m.units)}
    blank, lead_mark, resp_mark = [""] * len(m.units), m.labels["lead_mark"], m.labels["responsible_mark"]
    rows: list[list[str]] = []
    leads: set[tuple[int, int]] = set()
    for r, t in enumerate(m.rows):
        row = blank.copy()
        for u in t.action.responsible:
            if u in column:
                row[column[u]] = resp_mark
        for u in t.action.lead:  # after the responsible: a unit named in both is marked lead
            if u in column:
                row[column[u]] = lead_mark
                leads.add((r, column[u]))
        rows.append(row)
    return rows, leads


@dataclass(frozen=True)
class Grid:
    """The distribution as text: header, body rows and count rows (first two cells merged)."""

    header: list[str]
    body: list[list[str]]
    footer: list[list[str]]
    widths: list[float]  # Excel column units
    lead_cells: set[tuple[int, int]]  # (body row, column) holding a 牵头 mark


def grid(m: Matrix) -> Grid:
    L = m.labels
    marks, lead_at = _marks(m)
    if m.actions_across:
        counts_head = [L["lead_count"], L["responsible_count"], L["total"]]
        header = [L["number"], L["unit"]] + [f"{t.no}\n{t.short}" for t in m.rows] + counts_head
        body = []
        for c, u in enumerate(m.units):
            lead, resp = counts(m, u)
            body.append([str(c + 1), u] + [row[c] for row in marks] + [str(lead), str(resp), str(lead + resp)])
        widths = [6.0, 16.0] + [10.0] * len(m.rows) + [9.0] * 3
        return Grid(header, body, [], widths, {(c, r + 2) for r, c in lead_at})
    header = [L["number"], L["task"]] + list(m.units)
    body = [[str(t.no), t.short] + row for t, row in zip(m.rows, marks)]
    c = [counts(m, u) for u in m.units]
    footer = [
        [L["lead_count"], ""] + [str(lead) for lead, _ in c],
        [L["responsible_count"], ""] + [str(resp) for _, resp in c],
        [L["total"], ""] + [str(lead + resp) for lead, resp in c],
    ]
    return Grid(header, body, footer, [6.0, 30.0] + [7.0] * len(m.units), {(r, c + 2) for r, c in lead_at})


# --- .xlsx -----------------------------------------------------------------------

XLSX_WIDTHS = {"number": 6, "section": 16, "task": 60, "lead": 14, "responsible": 18, "deadline": 22, "target": 20}


def _task_sheet(wb: Workbook, m: Matrix, name: str) -> None:
    ws = wb.create_sheet(name)
    cols = m.columns
    widths = [XLSX_WIDTHS[c] for c in cols]
    xlsx.set_widths(ws, widths)
    row = 1
    if m.attachment:
        xlsx.note_row(ws, row, m.attachment, len(cols), bold=True)
        row += 1
    xlsx.title_row(ws, row, m.title, len(cols))
    head = row + 1
    header = [m.labels[c] for c in cols]
    xlsx.write_row(ws, head, header, head=True)
    xlsx.fit_height(ws, head, header, widths)
    rows = []
    for group in grouped(m.rows):
        first = head + 1 + len(rows)
        for i, t in enumerate(group):
            cells = m.cells(t) | {"section": "\n".join(t.group) if i == 0 else ""}
            rows.append([cells[c] for c in cols])
        xlsx.merge_down(ws, cols.index("section") + 1, first, head + len(rows))
    align = [xlsx.CENTER if c in ("number", "section") else xlsx.WRAP_LEFT for c in cols]
    xlsx.write_rows(ws, head + 1, rows, widths, align)
    last = head + len(rows)
    ws.freeze(head + 1, 1)
    ws.filter(head, 1, last, len(cols))
    xlsx.print_setup(ws, (head, head))


def _distribution_sheet(wb: Workbook, m: Matrix, name: str) -> None:
    g = grid(m)
    ws = wb.create_sheet(name)
    n = len(g.header)
    xlsx.set_widths(ws, g.widths)
    xlsx.title_row(ws, 1, f"{m.title}（{m.labels['distribution']}）", n, size=16)
    xlsx.write_row(ws, 2, g.header, head=True)
    xlsx.fit_height(ws, 2, g.header, g.widths)
    xlsx.write_rows(ws, 3, g.body, g.widths, [xlsx.CENTER, xlsx.WRAP_LEFT] + [xlsx.CENTER] * (n - 2))
    for r, c in sorted(g.lead_cells):
        ws.fill(r + 3, c + 1, LEAD_SHADE)  # the .docx shades 牵头 cells alike
    for i, values in enumerate(g.footer):
        row = len(g.body) + 3 + i
        xlsx.write_row(ws, row, values, head=True)
        ws.merge(row, 1, row, 2)
    ws.freeze(3, 3)
    xlsx.print_setup(ws, (2, 2))


def xlsx_bytes(m: Matrix) -> bytes:
    wb = xlsx.new_workbook()
    tasks_name, distribution_name = xlsx.sheet_names([m.labels["sheet_tasks"], m.labels["sheet_distribution"]])
    _task_sheet(wb, m, tasks_name)
    _distribution_sheet(wb, m, distribution_name)
    return xlsx.to_bytes(wb)


# --- .docx ------------------------------------------------------------------------

COLUMN_CHARS = {  # (fewest, most) characters a line for the columns around 具体任务
    "number": (2, 2), "section": (4, 8), "lead": (4, 8), "responsible": (4, 8), "deadline": (4, 12), "target": (4, 8),
}


def task_spec(m: Matrix, width: int, room: int) -> TableSpec:
    cols = m.columns
    header = [m.labels[c] for c in cols]
    rows: list[list[CellValue]] = []
    merges = []
    si = cols.index("section")
    for group in grouped(m.rows):
        merges.append((si, len(rows), len(rows) + len(group) - 1))
        for i, t in enumerate(group):
            cells: dict[str, CellValue] = dict(m.cells(t))
            cells["section"] = "\n".join(t.group) if i == 0 else ""
            cells["task"] = t.runs
            rows.append([cells[c] for c in cols])
    align = ["center" if c in ("number", "section") else "left" for c in cols]
    widths = fit_widths(cols, rows, width, COLUMN_CHARS)
    look, tall = pick_look(header, rows, widths, room)
    return TableSpec(header, rows, widths, align, merges=merges, look=look, tall=tall)


def distribution_spec(m: Matrix, width: int) -> TableSpec:
    g = grid(m)
    n = len(g.header)
    if m.actions_across:
        fixed = [700, 1800] + [0] * len(m.rows) + [900] * 3
        each = (width - sum(fixed)) // max(len(m.rows), 1)
        widths = [w or each for w in fixed]
    else:
        each = (width - 700 - 3000) // max(len(m.units), 1)
        widths = [700, 3000] + [each] * len(m.units)
    margin = 28
    narrow = min(widths[2:]) if n > 2 else width
    size = max(7.5, min(10.5, math.floor((narrow - 2 * margin) / 40 * 2) / 2))  # two characters a line
    look = Look(size, int(size * 20 * 1.4), margin=margin, name=f"{size:g}磅")
    rows: list[list[CellValue]] = [list[CellValue](r) for r in g.body + g.footer]
    foot = set(range(len(g.body), len(rows)))
    align = ["center", "left"] + ["center"] * (n - 2)
    spans = [(r, 0, 1) for r in sorted(foot)]
    return TableSpec(g.header, rows, widths, align, spans=spans, shaded=g.lead_cells, head_rows=foot, look=look)


def docx_bytes(m: Matrix) -> bytes:
    width, room = LANDSCAPE_BLOCK
    tasks, distribution = task_spec(m, width, room), distribution_spec(m, width)
    body = chain(
        [title_block(m.title, attachment=m.attachment)],
        table_xml(tasks, room),
        [title_block(m.labels["distribution"], size=ooxml.SIZES["小二"], new_page=True)],
        table_xml(distribution, room),
    )
    return landscape(tuple(dict.fromkeys(LOOKS + (distribution.look,)))).docx(body, title=m.title)


# --- entry point -------------------------------------------------------------------


def render(plan: Plan, ctx: Context, formats: Sequence[str] = ("docx", "xlsx")) -> list[Output]:
    """The task matrix as .docx and .xlsx (those of `formats`)."""
    m = build_matrix(plan, ctx)
    writers = {"docx": docx_bytes, "xlsx": xlsx_bytes}
    return [Output(f"{plan.id}-任务分工表.{f}", writers[f](m)) for f in ("docx", "xlsx") if f in formats]
