"""The shared document set-up (page, footers, styles) and the package around it, read back with
python-docx and checked part by part: every part has a content type, every relationship a target."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

import docx
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from lxml import etree

from plancc.render import ooxml, wml
from plancc.render.package import NO_FOOTERS, footer_xml
from plancc.render.pagination import Block, paginate

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_portrait_page_is_a4_with_gbt9704_margins() -> None:
    d = open_docx(ooxml.skeleton().docx(""))
    s = d.sections[0]
    assert (s.page_width.twips, s.page_height.twips) == ooxml.PAGE_A4
    assert (s.top_margin.twips, s.bottom_margin.twips, s.left_margin.twips, s.right_margin.twips) == (2098, 1984, 1588, 1474)
    assert s.orientation == 0 and d.paragraphs == []
    assert s._sectPr.find(qn("w:docGrid")).get(qn("w:linePitch")) == "579"


def test_landscape_page_turns_the_margins_with_it() -> None:
    s = open_docx(ooxml.skeleton(section=ooxml.page_section(landscape=True)).docx("")).sections[0]
    assert (s.page_width.twips, s.page_height.twips) == ooxml.PAGE_A4[::-1] and s.orientation == 1
    assert (s.top_margin.twips, s.right_margin.twips, s.bottom_margin.twips, s.left_margin.twips) == (1588, 2098, 1474, 1984)


def test_page_number_footers_hold_a_page_field() -> None:
    s = open_docx(ooxml.skeleton().docx("")).sections[0]
    odd, even = s.footer.paragraphs, s.even_page_footer.paragraphs
    assert [p.text for p in odd + even] == ["— 1 —", "— 1 —"]
    assert "PAGE" in "".join(t.text for t in odd[0]._p.iter(qn("w:instrText")))
    assert odd[0].alignment == 2 and even[0].alignment == 0  # odd pages right, even pages left
    assert odd[0].paragraph_format.right_indent.twips == 280 and even[0].paragraph_format.left_indent.twips == 280
    fonts = odd[0].runs[0]._r.rPr.rFonts
    assert {fonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {"宋体"}


def test_paragraph_styles_set_every_font_slot_and_layout() -> None:
    style = ooxml.paragraph_style("一级标题", ooxml.HEITI, 16, outline_level=0, first_line=630, line=579)
    d = open_docx(ooxml.skeleton(styles=[style]).docx(wml.paragraph(wml.run("一、标题"), wml.ppr("一级标题"))))
    assert d.paragraphs[0].style.name == "一级标题"
    s = d.styles["一级标题"]
    fonts = s.element.rPr.rFonts
    assert {fonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "cs")} == {"黑体"}
    assert s.font.size.pt == 16 and s.font.bold is False
    pf = s.paragraph_format
    assert pf.first_line_indent.twips == 630 and pf.line_spacing.twips == 579 and pf.widow_control is False
    assert s.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"


def test_defaults_name_one_font_at_the_official_size_and_grid() -> None:
    styles = open_docx(ooxml.skeleton().docx("")).styles.element
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = rpr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "cs")} == {"仿宋"}
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "32" and rpr.find(qn("w:spacing")).get(qn("w:val")) == "-5"
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    spacing = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule")), spacing.get(qn("w:after"))) == ("579", "exact", "0")


def test_package_parts_are_all_typed_and_related() -> None:
    body = wml.paragraph(wml.run("正文"), wml.ppr(section=ooxml.page_section()))
    sk = ooxml.skeleton(footers=ooxml.page_number_footers() + (footer_xml(), footer_xml()),
                        section=ooxml.page_section(footers=NO_FOOTERS, even_page=True))
    z = zipfile.ZipFile(io.BytesIO(sk.docx(body)))
    names = set(z.namelist())
    types = etree.fromstring(z.read("[Content_Types].xml"))
    overrides = {o.get("PartName").lstrip("/") for o in types.iter(f"{CT}Override")}
    assert overrides == names - {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"}
    for rels, folder in (("_rels/.rels", ""), ("word/_rels/document.xml.rels", "word/")):
        targets = {r.get("Id"): folder + r.get("Target") for r in etree.fromstring(z.read(rels)).iter(f"{PR}Relationship")}
        assert set(targets.values()) <= names
    d = open_docx(z.fp.getvalue())  # type: ignore[union-attr]
    first, last = d.sections
    assert first.footer.paragraphs[0].text == "— 1 —" and last.footer.paragraphs[0].text == ""
    assert last.start_type == WD_SECTION.EVEN_PAGE
    assert d.paragraphs[0].text == "正文"


def test_documents_are_deterministic_and_stamped_with_fixed_times() -> None:
    sk = ooxml.skeleton()
    body = wml.paragraph(wml.run("同样的内容"))
    when = datetime(2020, 4, 9, tzinfo=timezone.utc)
    first, second = sk.docx(body, "标" * 300 + "&", when), ooxml.skeleton().docx(body, "标" * 300 + "&", when)
    assert first == second
    z = zipfile.ZipFile(io.BytesIO(first))
    assert z.namelist()[0] == "[Content_Types].xml"
    assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    core = z.read("docProps/core.xml").decode()
    assert "2020-04-09T00:00:00Z" in core and "标" * 255 + "</dc:title>" in core
    d = open_docx(first)
    assert d.paragraphs[0].text == "同样的内容" and d.core_properties.author == "plancc"


def test_paginate_moves_kept_blocks_and_splits_the_rest() -> None:
    page = 22 * 579
    assert paginate([Block(22, 579)]).page == 1
    assert paginate([Block(23, 579)]).page == 2
    # a heading kept with the next paragraph moves with it when only one line is left
    at = paginate([Block(21, 579), Block(1, 579, keep_next=True), Block(3, 579)], page)
    assert (at.page, at.used) == (2, 4 * 579)
    # widow control is off: a paragraph may leave one line behind
    at = paginate([Block(21, 579), Block(3, 579)], page)
    assert (at.page, at.used) == (2, 2 * 579)
