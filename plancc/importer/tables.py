"""Tables in Word documents: a task table (序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限) gives one
task per row, unless it lists the body's own tasks again (the 任务分工表 attached to a plan); any other
table is read cell by cell as paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from plancc.importer.extract import Line

COLUMNS = {
    "label": re.compile(r"^(?:序号|编号|序)$"),
    "lead": re.compile(r"牵头"),
    "responsible": re.compile(r"责任|配合|参与|协办|承办"),
    "deadline": re.compile(r"时限|时间|期限|节点|进度"),
    "task": re.compile(r"任务|内容|措施|事项|工作|目标"),
}


@dataclass(frozen=True)
class TaskTable:
    columns: dict[str, int]
    header: Line  # the header row, which names the columns


def task_columns(cells: tuple[str, ...]) -> dict[str, int] | None:
    """The role of each column when a header row describes a task table."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        text = cell.replace(" ", "")
        if not text or len(text) > 12:
            continue
        for role, pattern in COLUMNS.items():
            if role not in found and pattern.search(text):
                found[role] = i
                break
    if "task" in found and ("lead" in found or "responsible" in found):
        return found
    return None


def expand_tables(lines: list[Line]) -> tuple[list[Line], dict[int, TaskTable]]:
    """Keep task-table rows (headers dropped), turn other tables into one line per cell; the lines,
    and the task tables by number."""
    out: list[Line] = []
    tables: dict[int, TaskTable] = {}
    seen_header: set[int] = set()
    for line in lines:
        if line.cells is None:
            out.append(line)
            continue
        if line.table not in seen_header:
            seen_header.add(line.table)
            columns = task_columns(line.cells)
            if columns:
                tables[line.table] = TaskTable(columns, line)
                continue
        if line.table in tables:
            out.append(line)
        else:
            for cell in dict.fromkeys(c for c in line.cells if c):
                out.append(Line(cell, line.no, (cell,)))
    return out, tables


def cell(line: Line, table: TaskTable, role: str) -> str:
    i = table.columns.get(role)
    if i is None or line.cells is None or i >= len(line.cells):
        return ""
    return line.cells[i].strip()


def plain(text: str) -> str:
    """Text as table cells and headings are compared: without spaces and a final 。 or ；."""
    return re.sub(r"\s+", "", text).rstrip("。；;")


def names_task(task: str, rest: str) -> bool:
    """Whether a table's task cell names the item whose line reads `rest` (its label left out), both
    `plain`: the cell is the start of the item, or the item's title starts the cell."""
    title = rest.split("。", 1)[0]
    return bool(task) and (rest.startswith(task) or (len(title) >= 4 and task.startswith(title)))
