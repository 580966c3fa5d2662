"""The shared OOXML helpers: page set-up, fonts, fields, table flags, sections, deterministic saving."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

import docx
from docx.oxml.ns import qn

from plancc.render import ooxml
from plancc.render.pagination import Block, paginate


def test_new_document_is_a4_with_gbt9704_margins_and_no_paragraphs() -> None:
    d = ooxml.new_document()
    s = d.sections[0]
    assert (s.page_width.twips, s.page_height.twips) == ooxml.PAGE_A4
    assert (s.top_margin.twips, s.bottom_margin.twips, s.left_margin.twips, s.right_margin.twips) == (2098, 1984, 1588, 1474)
    assert d.paragraphs == []


def test_page_number_footers_hold_a_page_field() -> None:
    d = ooxml.new_document()
    ooxml.set_even_odd_footers(d)
    ooxml.page_number_footers(d.sections[0], inset=280)
    odd, even = d.sections[0].footer.paragraphs, d.sections[0].even_page_footer.paragraphs
    assert [p.text for p in odd + even] == ["— 1 —", "— 1 —"]
    assert "PAGE" in "".join(t.text for t in odd[0]._p.iter(qn("w:instrText")))
    assert odd[0].alignment == 2 and even[0].alignment == 0  # odd pages right, even pages left
    assert odd[0].paragraph_format.right_indent.twips == 280 and even[0].paragraph_format.left_indent.twips == 280
    fonts = odd[0].runs[0]._r.rPr.rFonts
    assert {fonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {"宋体"}


def test_paragraph_styles_set_every_font_slot_and_layout() -> None:
    d = ooxml.new_document()
    ooxml.add_paragraph_style(d, "一级标题", ooxml.HEITI, 16, outline_level=0, first_line=630, line=579)
    style = d.styles["一级标题"]
    fonts = style.element.rPr.rFonts
    assert {fonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {"黑体"}
    pf = style.paragraph_format
    assert pf.first_line_indent.twips == 630 and pf.line_spacing.twips == 579 and pf.widow_control is False
    assert style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"


def test_sections_turn_pages_without_adding_a_line() -> None:
    d = ooxml.new_document()
    d.add_paragraph("前")
    s = ooxml.add_section(d, landscape=True)
    assert len(d.paragraphs) == 1 and len(d.sections) == 2
    assert s.page_width.twips == ooxml.PAGE_A4[1]
    assert (s.top_margin.twips, s.left_margin.twips) == (1474, 2098)  # the binding edge stays put
    even = ooxml.add_section(d, even_page=True)
    assert even._sectPr.find(qn("w:type")).get(qn("w:val")) == "evenPage"


def test_saving_is_deterministic_and_stamps_fixed_times() -> None:
    def build() -> bytes:
        d = ooxml.new_document()
        d.add_paragraph("同样的内容")
        return ooxml.save_docx(d, when=datetime(2020, 4, 9, tzinfo=timezone.utc), title="标" * 300)

    first, second = build(), build()
    assert first == second
    z = zipfile.ZipFile(io.BytesIO(first))
    assert z.namelist()[0] == "[Content_Types].xml"
    assert "2020-04-09T00:00:00Z" in z.read("docProps/core.xml").decode()
    assert docx.Document(io.BytesIO(first)).paragraphs[0].text == "同样的内容"


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
