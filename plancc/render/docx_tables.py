"""Text tables in Word for the matrix and the unit sheets: real borders, a header row repeated on
every page, rows kept on one page, merged group cells, fixed column widths.

Row heights are estimated (exact line height, CJK characters one em wide) only to decide whether a
row can be kept on one page at all: a row taller than a page must be allowed to break.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator, Sequence, Union

from plancc.render import ooxml, wml
from plancc.render.measure import em_width
from plancc.render.package import Skeleton, Style

Run = tuple[str, bool]  # text, bold
CellValue = Union[str, tuple[Run, ...]]
CELL_MARGIN = 85  # twips left and right (1.5 mm)
LEAD_SHADE = "FCE4D6"


@dataclass(frozen=True)
class Look:
    """Type sizes of one table, and the two paragraph styles its cells use: 表格正文<name> for the
    body and 表头<name> (centred) for the header, so a table is restyled in Word by changing them."""

    size: float = 12.0  # pt (小四)
    line: int = 320  # exact line height, twips
    margin: int = CELL_MARGIN  # left and right cell margin, twips
    head_font: str = ooxml.HEITI
    body_font: str = ooxml.FANGSONG
    name: str = "小四"

    @property
    def body_style(self) -> str:
        return f"表格正文{self.name}"

    @property
    def head_style(self) -> str:
        return f"表头{self.name}"

    def styles(self) -> tuple[Style, Style]:
        layout: dict[str, Any] = dict(first_line=0, left=0, right=0, line=self.line, before=0, after=0)
        return (ooxml.paragraph_style(self.body_style, self.body_font, self.size, **layout),
                ooxml.paragraph_style(self.head_style, self.head_font, self.size, align="center", **layout))


LOOKS = (Look(12.0, 320), Look(10.5, 280, name="五号"))  # 小四, else 五号 when a row would not fit on a page


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


def plain(value: CellValue) -> str:
    return value if isinstance(value, str) else "".join(t for t, _ in value)


@lru_cache(maxsize=65536)
def _part_widths(text: str) -> tuple[float, ...]:
    return tuple(em_width(part) for part in text.split("\n"))


@lru_cache(maxsize=65536)
def text_lines(text: str, width: int, size: float, margin: int = CELL_MARGIN) -> int:
    """Lines the text takes in a cell `width` twips wide (generous: whole characters, kinsoku)."""
    per_line = max(int((width - 2 * margin) // (size * 20)), 1)
    return sum(max(1, math.ceil(w * 1.04 / per_line)) for w in _part_widths(text))


def row_height(values: Sequence[CellValue], widths: Sequence[int], look: Look) -> int:
    """Estimated height of a row in twips."""
    lines = max((text_lines(plain(v), w, look.size, look.margin) for v, w in zip(values, widths)), default=1)
    return lines * look.line + 40


GRID: dict[str, wml.Border | None] = {side: ("single", 4, ooxml.BLACK) for side in ("top", "left", "bottom", "right", "insideH", "insideV")}


_BOLD = wml.rpr(bold=True)


def _cell_content(value: CellValue, align: str, style: str) -> str:
    """The paragraphs of one cell: a paragraph per line in the table's paragraph style."""
    runs: tuple[Run, ...] = ((value, False),) if isinstance(value, str) else value
    lines: list[list[str]] = [[]]
    for text, b in runs:
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append([])
            if part:
                lines[-1].append(wml.run(part, _BOLD if b else ""))
    props = wml.ppr(style, align, asian=False)
    return "".join(wml.paragraph(r, props) for r in lines)


@lru_cache(maxsize=8192)
def _cell(value: CellValue, align: str, style: str, width: int, span: int = 1, merge: str | None = None,
          fill: str | None = None) -> str:
    """One cell as XML (cached: marks, unit names and deadlines repeat across a table)."""
    if not value:
        return wml.cell("", width, span, merge, fill, valign="")
    return wml.cell(_cell_content(value, align, style), width, span, merge, fill)


def table_xml(spec: TableSpec, room: int) -> Iterator[str]:
    """The table as WordprocessingML, a row at a time; `room` is the height (twips) a page offers, to
    decide which rows may break across pages (only those taller than a page)."""
    return wml.table(wml.table_properties(spec.widths, GRID, spec.look.margin), _rows(spec, room))


def _rows(spec: TableSpec, room: int) -> Iterator[str]:
    look, widths = spec.look, spec.widths
    merged = {(r, col) for col, first, last in spec.merges for r in range(first + 1, last + 1)}
    starts = {(first, col) for col, first, last in spec.merges if last > first}
    spans = {(r, first): last - first + 1 for r, first, last in spec.spans if last > first}
    covered = {(r, col) for r, first, last in spec.spans for col in range(first + 1, last + 1)}
    head = [_cell(text, "center", look.head_style, w) for text, w in zip(spec.header, widths)]
    yield wml.row(head, header=True, cant_split=True)
    room -= row_height(spec.header, widths, look)
    for r, values in enumerate(spec.rows):
        is_head = r in spec.head_rows
        style = look.head_style if is_head else look.body_style
        cells = []
        for c, value in enumerate(values):
            if (r, c) in covered:
                continue
            span = spans.get((r, c), 1)
            width = sum(widths[c : c + span]) if span > 1 else widths[c]
            if (r, c) in merged:
                cells.append(_cell("", "", style, width, span, "continue"))
                continue
            merge = "restart" if (r, c) in starts else None
            fill = LEAD_SHADE if (r, c) in spec.shaded else None
            cells.append(_cell(value, "center" if is_head else spec.align[c], style, width, span, merge, fill))
        yield wml.row(cells, cant_split=row_height(values, widths, look) <= room)


# --- pages ---------------------------------------------------------------------------


@lru_cache(maxsize=4)
def landscape(looks: tuple[Look, ...] = LOOKS) -> Skeleton:
    """Landscape A4 in the official fonts (小四 by default), the GB/T 9704 text block turned with the
    page, page numbers, and the paragraph styles of tables in `looks`."""
    styles = [style for look in looks for style in look.styles()]
    return ooxml.skeleton(size_pt=12, line=None, char_spacing=None, styles=styles, section=ooxml.page_section(landscape=True))


# Width and height of the landscape text block, twips: the portrait block turned.
LANDSCAPE_BLOCK = (ooxml.TEXT_HEIGHT, ooxml.TEXT_WIDTH)


def para(text: str, font: str | None = None, size_pt: float | None = None, **layout: object) -> str:
    """A paragraph of one run; `layout` takes the keyword arguments of `wml.ppr`."""
    return wml.paragraph(wml.run(text, wml.rpr(font, size_pt)) if text else "", wml.ppr(**layout))  # type: ignore[arg-type]


def title_block(title: str, attachment: str = "", size: float = ooxml.SIZES["二号"], new_page: bool = False) -> str:
    """附件N flush left (三号黑体), then the title centred (小标宋), as GB/T 9704 lays out attachments."""
    out = ""
    if attachment:
        out = para(attachment, ooxml.HEITI, ooxml.SIZES["三号"], align="left", first_line=0, line=ooxml.LINE_PITCH,
                   after=ooxml.LINE_PITCH, page_break_before=new_page)
    return out + para(title, ooxml.XIAOBIAOSONG, size, align="center", first_line=0, line=int(size * 20 * 1.5),
                      after=240, keep_next=True, page_break_before=new_page and not attachment)


def pick_look(header: list[str], rows: list[list[CellValue]], widths: list[int], room: int) -> Look:
    """The largest type size at which every row fits on a page."""
    for look in LOOKS:
        left = room - row_height(header, widths, look)
        if all(row_height(r, widths, look) <= left for r in rows):
            return look
    return LOOKS[-1]


SAMPLE = 120  # rows enough to choose column widths; longer tables use every k-th row


def fit_widths(cols: Sequence[str], rows: list[list[CellValue]], width: int, chars: dict[str, tuple[int, int]]) -> list[int]:
    """Column widths (twips) that make the table short and wrap little. Columns in `chars` get
    between (fewest, most) characters at 小四; the one column not in `chars` takes the rest.
    Starting from the fewest, widen the column that saves the most per character while any does."""
    look = LOOKS[0]
    sample = rows[:: max(1, math.ceil(len(rows) / SAMPLE))]
    texts = [[plain(r[i]) for r in sample] for i in range(len(cols))]
    n = {c: chars[c][0] for c in cols if c in chars}

    def widths(k: dict[str, int]) -> list[int]:
        fixed = {c: int(v * look.size * 20) + 2 * look.margin + 40 for c, v in k.items()}
        return [fixed.get(c, width - sum(fixed.values())) for c in cols]

    @lru_cache(maxsize=None)
    def lines(col: int, w: int) -> tuple[int, ...]:
        return tuple(text_lines(t, w, look.size) for t in texts[col])

    def cost(k: dict[str, int]) -> float:  # total height, plus a little for every wrapped line
        vectors = [lines(i, w) for i, w in enumerate(widths(k))]
        height = sum(max(row) for row in zip(*vectors))
        return (height + sum(map(sum, vectors)) / 4) * look.line

    best = cost(n)
    while True:
        tries = [((cost(k) - best) / step, k) for c in n for step in (1, 2, 3)
                 if n[c] + step <= chars[c][1] for k in [n | {c: n[c] + step}]]
        gain, k = min(tries, key=lambda t: t[0], default=(0.0, n))
        if gain >= 0:
            return widths(n)
        n, best = k, cost(k)
