"""openpyxl helpers: official fonts, wrapped cells, row heights, print setup, deterministic bytes.

openpyxl's `save` stamps the current time into docProps/core.xml and into the zip entries; `to_bytes`
writes with fixed properties and re-packs the zip with `normalize_zip`.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from functools import lru_cache
import zipfile
from datetime import datetime
from typing import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from plancc.write import normalize_zip

FIXED_TIME = datetime(2000, 1, 1)
BODY_FONT = "仿宋"
HEAD_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
BODY_SIZE = 12
LINE_PT = 16.5  # row height per line of 12 pt text
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="center")
WRAP_LEFT = Alignment(wrap_text=True, vertical="center", horizontal="left")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def new_workbook() -> Workbook:
    """An empty workbook (no default sheet) with fixed document properties."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "plancc"
    wb.properties.lastModifiedBy = "plancc"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


def to_bytes(wb: Workbook) -> bytes:
    """The workbook as deterministic .xlsx bytes."""
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # save_workbook() would stamp the current time
    return normalize_zip(buf.getvalue())


def sheet_names(names: Iterable[str]) -> list[str]:
    """Valid, unique worksheet names: at most 31 characters, none of []:*?/\\, not blank."""
    out: list[str] = []
    taken: set[str] = set()
    for name in names:
        base = _BAD_SHEET_CHARS.sub("_", "".join(c for c in name if c.isprintable())).strip(" '") or "_"
        base = base[:SHEET_NAME_MAX]
        candidate, n = base, 1
        while candidate.casefold() in taken or candidate.casefold() == "history":
            n += 1
            suffix = f"({n})"
            candidate = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        taken.add(candidate.casefold())
        out.append(candidate)
    return out


def text_width(text: str, size: float = 11) -> float:
    """Display width in Excel column units (widths of "0" in 11 pt): CJK and full-width characters
    count 2 at 11 pt, others 1, scaled by the font size."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text) * size / 11


def line_count(text: str, width: float, size: float = BODY_SIZE) -> int:
    """Lines that `text` takes when wrapped in a column `width` units wide."""
    usable = max(width - 1, 1)
    return sum(max(1, math.ceil(text_width(part, size) / usable)) for part in str(text).split("\n"))


def put(ws: Worksheet, row: int, col: int, value: object) -> Cell:
    """Write a value; text is always text (never a formula) and loses characters Excel refuses."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value) or None
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


@lru_cache(maxsize=64)
def font(bold: bool = False, size: float = BODY_SIZE, name: str = BODY_FONT) -> Font:
    return Font(name=name, size=size, bold=bold)


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w


def write_row(
    ws: Worksheet, row: int, values: Sequence[object], *, head: bool = False,
    align: Sequence[Alignment] | None = None, size: float = BODY_SIZE,
) -> None:
    """Write one bordered row of wrapped cells."""
    for col, value in enumerate(values, 1):
        cell = put(ws, row, col, value)
        cell.border = BORDER
        cell.font = font(bold=head, size=size, name=HEAD_FONT if head else BODY_FONT)
        cell.alignment = CENTER if head else (align[col - 1] if align else WRAP)
        if head:
            cell.fill = HEAD_FILL


def fit_height(ws: Worksheet, row: int, values: Sequence[object], widths: Sequence[float], size: float = BODY_SIZE) -> None:
    """Set the row height to fit the wrapped text (Excel does not measure generated rows)."""
    lines = max((line_count(str(v), w, size) for v, w in zip(values, widths) if v not in (None, "")), default=1)
    ws.row_dimensions[row].height = round(lines * LINE_PT * size / BODY_SIZE + 4, 1)


def merge_down(ws: Worksheet, col: int, first: int, last: int) -> None:
    """Merge a column over rows first..last (kept bordered)."""
    if last > first:
        ws.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)


def title_row(ws: Worksheet, row: int, text: str, ncols: int, size: float = 18) -> None:
    """A centred title merged across the table."""
    cell = put(ws, row, 1, text)
    cell.font = font(size=size, name=TITLE_FONT)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if ncols > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    ws.row_dimensions[row].height = round(size * 1.8, 1)


def note_row(ws: Worksheet, row: int, text: str, ncols: int, bold: bool = False, align: str = "left") -> None:
    """A line of text merged across the table (labels, summaries)."""
    cell = put(ws, row, 1, text)
    cell.font = font(bold=bold, name=HEAD_FONT if bold else BODY_FONT)
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=False)
    if ncols > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    ws.row_dimensions[row].height = LINE_PT + 6


def print_setup(ws: Worksheet, header_rows: tuple[int, int], landscape: bool = True) -> None:
    """A4, fit to page width, header rows repeated on every printed page, centred, page numbers."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.font = BODY_FONT
    ws.oddFooter.center.size = 10
