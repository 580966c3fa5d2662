"""Text tables in Word for the matrix and the unit sheets: real borders, a header row repeated on
every page, rows kept on one page, merged group cells, fixed column widths.

Row heights are estimated (exact line height, CJK characters one em wide) only to decide whether a
row can be kept on one page at all: a row taller than a page must be allowed to break.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Sequence, Union

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.table import Table, _Cell

from plancc.render import ooxml

Run = tuple[str, bool]  # text, bold
CellValue = Union[str, tuple[Run, ...]]
CELL_MARGIN = 85  # twips left and right (1.5 mm)
LEAD_SHADE = "FCE4D6"


@dataclass(frozen=True)
class Look:
    """Type sizes of one table."""

    size: float = 12.0  # pt (小四)
    line: int = 320  # exact line height, twips
    margin: int = CELL_MARGIN  # left and right cell margin, twips
    head_font: str = ooxml.HEITI
    body_font: str = ooxml.FANGSONG


LOOKS = (Look(12.0, 320), Look(10.5, 280))  # 小四, else 五号 when a row would not fit on a page


@dataclass
class TableSpec:
    """What to draw: header, rows of cell values, widths (twips) and per-column alignment."""

    header: list[str]
    rows: list[list[CellValue]]
    widths: list[int]
    align: list[str]
    merges: list[tuple[int, int, int]] = field(default_factory=list)  # (column, first row, last row)
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (row, first column, last column)
    shaded: set[tuple[int, int]] = field(default_factory=set)  # (row, column) with a light fill
    head_rows: set[int] = field(default_factory=set)  # body rows drawn like the header (count rows)
    look: Look = field(default_factory=Look)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TITLE_MAX = 255  # the longest core-properties title python-docx accepts


def xml_text(text: str) -> str:
    """Text without the control characters XML (and so Word) cannot hold."""
    return _NOT_XML.sub("", text)


def doc_title(text: str) -> str:
    """A title for the document properties: XML-safe and at most TITLE_MAX characters."""
    return xml_text(text)[:TITLE_MAX]


def plain(value: CellValue) -> str:
    return value if isinstance(value, str) else "".join(t for t, _ in value)


@lru_cache(maxsize=4096)
def em_width(text: str) -> float:
    """Width in ems: CJK and full-width characters 1, others 1/2."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


@lru_cache(maxsize=4096)
def _part_widths(text: str) -> tuple[float, ...]:
    return tuple(em_width(part) for part in text.split("\n"))


def text_lines(text: str, width: int, size: float, margin: int = CELL_MARGIN) -> int:
    """Lines the text takes in a cell `width` twips wide (generous: whole characters, kinsoku)."""
    per_line = max(int((width - 2 * margin) // (size * 20)), 1)
    return sum(max(1, math.ceil(w * 1.04 / per_line)) for w in _part_widths(text))


def row_height(values: Sequence[CellValue], widths: Sequence[int], look: Look) -> int:
    """Estimated height of a row in twips."""
    lines = max((text_lines(plain(v), w, look.size, look.margin) for v, w in zip(values, widths) if plain(v)), default=1)
    return lines * look.line + 40


def _fill_cell(cell: _Cell, value: CellValue, align: str, font: str, look: Look, bold: bool = False) -> None:
    runs: tuple[Run, ...] = ((xml_text(value), bold),) if isinstance(value, str) else tuple((xml_text(t), b) for t, b in value)
    lines: list[list[Run]] = [[]]
    for text, b in runs:
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append([])
            if part:
                lines[-1].append((part, b))
    for i, line_runs in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        for text, b in line_runs:
            ooxml.add_run(p, text, font, look.size, bold=True if b else None)
        ooxml.format_paragraph(p, align=align, first_line=0, left=0, right=0, line=look.line, before=0, after=0)
    ooxml.set_cell_valign(cell, "center")


def add_table(document: Document, spec: TableSpec, room: int) -> Table:
    """Append the table; `room` is the height (twips) a page offers, to decide which rows may break."""
    look = spec.look
    table = document.add_table(rows=1 + len(spec.rows), cols=len(spec.widths))
    ooxml.grid_borders(table, 4)
    ooxml.set_cell_margins(table, left=look.margin, right=look.margin)
    ooxml.set_col_widths(table, spec.widths)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = list(table.rows)
    cells = [[_Cell(tc, table) for tc in row._tr.tc_lst] for row in rows]  # no merges yet: one tc a column
    for c, text in enumerate(spec.header):
        _fill_cell(cells[0][c], text, "center", look.head_font, look)
    ooxml.set_repeat_header(rows[0])
    ooxml.set_cant_split(rows[0])
    room -= row_height(spec.header, spec.widths, look)
    merged = {(r, col) for col, first, last in spec.merges for r in range(first + 1, last + 1)}
    merged |= {(r, col) for r, first, last in spec.spans for col in range(first + 1, last + 1)}
    for r, values in enumerate(spec.rows):
        is_head = r in spec.head_rows
        for c, value in enumerate(values):
            if (r, c) in merged:
                continue
            cell = cells[r + 1][c]
            _fill_cell(cell, value, "center" if is_head else spec.align[c], look.head_font if is_head else look.body_font, look)
            if (r, c) in spec.shaded:
                ooxml.set_cell_shading(cell, LEAD_SHADE)
        if row_height(values, spec.widths, look) <= room:
            ooxml.set_cant_split(rows[r + 1])
    for col, first, last in spec.merges:
        if last > first:
            cells[first + 1][col].merge(cells[last + 1][col])
    for r, first, last in spec.spans:
        if last > first:
            cells[r + 1][first].merge(cells[r + 1][last])
    return table


# --- pages ---------------------------------------------------------------------------


def new_landscape() -> Document:
    """Landscape A4 in the official fonts, GB/T 9704 text block turned with the page, page numbers."""
    return docx.Document(io.BytesIO(_landscape_template()))


@lru_cache(maxsize=1)
def _landscape_template() -> bytes:
    """Built once: setting up styles, theme and fonts is the slow part of a new document."""
    doc = ooxml.new_document(size_pt=12, landscape=True, line=None, char_spacing=None, grid_type=None)
    ooxml.set_even_odd_footers(doc)
    ooxml.page_number_footers(doc.sections[0])
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def text_block(doc: Document) -> tuple[int, int]:
    """Width and height of the text block, twips."""
    s = doc.sections[0]
    w, h, top, bottom, left, right = (
        int(x.twips) if x is not None else 0
        for x in (s.page_width, s.page_height, s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
    )
    return w - left - right, h - top - bottom


def title_block(
    doc: Document, title: str, attachment: str = "", size: float = ooxml.SIZES["二号"], new_page: bool = False,
) -> None:
    """附件N flush left (三号黑体), then the title centred (小标宋), as GB/T 9704 lays out attachments."""
    if attachment:
        ooxml.add_paragraph(doc, xml_text(attachment), font=ooxml.HEITI, size_pt=ooxml.SIZES["三号"], align="left",
                            first_line=0, line=ooxml.LINE_PITCH, after=ooxml.LINE_PITCH, page_break_before=new_page)
    ooxml.add_paragraph(doc, xml_text(title), font=ooxml.XIAOBIAOSONG, size_pt=size, align="center", first_line=0,
                        line=int(size * 20 * 1.5), after=240, keep_next=True,
                        page_break_before=new_page and not attachment)


def pick_look(header: list[str], rows: list[list[CellValue]], widths: list[int], room: int) -> Look:
    """The largest type size at which every row fits on a page."""
    for look in LOOKS:
        if all(row_height(r, widths, look) + row_height(header, widths, look) <= room for r in rows):
            return look
    return LOOKS[-1]


def fit_widths(cols: Sequence[str], rows: list[list[CellValue]], width: int, chars: dict[str, tuple[int, int]]) -> list[int]:
    """Column widths (twips) that make the table short and wrap little. Columns in `chars` get
    between (fewest, most) characters at 小四; the one column not in `chars` takes the rest.
    Starting from the fewest, widen the column that saves the most per character while any does."""
    look = LOOKS[0]
    n = {c: chars[c][0] for c in cols if c in chars}

    def widths(k: dict[str, int]) -> list[int]:
        fixed = {c: int(v * look.size * 20) + 2 * look.margin + 40 for c, v in k.items()}
        return [fixed.get(c, width - sum(fixed.values())) for c in cols]

    def cost(k: dict[str, int]) -> float:  # total height, plus a little for every wrapped line
        ws = widths(k)
        wraps = sum(text_lines(plain(v), w, look.size) for r in rows for v, w in zip(r, ws))
        return sum(row_height(r, ws, look) for r in rows) + wraps * look.line / 4

    best = cost(n)
    while True:
        tries = [((cost(k) - best) / step, k) for c in n for step in (1, 2, 3)
                 if n[c] + step <= chars[c][1] for k in [n | {c: n[c] + step}]]
        gain, k = min(tries, key=lambda t: t[0], default=(0.0, n))
        if gain >= 0:
            return widths(n)
        n, best = k, cost(k)
