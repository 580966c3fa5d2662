"""The set-up every plancc Word document shares: page, fonts, styles, page-number footers.

The layout numbers follow GB/T 9704-2012: A4, margins 37/35/28/26 mm, 22 lines of 28 characters of
三号 (16 pt) text. The line pitch is exact (579 twips = 28.95 pt: 22 lines fill the 12756-twip text
block); 28 characters fit the 8844-twip line because the document defaults tighten the character
spacing by 0.25 pt (28 x 15.75 pt = 441 pt <= 442.2 pt; 29 would need 456.75 pt). Verified on
LibreOffice renders.

Every style and the document defaults name one font in all four slots (ascii, hAnsi, eastAsia, cs)
and no theme font, so digits, quotes and dashes stay in the body font; widow/orphan control is off
and no extra space is put between CJK and Latin text, which keeps the line and character grid.
The parts are written as text by `plancc.render.wml` and packed by `plancc.render.package`.

Units: sizes in points, lengths in twips (1/20 pt) unless a name says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from plancc.render import wml
from plancc.render.package import PAGE_FOOTERS, Skeleton, Style, font_table_xml, footer_xml, settings_xml, styles_xml

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
FONT_TABLE: dict[str, tuple[str, str, str]] = {  # name: (altName, family, pitch)
    FANGSONG: ("FangSong", "modern", "fixed"),
    HEITI: ("SimHei", "modern", "fixed"),
    KAITI: ("KaiTi", "modern", "fixed"),
    SONGTI: ("SimSun", "auto", "variable"),
    XIAOBIAOSONG: ("FZXiaoBiaoSong-B05S", "script", "variable"),
}


LANG = "zh-CN"
HEADER = 720  # header distance from the top edge, twips (no header is used)


def page_section(landscape: bool = False, footer: int = 720, footers: tuple[str, str] = PAGE_FOOTERS,
                 even_page: bool = False) -> str:
    """The properties of a section (w:sectPr): A4 with the GB/T 9704 margins, turned with the page in
    landscape so the binding edge stays put; the footer `footer` twips above the paper's edge; the
    (odd, even) footer references; `even_page` starts the section on the next even page. The
    document grid only sets the line pitch: LibreOffice snaps every line taller than the pitch to two
    grid lines when the grid is on, while exact line heights already give 22 lines a page."""
    w, h = PAGE_A4
    m = GBT_MARGINS
    top, right, bottom, left = (m.left, m.top, m.right, m.bottom) if landscape else (m.top, m.right, m.bottom, m.left)
    size = f'<w:pgSz w:w="{h}" w:h="{w}" w:orient="landscape"/>' if landscape else f'<w:pgSz w:w="{w}" w:h="{h}"/>'
    return (
        f'<w:sectPr><w:footerReference w:type="default" r:id="{footers[0]}"/>'
        f'<w:footerReference w:type="even" r:id="{footers[1]}"/>'
        + ('<w:type w:val="evenPage"/>' if even_page else "")
        + f'{size}<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="{HEADER}" '
        f'w:footer="{footer}" w:gutter="0"/><w:cols w:space="720"/><w:docGrid w:linePitch="{LINE_PITCH}"/></w:sectPr>'
    )


def page_number_footers(before: str = "— ", after: str = " —", font: str = SONGTI, size_pt: float = 14,
                        inset: int = 280, line: int = 280) -> tuple[str, str]:
    """The odd and even page footers: `before` PAGE `after` (— N — by default) in `font`, odd pages
    on the right and even pages on the left, `inset` twips in from the edge of the text."""
    props = wml.rpr(font, size_pt)
    runs = (wml.run(before, props) if before else "") + wml.field("PAGE", "1", props) + (wml.run(after, props) if after else "")
    odd = wml.ppr(align="right", first_line=0, left=0, right=inset, before=0, after=0, line=line)
    even = wml.ppr(align="left", first_line=0, left=inset, right=0, before=0, after=0, line=line)
    return footer_xml(wml.paragraph(runs, odd)), footer_xml(wml.paragraph(runs, even))


def paragraph_style(id: str, font: str = FANGSONG, size_pt: float = BODY_PT, spacing: int | None = None,
                    outline_level: int | None = None, base: str = "Normal", **layout: object) -> Style:
    """A named paragraph style with `font` in all four slots, black, not bold; `layout` takes the
    keyword arguments of `wml.ppr`, and `outline_level` 0-8 lists its paragraphs in Word's navigation pane."""
    ppr = wml.ppr(outline=outline_level, **layout)  # type: ignore[arg-type]
    return Style(id, wml.rpr(font, size_pt, False, BLACK, spacing), ppr, base)


def skeleton(
    font: str = FANGSONG,
    size_pt: float = BODY_PT,
    line: int | None = LINE_PITCH,
    char_spacing: int | None = CHAR_SPACING,
    styles: Sequence[Style] = (),
    footers: Sequence[str] | None = None,
    section: str | None = None,
) -> Skeleton:
    """A kind of document: the defaults are `font` at `size_pt`, an exact `line` height (twips, None:
    single) and `char_spacing` (twips), no space before or after paragraphs; `styles` are added;
    `footers` default to page numbers, `section` to a portrait page."""
    rpr = wml.rpr(font, size_pt, spacing=char_spacing, lang=LANG)
    ppr = wml.ppr(line=line, before=0, after=0)
    return Skeleton(
        styles_xml(rpr, ppr, styles), settings_xml(LANG), font_table_xml(FONT_TABLE),
        tuple(footers or page_number_footers()), section or page_section(),
    )
