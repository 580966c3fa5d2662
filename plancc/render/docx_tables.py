"""Text tables in Word for the matrix and the unit sheets: real borders, a header row repeated on
every page, rows kept on one page, merged group cells, fixed column widths.

Row heights are estimated (exact line height, CJK characters one em wide) only to decide whether a
row can be kept on one page at all: a row taller than a page must be allowed to break.
"""

from __future__ import annotations

import math
import sys
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any, Iterable, Iterator, Sequence, Union

from plancc.render import ooxml, wml
from plancc.render.measure import wide_count
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
    tall: frozenset[int] | None = None  # rows taller than a page, which may break (None: measure them)


def plain(value: CellValue) -> str:
    return value if isinstance(value, str) else "".join(t for t, _ in value)


class _HalfEms(dict[CellValue, tuple[int, ...]]):
    """Widths of the lines of cell values in half ems (wide characters 2, the others 1), computed once a
    value (a dict: faster than lru_cache; whole numbers: cheap keys)."""

    def __missing__(self, value: CellValue) -> tuple[int, ...]:
        if len(self) >= 1 << 16:
            self.clear()
        text = plain(value)
        if "\n" in text:
            self[value] = widths = tuple(len(part) + wide_count(part) for part in text.split("\n"))
        else:
            self[value] = widths = (len(text) + wide_count(text),)
        return widths


_HALF_EMS = _HalfEms()


class _Lines(dict[int, int]):
    """Lines a text line takes by its width in half ems, at `per_line` characters a line."""

    def __init__(self, per_line: int) -> None:
        super().__init__()
        self.per_line = per_line

    def __missing__(self, half_ems: int) -> int:
        self[half_ems] = n = max(1, math.ceil(half_ems / 2 * 1.04 / self.per_line))  # 4% more for kinsoku
        return n


@lru_cache(maxsize=256)
def _lines(per_line: int) -> _Lines:
    return _Lines(per_line)


def _per_line(width: int, size: float, margin: int) -> int:
    """Whole characters a line holds in a cell `width` twips wide."""
    return max(int((width - 2 * margin) // (size * 20)), 1)


def text_lines(value: CellValue, width: int, size: float, margin: int = CELL_MARGIN) -> int:
    """Lines a cell's text takes in a cell `width` twips wide (generous: whole characters, kinsoku)."""
    return sum(map(_lines(_per_line(width, size, margin)).__getitem__, _HALF_EMS[value]))


class _CellLines(dict[tuple[CellValue, int], int]):
    """Lines of cells by (value, width) at one size and margin, counted once (a dict keyed by both:
    the cheapest lookup for the rows that are measured again and again)."""

    def __init__(self, size: float, margin: int) -> None:
        super().__init__()
        self.size, self.margin = size, margin

    def __missing__(self, key: tuple[CellValue, int]) -> int:
        if len(self) >= 1 << 17:
            self.clear()
        self[key] = n = text_lines(*key, self.size, self.margin)
        return n


@lru_cache(maxsize=16)
def _cell_lines(size: float, margin: int) -> _CellLines:
    return _CellLines(size, margin)


def row_height(values: Sequence[CellValue], widths: Sequence[int], look: Look) -> int:
    """Estimated height of a row in twips."""
    lines = max(map(_cell_lines(look.size, look.margin).__getitem__, zip(values, widths)), default=1)
    return lines * look.line + 40


GRID: dict[str, wml.Border | None] = {side: ("single", 4, ooxml.BLACK) for side in ("top", "left", "bottom", "right", "insideH", "insideV")}


_BOLD = wml.rpr(bold=True)


@lru_cache(maxsize=1 << 14)
def _cell_content(value: CellValue, align: str | None, style: str) -> str:
    """The paragraphs of one cell: a paragraph per line in the table's paragraph style (cached: a
    task's text is the same in the sheet of every unit that shares it, at whatever width)."""
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
def _cell(value: CellValue, align: str | None, style: str, width: int, span: int = 1, merge: str | None = None,
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
    # what is unusual about a cell, by row and column: merged down, spanning columns, shaded
    merge: dict[int, dict[int, str]] = {}
    for col, first, last in spec.merges:
        if last > first:
            merge.setdefault(first, {})[col] = "restart"
            for r in range(first + 1, last + 1):
                merge.setdefault(r, {})[col] = "continue"
    span: dict[int, dict[int, int]] = {}
    for r, first, last in spec.spans:
        if last > first:
            span.setdefault(r, {})[first] = last - first + 1
            span[r].update(dict.fromkeys(range(first + 1, last + 1), 0))  # covered by the span
    fill: dict[int, dict[int, str]] = {}
    for r, c in spec.shaded:
        fill.setdefault(r, {})[c] = LEAD_SHADE
    tall = tall_rows(spec.header, spec.rows, widths, look, room) if spec.tall is None else spec.tall
    # alignment as the style has it (head centred, body left) is left to the style
    as_style: list[str | None] = [None] * len(widths)
    own = [None if a == "left" else a for a in spec.align]
    yield wml.row([_cell(text, None, look.head_style, w) for text, w in zip(spec.header, widths)],
                  header=True, cant_split=True)
    for r, values in enumerate(spec.rows):
        head = r in spec.head_rows
        style, align = (look.head_style, as_style) if head else (look.body_style, own)
        merges, spans, fills = merge.get(r), span.get(r), fill.get(r)
        if merges or spans:
            cells = []
            for c, value in enumerate(values):
                n = spans.get(c, 1) if spans else 1
                if n == 0:
                    continue
                how = merges.get(c) if merges else None
                cells.append(_cell("" if how == "continue" else value, None if how == "continue" else align[c], style,
                                   sum(widths[c : c + n]), n, how, fills.get(c) if fills and how != "continue" else None))
        elif fills:
            cells = [_cell(v, a, style, w, 1, None, fills.get(c)) for c, (v, a, w) in enumerate(zip(values, align, widths))]
        else:
            cells = [_cell(v, a, style, w) for v, a, w in zip(values, align, widths)]
        yield wml.row(cells, cant_split=r not in tall)


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


def tall_rows(header: list[str], rows: list[list[CellValue]], widths: list[int], look: Look, room: int) -> frozenset[int]:
    """The rows taller than the `room` (twips) a page offers under the header."""
    left = room - row_height(header, widths, look)
    return frozenset(r for r, values in enumerate(rows) if row_height(values, widths, look) > left)


def pick_look(header: list[str], rows: list[list[CellValue]], widths: list[int], room: int) -> tuple[Look, frozenset[int]]:
    """The largest type size at which every row fits on a page, and the rows that fit at none."""
    for look in LOOKS:
        left = room - row_height(header, widths, look)
        if all(row_height(r, widths, look) <= left for r in rows):
            return look, frozenset()
    return LOOKS[-1], tall_rows(header, rows, widths, LOOKS[-1], room)


SAMPLE = 120  # rows enough to choose column widths; longer tables use every k-th row


class _Packed:
    """Line counts of the sampled rows packed into one integer, a fixed number of bits a row, so that
    their row-wise maximum and their sum take a few integer operations instead of a loop over rows."""

    def __init__(self, rows: int, most: int) -> None:
        """`most`: at least any row's count (their sum must stay below 2**bits - 1)."""
        self.bits, self.code = (32, "I") if rows * most < 1 << 31 else (64, "Q")
        self.top = int.from_bytes((1 << self.bits - 1).to_bytes(self.bits // 8, "little") * rows, "little")
        self.low = self.top - (self.top >> self.bits - 1)  # all bits of every row but the top one

    def pack(self, counts: list[int]) -> int:
        return int.from_bytes(array(self.code, counts).tobytes(), sys.byteorder)

    def max(self, x: int, y: int) -> int:
        """Row-wise maximum."""
        if not (x and y):
            return x or y
        ge = ((x | self.top) - y) & self.top  # the top bit set where x >= y (no borrows cross rows)
        keep = ge - (ge >> self.bits - 1)
        return (x & keep) | (y & (keep ^ self.low))

    def stack(self, counts: Iterable[tuple[int, int]]) -> tuple[int, int]:
        """Row-wise maximum of packed counts, and the sum of their totals."""
        tallest = total = 0
        for packed, n in counts:
            tallest, total = self.max(packed, tallest), total + n
        return tallest, total

    def sum(self, packed: int) -> int:
        return packed % ((1 << self.bits) - 1)  # 2**bits is 1 modulo 2**bits - 1


class _Column:
    """The sampled values of one column, with their line counts by characters a line (cached)."""

    def __init__(self, values: list[CellValue]) -> None:
        widths = list(map(_HALF_EMS.__getitem__, values))
        self.first = list(map(itemgetter(0), widths))  # every value has a first line
        parts = max(map(len, widths), default=1)
        self.more = [(row, w) for row, ws in enumerate(widths) for w in ws[1:]] if parts > 1 else []
        widest = max(self.first + [k for _, k in self.more], default=0)
        self.most = parts * (widest + 3)  # at least any count: 0.52 k lines a part at 1 character a line
        self.cache: dict[int, tuple[int, int]] = {}

    def lines(self, per_line: int, packing: _Packed) -> tuple[int, int]:
        """Lines of every value (as text_lines counts them), packed, and their sum."""
        if (hit := self.cache.get(per_line)) is None:
            table = _lines(per_line)
            lines = list(map(table.__getitem__, self.first))
            for row, w in self.more:
                lines[row] += table[w]
            hit = self.cache[per_line] = packing.pack(lines), sum(lines)
        return hit


def fit_widths(cols: Sequence[str], rows: list[list[CellValue]], width: int, chars: dict[str, tuple[int, int]]) -> list[int]:
    """Column widths (twips) for the table: see `_fit_widths`. Many units' sheets hold the same table
    (a quarter of them in a typical plan), so the answer is kept for the same columns and rows."""
    return list(_fit_widths(tuple(cols), tuple(map(tuple, rows)), width, tuple(chars.items())))


@lru_cache(maxsize=1024)
def _fit_widths(cols: tuple[str, ...], rows: tuple[tuple[CellValue, ...], ...], width: int,
                char_items: tuple[tuple[str, tuple[int, int]], ...]) -> tuple[int, ...]:
    """Column widths (twips) that make the table short and wrap little. Columns in `chars` get
    between (fewest, most) characters at 小四; the one column not in `chars` takes the rest.
    Starting from the fewest, widen the column that saves the most per character while any does.

    The cost is the total row height plus a quarter of all lines. A step changes only the widened
    column and the rest, so candidates are costed against the other columns' row-wise maximum;
    line counts are cached per column and characters a line, and packed (see _Packed)."""
    look, chars = LOOKS[0], dict(char_items)
    sample = rows[:: max(1, math.ceil(len(rows) / SAMPLE))]
    columns = [_Column([r[i] for r in sample]) for i in range(len(cols))]
    packing = _Packed(len(sample), max((c.most for c in columns), default=0))
    n = {c: chars[c][0] for c in cols if c in chars}
    own = {c: tuple(i for i, name in enumerate(cols) if name == c) for c in n}
    rest = tuple(i for i, c in enumerate(cols) if c not in chars)

    def fixed(v: int) -> int:
        return int(v * look.size * 20) + 2 * look.margin + 40

    def widths(k: dict[str, int]) -> list[int]:
        twips = {c: fixed(v) for c, v in k.items()}
        return [twips.get(c, width - sum(twips.values())) for c in cols]

    @lru_cache(maxsize=None)
    def at(which: tuple[int, ...], w: int) -> tuple[int, int]:  # line counts of these columns at width w, stacked
        per_line = _per_line(w, look.size, CELL_MARGIN)
        if len(which) == 1:
            return columns[which[0]].lines(per_line, packing)
        return packing.stack(columns[i].lines(per_line, packing) for i in which)

    def layout(k: dict[str, int]) -> tuple[dict[str, tuple[int, int]], tuple[int, int], int, int, int]:
        """Line counts of the fixed columns and of the rest, twips the fixed ones use, height and lines."""
        used = sum(map(fixed, k.values()))
        now, left = {c: at(own[c], fixed(v)) for c, v in k.items()}, at(rest, width - used)
        tallest, total = packing.stack([*now.values(), left])
        return now, left, used, packing.sum(tallest), total

    def cost(height: int, total: int) -> float:  # total height, plus a little for every wrapped line
        return (height + total / 4) * look.line

    now, left, used, height, total = layout(n)
    best = cost(height, total)
    while True:
        # row-wise maxima of the columns before and after each: those of the others in one step
        before, after = [0], [0]
        for x, _ in now.values():
            before.append(packing.max(before[-1], x))
        for x, _ in reversed(now.values()):
            after.append(packing.max(after[-1], x))
        choice = None  # the best step so far: column, characters, cost
        bar = 0.0  # gains from here up cannot be chosen
        for j, (c, v) in enumerate(n.items()):
            lines_c = now[c][1]
            if lines_c == len(sample) * len(own[c]):
                continue  # one line a row already: widening cannot gain
            others, was = None, fixed(v)
            for step in range(1, min(3, chars[c][1] - v) + 1):
                w = fixed(v + step)
                wider, narrower = at(own[c], w), at(rest, width - used + was - w)
                total_k = total - lines_c - left[1] + wider[1] + narrower[1]
                # the height falls by at most the lines the widened column saves: a floor for the gain
                if (cost(height - lines_c + wider[1], total_k) - best) / step >= bar:
                    continue
                if others is None:
                    others = packing.max(before[j], after[len(n) - 1 - j])
                cost_k = cost(packing.sum(packing.max(packing.max(others, wider[0]), narrower[0])), total_k)
                if (gain := (cost_k - best) / step) < bar:
                    choice, bar = (c, v + step, cost_k), gain
        if choice is None:
            return tuple(widths(n))
        c, v, best = choice
        n = n | {c: v}
        now, left, used, height, total = layout(n)
