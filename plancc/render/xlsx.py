"""A small SpreadsheetML (.xlsx) writer: official fonts, bordered wrapped cells, row heights, merged
cells, frozen panes, filters, internal links, print setup, and deterministic bytes.

Each worksheet keeps, row by row, the XML of its cells; there is no object per cell and no XML tree.
The XML of a value in a cell format and the lines it takes in a column width are worked out once per
workbook and then looked up (`Memo`), so a table of values seen before (`write_rows`) is written with
no Python call per cell. The parts go to the zip in pieces as they are written, never as one string.
Text goes into a shared-string table: the unit sheets repeat each task in the sheet of every unit that
shares it, and a string stored once keeps the files small and cuts the time spent compressing them
(deflate only sees 32 KB back, so it cannot fold repeats across sheets). Text is always a string cell,
never a formula. Styles are interned per workbook in order of first use, so the same plan gives the
same styles.xml; the XML of each style is built once per process. The zip is written by
`plancc.archive` (fixed order, times and attributes).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from itertools import chain, cycle, repeat
from operator import getitem, itemgetter, or_
from typing import Callable, Iterable, Iterator, NamedTuple, Sequence, TypeVar

from plancc.archive import (
    DECLARATION,
    NOT_XML,
    OFFICE_RELS,
    PACKAGE_RELS,
    Entry,
    core_properties,
    package_parts,
    xml_escape,
    zip_bytes,
)
from plancc.render.measure import wide_count

BODY_FONT = "仿宋"
HEAD_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
BODY_SIZE = 12
LINE_PT = 16.5  # row height per line of 12 pt text
HEAD_FILL = "F2F2F2"
LINK_COLOR = "0563C1"
SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_ESCAPED = re.compile("_(x[0-9A-Fa-f]{4}_)")  # Excel reads _xHHHH_ in text as character HHHH
_FOOTER = '&C&"仿宋"&10第 &P 页，共 &N 页'
_SI = ("<si><t>", '<si><t xml:space="preserve">')  # a shared string; the second keeps spaces at its ends, line breaks
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TAB_SELECTED = ' tabSelected="1"'
T = TypeVar("T")


# --- styles ---------------------------------------------------------------------------------------


class Font(NamedTuple):
    name: str = BODY_FONT
    size: float = BODY_SIZE
    bold: bool = False
    color: str = ""  # RGB hex, "" for automatic
    underline: bool = False


class Align(NamedTuple):
    horizontal: str = ""  # "", "left", "center"
    vertical: str = "center"
    wrap: bool = True


class Style(NamedTuple):
    font: Font = Font()
    fill: str = ""  # RGB hex of a solid fill, "" for none
    border: bool = False  # thin black lines on all four sides
    align: Align = Align()


WRAP = Align()
WRAP_LEFT = Align("left")
CENTER = Align("center")
DEFAULT = Style(Font("Calibri", 11), align=Align("", "", False))  # xf 0; Calibri 11 sets the column width unit


@lru_cache(maxsize=None)  # widths, sizes and row heights: a few values
def _num(x: float) -> str:
    """A number as Excel writes it: 70 rather than 70.0."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


@lru_cache(maxsize=None)
def _font_xml(f: Font) -> str:
    parts = ["<font>", "<b/>" if f.bold else "", "<u/>" if f.underline else "", f'<sz val="{_num(f.size)}"/>']
    if f.color:
        parts.append(f'<color rgb="FF{f.color}"/>')
    parts.append(f'<name val="{xml_escape(f.name)}"/>')
    # family 2 (swiss) for Latin fonts; charset 134 (GB2312) lets Excel substitute a Chinese font when missing
    parts.append('<family val="2"/>' if f.name.isascii() else '<charset val="134"/>')
    return "".join(parts) + "</font>"


@lru_cache(maxsize=None)
def _fill_xml(rgb: str) -> str:
    return f'<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/><bgColor indexed="64"/></patternFill></fill>'


_NO_BORDER = "<border><left/><right/><top/><bottom/><diagonal/></border>"
_THIN = '<{0} style="thin"><color rgb="FF000000"/></{0}>'
_BORDER = "<border>" + "".join(_THIN.format(side) for side in ("left", "right", "top", "bottom")) + "<diagonal/></border>"


@lru_cache(maxsize=None)
def _align_xml(a: Align) -> str:
    attrs = (f' horizontal="{a.horizontal}"' if a.horizontal else "") + (f' vertical="{a.vertical}"' if a.vertical else "")
    attrs += ' wrapText="1"' if a.wrap else ""
    return f"<alignment{attrs}/>" if attrs else ""


def styles_xml(styles: Sequence[Style]) -> str:
    """styles.xml for the cell formats `styles` (index = xf id; styles[0] is DEFAULT)."""
    fonts, fills = [DEFAULT.font], ["", "gray125"]  # fills 0 and 1 are reserved
    xfs = []
    for s in styles:
        for table, item in ((fonts, s.font), (fills, s.fill)):
            if item not in table:
                table.append(item)
        font_id, fill_id, border_id = fonts.index(s.font), fills.index(s.fill) if s.fill else 0, int(s.border)
        align = _align_xml(s.align)
        xf = (f'<xf numFmtId="0" fontId="{font_id}" fillId="{fill_id}" borderId="{border_id}" xfId="0"'
              + (' applyFont="1"' if font_id else "") + (' applyFill="1"' if fill_id else "")
              + (' applyBorder="1"' if border_id else "") + (' applyAlignment="1"' if align else ""))
        xfs.append(f"{xf}>{align}</xf>" if align else f"{xf}/>")
    fill_xml = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']
    fill_xml += [_fill_xml(rgb) for rgb in fills[2:]]
    return "".join([
        DECLARATION, f'<styleSheet xmlns="{MAIN_NS}">',
        f'<fonts count="{len(fonts)}">', *map(_font_xml, fonts), "</fonts>",
        f'<fills count="{len(fill_xml)}">', *fill_xml, "</fills>",
        f'<borders count="2">{_NO_BORDER}{_BORDER}</borders>',
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
        f'<cellXfs count="{len(xfs)}">', *xfs, "</cellXfs>",
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
        "</styleSheet>",
    ])


# --- text ------------------------------------------------------------------------------------------


def clean(text: str) -> str:
    """`text` without the characters XML and Excel refuse; line breaks become \\n, _xHHHH_ stays literal."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isprintable():  # printable text has none of them
        text = NOT_XML.sub("", text)
    if "_x" in text:
        text = _ESCAPED.sub(r"_x005F_\1", text)
    return text


@lru_cache(maxsize=None)
def col_letter(col: int) -> str:
    """Column letters: 1 -> A, 27 -> AA."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def area(first_row: int, first_col: int, last_row: int, last_col: int, absolute: bool = False) -> str:
    """A cell range reference: A3:G8 (or $A$3:$G$8)."""
    d = "$" if absolute else ""
    return f"{d}{col_letter(first_col)}{d}{first_row}:{d}{col_letter(last_col)}{d}{last_row}"


def quote_sheet(name: str) -> str:
    """A sheet name as formulas and defined names refer to it: '东村'."""
    return "'" + name.replace("'", "''") + "'"


# --- workbook and worksheets -------------------------------------------------------------------------


class Memo(dict[object, T]):
    """What a function gives for each value, worked out on first use. A look-up in C (`getitem`) is
    much faster than a call in Python; only text, int and None are kept: True == 1 == 1.0, so a bool
    or float could be taken for an equal int."""

    def __init__(self, find: Callable[[object], T]) -> None:
        super().__init__()
        self.find = find

    def __missing__(self, value: object) -> T:
        found = self.find(value)
        if value is None or type(value) in (str, int):
            self[value] = found
        return found


class Workbook:
    """Worksheets in order, the styles they use, and the shared strings."""

    def __init__(self) -> None:
        self.worksheets: list[Worksheet] = []
        self.styles: list[Style] = [DEFAULT]
        self._xf: dict[Style, int] = {DEFAULT: 0}
        self.strings: dict[str, int] = {}  # cleaned, unescaped text -> index in the shared-string table
        self._text_xml: dict[str, str] = {}  # text as given -> value XML (values repeat: marks, units, tasks)
        self._row_xfs: dict[tuple, list[int]] = {}
        self._shaded: dict[tuple[int, str], int] = {}
        self._cells: dict[int, Memo[str]] = {}  # by cell format
        self._lines: dict[tuple[float, float], Memo[int]] = {}  # by column width and font size

    def create_sheet(self, name: str) -> Worksheet:
        """A new worksheet at the end; `name` must be valid (see `sheet_names`)."""
        ws = Worksheet(self, name)
        self.worksheets.append(ws)
        return ws

    @property
    def sheetnames(self) -> list[str]:
        return [ws.title for ws in self.worksheets]

    def xf(self, style: Style) -> int:
        """The cell format index of `style`, added on first use."""
        index = self._xf.get(style)
        if index is None:
            index = self._xf[style] = len(self.styles)
            self.styles.append(style)
        return index

    def row_xfs(self, head: bool, align: tuple[Align, ...] | None, size: float, n: int) -> list[int]:
        """The cell formats of a row written by `write_row`."""
        key = (head, align, size, n)
        xfs = self._row_xfs.get(key)
        if xfs is None:
            xfs = self._row_xfs[key] = [self.xf(s) for s in _row_styles(head, align, size, n)]
        return xfs

    def shaded(self, xf: int, rgb: str) -> int:
        """The cell format `xf` with a solid fill (RGB hex)."""
        index = self._shaded.get((xf, rgb))
        if index is None:
            index = self._shaded[xf, rgb] = self.xf(self.styles[xf]._replace(fill=rgb))
        return index

    def value_xml(self, value: object) -> str:
        """The end of a <c> element for `value` (after its r and s attributes): a shared string for
        text, a number for int and float, an empty cell for None and ""."""
        if isinstance(value, str):
            xml = self._text_xml.get(value)
            if xml is None:
                text = clean(value)
                if text:
                    index = self.strings.setdefault(text, len(self.strings))
                    xml = f' t="s"><v>{index}</v></c>'
                else:
                    xml = "/>"
                self._text_xml[value] = xml
            return xml
        if value is None:
            return "/>"
        if isinstance(value, bool):
            return f' t="b"><v>{int(value)}</v></c>'
        if isinstance(value, (int, float)) and math.isfinite(value):
            return f"><v>{value!r}</v></c>" if isinstance(value, float) else f"><v>{int(value)}</v></c>"
        return self.value_xml(str(value))

    def cell(self, xf: int, value: object) -> str:
        """A cell's XML after `<c r="A1` (its reference): `" s="3" t="s"><v>7</v></c>`."""
        if value is None or type(value) in (str, int):
            return self.cells(xf)[value]
        return f'" s="{xf}"{self.value_xml(value)}'

    def cells(self, xf: int) -> Memo[str]:
        """The XML of the cells of format `xf` (see `cell`), by value."""
        memo = self._cells.get(xf)
        if memo is None:
            memo = self._cells[xf] = Memo(lambda value: f'" s="{xf}"{self.value_xml(value)}')
        return memo

    def lines(self, width: float, size: float) -> Memo[int]:
        """The lines of text in a column `width` units wide (see `fit_height`), by value."""
        memo = self._lines.get((width, size))
        if memo is None:
            memo = self._lines[width, size] = Memo(lambda value: _cell_lines(value, width, size))
        return memo


def _split(cell: str) -> tuple[int, str]:
    """The format index and value XML of a cell's XML (from `Workbook.cell`)."""
    xf, _, value = cell[5:].partition('"')
    return int(xf), value


class Worksheet:
    """Cells, row heights, column widths and the sheet's layout; written out by `xml`."""

    def __init__(self, wb: Workbook, title: str) -> None:
        self.wb = wb
        self.title = title
        self.rows: dict[int, list[str | None]] = {}  # row -> cell XML (`Workbook.cell`) from column A on; None: no cell
        self.heights: dict[int, float] = {}
        self.widths: dict[int, float] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.links: list[tuple[int, int, str]] = []  # (row, column, sheet name)
        self.frozen: tuple[int, int] | None = None  # top-left cell of the scrolling area
        self.auto_filter: tuple[int, int, int, int] | None = None
        self.print_titles: tuple[int, int] | None = None  # first and last row repeated on every page
        self.landscape: bool | None = None  # None: no print setup

    def _cell(self, row: int, col: int) -> str | None:
        cells = self.rows.get(row)
        return cells[col - 1] if cells and col <= len(cells) else None

    def _set(self, row: int, col: int, xml: str) -> None:
        cells = self.rows.setdefault(row, [])
        if len(cells) < col:
            cells += [None] * (col - len(cells))
        cells[col - 1] = xml

    def put(self, row: int, col: int, value: object, style: Style = DEFAULT) -> None:
        """Write one cell (text is always text, never a formula)."""
        self._set(row, col, self.wb.cell(self.wb.xf(style), value))

    def put_row(self, row: int, values: Sequence[object], xfs: Sequence[int]) -> None:
        """Write values from column A on, with the cell formats `xfs` (from `Workbook.xf`)."""
        self.put_cells(row, [self.wb.cell(xf, value) for xf, value in zip(xfs, values)])

    def put_cells(self, row: int, cells: list[str | None]) -> None:
        """Write cells (from `Workbook.cell`) from column A on."""
        if row in self.rows:
            self.rows[row][: len(cells)] = cells
        else:
            self.rows[row] = cells

    def style(self, row: int, col: int) -> Style:
        cell = self._cell(row, col)
        return self.wb.styles[_split(cell)[0]] if cell else DEFAULT

    def restyle(self, row: int, col: int, style: Style) -> None:
        """Give an existing (or empty) cell another format, keeping its value."""
        cell = self._cell(row, col)
        self._set(row, col, f'" s="{self.wb.xf(style)}"{_split(cell)[1] if cell else "/>"}')

    def fill(self, row: int, col: int, rgb: str) -> None:
        """Shade one cell with a solid colour (RGB hex)."""
        cell = self._cell(row, col)
        xf, value = _split(cell) if cell else (0, "/>")
        self._set(row, col, f'" s="{self.wb.shaded(xf, rgb)}"{value}')

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        """Merge a block of cells (its top-left cell shows)."""
        self.merges.append((first_row, first_col, last_row, last_col))

    def freeze(self, row: int, col: int = 1) -> None:
        """Keep the rows above `row` and the columns left of `col` in view while scrolling."""
        self.frozen = (row, col)

    def filter(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        """Filter buttons on the header row `first_row` for the table down to `last_row`."""
        self.auto_filter = (first_row, first_col, last_row, last_col)

    def link(self, row: int, col: int, sheet: str) -> None:
        """Make a cell a link to cell A1 of worksheet `sheet`, shown blue and underlined."""
        style = self.style(row, col)
        self.restyle(row, col, style._replace(font=style.font._replace(color=LINK_COLOR, underline=True)))
        self.links.append((row, col, sheet))

    def height(self, row: int, points: float) -> None:
        self.heights[row] = points

    # --- XML ---

    def xml(self, selected: bool = False) -> Iterator[str]:
        """The worksheet part in pieces of some hundred rows, elements in schema order."""
        out = [DECLARATION, f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{OFFICE_RELS}">']
        if self.landscape is not None:
            out.append('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
        rows = sorted(self.rows.keys() | self.heights.keys())
        last_col = max(map(len, self.rows.values()), default=0) or 1
        out.append(f'<dimension ref="{area(1, 1, rows[-1], last_col) if rows else "A1"}"/>')
        out.append(f'<sheetViews><sheetView{TAB_SELECTED if selected else ""} workbookViewId="0">')
        out.append(self._pane_xml())
        out.append('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>')
        if self.widths:
            out.append("<cols>")
            out += [f'<col min="{c}" max="{c}" width="{_num(w)}" customWidth="1"/>' for c, w in sorted(self.widths.items())]
            out.append("</cols>")
        out.append("<sheetData>")
        yield "".join(out)
        starts = [f'<c r="{col_letter(c)}' for c in range(1, last_col + 1)]  # a cell: start, row, `Workbook.cell`
        for i in range(0, len(rows), 500):
            out = []
            some = rows[i : i + 500]
            for r, ht, cells in zip(map(str, some), map(self.heights.get, some), map(self.rows.get, some, repeat(()))):
                out.append(f'<row r="{r}" ht="{_num(ht)}" customHeight="1">' if ht is not None else f'<row r="{r}">')
                if all(cells):  # no gaps
                    out += chain.from_iterable(zip(starts, repeat(r), cells))
                else:
                    out += [start + r + cell for start, cell in zip(starts, cells) if cell]
                out.append("</row>")
            yield "".join(out)
        out = ["</sheetData>"]
        if self.auto_filter:
            out.append(f'<autoFilter ref="{area(*self.auto_filter)}"/>')
        if self.merges:
            out.append(f'<mergeCells count="{len(self.merges)}">')
            out += [f'<mergeCell ref="{area(*m)}"/>' for m in self.merges]
            out.append("</mergeCells>")
        if self.links:
            out.append("<hyperlinks>")
            out += [f'<hyperlink ref="{col_letter(c)}{r}" location="{xml_escape(quote_sheet(s))}!A1"/>' for r, c, s in self.links]
            out.append("</hyperlinks>")
        if self.landscape is not None:
            out.append('<printOptions horizontalCentered="1"/>')
            out.append('<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>')
            orientation = "landscape" if self.landscape else "portrait"
            out.append(f'<pageSetup paperSize="9" orientation="{orientation}" fitToWidth="1" fitToHeight="0"/>')
            out.append(f"<headerFooter><oddFooter>{xml_escape(_FOOTER)}</oddFooter></headerFooter>")
        out.append("</worksheet>")
        yield "".join(out)

    def _pane_xml(self) -> str:
        if not self.frozen or self.frozen == (1, 1):
            return ""
        row, col = self.frozen
        top_left = f"{col_letter(col)}{row}"
        split = (f' xSplit="{col - 1}"' if col > 1 else "") + (f' ySplit="{row - 1}"' if row > 1 else "")
        pane = "bottomRight" if row > 1 and col > 1 else "bottomLeft" if row > 1 else "topRight"
        return (f'<pane{split} topLeftCell="{top_left}" activePane="{pane}" state="frozen"/>'
                f'<selection pane="{pane}" activeCell="{top_left}" sqref="{top_left}"/>')


def new_workbook() -> Workbook:
    """An empty workbook (no worksheet yet)."""
    return Workbook()


# --- package -----------------------------------------------------------------------------------------

_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml."


def _workbook_xml(wb: Workbook) -> str:
    sheets = "".join(
        f'<sheet name="{xml_escape(ws.title)}" sheetId="{i}" r:id="rId{i}"/>' for i, ws in enumerate(wb.worksheets, 1)
    )
    names = [  # Excel's order: by name, then by sheet
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"{xml_escape(quote_sheet(ws.title))}!{area(*ws.auto_filter, absolute=True)}</definedName>"
        for i, ws in enumerate(wb.worksheets) if ws.auto_filter
    ] + [
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
        f"{xml_escape(quote_sheet(ws.title))}!${ws.print_titles[0]}:${ws.print_titles[1]}</definedName>"
        for i, ws in enumerate(wb.worksheets) if ws.print_titles
    ]
    return (
        DECLARATION + f'<workbook xmlns="{MAIN_NS}" xmlns:r="{OFFICE_RELS}"><workbookPr/>'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets>'
        + (f"<definedNames>{''.join(names)}</definedNames>" if names else "")
        + "</workbook>"
    )


def _workbook_rels(n: int) -> str:
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    sheets = "".join(f'<Relationship Id="rId{i}" Type="{rel}worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, n + 1))
    return (
        DECLARATION + f'<Relationships xmlns="{PACKAGE_RELS}">{sheets}'
        f'<Relationship Id="rId{n + 1}" Type="{rel}styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{n + 2}" Type="{rel}sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    )


def _shared_strings(strings: dict[str, int]) -> Iterator[str]:
    """sharedStrings.xml in pieces of some thousand strings (in index order: dicts keep insertion order)."""
    n = len(strings)
    yield f'{DECLARATION}<sst xmlns="{MAIN_NS}" count="{n}" uniqueCount="{n}">'
    texts = list(strings)
    for i in range(0, n, 2000):
        some = texts[i : i + 2000]
        # clean text (see `clean`) has no NUL: escape all at once, by replacing
        escaped = "\0".join(some).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        first, last = map(str.isspace, map(itemgetter(0), some)), map(str.isspace, map(itemgetter(-1), some))
        spaced = map(or_, map(or_, first, last), map(str.__contains__, some, repeat("\n")))
        yield "".join(chain.from_iterable(zip(map(_SI.__getitem__, spaced), escaped.split("\0"), repeat("</t></si>"))))
    yield "</sst>"


def _utf8(pieces: Iterable[str]) -> Iterator[bytes]:
    return (piece.encode("utf-8") for piece in pieces)


def to_bytes(wb: Workbook) -> bytes:
    """The workbook as deterministic .xlsx bytes. The worksheets and shared strings go to the zip in
    pieces, as they are written: the whole XML is never held at once."""
    n = len(wb.worksheets)
    parts: dict[str, Entry] = {
        f"xl/worksheets/sheet{i}.xml": _utf8(ws.xml(selected=i == 1)) for i, ws in enumerate(wb.worksheets, 1)
    }
    types = {f"xl/worksheets/sheet{i}.xml": f"{_CT}worksheet+xml" for i in range(1, n + 1)}
    types |= {"xl/workbook.xml": f"{_CT}sheet.main+xml", "xl/styles.xml": f"{_CT}styles+xml",
              "xl/sharedStrings.xml": f"{_CT}sharedStrings+xml"}
    parts |= package_parts("xl/workbook.xml", types)
    parts |= {
        name: xml.encode("utf-8") for name, xml in {
            "xl/workbook.xml": _workbook_xml(wb),
            "xl/_rels/workbook.xml.rels": _workbook_rels(n),
            "xl/styles.xml": styles_xml(wb.styles),
        }.items()
    }
    parts["xl/sharedStrings.xml"] = _utf8(_shared_strings(wb.strings))
    parts["docProps/core.xml"] = core_properties()
    return zip_bytes(parts)


# --- layout helpers ------------------------------------------------------------------------------------


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
    return (len(text) if text.isascii() else len(text) + wide_count(text)) * size / 11


def line_count(text: str, width: float, size: float = BODY_SIZE) -> int:
    """Lines that `text` takes when wrapped in a column `width` units wide."""
    return _line_count(str(text), width, size)


def _line_count(text: str, width: float, size: float) -> int:
    usable = max(width - 1, 1)
    if "\n" not in text:
        return max(1, math.ceil(text_width(text, size) / usable))
    return sum(max(1, math.ceil(text_width(part, size) / usable)) for part in text.split("\n"))


def put(ws: Worksheet, row: int, col: int, value: object, style: Style = DEFAULT) -> None:
    """Write a value; text is always text (never a formula) and loses characters Excel refuses."""
    ws.put(row, col, value, style)


def font(bold: bool = False, size: float = BODY_SIZE, name: str = BODY_FONT) -> Font:
    return Font(name, size, bold)


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    ws.widths.update(enumerate(widths, 1))


def _row_styles(head: bool, align: tuple[Align, ...] | None, size: float, n: int) -> tuple[Style, ...]:
    if head:
        return (Style(Font(HEAD_FONT, size, True), HEAD_FILL, True, CENTER),) * n
    body = Font(BODY_FONT, size)
    return tuple(Style(body, "", True, align[i] if align else WRAP) for i in range(n))


def write_row(
    ws: Worksheet, row: int, values: Sequence[object], *, head: bool = False,
    align: Sequence[Align] | None = None, size: float = BODY_SIZE,
) -> None:
    """Write one bordered row of wrapped cells: header cells bold 黑体 on grey, centred."""
    ws.put_row(row, values, ws.wb.row_xfs(head, tuple(align) if align else None, size, len(values)))


def fit_height(ws: Worksheet, row: int, values: Sequence[object], widths: Sequence[float], size: float = BODY_SIZE) -> None:
    """Set the row height to fit the wrapped text (Excel does not measure generated rows)."""
    ws.height(row, _row_height(max([_cell_lines(v, w, size) for v, w in zip(values, widths)], default=1), size))


def _cell_lines(value: object, width: float, size: float) -> int:
    """Lines a value takes in a column `width` units wide."""
    if value is None or value == "":
        return 1
    text = value if type(value) is str else str(value)
    if len(text) * 2 * size <= (width - 1) * 11 and "\n" not in text:
        return 1  # one line even if every character is wide
    return _line_count(text, width, size)


@lru_cache(maxsize=None)
def _row_height(lines: int, size: float) -> float:
    return round(lines * LINE_PT * size / BODY_SIZE + 4, 1)


def write_rows(
    ws: Worksheet, row: int, rows: Sequence[Sequence[object]], widths: Sequence[float],
    align: Sequence[Align] | None = None, size: float = BODY_SIZE,
) -> None:
    """Write a table body from `row` down as `write_row` and `fit_height` would, row by row, but with
    no Python call for a value seen before in its column (the unit sheets repeat every task, the
    distribution its marks): its XML and lines are a look-up in the workbook's memos. Rows are as
    long as the first; values are text, int or None (see `Memo`)."""
    if not rows:
        return
    wb, n, k = ws.wb, len(rows[0]), len(rows)
    xfs = wb.row_xfs(False, tuple(align) if align else None, size, n)
    values = list(chain.from_iterable(rows))
    if len(values) != n * k:
        raise ValueError("write_rows: rows of different lengths")
    cells = map(list, zip(*[map(getitem, cycle([wb.cells(xf) for xf in xfs]), values)] * n))  # n at a time
    if ws.rows.keys().isdisjoint(range(row, row + k)):
        ws.rows.update(zip(range(row, row + k), cells))
    else:
        for r, row_cells in enumerate(cells, row):
            ws.put_cells(r, row_cells)
    m = min(n, len(widths))  # as zip(values, widths): columns without a width are not measured
    if m < n:
        values = list(chain.from_iterable(r[:m] for r in rows))
    lines = list(map(getitem, cycle([wb.lines(w, size) for w in widths[:m]]), values))
    columns = [c for c in (lines[i::m] for i in range(m)) if c.count(1) < k]  # those with a cell of two lines or more
    most = map(max, repeat(1, k), *columns) if columns else repeat(1, k)  # the lines of each row
    ws.heights.update(zip(range(row, row + k), map(_row_height, most, repeat(size))))


def merge_down(ws: Worksheet, col: int, first: int, last: int) -> None:
    """Merge a column over rows first..last (kept bordered)."""
    if last > first:
        ws.merge(first, col, last, col)


def title_row(ws: Worksheet, row: int, text: str, ncols: int, size: float = 18) -> None:
    """A centred title merged across the table."""
    ws.put(row, 1, text, Style(Font(TITLE_FONT, size), align=CENTER))
    if ncols > 1:
        ws.merge(row, 1, row, ncols)
    ws.height(row, round(size * 1.8, 1))


def note_row(ws: Worksheet, row: int, text: str, ncols: int, bold: bool = False, align: str = "left") -> None:
    """A line of text merged across the table (labels, summaries)."""
    ws.put(row, 1, text, Style(font(bold=bold, name=HEAD_FONT if bold else BODY_FONT), align=Align(align, "center", False)))
    if ncols > 1:
        ws.merge(row, 1, row, ncols)
    ws.height(row, LINE_PT + 6)


def print_setup(ws: Worksheet, header_rows: tuple[int, int], landscape: bool = True) -> None:
    """A4, fit to page width, header rows repeated on every printed page, centred, page numbers."""
    ws.landscape = landscape
    ws.print_titles = header_rows
