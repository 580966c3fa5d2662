"""Unit task sheets (各单位任务清单): for each unit, what it leads and what it shares, with whom,
by when, towards which targets, and from which section of the plan.

Writes `<id>-任务清单/<unit>.docx` per unit and `<id>-任务清单.xlsx` with a sheet per unit. A member
of a group (各村 -> 红岩村) also gets the group's tasks. `--unit` (ctx.units) limits the units.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Iterator, Sequence

from plancc.model import Plan
from plancc.render import ooxml, xlsx
from plancc.render.context import Context, Output
from plancc.render.docx_tables import (
    LANDSCAPE_BLOCK, CellValue, TableSpec, fit_widths, landscape, para, pick_look, table_xml, title_block,
)
from plancc.render.tasks import LEAD, Duty, UnitTasks, all_unit_tasks, labels, ledger, tasks
from plancc.render.xlsx import Workbook, Worksheet
from plancc.write import safe_filename

LABEL_KEYS = (
    "leads", "shares", "ledger", "none", "number", "task", "role", "lead_mark", "responsible_mark", "via", "self",
    "co_lead", "lead", "responsible", "co_responsible", "deadline", "target", "source", "when", "what", "rule", "task_no",
    "index", "index_title", "index_unit", "index_lead", "index_shared", "index_sheet",
)
MAX_NAME_BYTES = 150  # a file name stays well under the 255-byte limit of common file systems


@dataclass(frozen=True)
class Sheet:
    """One unit's sheet, with the wording both formats print."""

    unit: UnitTasks
    title: str
    subtitle: str
    summary: str
    labels: dict[str, str]

    @property
    def id(self) -> str:
        return self.unit.unit.id


def build_sheets(plan: Plan, ctx: Context) -> tuple[list[Sheet], dict[str, str]]:
    """The sheets of the selected units (all units with tasks by default), and the plan's labels."""
    words = labels(ctx.templates, "sheets/labels.j2", LABEL_KEYS, title=plan.title)
    rows = tasks(plan)
    out = []
    for u in all_unit_tasks(plan, rows, ctx.units):
        common = dict(unit=u.unit.full_name, unit_id=u.unit.id, title=plan.title)
        summary = ctx.templates.render(
            "sheets/summary.j2", **common, lead=len(u.leads), shared=len(u.shares), via=list(u.via),
            via_count=sum(bool(d.via) for d in u.duties), deadlines=len(u.deadlines),
        )
        title = ctx.templates.render("sheets/title.j2", **common)
        out.append(Sheet(u, title, ctx.templates.render("sheets/subtitle.j2", **common), summary, words))
    return out, words


# --- file names ----------------------------------------------------------------------


def file_stems(names: list[str]) -> list[str]:
    """Safe, distinct file names (without suffix) for the units: no folders, no device names, not too
    long, unique even on case-insensitive file systems."""
    out: list[str] = []
    taken: set[str] = set()
    for name in names:
        base = safe_filename(name, MAX_NAME_BYTES)
        stem, n = base, 1
        while stem.casefold() in taken:
            n += 1
            stem = f"{safe_filename(base, MAX_NAME_BYTES - 8)}-{n}"
        taken.add(stem.casefold())
        out.append(stem)
    return out


# --- rows ----------------------------------------------------------------------------------


def role_text(s: Sheet, d: Duty) -> str:
    return s.labels["lead_mark"] if d.role == LEAD else s.labels["responsible_mark"]


def duty_cells(s: Sheet, d: Duty) -> dict[str, CellValue]:
    """The text of each column for one duty: worked out once per task (and duty), so cheap to ask again."""
    t = d.task
    lead, resp = d.partners
    return {
        "number": str(t.no), "task": t.runs, "via": d.via or s.labels["self"], "lead": lead, "responsible": resp,
        "deadline": t.deadline, "target": t.target, "source": t.source,
    }


def duty_columns(s: Sheet, duties: tuple[Duty, ...], cells: list[dict[str, CellValue]], lead_table: bool,
                 ) -> list[tuple[str, str]]:
    """(key, header) of the columns that have something to show for the duties (`cells`: their
    `duty_cells`); 序号, 具体任务 and 完成时限 always."""
    L = s.labels
    cols = [("number", L["number"]), ("task", L["task"]), ("via", L["via"]),
            ("lead", L["co_lead"] if lead_table else L["lead"]),
            ("responsible", L["responsible"] if lead_table else L["co_responsible"]),
            ("deadline", L["deadline"]), ("target", L["target"]), ("source", L["source"])]
    keep = {"number", "task", "deadline"}
    if any(d.via for d in duties):
        keep.add("via")
    keep |= {k for k in ("lead", "responsible", "target", "source") if any(c[k] for c in cells)}
    return [c for c in cols if c[0] in keep]


# --- .docx ---------------------------------------------------------------------------------------

COLUMN_CHARS = {
    "number": (2, 2), "via": (4, 6), "lead": (4, 8), "responsible": (4, 8), "deadline": (4, 12),
    "target": (4, 8), "source": (4, 8),
}
LEDGER_CHARS = {"when": (4, 10), "rule": (5, 10), "number": (4, 4), "role": (2, 2)}


def _none(s: Sheet) -> Iterator[str]:
    yield para(s.labels["none"], size_pt=14, first_line=560, line=440)


def _duty_table(s: Sheet, duties: tuple[Duty, ...], lead_table: bool, width: int, room: int) -> Iterator[str]:
    if not duties:
        return _none(s)
    cells = [duty_cells(s, d) for d in duties]
    cols = duty_columns(s, duties, cells, lead_table)
    keys = [k for k, _ in cols]
    header = [h for _, h in cols]
    rows = [[c[k] for k in keys] for c in cells]
    widths = fit_widths(keys, rows, width, COLUMN_CHARS)
    align = ["center" if k in ("number", "via") else "left" for k in keys]
    look, tall = pick_look(header, rows, widths, room)
    return table_xml(TableSpec(header, rows, widths, align, look=look, tall=tall), room)


def _ledger_table(s: Sheet, width: int, room: int) -> Iterator[str]:
    items = ledger(s.unit)
    if not items:
        return _none(s)
    L = s.labels
    keys = ["when", "what", "rule", "number", "role"]
    header = [L["when"], L["what"], L["rule"], L["task_no"], L["role"]]
    rows: list[list[CellValue]] = [
        [i.deadline.when, i.what, i.rule, str(i.duty.task.no), role_text(s, i.duty)] for i in items
    ]
    widths = fit_widths(keys, rows, width, LEDGER_CHARS)
    align = ["left", "left", "center", "center", "center"]
    look, tall = pick_look(header, rows, widths, room)
    return table_xml(TableSpec(header, rows, widths, align, look=look, tall=tall), room)


def _section_heading(text: str) -> str:
    return para(text, ooxml.HEITI, ooxml.SIZES["三号"], align="left", first_line=0, line=ooxml.LINE_PITCH,
                before=240, after=120, keep_next=True)


def docx_bytes(s: Sheet) -> bytes:
    return landscape().docx(_body(s), title=s.title)


def _body(s: Sheet) -> Iterator[str]:
    width, room = LANDSCAPE_BLOCK
    yield title_block(s.title)
    yield para(s.subtitle, ooxml.KAITI, ooxml.SIZES["三号"], align="center", first_line=0, line=ooxml.LINE_PITCH, after=120)
    yield para(s.summary, size_pt=ooxml.SIZES["三号"], first_line=640, line=ooxml.LINE_PITCH)
    yield _section_heading(s.labels["leads"])
    yield from _duty_table(s, s.unit.leads, True, width, room)
    yield _section_heading(s.labels["shares"])
    yield from _duty_table(s, s.unit.shares, False, width, room)
    yield _section_heading(s.labels["ledger"])
    yield from _ledger_table(s, width, room)


# --- .xlsx ---------------------------------------------------------------------------------------

XLSX_WIDTHS = {"number": 6, "role": 7, "via": 10, "task": 60, "lead": 16, "responsible": 18, "deadline": 22,
               "target": 18, "source": 20}


def _index_sheet(wb: Workbook, sheets: list[Sheet], names: list[str], L: dict[str, str]) -> None:
    ws = wb.create_sheet(names[0])
    widths = [6, 30, 12, 12, 30]
    xlsx.set_widths(ws, widths)
    xlsx.title_row(ws, 1, L["index_title"], len(widths), size=16)
    xlsx.write_row(ws, 2, [L["number"], L["index_unit"], L["index_lead"], L["index_shared"], L["index_sheet"]], head=True)
    rows = [[i, s.unit.unit.full_name, len(s.unit.leads), len(s.unit.shares), name]
            for i, (s, name) in enumerate(zip(sheets, names[1:]), 1)]
    xlsx.write_rows(ws, 3, rows, widths, [xlsx.CENTER, xlsx.WRAP_LEFT, xlsx.CENTER, xlsx.CENTER, xlsx.WRAP_LEFT])
    for i, name in enumerate(names[1:], 3):
        ws.link(i, 5, name)
    ws.freeze(3, 1)
    xlsx.print_setup(ws, (2, 2), landscape=False)


def _xlsx_columns(s: Sheet) -> list[str]:
    """序号, 职责, [承担身份], 具体任务, 牵头单位, 责任单位, 完成时限, [目标任务], [所属部分]."""
    duties = s.unit.duties
    keys = ["number", "role"] + (["via"] if any(d.via for d in duties) else []) + ["task", "lead", "responsible", "deadline"]
    return keys + [k for k in ("target", "source") if any(getattr(d.task, k) for d in duties)]


def _duty_rows(s: Sheet, keys: list[str]) -> list[tuple[str, ...]]:
    """The task table's rows: 序号, 职责, [承担身份], then the task's own columns, the same text on
    every unit's sheet (the task's text plain, its lead and responsible units all named)."""
    own = attrgetter(*("text" if k == "task" else k for k in keys[keys.index("task"):]))
    via = "via" in keys
    rows = []
    for d in s.unit.duties:
        t = d.task
        mine = (str(t.no), role_text(s, d), d.via or s.labels["self"]) if via else (str(t.no), role_text(s, d))
        rows.append(mine + own(t))
    return rows


def _unit_sheet(wb: Workbook, s: Sheet, name: str) -> None:
    L = s.labels
    ws = wb.create_sheet(name)
    keys = _xlsx_columns(s)
    widths = [XLSX_WIDTHS[k] for k in keys]
    xlsx.set_widths(ws, widths)
    xlsx.title_row(ws, 1, s.title, len(keys))
    xlsx.note_row(ws, 2, s.subtitle, len(keys), align="center")
    xlsx.note_row(ws, 3, s.summary, len(keys))
    head = 4
    header = [L[k] for k in keys]
    xlsx.write_row(ws, head, header, head=True)
    xlsx.fit_height(ws, head, header, widths)
    rows = _duty_rows(s, keys)
    xlsx.write_rows(ws, head + 1, rows, widths, [xlsx.CENTER if k in ("number", "role", "via") else xlsx.WRAP_LEFT for k in keys])
    row = head + len(rows)
    ws.freeze(head + 1, 1)
    ws.filter(head, 1, max(row, head + 1), len(keys))
    _ledger_rows(ws, s, row + 2, widths)
    xlsx.print_setup(ws, (head, head))


def _ledger_rows(ws: Worksheet, s: Sheet, row: int, widths: Sequence[float]) -> None:
    """The time ledger under the task table: 任务序号, 职责, 事项, 时限, 日期或周期."""
    L = s.labels
    header = [L["task_no"], L["role"], L["what"], L["when"], L["rule"]]
    xlsx.note_row(ws, row, L["ledger"], len(header), bold=True)
    xlsx.write_row(ws, row + 1, header, head=True)
    xlsx.fit_height(ws, row + 1, header, widths)
    items = ledger(s.unit)
    rows = [[i.duty.task.no, role_text(s, i.duty), i.what, i.deadline.when, i.rule] for i in items]
    xlsx.write_rows(ws, row + 2, rows, widths, [xlsx.CENTER, xlsx.CENTER, xlsx.WRAP_LEFT, xlsx.WRAP_LEFT, xlsx.WRAP_LEFT])
    if not items:
        xlsx.write_row(ws, row + 2, [L["none"]] + [""] * (len(header) - 1))


def xlsx_bytes(sheets: list[Sheet], words: dict[str, str]) -> bytes:
    wb = xlsx.new_workbook()
    names = xlsx.sheet_names([words["index"]] + [s.id for s in sheets])
    _index_sheet(wb, sheets, names, words)
    for s, name in zip(sheets, names[1:]):
        _unit_sheet(wb, s, name)
    return xlsx.to_bytes(wb)


# --- entry point -------------------------------------------------------------------------------


def render(plan: Plan, ctx: Context, formats: Sequence[str] = ("docx", "xlsx")) -> list[Output]:
    """One .docx per unit and one .xlsx with a sheet per unit (those of `formats`)."""
    sheets, words = build_sheets(plan, ctx)
    folder = f"{plan.id}-任务清单"
    out = []
    if "docx" in formats:
        stems = file_stems([s.id for s in sheets])
        out += [Output(f"{folder}/{stem}.docx", docx_bytes(s)) for s, stem in zip(sheets, stems)]
    if "xlsx" in formats:
        out.append(Output(f"{folder}.xlsx", xlsx_bytes(sheets, words)))
    return out
