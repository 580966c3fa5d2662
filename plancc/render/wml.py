"""WordprocessingML written as text: runs, paragraphs and table pieces.

Building a long table cell by cell through python-docx costs hundreds of microseconds a cell (every
property is a lookup and an insertion in the element tree); writing the same XML as text costs a few.
The renderers compose body content with these functions and `plancc.render.package` puts it into a
document whose styles and footers `plancc.render.ooxml` sets up with them too. Elements and attributes
follow the child order of ECMA-376 Part 1, which Word insists on.

Lengths in twips, sizes in points, borders in eighths of a point.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator, Sequence

from plancc.archive import xml_escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_JC = {"left": "left", "center": "center", "right": "right", "justify": "both", "distribute": "distribute"}

Border = tuple[str, int, str]  # (val, size in eighths of a point, colour), e.g. ("single", 4, "000000")


@lru_cache(maxsize=256)
def rpr(
    font: str | None = None, size_pt: float | None = None, bold: bool | None = None, color: str | None = None,
    spacing: int | None = None, scale: int | None = None, lang: str | None = None,
) -> str:
    """Character properties: `font` in all four slots (ascii, hAnsi, eastAsia, cs), size, bold, colour
    (RRGGBB), character `spacing` (twips), width `scale` (percent) and language (`lang` for Latin and
    East Asian text). None leaves a property out."""
    out = []
    if font is not None:
        f = xml_escape(font)
        out.append(f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}" w:hint="eastAsia"/>')
    if bold is not None:
        out.append("<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    if color is not None:
        out.append(f'<w:color w:val="{color}"/>')
    if spacing is not None:
        out.append(f'<w:spacing w:val="{spacing}"/>')
    if scale is not None:
        out.append(f'<w:w w:val="{scale}"/>')
    if size_pt is not None:
        half = int(round(size_pt * 2))
        out.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    if lang is not None:
        out.append(f'<w:lang w:val="{lang}" w:eastAsia="{lang}" w:bidi="ar-SA"/>')
    return f"<w:rPr>{''.join(out)}</w:rPr>" if out else ""


def run(text: str, props: str = "") -> str:
    """One run of `text` with properties from `rpr`; tabs and line breaks become w:tab and w:br, and
    spaces at either end of a piece are kept (XML would drop them)."""
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                keep = ' xml:space="preserve"' if piece[0].isspace() or piece[-1].isspace() else ""
                parts.append(f"<w:t{keep}>{xml_escape(piece)}</w:t>")
    return f"<w:r>{props}{''.join(parts)}</w:r>"


@lru_cache(maxsize=1024)
def ppr(
    style: str | None = None,
    align: str | None = None,
    first_line: int | None = None,
    left: int | None = None,
    right: int | None = None,
    line: int | None = None,
    before: int | None = None,
    after: int | None = None,
    keep_next: bool = False,
    keep_lines: bool = False,
    page_break_before: bool = False,
    asian: bool = True,
    bottom: Border | None = None,
    bottom_space: int = 0,
    tab: int | None = None,
    tab_align: str = "right",
    outline: int | None = None,
    section: str | None = None,
) -> str:
    """Paragraph properties. `style` is a style id; `asian` switches widow/orphan control off and
    the extra space between CJK and Latin text off (keeps the character grid); `bottom` draws a rule
    `bottom_space` points below the text; `tab` sets one tab stop (twips, aligned `tab_align`);
    `outline` (0-8) lists the paragraph in Word's navigation pane; `section` (a w:sectPr) ends a section
    with this paragraph."""
    out = []
    if style:
        out.append(f'<w:pStyle w:val="{xml_escape(style)}"/>')
    if keep_next:
        out.append("<w:keepNext/>")
    if keep_lines:
        out.append("<w:keepLines/>")
    if page_break_before:
        out.append("<w:pageBreakBefore/>")
    if asian:
        out.append('<w:widowControl w:val="0"/>')
    if bottom is not None:
        val, size, color = bottom
        out.append(f'<w:pBdr><w:bottom w:val="{val}" w:sz="{size}" w:space="{bottom_space}" w:color="{color}"/></w:pBdr>')
    if tab is not None:
        out.append(f'<w:tabs><w:tab w:val="{tab_align}" w:pos="{tab}"/></w:tabs>')
    if asian:
        out.append('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')
    spacing = "".join(
        f' w:{k}="{v}"' for k, v in (("before", before), ("after", after), ("line", line)) if v is not None
    )
    if spacing:
        rule = ' w:lineRule="exact"' if line is not None else ""
        out.append(f"<w:spacing{spacing}{rule}/>")
    ind = []
    if left is not None:
        ind.append(f' w:left="{left}"')
    if right is not None:
        ind.append(f' w:right="{right}"')
    if first_line is not None:
        ind.append(f' w:hanging="{-first_line}"' if first_line < 0 else f' w:firstLine="{first_line}"')
    if ind:
        out.append(f"<w:ind{''.join(ind)}/>")
    if align is not None:
        out.append(f'<w:jc w:val="{_JC[align]}"/>')
    if outline is not None:
        out.append(f'<w:outlineLvl w:val="{outline}"/>')
    if section is not None:
        out.append(section)
    return f"<w:pPr>{''.join(out)}</w:pPr>" if out else ""


def field(instr: str, result: str, props: str = "") -> str:
    """A complex field (begin, instruction, separate, shown result, end), e.g. PAGE: the result shows
    before any update, and Word and LibreOffice recompute it when laying out."""
    code = xml_escape(f" {instr.strip()} ")
    return (
        f'<w:r>{props}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{props}<w:instrText xml:space="preserve">{code}</w:instrText></w:r>'
        f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(result, props)}"
        f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def paragraph(runs: Iterable[str] | str = (), props: str = "") -> str:
    """A paragraph of already written runs."""
    return f"<w:p>{props}{runs if isinstance(runs, str) else ''.join(runs)}</w:p>"


# --- tables --------------------------------------------------------------------------------------


def borders(tag: str, sides: dict[str, Border | None]) -> str:
    """A border box (w:tblBorders, w:tcBorders); None removes a side. Sides in schema order."""
    order = ("top", "left", "bottom", "right", "insideH", "insideV")
    out = []
    for side in order:
        if side not in sides:
            continue
        spec = sides[side]
        if spec is None:
            out.append(f'<w:{side} w:val="nil"/>')
        else:
            val, size, color = spec
            out.append(f'<w:{side} w:val="{val}" w:sz="{size}" w:space="0" w:color="{color}"/>')
    return f"<w:{tag}>{''.join(out)}</w:{tag}>"


def table_properties(widths: Sequence[int], sides: dict[str, Border | None], margin: int, center: bool = True) -> str:
    """w:tblPr and w:tblGrid of a fixed-layout table with cell margins `margin` left and right."""
    pr = (
        f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        + ('<w:jc w:val="center"/>' if center else "")
        + borders("tblBorders", sides)
        + '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{margin}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        "</w:tblPr>"
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return f"{pr}<w:tblGrid>{grid}</w:tblGrid>"


def row(cells: Iterable[str], header: bool = False, cant_split: bool = False) -> str:
    """A table row; `header` repeats it on every page, `cant_split` keeps it on one page."""
    flags = ("<w:cantSplit/>" if cant_split else "") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr>{f'<w:trPr>{flags}</w:trPr>' if flags else ''}{''.join(cells)}</w:tr>"


def cell(
    content: str, width: int, span: int = 1, merge: str | None = None, fill: str | None = None, valign: str = "center",
) -> str:
    """A table cell holding `content` (paragraphs; an empty paragraph when there is none).
    `merge` is "restart" or "continue" for a vertically merged cell, `fill` a background colour."""
    pr = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        pr.append(f'<w:gridSpan w:val="{span}"/>')
    if merge == "restart":
        pr.append('<w:vMerge w:val="restart"/>')
    elif merge == "continue":
        pr.append("<w:vMerge/>")
    if fill:
        pr.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
    if valign:
        pr.append(f'<w:vAlign w:val="{valign}"/>')
    return f"<w:tc><w:tcPr>{''.join(pr)}</w:tcPr>{content or '<w:p/>'}</w:tc>"


def table(properties: str, rows: Iterable[str]) -> Iterator[str]:
    """A table, as pieces of text (a row each): a long table need not be whole in memory."""
    yield f"<w:tbl>{properties}"
    yield from rows
    yield "</w:tbl>"
