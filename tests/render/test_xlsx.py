"""The SpreadsheetML writer (plancc.render.xlsx): cell values and escaping, styles, layout (merges,
panes, filters, links, print setup), well-formed parts in schema order, deterministic bytes, and a
read-back by openpyxl and, where LibreOffice Calc is installed, by LibreOffice."""

from __future__ import annotations

import csv
import io
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest

from plancc.render import xlsx
from readback import soffice

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
TRICKY = 'a<b & c>"d"\'e'
VALUES = [TRICKY, "=SUM(A1)", "_x0041_ stays", "  two spaces", "line1\nline2", 42, 3.5, "bell\x07gone\x00\x1f", "+1", "0012"]
# CT_Worksheet's sequence, the elements this writer uses
SCHEMA_ORDER = ["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetProtection",
                "autoFilter", "mergeCells", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter"]


def sample() -> bytes:
    """Two sheets with every feature the renderers use."""
    wb = xlsx.new_workbook()
    names = xlsx.sheet_names(["任务", "O'Brien"])
    ws = wb.create_sheet(names[0])
    widths = [30, 12, 16, 16, 16, 8, 8, 16, 8, 8]
    xlsx.set_widths(ws, widths)
    xlsx.title_row(ws, 1, "标题", len(VALUES))
    xlsx.write_row(ws, 2, [f"列{i}" for i in range(1, len(VALUES) + 1)], head=True)
    xlsx.write_row(ws, 3, VALUES, align=[xlsx.WRAP_LEFT] + [xlsx.CENTER] * (len(VALUES) - 1))
    xlsx.fit_height(ws, 3, VALUES, widths)
    xlsx.write_row(ws, 4, ["", "牵头", None, 0, -7, 1e20, True])
    ws.fill(4, 2, "FCE4D6")
    xlsx.merge_down(ws, 1, 3, 4)
    ws.freeze(3, 1)
    ws.filter(2, 1, 4, len(VALUES))
    xlsx.print_setup(ws, (2, 2))
    other = wb.create_sheet(names[1])
    xlsx.note_row(other, 1, "目录", 3, bold=True)
    xlsx.write_row(other, 2, ["序号", "单位", "工作表"], head=True)
    xlsx.write_row(other, 3, [1, "某单位", names[0]], align=[xlsx.CENTER, xlsx.WRAP_LEFT, xlsx.WRAP_LEFT])
    other.link(3, 3, names[0])
    other.freeze(3, 3)
    xlsx.print_setup(other, (2, 2), landscape=False)
    return xlsx.to_bytes(wb)


@pytest.fixture(scope="module")
def data() -> bytes:
    return sample()


@pytest.fixture(scope="module")
def book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_text_is_escaped_and_never_a_formula(book: openpyxl.Workbook) -> None:
    ws = book["任务"]
    got = [c.value for c in ws[3]]
    assert got[0] == TRICKY
    assert got[1] == "=SUM(A1)" and ws["B3"].data_type == "s"
    assert got[3] == "  two spaces" and got[4] == "line1\nline2"
    assert got[8:] == ["+1", "0012"]


def test_characters_excel_refuses_are_dropped(book: openpyxl.Workbook) -> None:
    assert book["任务"]["H3"].value == "bellgone"
    assert xlsx.clean("a\x00b\x08c\x0bd\x1fe\tf\ng\ud800h\uffff") == "abcde\tf\ngh"
    assert xlsx.clean("a\r\nb\rc") == "a\nb\nc"
    assert xlsx.clean("_x0041_") == "_x005F_x0041_"  # Excel and LibreOffice read _xHHHH_ as a character


def test_numbers_stay_numbers(book: openpyxl.Workbook) -> None:
    ws = book["任务"]
    assert ws["F3"].value == 42 and isinstance(ws["F3"].value, int)
    assert ws["G3"].value == 3.5
    assert [c.value for c in ws[4]][3:7] == [0, -7, 1e20, True]
    assert ws["A4"].value is None and ws["C4"].value is None and ws["C4"].border.left.style == "thin"
    assert book["O'Brien"]["A3"].value == 1


def test_styles(book: openpyxl.Workbook) -> None:
    ws = book["任务"]
    assert ws["A1"].font.name == "方正小标宋简体" and ws["A1"].font.sz == 18 and ws["A1"].alignment.horizontal == "center"
    head = ws["A2"]
    assert head.font.name == "黑体" and head.font.b and head.fill.fgColor.rgb.endswith("F2F2F2")
    assert head.border.top.style == "thin" and head.alignment.horizontal == "center" and head.alignment.wrap_text
    body = ws["A3"]
    assert body.font.name == "仿宋" and body.font.sz == 12 and not body.font.b
    assert body.alignment.horizontal == "left" and body.alignment.vertical == "center" and body.alignment.wrap_text
    assert ws["B3"].alignment.horizontal == "center"
    assert ws["B4"].fill.fgColor.rgb.endswith("FCE4D6") and ws["B4"].value == "牵头" and ws["B4"].alignment.wrap_text
    assert ws["D4"].fill.fill_type is None
    note = book["O'Brien"]["A1"]
    assert note.font.name == "黑体" and note.font.b and not note.alignment.wrap_text
    link = book["O'Brien"]["C3"]
    assert link.font.color.rgb.endswith("0563C1") and link.font.u == "single" and link.border.left.style == "thin"


def test_layout(book: openpyxl.Workbook) -> None:
    ws = book["任务"]
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:J1", "A3:A4"}
    assert ws.freeze_panes == "A3" and book["O'Brien"].freeze_panes == "C3"
    assert ws.auto_filter.ref == "A2:J4"
    assert ws.column_dimensions["A"].width == 30 and ws.column_dimensions["B"].width == 12
    assert ws.row_dimensions[1].height == 32.4 and ws.row_dimensions[3].height > 16.5
    assert ws.print_title_rows == "$2:$2" and book["O'Brien"].print_title_rows == "$2:$2"
    assert ws.page_setup.orientation == "landscape" and book["O'Brien"].page_setup.orientation == "portrait"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_options.horizontalCentered
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页" and ws.oddFooter.center.font == "仿宋"


def test_internal_link(book: openpyxl.Workbook) -> None:
    assert book["O'Brien"]["C3"].hyperlink.location == "'任务'!A1"
    wb = xlsx.new_workbook()
    ws = wb.create_sheet("a")
    ws.put(1, 1, "x")
    ws.link(1, 1, "O'Brien")
    back = openpyxl.load_workbook(io.BytesIO(xlsx.to_bytes(wb)))
    assert back["a"]["A1"].hyperlink.location == "'O''Brien'!A1"


def test_defined_names(data: bytes) -> None:
    root = ET.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml"))
    names = [(d.get("name"), d.get("localSheetId"), d.get("hidden"), d.text) for d in root.iter(f"{NS}definedName")]
    assert names == [
        ("_xlnm._FilterDatabase", "0", "1", "'任务'!$A$2:$J$4"),
        ("_xlnm.Print_Titles", "0", None, "'任务'!$2:$2"),
        ("_xlnm.Print_Titles", "1", None, "'O''Brien'!$2:$2"),
    ]


def test_parts_are_well_formed_and_in_schema_order(data: bytes) -> None:
    archive = zipfile.ZipFile(io.BytesIO(data))
    for name in archive.namelist():
        root = ET.fromstring(archive.read(name))  # raises on malformed XML
        if name.startswith("xl/worksheets/"):
            tags = [child.tag.removeprefix(NS) for child in root]
            assert tags == sorted(tags, key=SCHEMA_ORDER.index), name
    sst = ET.fromstring(archive.read("xl/sharedStrings.xml"))
    assert len(sst) == int(sst.get("uniqueCount"))


def test_same_workbook_same_bytes(data: bytes) -> None:
    assert sample() == data
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    names = [i.filename for i in infos]
    assert names[0] == "[Content_Types].xml" and names[1:] == sorted(names[1:])
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr for i in infos} == {0o644 << 16} and {i.create_system for i in infos} == {0}
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    assert "<dc:creator>plancc</dc:creator>" in core and core.count("2000-01-01T00:00:00Z") == 2


def test_styles_are_shared_not_per_cell() -> None:
    wb = xlsx.new_workbook()
    ws = wb.create_sheet("a")
    for row in range(1, 201):
        xlsx.write_row(ws, row, [str(row), "text", row], align=[xlsx.CENTER, xlsx.WRAP_LEFT, xlsx.CENTER])
    assert len(wb.styles) == 3  # the default and two cell formats
    assert len(wb.strings) == 201


def libreoffice_rows(data: bytes, folder: Path) -> list[list[str]]:
    """The first worksheet as LibreOffice Calc reads it (CSV, UTF-8); skip when Calc is not installed."""
    (folder / "book.xlsx").write_bytes(data)
    (folder / "probe.csv").write_text("a\n", encoding="utf-8")
    out = folder / "out"
    subprocess.run(
        [soffice(), f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out),
         str(folder / "book.xlsx"), str(folder / "probe.csv")],
        capture_output=True, timeout=300,
    )
    if not (out / "probe.csv").exists():
        pytest.skip("LibreOffice Calc is not installed (libreoffice-calc-nogui)")
    assert (out / "book.csv").exists(), "LibreOffice could not load the workbook"
    return list(csv.reader(io.StringIO((out / "book.csv").read_text(encoding="utf-8"))))


@pytest.mark.render
@pytest.mark.skipif(soffice() is None, reason="needs LibreOffice")
def test_libreoffice_reads_the_cells(data: bytes, tmp_path: Path) -> None:
    rows = libreoffice_rows(data, tmp_path)
    assert rows[0][0] == "标题" and rows[1][:2] == ["列1", "列2"]
    assert rows[2] == [TRICKY, "=SUM(A1)", "_x0041_ stays", "  two spaces", "line1\nline2", "42", "3.5", "bellgone", "+1", "0012"]
