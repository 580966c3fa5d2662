"""python-docx / OOXML helpers shared by every Word renderer: page, styles, fonts, footers, sections.

python-docx has no API for fields (PAGE), the document grid, the eastAsia font slot, paragraph
borders or row splitting, and its default template is US Letter with theme fonts that override
explicit East Asian fonts. The set-up of a document (its skeleton) lives here; bulk body text and
tables are written as XML text by `plancc.render.wml`, with the same numbers.

Units: sizes in points, lengths in twips (1/20 pt) unless a name says otherwise.
The layout numbers follow GB/T 9704-2012: A4, margins 37/35/28/26 mm, 22 lines of 28 characters of
三号 (16 pt) text. The line pitch is exact (579 twips = 28.95 pt: 22 lines fill the 12756-twip text
block); 28 characters fit the 8844-twip line because every style tightens the character spacing by
0.25 pt (28 x 15.75 pt = 441 pt <= 442.2 pt; 29 would need 456.75 pt). Verified on LibreOffice renders.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from docx import Document as _new_docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.section import Section
from docx.shared import Twips
from lxml import etree

from plancc.render import wml
from plancc.render.package import document_bytes

# --- numbers -------------------------------------------------------------------------------------

SIZES: dict[str, float] = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18,
    "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9,
}
BODY_PT = 16.0  # 三号
PAGE_A4 = (11906, 16838)  # twips, portrait width x height


@dataclass(frozen=True)
class Margins:
    top: int
    bottom: int
    left: int
    right: int


GBT_MARGINS = Margins(top=2098, bottom=1984, left=1588, right=1474)  # 37/35/28/26 mm
TEXT_WIDTH = PAGE_A4[0] - GBT_MARGINS.left - GBT_MARGINS.right  # 8844 twips = 156 mm
TEXT_HEIGHT = PAGE_A4[1] - GBT_MARGINS.top - GBT_MARGINS.bottom  # 12756 twips = 225 mm
LINE_PITCH = 579  # twips: 22 lines per page
CHAR_SPACING = -5  # twips (-0.25 pt): 28 三号 characters per line
CHAR_PITCH = int(BODY_PT * 20) + CHAR_SPACING  # 315 twips: one 字 of body text
MM = 56.6929  # twips per millimetre

RED = "FF0000"
BLACK = "000000"

# Font names as offices have them; README.md (Fonts) lists free stand-ins.
FANGSONG = "仿宋"
HEITI = "黑体"
KAITI = "楷体"
SONGTI = "宋体"
XIAOBIAOSONG = "方正小标宋简体"

# Alternative names and charset for the font table, so Word substitutes sensibly when one is missing.
_FONT_TABLE: dict[str, tuple[str, str, str]] = {  # name: (altName, family, pitch)
    FANGSONG: ("FangSong", "modern", "fixed"),
    HEITI: ("SimHei", "modern", "fixed"),
    KAITI: ("KaiTi", "modern", "fixed"),
    SONGTI: ("SimSun", "auto", "variable"),
    XIAOBIAOSONG: ("FZXiaoBiaoSong-B05S", "script", "variable"),
}

# --- element order -------------------------------------------------------------------------------
# Child order of the OOXML elements we extend (ECMA-376 Part 1); Word rejects out-of-order children.

_RPR = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"
)
_PPR = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange"
)
_SECTPR = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
    "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"
)
_STYLE = (
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
    "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr",
    "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"
)


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def child(parent: etree._Element, tag: str, order: Sequence[str] | None = None, **attrs: str | int) -> etree._Element:
    """Get or create `w:<tag>` under `parent`, inserted in schema `order`; set `w:` attributes."""
    el = parent.find(qn(f"w:{tag}"))
    if el is None:
        el = OxmlElement(f"w:{tag}")
        later = set(order[order.index(tag) + 1 :]) if order and tag in order else set()
        for i, sib in enumerate(parent):
            if isinstance(sib.tag, str) and _local(sib) in later:
                parent.insert(i, el)
                break
        else:
            parent.append(el)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def _rpr(el: etree._Element) -> etree._Element:
    """The w:rPr of a style (created if missing), or `el` itself when it is one."""
    return el if _local(el) == "rPr" else child(el, "rPr", _STYLE)


def _ppr(el: etree._Element) -> etree._Element:
    """The w:pPr of a style (created if missing), or `el` itself when it is one."""
    return el if _local(el) == "pPr" else child(el, "pPr", _STYLE)


# --- fonts ---------------------------------------------------------------------------------------


def set_fonts(rpr: etree._Element, font: str) -> None:
    """Name `font` in all four slots (ascii, hAnsi, eastAsia, cs), drop theme fonts, hint eastAsia.

    With one font in every slot, digits, quotes and dashes stay in the body font (no Times New Roman
    fallback), and the eastAsia hint makes Word give ambiguous characters (“ ” — …) the CJK glyph.
    """
    rpr = _rpr(rpr)
    fonts = child(rpr, "rFonts", _RPR)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), font)
    fonts.set(qn("w:hint"), "eastAsia")


def set_rpr(
    el: etree._Element,
    font: str | None = None,
    size_pt: float | None = None,
    bold: bool | None = None,
    color: str | None = None,
    spacing: int | None = None,
    lang: str | None = None,
) -> None:
    """Character properties on a style or rPrDefault element; None leaves a property alone.
    `spacing` is in twips. (Runs are written with `wml.rpr`.)"""
    rpr = _rpr(el)
    if font is not None:
        set_fonts(rpr, font)
    if bold is not None:
        for tag in ("b", "bCs"):
            b = child(rpr, tag, _RPR)
            if bold:
                b.attrib.pop(qn("w:val"), None)
            else:
                b.set(qn("w:val"), "0")
    if color is not None:
        child(rpr, "color", _RPR, val=color)
    if spacing is not None:
        child(rpr, "spacing", _RPR, val=spacing)
    if size_pt is not None:
        half = str(int(round(size_pt * 2)))
        child(rpr, "sz", _RPR, val=half)
        child(rpr, "szCs", _RPR, val=half)
    if lang is not None:
        child(rpr, "lang", _RPR, val=lang, eastAsia=lang, bidi="ar-SA")


# --- paragraphs ----------------------------------------------------------------------------------


def set_asian_layout(ppr: etree._Element) -> None:
    """Layout switches for Chinese text on a w:pPr: widow/orphan control off (keeps 22 lines a page)
    and no extra space between CJK and Latin/digits (keeps the character grid)."""
    child(ppr, "widowControl", _PPR, val=0)
    child(ppr, "autoSpaceDE", _PPR, val=0)
    child(ppr, "autoSpaceDN", _PPR, val=0)


def add_paragraph_style(
    document: Document, name: str, font: str = FANGSONG, size_pt: float = BODY_PT, bold: bool = False,
    color: str = BLACK, outline_level: int | None = None, base: str = "Normal", spacing: int | None = None,
    **layout: object,
) -> None:
    """A named paragraph style (shown in Word's style list) with all four font slots set.

    `layout` takes the keyword arguments of `wml.ppr`; `outline_level` 0-8 puts paragraphs of this
    style in Word's navigation pane."""
    from docx.enum.style import WD_STYLE_TYPE

    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[base]
    style.quick_style = True
    set_rpr(style.element, font, size_pt, bold, color, spacing)
    ppr = element(wml.ppr(outline=outline_level, **layout))  # type: ignore[arg-type]
    style.element.replace(child(style.element, "pPr", _STYLE), ppr)


def element(xml: str) -> etree._Element:
    """One WordprocessingML element written as text (`plancc.render.wml`), as python-docx's class."""
    return parse_xml(_FIRST_TAG.sub(_DECLARE, xml, count=1))


_FIRST_TAG = re.compile(r"^<w:(\w+)")
_DECLARE = rf'<w:\1 xmlns:w="{wml.W_NS}"'


# --- sections ------------------------------------------------------------------------------------


def set_page(section: Section, margins: Margins = GBT_MARGINS, landscape: bool = False,
             header: int | None = None, footer: int | None = None) -> None:
    """A4 page with `margins` (twips, given for portrait; landscape turns them with the page)."""
    w, h = PAGE_A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Twips(h), Twips(w)) if landscape else (Twips(w), Twips(h))
    m = Margins(margins.left, margins.right, margins.bottom, margins.top) if landscape else margins
    section.top_margin, section.bottom_margin = Twips(m.top), Twips(m.bottom)
    section.left_margin, section.right_margin = Twips(m.left), Twips(m.right)
    section.gutter = Twips(0)
    if header is not None:
        section.header_distance = Twips(header)
    if footer is not None:
        section.footer_distance = Twips(footer)


def set_doc_grid(section: Section, line_pitch: int = LINE_PITCH, grid_type: str | None = "lines", char_space: int | None = None) -> None:
    """The section's document grid (w:docGrid): `grid_type` lines / linesAndChars / snapToChars or
    None (no grid); `char_space` in 1/4096 pt relative to the Normal font size."""
    grid = child(section._sectPr, "docGrid", _SECTPR, linePitch=line_pitch)
    if grid_type:
        grid.set(qn("w:type"), grid_type)
    else:
        grid.attrib.pop(qn("w:type"), None)
    if char_space is not None:
        grid.set(qn("w:charSpace"), str(char_space))


def add_section(document: Document, landscape: bool | None = None, new_page: bool = True, even_page: bool = False) -> Section:
    """Start a new section (on a new page, or the next even page), optionally turning the page.

    Unlike python-docx's `add_section`, the break goes into the last paragraph when there is one, so
    no empty paragraph (a line of text) is added. Margins, grid and footers carry over."""
    from docx.section import Section as _Section

    body = document.element.body
    sentinel = body.get_or_add_sectPr()
    last = body[-2] if len(body) > 1 else None
    if last is not None and _local(last) == "p" and (last.pPr is None or last.pPr.sectPr is None):
        last.get_or_add_pPr()._insert_sectPr(sentinel.clone())
        for ref in sentinel.xpath("w:headerReference|w:footerReference"):
            sentinel.remove(ref)
    else:
        body.add_section_break()
    start = WD_SECTION.EVEN_PAGE if even_page else WD_SECTION.NEW_PAGE if new_page else WD_SECTION.CONTINUOUS
    section = _Section(sentinel, document.part)
    section.start_type = start
    if landscape is not None and landscape != (section.orientation == WD_ORIENT.LANDSCAPE):
        set_landscape(section, landscape)
    return section


def set_landscape(section: Section, landscape: bool = True) -> None:
    """Turn a section's page, swapping its size and margins so the binding edge stays put."""
    want = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    if section.orientation == want:
        return
    w, h = section.page_width, section.page_height
    t, b, l, r = section.top_margin, section.bottom_margin, section.left_margin, section.right_margin
    section.orientation = want
    section.page_width, section.page_height = h, w
    if landscape:
        section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = r, l, t, b
    else:
        section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = l, r, b, t


def set_even_odd_footers(document: Document, on: bool = True) -> None:
    """Different headers/footers on even and odd pages (w:evenAndOddHeaders in settings)."""
    document.settings.odd_and_even_pages_header_footer = on


def page_number_footers(
    section: Section, font: str = SONGTI, size_pt: float = 14, inset: int = 280, line: int | None = 280,
    before: str = "— ", after: str = " —", distance: int | None = None,
) -> None:
    """"— N —" page numbers (`before` PAGE `after`): odd pages right, even pages left, `inset` twips in
    from the text edge (1 字 of 四号 by default), footer `distance` twips above the paper's bottom
    edge. Needs `set_even_odd_footers(document)`."""
    if distance is not None:
        section.footer_distance = Twips(distance)
    props = wml.rpr(font, size_pt)
    runs = (wml.run(before, props) if before else "") + wml.field("PAGE", "1", props) + (wml.run(after, props) if after else "")
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        left, right = (inset, 0) if align == "left" else (0, inset)
        p = wml.paragraph(runs, wml.ppr(align=align, first_line=0, left=left, right=right, before=0, after=0, line=line))
        box = footer._element
        for old in box.findall(qn("w:p")):
            box.remove(old)
        box.append(element(p))


def blank_footers(section: Section) -> None:
    """No page number in this section (both odd and even footers empty, not linked)."""
    for footer in (section.footer, section.even_page_footer, section.first_page_footer):
        footer.is_linked_to_previous = False
        for p in footer.paragraphs:
            for r in list(p.runs):
                r._r.getparent().remove(r._r)


# --- document ------------------------------------------------------------------------------------

def new_document(
    font: str = FANGSONG,
    size_pt: float = BODY_PT,
    landscape: bool = False,
    margins: Margins = GBT_MARGINS,
    line: int | None = LINE_PITCH,
    char_spacing: int | None = CHAR_SPACING,
    grid_type: str | None = None,
    lang: str = "zh-CN",
) -> Document:
    """An empty A4 document set up for Chinese official text.

    - page: A4, GB/T 9704 margins (37/35/28/26 mm), document grid pitch of 22 lines; the grid type
      stays "default" (no snapping) because LibreOffice snaps every line taller than the pitch to two
      grid lines, while exact line heights already give 22 lines in Word and LibreOffice;
    - styles: every style and the document defaults name `font` in all four slots (theme fonts are
      removed from styles.xml; the theme's East Asian fonts become `font`; themeFontLang is zh-CN),
      language `lang`, black text; Normal is `size_pt` with an exact `line` height (twips) and
      `char_spacing` (twips), no space before/after, widow/orphan control off;
    - parts python-docx's template carries but a generated document must not (a thumbnail of the
      template, stylesWithEffects, customXml) are dropped.
    """
    document = _new_docx()
    _drop_template_parts(document)
    _clean_styles(document, font, size_pt, line, char_spacing, lang)
    _clean_theme(document, font)
    _clean_settings(document, lang)
    _font_table(document)
    section = document.sections[0]
    set_page(section, margins, landscape)
    set_doc_grid(section, line if line else LINE_PITCH, grid_type)
    body = document.element.body
    for p in body.findall(qn("w:p")):  # the template's empty first paragraph, if any
        body.remove(p)
    return document


def _drop_template_parts(document: Document) -> None:
    unwanted = ("/thumbnail", "/stylesWithEffects", "/customXml")
    for rels in (document.part.package.rels, document.part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(unwanted):
                del rels[rid]


def _clean_styles(document: Document, font: str, size_pt: float, line: int | None, char_spacing: int | None, lang: str) -> None:
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):  # theme fonts would override the explicit fonts
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{slot}"), font)
        fonts.set(qn("w:hint"), "eastAsia")
    for color in styles.iter(qn("w:color")):  # the template colours its headings blue
        color.attrib.pop(qn("w:themeColor"), None)
        color.attrib.pop(qn("w:themeShade"), None)
        color.set(qn("w:val"), BLACK)
    doc_defaults = styles.find(qn("w:docDefaults"))
    rpr_default = doc_defaults.find(qn("w:rPrDefault"))
    set_rpr(rpr_default.find(qn("w:rPr")), font, size_pt, color=None, spacing=char_spacing, lang=lang)
    ppr_default = doc_defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for el in list(ppr_default):
        ppr_default.remove(el)
    set_asian_layout(ppr_default)
    spacing = child(ppr_default, "spacing", _PPR, before=0, after=0)
    if line:
        spacing.set(qn("w:line"), str(line))
        spacing.set(qn("w:lineRule"), "exact")
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) not in ("paragraph", "character", "table"):
            continue
        rpr = style.find(qn("w:rPr"))
        if rpr is not None:
            set_rpr(rpr, font, lang=lang)
        if style.get(qn("w:type")) == "paragraph":
            set_asian_layout(_ppr(style))
    normal = document.styles["Normal"]
    set_rpr(normal.element, font, size_pt, color=BLACK, spacing=char_spacing, lang=lang)
    pf = normal.paragraph_format
    pf.space_before = pf.space_after = Twips(0)
    if line:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Twips(line)
    pf.widow_control = False


def _clean_theme(document: Document, font: str) -> None:
    theme = next((p for p in document.part.package.iter_parts() if p.partname.endswith("/theme1.xml")), None)
    if theme is None:
        return
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    root = etree.fromstring(theme.blob)
    for scheme in root.iter(f"{{{a}}}majorFont", f"{{{a}}}minorFont"):
        for el in list(scheme):
            name = etree.QName(el).localname
            if name in ("latin", "ea", "cs"):
                el.set("typeface", font if name != "cs" else "")
            elif name == "font" and el.get("script") in ("Jpan", "Hans", "Hant", "Hang"):
                if el.get("script") == "Hans":
                    el.set("typeface", font)
                else:
                    scheme.remove(el)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _clean_settings(document: Document, lang: str) -> None:
    settings = document.settings.element
    tfl = settings.find(qn("w:themeFontLang"))
    if tfl is not None:
        tfl.set(qn("w:val"), "en-US")
        tfl.set(qn("w:eastAsia"), lang)
    rsids = settings.find(qn("w:rsids"))
    if rsids is not None:
        settings.remove(rsids)
    for el in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(el)


def _font_table(document: Document) -> None:
    part = next((p for p in document.part.package.iter_parts() if p.partname.endswith("/fontTable.xml")), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    present = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, (alt, family, pitch) in _FONT_TABLE.items():
        if name in present:
            continue
        f = etree.SubElement(root, qn("w:font"))
        f.set(qn("w:name"), name)
        for tag, val in (("altName", alt), ("charset", "86"), ("family", family), ("pitch", pitch)):
            etree.SubElement(f, qn(f"w:{tag}")).set(qn("w:val"), val)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def save_docx(document: Document, when: datetime | None = None, title: str | None = None) -> bytes:
    """The document as .docx bytes, byte-identical for the same content: fixed core properties
    (creator plancc, revision 1, created/modified `when` or 2000-01-01), sorted zip entries, fixed times."""
    return document_bytes(document, title or "", when)
