"""Body XML written as text (plancc.render.wml) and packed into a document (plancc.render.package),
read back with python-docx: what Word would see."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn

from plancc.render import ooxml, wml


def read(body: str) -> docx.document.Document:
    return docx.Document(io.BytesIO(ooxml.skeleton().docx(body, title="标题")))


def test_runs_escape_text_and_drop_control_characters() -> None:
    props = wml.rpr(ooxml.HEITI, 22, bold=True, color=ooxml.RED)
    d = read(wml.paragraph(wml.run("a<b>&c\x07\x1b\ud800 d\t签发人：\n下行", props)))
    p = d.paragraphs[0]
    assert p.text == "a<b>&c d\t签发人：\n下行"
    run = p.runs[0]
    fonts = run._r.rPr.rFonts
    assert {fonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {"黑体"}
    assert run.font.size.pt == 22 and run.font.bold and str(run.font.color.rgb) == "FF0000"


def test_spaces_at_the_ends_of_a_run_are_kept_and_only_there_marked() -> None:
    xml = wml.run(" 前 \t后 ")
    assert xml.count('xml:space="preserve"') == 2 and wml.run("中 间").count("xml:space") == 0
    assert read(wml.paragraph(xml)).paragraphs[0].text == " 前 \t后 "


def test_paragraph_properties_as_python_docx_reads_them() -> None:
    props = wml.ppr(align="justify", first_line=-945, left=1575, line=579, before=0, after=0, keep_next=True,
                    page_break_before=True, bottom=("single", 8, "FF0000"), bottom_space=6, tab=8529)
    pf = read(wml.paragraph(wml.run("正文"), props)).paragraphs[0].paragraph_format
    assert pf.first_line_indent.twips == -945 and pf.left_indent.twips == 1575
    assert pf.line_spacing.twips == 579 and pf.keep_with_next and pf.page_break_before
    assert pf.alignment == 3  # justify (w:jc both)
    assert pf.tab_stops[0].position.twips == 8529
    ppr = pf._element.pPr
    assert ppr.find(qn("w:widowControl")).get(qn("w:val")) == "0"
    assert ppr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == "FF0000"


def test_table_rows_cells_merges_and_flags() -> None:
    widths = [3000, 5844]
    cells = lambda *texts: [wml.cell(wml.paragraph(wml.run(t)) if t else "", w) for t, w in zip(texts, widths)]  # noqa: E731
    rows = [
        wml.row(cells("序号", "任务"), header=True, cant_split=True),
        wml.row([wml.cell(wml.paragraph(wml.run("甲")), 3000, merge="restart"), wml.cell("", 5844, fill="FCE4D6")], cant_split=True),
        wml.row([wml.cell("", 3000, merge="continue"), wml.cell(wml.paragraph(wml.run("乙")), 5844)]),
        wml.row([wml.cell(wml.paragraph(wml.run("合计")), 8844, span=2)]),
    ]
    grid = {s: ("single", 4, "000000") for s in ("top", "left", "bottom", "right", "insideH", "insideV")}
    d = read(wml.table(wml.table_properties(widths, grid, 85), rows))
    t = d.tables[0]
    assert [c.width.twips for c in t.columns] == widths
    assert t.cell(1, 0).text == "甲" and t.cell(2, 0).text == "甲"  # merged down
    assert t.cell(3, 0).text == t.cell(3, 1).text == "合计"  # spans both columns
    trs = t._tbl.tr_lst
    assert trs[0].trPr.find(qn("w:tblHeader")) is not None and trs[1].trPr.find(qn("w:cantSplit")) is not None
    assert trs[2].trPr is None
    assert t._tbl.tblPr.find(qn("w:tblBorders")).find(qn("w:insideH")).get(qn("w:sz")) == "4"


def test_archives_read_back_whatever_the_entry_kind() -> None:
    from plancc.archive import Deflated, zip_bytes

    big = [("行" * 1000).encode("utf-8")] * 50
    data = zip_bytes({"b.xml": Deflated.of(b"<b/>"), "[Content_Types].xml": b"<t/>", "a.xml": iter(big), "名.xml": b""})
    z = zipfile.ZipFile(io.BytesIO(data))
    assert z.testzip() is None
    assert z.namelist() == ["[Content_Types].xml", "a.xml", "b.xml", "名.xml"]
    assert {n: z.read(n) for n in z.namelist()} == {"[Content_Types].xml": b"<t/>", "a.xml": b"".join(big), "b.xml": b"<b/>", "名.xml": b""}
    assert {(i.date_time, i.external_attr >> 16, i.compress_type) for i in z.infolist()} == {((1980, 1, 1, 0, 0, 0), 0o644, 8)}
